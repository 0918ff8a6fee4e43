"""The audit log finds every record about a person (an administrator's filter, a disclosure of what
Tsunagu holds): each app registers its kinds of record (tsunagu/audit/records.py, `register_records_of`).
A guard fails when a new kind of record reaches a person and no app registered it."""

import pytest
from django.apps import apps

from tsunagu.audit.models import AuditAction
from tsunagu.audit.records import records_concerning, registered_record_types
from tsunagu.audit.services import record_event
from tsunagu.people.models import Person
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory

# Kinds that reach a person but are not records about them, with the reason.
NOT_RECORDS: dict[str, str] = {
    # Parts of one record, written and audited with it (the event names the assessment, plan or evaluation).
    "cases.familymember": "a row of its assessment",
    "cases.workhistory": "a row of its assessment",
    "cases.plansupport": "a row of its plan",
    "cases.goalachievement": "a row of its evaluation",
}


def _records_about_people() -> set[str]:
    """Every model of Tsunagu that reaches a Person through its foreign keys (history tables aside)."""
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("tsunagu.") and not m.__name__.startswith("Historical")
    ]
    reaching = {Person}
    grew = True
    while grew:
        grew = False
        for model in models:
            if model in reaching:
                continue
            targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
            if targets & reaching:
                reaching.add(model)
                grew = True
    return {model._meta.label_lower for model in reaching}


def test_every_kind_of_record_about_a_person_is_registered_with_the_audit_log():
    missing = _records_about_people() - registered_record_types() - set(NOT_RECORDS)
    assert not missing, (
        f"The audit log cannot find {sorted(missing)} by person: register them in the owning app's "
        "audit_records.py (tsunagu.audit.records.register_records_of), or add them to NOT_RECORDS with the reason."
    )


@pytest.mark.django_db
def test_an_administrator_filtering_by_a_person_finds_the_events_about_their_placement_and_attendance(
    consultation_worker,
):
    placement = PlacementFactory(person=PersonFactory())
    other = PlacementFactory(person=PersonFactory())
    ours = record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=placement)
    theirs = record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=other)
    condition = records_concerning(person_id=placement.person_id).condition
    from tsunagu.audit.models import AuditEvent

    found = set(AuditEvent.objects.filter(condition).values_list("pk", flat=True))
    assert ours.pk in found and theirs.pk not in found


@pytest.mark.django_db
def test_filtering_by_a_case_reference_finds_the_events_about_its_referral(consultation_worker, partner_org):
    from tsunagu.network.models import Referral, ReferralBasis
    from tsunagu.people.models import ConsentScope
    from tsunagu.people.services import record_consent

    case = CaseFactory(worker=consultation_worker)
    organisation = partner_org
    consent = record_consent(
        person=case.person, actor=consultation_worker, scope=ConsentScope.values[0], signed_on=case.intake_date,
        shared_with=[organisation],
    )  # fmt: skip
    referral = Referral.objects.create(
        case=case, sender=consultation_worker.organisation, sent_by=consultation_worker, receiver=organisation, need="法律相談",
        sent_on=case.intake_date, respond_by=case.intake_date, basis=ReferralBasis.CONSENT, consent=consent,
    )  # fmt: skip
    event = record_event(action=AuditAction.CREATE, actor=consultation_worker, target=referral)
    condition = records_concerning(case_reference=case.reference).condition
    from tsunagu.audit.models import AuditEvent

    assert AuditEvent.objects.filter(condition, pk=event.pk).exists()
