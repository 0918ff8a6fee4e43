"""The referral services (つなぎ): what they save, what they refuse and why, and who may act."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.tests.helpers import days_ago, today
from tsunagu.network import selectors_referrals as selectors
from tsunagu.network import services_referrals as services
from tsunagu.network.models import (
    AgendaCase,
    MeetingKind,
    Referral,
    ReferralBasis,
    ReferralOrigin,
    ReferralStatus,
)
from tsunagu.people.services import withdraw_consent
from tsunagu.testing.factories import MeetingFactory, UserFactory

from .conftest import refer


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_referral_with_the_persons_consent_is_sent_with_its_history_and_audit(
    referrals_world, consultation_worker
):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu, service=w.debt)

    assert referral.status == ReferralStatus.SENT
    assert referral.basis == ReferralBasis.CONSENT and referral.consent == w.consent
    assert referral.respond_by == today() + services.dt.timedelta(days=services.RESPONSE_DAYS)
    assert referral.sender_id == consultation_worker.organisation_id
    assert [(c.from_status, c.to_status) for c in referral.changes.all()] == [("", "sent")]
    assert AuditEvent.objects.filter(object_type="network.referral", object_id=str(referral.pk)).count() == 1


def test_a_referral_without_consent_or_support_council_is_refused_with_the_reason(
    referrals_world, consultation_worker
):
    w = referrals_world
    with pytest.raises(ValidationError) as refused:
        refer(consultation_worker, w.case, w.zoo)
    assert "receiver" in refused.value.message_dict
    assert "consent" in messages_of(refused.value) and "support council" in messages_of(refused.value)
    assert not Referral.objects.exists()


def test_a_withdrawn_consent_no_longer_covers_a_referral(referrals_world, consultation_worker):
    w = referrals_world
    withdraw_consent(
        consent=w.consent,
        actor=consultation_worker,
        withdrawn_on=days_ago(1),
        edit_version=w.consent.edit_version,
    )
    with pytest.raises(ValidationError) as refused:
        refer(consultation_worker, w.case, w.houterasu)
    assert "receiver" in refused.value.message_dict


def test_a_case_on_a_support_councils_list_is_referred_on_that_basis_with_the_meeting_and_date(
    referrals_world, consultation_worker, supervisor
):
    w = referrals_world
    council = MeetingFactory(organiser=supervisor, kind=MeetingKind.SUPPORT_COUNCIL, held_on=days_ago(10))
    AgendaCase.objects.create(meeting=council, case=w.case, added_by=supervisor)

    referral = refer(consultation_worker, w.case, w.zoo)

    assert referral.basis == ReferralBasis.SUPPORT_COUNCIL
    assert referral.council_meeting == council and referral.council_since == days_ago(10)
    # The meeting's basis gives the receiver no phone: that needs the person's consent.
    assert selectors.shared_phone(referral) == ""


def test_a_service_of_another_organisation_and_a_second_open_referral_are_refused(
    referrals_world, consultation_worker
):
    w = referrals_world
    with pytest.raises(ValidationError) as wrong_service:
        refer(consultation_worker, w.case, w.hello_work, service=w.debt)
    assert "service" in wrong_service.value.message_dict
    refer(consultation_worker, w.case, w.houterasu)
    with pytest.raises(ValidationError) as twice:
        refer(consultation_worker, w.case, w.houterasu)
    assert "already has an open referral" in messages_of(twice.value)


def test_a_worker_of_another_office_and_partner_staff_cannot_refer_the_case(referrals_world, partner_staff):
    w = referrals_world
    with pytest.raises(PermissionDenied):
        refer(w.onbetsu, w.case, w.houterasu)
    with pytest.raises(PermissionDenied):
        refer(partner_staff, w.case, w.houterasu)


def test_the_receivers_staff_accept_and_complete_and_every_step_is_kept(referrals_world, consultation_worker):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu, on=days_ago(20))

    services.answer_referral(actor=w.lawyer, referral=referral, status="accepted", on=days_ago(18))
    services.answer_referral(actor=w.lawyer, referral=referral, status="in_progress", on=days_ago(10))
    services.answer_referral(
        actor=w.lawyer, referral=referral, status="completed", on=days_ago(2), note="受任"
    )

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.responded_on == days_ago(18) and referral.closed_on == days_ago(2)
    steps = [(c.from_status, c.to_status, c.changed_by_id) for c in referral.changes.all()]
    assert steps == [
        ("", "sent", consultation_worker.pk),
        ("sent", "accepted", w.lawyer.pk),
        ("accepted", "in_progress", w.lawyer.pk),
        ("in_progress", "completed", w.lawyer.pk),
    ]


def test_declining_needs_a_reason_and_keeps_it(referrals_world, consultation_worker):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    with pytest.raises(ValidationError) as refused:
        services.answer_referral(actor=w.lawyer, referral=referral, status="declined")
    assert "note" in refused.value.message_dict

    services.answer_referral(actor=w.lawyer, referral=referral, status="declined", note="資力基準を超える")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED and referral.decline_reason == "資力基準を超える"


def test_a_referral_is_not_completed_before_it_is_accepted(referrals_world, consultation_worker):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    with pytest.raises(ValidationError) as refused:
        services.answer_referral(actor=w.lawyer, referral=referral, status="completed")
    assert "status" in refused.value.message_dict
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_partner_staff_of_another_organisation_can_neither_see_nor_answer(
    referrals_world, consultation_worker, partner_staff
):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    with pytest.raises(Http404):
        selectors.get_referral(partner_staff, referral.pk)
    with pytest.raises(PermissionDenied):
        services.answer_referral(actor=partner_staff, referral=referral, status="accepted")
    assert selectors.get_referral(w.lawyer, referral.pk) == referral


def test_the_sender_answers_only_for_a_receiver_without_staff_in_tsunagu(
    referrals_world, consultation_worker
):
    w = referrals_world
    to_lawyers = refer(consultation_worker, w.case, w.houterasu)
    with pytest.raises(PermissionDenied):
        services.answer_referral(actor=consultation_worker, referral=to_lawyers, status="accepted")

    to_hello_work = refer(consultation_worker, w.case, w.hello_work, need="職業相談")
    services.answer_referral(actor=consultation_worker, referral=to_hello_work, status="accepted")
    assert Referral.objects.get(pk=to_hello_work.pk).status == ReferralStatus.ACCEPTED


def test_the_sender_withdraws_with_a_reason_and_the_receiver_cannot(referrals_world, consultation_worker):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    with pytest.raises(PermissionDenied):
        services.withdraw_referral(actor=w.lawyer, referral=referral, note="x")
    with pytest.raises(ValidationError):
        services.withdraw_referral(actor=consultation_worker, referral=referral, note=" ")
    services.withdraw_referral(actor=consultation_worker, referral=referral, note="転居のため")
    assert Referral.objects.get().status == ReferralStatus.WITHDRAWN


def test_the_sender_is_told_of_unanswered_and_stalled_referrals_until_they_are_answered(
    referrals_world, consultation_worker
):
    w = referrals_world
    late = refer(consultation_worker, w.case, w.houterasu, on=days_ago(30), respond_by=days_ago(16))
    stalled = refer(consultation_worker, w.case, w.hello_work, on=days_ago(79), need="職業相談")
    services.answer_referral(actor=consultation_worker, referral=stalled, status="accepted", on=days_ago(75))

    overdue = selectors.overdue(consultation_worker)
    assert overdue.unanswered == [late] and overdue.stalled == [stalled]

    services.answer_referral(actor=w.lawyer, referral=late, status="accepted")
    services.answer_referral(actor=w.lawyer, referral=late, status="completed")
    services.answer_referral(actor=consultation_worker, referral=stalled, status="completed")
    assert selectors.overdue(consultation_worker).is_empty


def test_the_receiver_sees_the_phone_only_with_consent_and_never_a_protected_one(
    referrals_world, consultation_worker
):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    assert selectors.shared_phone(referral) == "0154-11-2222"
    w.case.person.is_dv_protected = True
    assert selectors.shared_phone(referral) == ""


def test_an_intake_handed_over_to_an_organisation_becomes_a_referral(consultation_worker, referrals_world):
    w = referrals_world
    case = services_intake(consultation_worker, w.houterasu, consent=True)
    referral = Referral.objects.get(case=case)
    assert referral.origin == ReferralOrigin.INTAKE_HANDOVER and referral.receiver == w.houterasu
    assert referral.basis == ReferralBasis.CONSENT


def test_an_intake_handed_over_without_the_persons_consent_is_refused_and_saves_nothing(
    consultation_worker, referrals_world
):
    w = referrals_world
    cases_before = w.case.__class__.objects.count()
    with pytest.raises(ValidationError) as refused:
        services_intake(consultation_worker, w.houterasu, consent=False)
    assert "handover_organisation" in refused.value.message_dict
    assert w.case.__class__.objects.count() == cases_before
    assert Referral.objects.count() == 0


def services_intake(actor, organisation, *, consent: bool):
    from tsunagu.cases import services as case_services
    from tsunagu.cases.tests.helpers import NEW_PERSON

    return case_services.register_intake(
        actor=actor, person_fields=NEW_PERSON,
        case_fields={"intake_date": days_ago(3), "route": "self", "screening_outcome": "handover",
                     "handover_target": "legal_aid", "handover_detail": "債務整理", "handover_organisation": organisation},
        concerns=["debt"], handover_consent=consent,
    )  # fmt: skip


def test_only_hub_staff_see_the_case_and_partners_a_referral_to_them(referrals_world, consultation_worker):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    hub_page = selectors.referral_page(consultation_worker, referral)
    partner_page = selectors.referral_page(w.lawyer, selectors.get_referral(w.lawyer, referral.pk))
    assert hub_page.sees_case and not partner_page.sees_case
    assert partner_page.phone and partner_page.people == [w.case.person_id]
    assert not UserFactory(roles=["statistician"]).has_perm("network.view_referral", referral)
