"""Casework services: the intake (a new person or one on record, concerns, route, consent).

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services
from tsunagu.cases.models import (
    Case,
    CaseStatus,
    Concern,
    HandoverTarget,
    ScreeningOutcome,
)
from tsunagu.cases.tests.helpers import (
    NEW_PERSON,
    assert_status,
    days_ago,
    field_errors,
    intake,
    nothing_saved,
    today,
)
from tsunagu.people.models import ConsentScope, Person
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- intake


def test_an_intake_for_a_new_person_saves_the_person_and_an_open_case(consultation_worker):
    case = intake(consultation_worker, wishes="仕事を探したい")
    assert case.person.full_name == "山田 太郎"
    assert case.office == consultation_worker.office
    assert case.received_by == consultation_worker
    assert case.worker == consultation_worker
    assert case.reference == f"{days_ago(60).year}-{case.pk:06d}"
    assert case.is_open
    assert_status(case, CaseStatus.INTAKE)


def test_an_intake_writes_audit_events_for_the_person_and_the_case(consultation_worker):
    case = intake(consultation_worker)
    created = set(
        AuditEvent.objects.filter(action=AuditAction.CREATE).values_list("object_type", "object_id")
    )
    assert {("people.person", str(case.person_id)), ("cases.case", str(case.pk))} <= created


def test_an_intake_for_someone_already_on_record_adds_a_case_to_that_person(consultation_worker):
    person = PersonFactory()
    first = CaseFactory(person=person, worker=consultation_worker, status=CaseStatus.CLOSED)
    case = intake(consultation_worker, person=person)
    assert case.person == person
    assert Person.objects.count() == 1
    assert set(person.cases.all()) == {first, case}


def test_an_intake_for_someone_whose_case_is_still_open_is_refused_naming_that_case(consultation_worker):
    person = PersonFactory()
    first = CaseFactory(person=person, worker=consultation_worker, status=CaseStatus.SUPPORT)
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, person=person)
    assert error.value.message_dict["person"] == [
        f"この方のケース {first.reference} はまだ終結していません。相談はそのケースに記録してください。"
    ]
    assert list(person.cases.all()) == [first]


def test_an_intake_for_someone_with_an_open_case_at_another_office_is_refused_too(
    consultation_worker, other_hub_office
):
    person = PersonFactory()
    CaseFactory(person=person, worker=consultation_worker, status=CaseStatus.CLOSED)
    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    elsewhere = CaseFactory(person=person, worker=onbetsu, status=CaseStatus.INTAKE)
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, person=person)
    assert error.value.message_dict["person"] == [
        "この方には他の事業所で支援中のケースがあります。進める前に主任相談支援員に相談してください。"
    ]
    assert elsewhere.reference not in str(error.value)
    assert person.cases.count() == 2


def test_a_case_that_ended_at_intake_does_not_stop_a_new_one(consultation_worker):
    person = PersonFactory()
    CaseFactory(person=person, worker=consultation_worker, status=CaseStatus.INFORMATION_ONLY)
    assert intake(consultation_worker, person=person).person == person


def test_an_intake_for_a_merged_record_is_refused(consultation_worker, supervisor):
    from tsunagu.people.services import merge_people

    keep, duplicate = (CaseFactory(worker=consultation_worker).person for _ in "12")
    merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, person=duplicate)
    assert field_errors(error.value) == {"person"}
    assert not duplicate.cases.exists() and keep.cases.count() == 2


def test_the_concerns_are_recorded_with_one_most_pressing(consultation_worker):
    case = intake(
        consultation_worker,
        concerns=[Concern.DEBT, Concern.HOUSING, Concern.DEBT],
        most_pressing=Concern.HOUSING,
    )
    assert sorted(case.concerns.values_list("concern", flat=True)) == [Concern.DEBT, Concern.HOUSING]
    assert list(case.concerns.filter(is_most_pressing=True).values_list("concern", flat=True)) == [
        Concern.HOUSING
    ]


def test_a_most_pressing_concern_that_was_not_marked_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, concerns=[Concern.DEBT], most_pressing=Concern.HOUSING)
    assert field_errors(error.value) == {"most_pressing"}
    assert nothing_saved()


@pytest.mark.parametrize("concerns", [[], ["astrology"]])
def test_an_intake_without_a_known_concern_is_refused_and_nothing_is_saved(consultation_worker, concerns):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, concerns=concerns)
    assert field_errors(error.value) == {"concerns"}
    assert nothing_saved()


def test_an_intake_dated_in_the_future_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, intake_date=today() + dt.timedelta(days=1))
    assert field_errors(error.value) == {"intake_date"}
    assert nothing_saved()


def test_an_intake_for_someone_born_in_the_future_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(
            consultation_worker, person_fields={**NEW_PERSON, "date_of_birth": today() + dt.timedelta(days=1)}
        )
    assert field_errors(error.value) == {"date_of_birth"}
    assert nothing_saved()


def test_an_intake_dated_before_the_person_was_born_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, person_fields={**NEW_PERSON, "date_of_birth": days_ago(30)})
    assert field_errors(error.value) == {"intake_date"}
    assert nothing_saved()


def test_an_intake_without_a_route_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, route="")
    assert "route" in field_errors(error.value)
    assert nothing_saved()


def test_a_visitor_without_their_relation_is_refused(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, visitor_name="山田 花子")
    assert field_errors(error.value) == {"visitor_relation"}
    assert nothing_saved()


def test_a_hand_over_without_saying_where_to_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, screening_outcome=ScreeningOutcome.HANDOVER)
    assert field_errors(error.value) == {"handover_target"}
    assert nothing_saved()


def test_a_hand_over_ends_the_case_on_its_intake_date(consultation_worker):
    case = intake(
        consultation_worker,
        screening_outcome=ScreeningOutcome.HANDOVER,
        handover_target=HandoverTarget.LEGAL_AID,
        handover_detail="法テラス釧路",
    )
    assert_status(case, CaseStatus.HANDED_OVER)
    assert case.closed_on == case.intake_date
    assert not case.is_open


def test_an_information_only_consultation_ends_as_information_only(consultation_worker):
    case = intake(
        consultation_worker,
        screening_outcome=ScreeningOutcome.INFORMATION_ONLY,
        handover_target=HandoverTarget.HELLO_WORK,
    )
    assert_status(case, CaseStatus.INFORMATION_ONLY)
    assert case.handover_target == ""
    assert not case.is_open


def test_a_signed_application_is_recorded_as_consent_to_use_the_information(consultation_worker):
    case = intake(consultation_worker, application_signed_on=days_ago(59))
    consent = case.person.consents.get()
    assert consent.scope == ConsentScope.APPLICATION
    assert consent.signed_on == days_ago(59)
    assert consent.is_active
    assert consent.recorded_by == consultation_worker


def test_an_intake_without_a_signed_application_records_no_consent(consultation_worker):
    case = intake(consultation_worker)
    assert not case.person.consents.exists()


def test_an_application_signed_before_intake_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, application_signed_on=days_ago(61))
    assert field_errors(error.value) == {"application_signed_on"}
    assert nothing_saved()


def test_a_status_given_at_intake_is_refused_because_status_follows_the_records(consultation_worker):
    with pytest.raises(TypeError, match="closed_on, status"):
        intake(consultation_worker, status=CaseStatus.CLOSED, closed_on=days_ago(1))
    assert nothing_saved()


def test_a_hand_set_status_is_put_right_by_refresh_status(case):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_on=days_ago(1))
    case.refresh_from_db()
    services.refresh_status(case)
    assert_status(case, CaseStatus.INTAKE)
    assert case.closed_on is None


def test_an_intake_can_be_assigned_to_another_worker_of_the_office(supervisor, consultation_worker):
    case = intake(supervisor, worker=consultation_worker)
    assert (case.received_by, case.worker) == (supervisor, consultation_worker)


def test_an_intake_cannot_be_assigned_to_a_worker_of_another_office(consultation_worker, other_hub_office):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, worker=elsewhere)
    assert field_errors(error.value) == {"worker"}
    assert nothing_saved()


@pytest.mark.parametrize(
    "role_fixture", ["city_caseworker", "partner_staff", "statistician", "administrator"]
)
def test_only_casework_staff_register_an_intake(request, role_fixture):
    with pytest.raises(PermissionDenied):
        intake(request.getfixturevalue(role_fixture))
    assert nothing_saved()
