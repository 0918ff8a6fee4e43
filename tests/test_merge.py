"""Merging duplicate records moves every row that points at the duplicate, each app moving its own
(people/merging.py). One test per kind of row, so that a step that stops moving its rows fails here,
and a guard that fails when a new relation to Person is handled by no merge step."""

import pytest

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import Case, TransferRequest, TransferStatus
from tsunagu.people.merging import relations_moved
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember, Person, Stage, StageChange
from tsunagu.people.services import merge_people
from tsunagu.programs.models import Placement
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory

pytestmark = pytest.mark.django_db

# Relations to Person that no merge step moves, on purpose, with the reason.
NOT_MOVED = {
    # A record merged earlier into the duplicate keeps pointing at it: the chain still resolves
    # (duplicate.merged_into is the record kept), and rewriting it would rewrite that earlier merge.
    "people.Person.merged_into": "the chain of earlier merges is kept as it was",
}


def _relation_names() -> set[str]:
    """Every FK, M2M and one-to-one pointing at Person, as "app_label.Model.field"."""
    return {f"{rel.related_model._meta.label}.{rel.field.name}" for rel in Person._meta.related_objects}


def test_every_relation_to_a_person_is_moved_by_a_merge_step_or_left_on_purpose():
    unhandled = _relation_names() - relations_moved() - set(NOT_MOVED)
    assert not unhandled, (
        f"No merge step moves {sorted(unhandled)}: register one in the owning app's AppConfig.ready() "
        "(tsunagu.people.merging.register_merge_step), or add the relation to NOT_MOVED with the reason."
    )


def test_the_merge_steps_name_only_relations_that_exist():
    assert relations_moved() <= _relation_names()


@pytest.fixture
def pair(consultation_worker):
    """The same person twice, each with a case at the supervisor's office (a merge is of people in scope)."""
    return tuple(
        CaseFactory(person=PersonFactory(family_name="山田"), worker=consultation_worker).person for _ in "12"
    )


def _merge(pair, supervisor) -> Person:
    """Merge the pair's second record into its first; return the record kept."""
    keep, duplicate = pair
    merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    return keep


def test_a_merge_moves_the_duplicates_cases(pair, supervisor):
    case = pair[1].cases.get()
    keep = _merge(pair, supervisor)
    assert Case.objects.get(pk=case.pk).person == keep
    assert AuditEvent.objects.latest("id").detail["cases_moved"] == 1


def test_a_merge_moves_the_duplicates_transfer_requests(
    pair, supervisor, consultation_worker, other_hub_office
):
    request = TransferRequest.objects.create(
        person=pair[1],
        from_office=other_hub_office,
        to_office=consultation_worker.office,
        requested_by=consultation_worker,
        reason="転居",
        status=TransferStatus.DECLINED,
    )
    keep = _merge(pair, supervisor)
    assert TransferRequest.objects.get(pk=request.pk).person == keep


def test_a_pending_transfer_request_the_kept_record_already_has_stays_with_the_duplicate(
    pair, supervisor, consultation_worker, other_hub_office
):
    def pending(person) -> TransferRequest:
        return TransferRequest.objects.create(
            person=person,
            from_office=other_hub_office,
            to_office=consultation_worker.office,
            requested_by=consultation_worker,
            reason="転居",
        )

    kept_request, duplicate_request = pending(pair[0]), pending(pair[1])
    keep = _merge(pair, supervisor)
    assert list(keep.transfer_requests.all()) == [kept_request]
    assert TransferRequest.objects.get(pk=duplicate_request.pk).person == pair[1]


def test_a_merge_moves_the_duplicates_placements(pair, supervisor):
    placement = PlacementFactory(person=pair[1])
    keep = _merge(pair, supervisor)
    assert Placement.objects.get(pk=placement.pk).person == keep
    assert AuditEvent.objects.latest("id").detail["placements_moved"] == 1


def test_a_merge_moves_the_duplicates_household(pair, supervisor):
    member = HouseholdMember.objects.create(person=pair[1], name="山田 花子", relation="妻")
    keep = _merge(pair, supervisor)
    assert HouseholdMember.objects.get(pk=member.pk).person == keep


def test_a_merge_moves_the_duplicates_consents(pair, supervisor, consultation_worker):
    consent = Consent.objects.create(
        person=pair[1],
        scope=ConsentScope.APPLICATION,
        signed_on="2026-10-01",
        recorded_by=consultation_worker,
    )
    keep = _merge(pair, supervisor)
    assert Consent.objects.get(pk=consent.pk).person == keep


def test_a_merge_moves_the_duplicates_stage_changes(pair, supervisor, consultation_worker):
    change = StageChange.objects.create(
        person=pair[1],
        stage=Stage.SOCIAL_LIFE,
        changed_on="2026-10-01",
        reason="体験開始",
        recorded_by=consultation_worker,
    )
    keep = _merge(pair, supervisor)
    assert StageChange.objects.get(pk=change.pk).person == keep
