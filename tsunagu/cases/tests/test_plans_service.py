"""Casework services: intake → assessment → plan → approval → support → monitoring → evaluation → closure.

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services
from tsunagu.cases.models import (
    Assessment,
    Case,
    CaseStatus,
    Closure,
    ClosureReason,
    ClosureStatus,
    Concern,
    Evaluation,
    HandoverTarget,
    Monitoring,
    Note,
    Plan,
    PlanStatus,
    Route,
    ScreeningOutcome,
)
from tsunagu.people.models import Consent, ConsentScope, Person, Stage, StageChange
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- helpers


def today() -> dt.date:
    return timezone.localdate()


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def field_errors(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def assert_status(case: Case, expected: str) -> None:
    """The stored status is the one the records imply."""
    case.refresh_from_db()
    assert case.status == expected
    assert services.derive_status(case) == (case.status, case.closed_on)


NEW_PERSON = {
    "family_name": "山田",
    "given_name": "太郎",
    "family_name_kana": "やまだ",
    "given_name_kana": "たろう",
    "date_of_birth": dt.date(1980, 4, 1),
    "phone": "0154-12-3456",
}


def intake(actor, *, person=None, person_fields=None, concerns=("income",), most_pressing="", worker=None,
           **case_fields):  # fmt: skip
    return services.register_intake(
        actor=actor,
        person=person,
        person_fields=person_fields if person is not None else (person_fields or NEW_PERSON),
        case_fields={"intake_date": days_ago(60), "route": Route.SELF, **case_fields},
        concerns=list(concerns),
        most_pressing=most_pressing,
        worker=worker,
    )


def nothing_saved() -> bool:
    return not (Person.objects.exists() or Case.objects.exists() or Consent.objects.exists())


SCORES_DAILY = {"daily_routine": 2, "physical_health": 2, "mental_health": 3, "housing": 2}
SCORES_READY = {"daily_routine": 4, "physical_health": 4, "mental_health": 4, "housing": 5,
                "social_connection": 4, "family": 3, "work": 3, "income": 4}  # fmt: skip


def assess(case, actor, *, scores=None, confirmed_stage=Stage.DAILY_LIFE, assessed_on=None, **kwargs):
    return services.record_assessment(
        case=case,
        actor=actor,
        fields={
            "assessed_on": assessed_on or days_ago(50),
            "work_status": "unemployed",
            "housing_type": "rented",
        },
        scores=SCORES_DAILY if scores is None else scores,
        confirmed_stage=confirmed_stage,
        **kwargs,
    )


def plan_fields(**overrides):
    start = days_ago(40)
    return {
        "period_start": start,
        "period_end": start + dt.timedelta(days=180),
        "long_term_goal": "生活リズムを整え、地域の活動に参加する",
        "short_term_goals": "週3回、午前中に起きる",
        "own_actions": "毎朝の散歩",
        "supports": "日常生活意欲向上支援プログラム",
        "agreed_on": start,
        "next_monitoring_on": start + dt.timedelta(days=30),
        **overrides,
    }


def submitted_plan(case, worker, **overrides) -> Plan:
    plan = services.create_plan(case=case, actor=worker, fields=plan_fields(**overrides))
    return services.submit_plan(plan=plan, actor=worker)


def approve(plans, supervisor, **kwargs) -> list[Plan]:
    return services.approve_plans(
        plans=plans, actor=supervisor, method=kwargs.pop("method", "supervisor"),
        approved_on=kwargs.pop("approved_on", days_ago(35)), **kwargs,
    )  # fmt: skip


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=days_ago(60))


@pytest.fixture
def case_in_support(case, consultation_worker, supervisor):
    approve([submitted_plan(case, consultation_worker)], supervisor)
    case.refresh_from_db()
    return case


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
    first = CaseFactory(person=person, worker=consultation_worker)
    case = intake(consultation_worker, person=person)
    assert case.person == person
    assert Person.objects.count() == 1
    assert set(person.cases.all()) == {first, case}


def test_an_intake_for_a_merged_record_is_refused(consultation_worker, supervisor):
    from tsunagu.people.services import merge_people

    keep, duplicate = PersonFactory(), PersonFactory()
    merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, person=duplicate)
    assert field_errors(error.value) == {"person"}
    assert not Case.objects.exists()


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


def test_a_status_given_at_intake_is_ignored_because_status_follows_the_records(consultation_worker):
    case = intake(consultation_worker, status=CaseStatus.CLOSED, closed_on=days_ago(1))
    assert_status(case, CaseStatus.INTAKE)
    assert case.closed_on is None


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


# ---------------------------------------------------------------- assessment


@pytest.mark.parametrize(
    ("scores", "stage"),
    [
        (SCORES_DAILY, Stage.DAILY_LIFE),
        ({**SCORES_READY, "social_connection": 1, "family": 2}, Stage.SOCIAL_LIFE),
        ({**SCORES_READY, "work": 1, "income": 2}, Stage.SOCIAL_LIFE),
        (SCORES_READY, Stage.EMPLOYMENT),
        ({"daily_routine": 2, "housing": None}, Stage.DAILY_LIFE),
        ({}, Stage.EMPLOYMENT),
    ],
)
def test_the_proposed_stage_follows_the_documented_rule(scores, stage):
    assert services.propose_stage(scores) == stage


def test_an_assessment_keeps_its_scores_and_proposed_stage_and_the_case_is_assessed(
    case, consultation_worker
):
    assessment = assess(case, consultation_worker, scores=SCORES_READY, confirmed_stage=Stage.SOCIAL_LIFE)
    assessment.refresh_from_db()
    assert assessment.proposed_stage == Stage.EMPLOYMENT
    assert assessment.confirmed_stage == Stage.SOCIAL_LIFE
    assert assessment.score_housing == 5
    assert assessment.assessor == consultation_worker
    assert_status(case, CaseStatus.ASSESSMENT)


def test_a_confirmed_stage_change_is_kept_with_its_date_and_reason(case, consultation_worker):
    case.person.current_stage = Stage.EMPLOYMENT
    case.person.save()
    assess(case, consultation_worker, confirmed_stage=Stage.DAILY_LIFE, stage_reason="通院が途絶えている")
    change = StageChange.objects.get(person=case.person)
    assert (change.previous_stage, change.stage) == (Stage.EMPLOYMENT, Stage.DAILY_LIFE)
    assert change.changed_on == days_ago(50)
    assert change.reason == "通院が途絶えている"
    assert change.recorded_by == consultation_worker
    case.person.refresh_from_db()
    assert case.person.current_stage == Stage.DAILY_LIFE


def test_a_first_stage_without_a_reason_is_dated_by_the_assessment(case, consultation_worker):
    assess(case, consultation_worker, confirmed_stage=Stage.SOCIAL_LIFE)
    change = StageChange.objects.get(person=case.person)
    assert change.changed_on == days_ago(50)
    assert change.reason


def test_an_assessment_confirming_the_current_stage_writes_no_stage_change(case, consultation_worker):
    assess(case, consultation_worker, confirmed_stage=Stage.DAILY_LIFE)
    assess(case, consultation_worker, confirmed_stage=Stage.DAILY_LIFE, assessed_on=days_ago(10))
    assert StageChange.objects.filter(person=case.person).count() == 1


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_a_score_outside_1_to_5_is_refused_and_nothing_is_saved(case, consultation_worker, bad):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, scores={**SCORES_DAILY, "work": bad})
    assert field_errors(error.value) == {"score_work"}
    assert not Assessment.objects.exists()
    assert not StageChange.objects.exists()
    assert_status(case, CaseStatus.INTAKE)


def test_a_score_for_an_unknown_domain_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, scores={**SCORES_DAILY, "astrology": 3})
    assert field_errors(error.value) == {"scores"}
    assert not Assessment.objects.exists()


def test_an_assessment_dated_before_intake_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, assessed_on=days_ago(61))
    assert field_errors(error.value) == {"assessed_on"}
    assert not Assessment.objects.exists()
    assert not StageChange.objects.exists()


def test_an_assessment_dated_in_the_future_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, assessed_on=today() + dt.timedelta(days=1))
    assert field_errors(error.value) == {"assessed_on"}
    assert not Assessment.objects.exists()


def test_an_assessment_with_a_stage_off_the_ladder_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, confirmed_stage="retired")
    assert "confirmed_stage" in field_errors(error.value)
    assert not Assessment.objects.exists()


def test_the_proposed_stage_cannot_be_set_by_hand(case, consultation_worker):
    assessment = services.record_assessment(
        case=case,
        actor=consultation_worker,
        fields={"assessed_on": days_ago(50), "work_status": "unemployed", "housing_type": "rented",
                "proposed_stage": Stage.EMPLOYMENT},
        scores=SCORES_DAILY,
        confirmed_stage=Stage.DAILY_LIFE,
    )  # fmt: skip
    assert assessment.proposed_stage == Stage.DAILY_LIFE


@pytest.mark.parametrize("role_fixture", ["city_caseworker", "partner_staff", "statistician"])
def test_only_casework_staff_assess(request, case, role_fixture):
    with pytest.raises(PermissionDenied):
        assess(case, request.getfixturevalue(role_fixture))
    assert not Assessment.objects.exists()


def test_workers_of_another_office_cannot_assess(case, other_hub_office):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    with pytest.raises(PermissionDenied):
        assess(case, elsewhere)


# ---------------------------------------------------------------- plans


def test_a_new_plan_is_a_draft_version_1_and_leaves_the_status_alone(case, consultation_worker):
    assess(case, consultation_worker)
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    assert (plan.version, plan.status, plan.author) == (1, PlanStatus.DRAFT, consultation_worker)
    assert_status(case, CaseStatus.ASSESSMENT)


def test_each_new_plan_is_the_next_version(case_in_support, consultation_worker):
    plan = services.create_plan(case=case_in_support, actor=consultation_worker, fields=plan_fields())
    assert plan.version == 2


def test_only_one_plan_is_in_preparation_at_a_time(case, consultation_worker):
    services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    with pytest.raises(ValidationError):
        services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    assert case.plans.count() == 1


def test_a_submitted_plan_also_blocks_a_second_one(case, consultation_worker):
    submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError):
        services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    assert case.plans.count() == 1


def test_a_plan_period_that_ends_before_it_starts_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.create_plan(
            case=case, actor=consultation_worker, fields=plan_fields(period_end=days_ago(41))
        )
    assert field_errors(error.value) == {"period_end"}
    assert not Plan.objects.exists()


def test_a_plan_starting_before_intake_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.create_plan(
            case=case,
            actor=consultation_worker,
            fields=plan_fields(period_start=days_ago(61), agreed_on=days_ago(50)),
        )
    assert field_errors(error.value) == {"period_start"}
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"agreed_on": today() + dt.timedelta(days=1)}, "agreed_on"),
        ({"next_monitoring_on": days_ago(41)}, "next_monitoring_on"),
        ({"statutory_services": ["consultation", "lottery"]}, "statutory_services"),
        ({"long_term_goal": ""}, "long_term_goal"),
    ],
)
def test_a_plan_with_a_bad_field_is_refused_and_nothing_is_saved(case, consultation_worker, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.create_plan(case=case, actor=consultation_worker, fields=plan_fields(**overrides))
    assert field_errors(error.value) == {field}
    assert not Plan.objects.exists()


def test_an_edit_that_moves_the_end_before_the_start_is_refused_and_nothing_is_saved(
    case, consultation_worker
):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    with pytest.raises(ValidationError) as error:
        services.update_plan(
            plan=plan, actor=consultation_worker, edit_version=plan.edit_version,
            fields={"period_end": days_ago(45), "long_term_goal": "変更"},
        )  # fmt: skip
    assert field_errors(error.value) == {"period_end"}
    plan.refresh_from_db()
    assert plan.period_end == days_ago(40) + dt.timedelta(days=180)
    assert plan.long_term_goal != "変更"
    assert plan.edit_version == 1


def test_submitting_a_plan_needs_the_persons_agreement_date(case, consultation_worker):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields(agreed_on=None))
    with pytest.raises(ValidationError) as error:
        services.submit_plan(plan=plan, actor=consultation_worker)
    assert field_errors(error.value) == {"agreed_on"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert_status(case, CaseStatus.INTAKE)


def test_a_submitted_plan_awaits_approval(case, consultation_worker):
    plan = submitted_plan(case, consultation_worker)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.submitted_at is not None
    assert_status(case, CaseStatus.PLANNING)


def test_a_plan_cannot_be_submitted_twice(case, consultation_worker):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError):
        services.submit_plan(plan=plan, actor=consultation_worker)


def test_a_supervisor_approval_puts_the_case_in_support_with_the_next_monitoring_date(
    case, consultation_worker, supervisor
):
    plan = submitted_plan(case, consultation_worker)
    approve([plan], supervisor, approved_on=days_ago(35))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert (plan.approved_by, plan.approved_on, plan.approval_method) == (
        supervisor,
        days_ago(35),
        "supervisor",
    )
    assert_status(case, CaseStatus.SUPPORT)
    assert case.next_monitoring_on == plan_fields()["next_monitoring_on"]


def test_approving_a_new_version_supersedes_the_plan_approved_before(
    case_in_support, consultation_worker, supervisor
):
    first = case_in_support.plans.get()
    second = submitted_plan(case_in_support, consultation_worker, next_monitoring_on=days_ago(5))
    assert_status(case_in_support, CaseStatus.SUPPORT)
    approve([second], supervisor, approved_on=days_ago(1))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert (first.version, second.version) == (1, 2)
    assert_status(case_in_support, CaseStatus.SUPPORT)
    assert case_in_support.next_monitoring_on == days_ago(5)


def test_a_meeting_approves_several_plans_at_once(consultation_worker, employment_worker, supervisor):
    cases = [
        CaseFactory(worker=worker, intake_date=days_ago(60))
        for worker in (consultation_worker, employment_worker)
    ]
    plans = [submitted_plan(case, case.worker) for case in cases]
    approved = approve(
        plans, supervisor, method="meeting", meeting_date=days_ago(36), approved_on=days_ago(35)
    )
    assert len(approved) == 2
    for plan, case in zip(plans, cases, strict=True):
        plan.refresh_from_db()
        assert (plan.status, plan.approval_method, plan.meeting_date) == (
            PlanStatus.APPROVED, "meeting", days_ago(36),
        )  # fmt: skip
        assert_status(case, CaseStatus.SUPPORT)


def test_a_meeting_approval_needs_the_meeting_date_and_nothing_is_approved(
    case, consultation_worker, supervisor
):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError) as error:
        approve([plan], supervisor, method="meeting")
    assert field_errors(error.value) == {"meeting_date"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert_status(case, CaseStatus.PLANNING)


def test_a_meeting_after_the_approval_date_is_refused(case, consultation_worker, supervisor):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError) as error:
        approve([plan], supervisor, method="meeting", meeting_date=days_ago(1), approved_on=days_ago(2))
    assert field_errors(error.value) == {"meeting_date"}


def test_an_approval_dated_in_the_future_is_refused(case, consultation_worker, supervisor):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError) as error:
        approve([plan], supervisor, approved_on=today() + dt.timedelta(days=1))
    assert field_errors(error.value) == {"approved_on"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_an_unknown_approval_method_is_refused(case, consultation_worker, supervisor):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError) as error:
        approve([plan], supervisor, method="telepathy")
    assert field_errors(error.value) == {"method"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_draft_cannot_be_approved(case, consultation_worker, supervisor):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    with pytest.raises(ValidationError):
        approve([plan], supervisor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_consultation_worker_cannot_approve_a_plan(case, consultation_worker):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(PermissionDenied):
        approve([plan], consultation_worker)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert_status(case, CaseStatus.PLANNING)


def test_a_supervisor_of_another_office_cannot_approve_a_plan(case, consultation_worker, other_hub_office):
    other_supervisor = UserFactory(office=other_hub_office, roles=[Role.SUPERVISOR])
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(PermissionDenied):
        approve([plan], other_supervisor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_bulk_approval_with_one_plan_out_of_reach_approves_none(
    case, consultation_worker, supervisor, other_hub_office
):
    elsewhere = CaseFactory(worker=UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER]))
    plans = [submitted_plan(case, consultation_worker), submitted_plan(elsewhere, elsewhere.worker)]
    with pytest.raises(PermissionDenied):
        approve(plans, supervisor)
    assert set(Plan.objects.values_list("status", flat=True)) == {PlanStatus.SUBMITTED}
    assert_status(case, CaseStatus.PLANNING)


def test_a_returned_plan_goes_back_to_draft_with_the_comment_as_a_note(case, consultation_worker, supervisor):
    assess(case, consultation_worker)
    plan = submitted_plan(case, consultation_worker)
    services.return_plan(plan=plan, actor=supervisor, comment="短期目標をもっと具体的に")
    plan.refresh_from_db()
    assert (plan.status, plan.submitted_at) == (PlanStatus.DRAFT, None)
    assert_status(case, CaseStatus.ASSESSMENT)
    note = case.notes.get()
    assert "短期目標をもっと具体的に" in note.content
    assert note.worker == supervisor
    assert case.last_contact_on is None  # a supervisor's decision is not contact with the person


def test_only_a_supervisor_returns_a_plan(case, consultation_worker):
    plan = submitted_plan(case, consultation_worker)
    with pytest.raises(PermissionDenied):
        services.return_plan(plan=plan, actor=consultation_worker, comment="")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_only_a_submitted_plan_can_be_returned(case_in_support, supervisor):
    plan = case_in_support.plans.get()
    with pytest.raises(ValidationError):
        services.return_plan(plan=plan, actor=supervisor, comment="やり直し")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_an_approved_plan_cannot_be_edited(case_in_support, consultation_worker):
    plan = case_in_support.plans.get()
    with pytest.raises(ValidationError):
        services.update_plan(
            plan=plan,
            actor=consultation_worker,
            edit_version=plan.edit_version,
            fields={"long_term_goal": "x"},
        )
    plan.refresh_from_db()
    assert plan.long_term_goal == plan_fields()["long_term_goal"]


# ---------------------------------------------------------------- two people editing the same plan


def test_the_second_of_two_concurrent_edits_is_refused_with_what_changed_and_by_whom(
    case, consultation_worker, supervisor
):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    mine = Plan.objects.get(pk=plan.pk)
    theirs = Plan.objects.get(pk=plan.pk)
    loaded = mine.edit_version

    services.update_plan(
        plan=mine, actor=consultation_worker, edit_version=loaded,
        fields={"long_term_goal": "就労に向けて生活を整える", "own_actions": "毎朝ラジオ体操"},
    )  # fmt: skip
    with pytest.raises(services.EditConflict) as conflict:
        services.update_plan(
            plan=theirs, actor=supervisor, edit_version=loaded,
            fields={"long_term_goal": "上書きしようとした目標", "short_term_goals": "上書き"},
        )  # fmt: skip

    changes = {change.field: change for change in conflict.value.changes}
    assert set(changes) == {"long_term_goal", "own_actions"}
    assert changes["long_term_goal"].theirs == "就労に向けて生活を整える"
    assert changes["long_term_goal"].by == str(consultation_worker)
    assert changes["long_term_goal"].label
    plan.refresh_from_db()
    assert plan.long_term_goal == "就労に向けて生活を整える"
    assert plan.own_actions == "毎朝ラジオ体操"
    assert plan.short_term_goals == plan_fields()["short_term_goals"]
    assert plan.edit_version == loaded + 1


def test_each_field_of_a_conflict_names_the_person_who_changed_it(
    case, consultation_worker, employment_worker, supervisor
):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    loaded = plan.edit_version
    services.update_plan(plan=Plan.objects.get(pk=plan.pk), actor=consultation_worker, edit_version=loaded,
                         fields={"own_actions": "散歩"})  # fmt: skip
    services.update_plan(plan=Plan.objects.get(pk=plan.pk), actor=employment_worker, edit_version=loaded + 1,
                         fields={"supports": "就労体験"})  # fmt: skip
    with pytest.raises(services.EditConflict) as conflict:
        services.update_plan(plan=plan, actor=supervisor, edit_version=loaded, fields={"supports": "x"})
    who = {change.field: change.by for change in conflict.value.changes}
    assert who == {"own_actions": str(consultation_worker), "supports": str(employment_worker)}


def test_an_edit_conflict_is_a_validation_error_the_form_can_show(case, consultation_worker):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    services.update_plan(plan=plan, actor=consultation_worker, edit_version=1, fields={"supports": "a"})
    with pytest.raises(ValidationError):
        services.update_plan(plan=plan, actor=consultation_worker, edit_version=1, fields={"supports": "b"})


def test_after_reloading_the_second_editor_can_save(case, consultation_worker, supervisor):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    services.update_plan(plan=plan, actor=consultation_worker, edit_version=1, fields={"supports": "a"})
    reloaded = Plan.objects.get(pk=plan.pk)
    services.update_plan(
        plan=reloaded, actor=supervisor, edit_version=reloaded.edit_version, fields={"supports": "b"}
    )
    plan.refresh_from_db()
    assert (plan.supports, plan.edit_version) == ("b", 3)


def test_an_edit_opened_before_submission_is_refused_after_it(case, consultation_worker):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    services.submit_plan(plan=Plan.objects.get(pk=plan.pk), actor=consultation_worker)
    with pytest.raises(services.EditConflict):
        services.update_plan(plan=plan, actor=consultation_worker, edit_version=1, fields={"supports": "a"})


# ---------------------------------------------------------------- notes


def test_a_note_is_saved_and_moves_the_last_contact_date(case, consultation_worker):
    note = services.add_note(
        case=case, actor=consultation_worker, occurred_at=at(days_ago(3)), method="phone", minutes=15,
        content="求人票を一緒に確認した",
    )  # fmt: skip
    assert note.worker == consultation_worker
    case.refresh_from_db()
    assert case.last_contact_on == days_ago(3)


def test_an_older_note_does_not_move_the_last_contact_back(case, consultation_worker):
    for day in (3, 10):
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(day)), method="visit_in", minutes=30,
            content="面談",
        )  # fmt: skip
    case.refresh_from_db()
    assert case.last_contact_on == days_ago(3)


def test_a_meeting_about_the_person_is_not_contact_with_them(case, consultation_worker):
    services.add_note(
        case=case, actor=consultation_worker, occurred_at=at(days_ago(2)), method="meeting", minutes=60,
        content="ケース会議で方針を確認",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.last_contact_on is None


def test_a_note_dated_in_the_future_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=timezone.now() + dt.timedelta(days=1),
            method="phone", minutes=5, content="予定",
        )  # fmt: skip
    assert field_errors(error.value) == {"occurred_at"}
    assert not Note.objects.exists()
    case.refresh_from_db()
    assert case.last_contact_on is None


def test_a_note_dated_before_intake_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(61)), method="phone", minutes=5,
            content="受付前",
        )  # fmt: skip
    assert field_errors(error.value) == {"occurred_at"}
    assert not Note.objects.exists()


@pytest.mark.parametrize("content", ["", "  \n "])
def test_an_empty_note_is_refused(case, consultation_worker, content):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(1)), method="phone", minutes=5,
            content=content,
        )  # fmt: skip
    assert field_errors(error.value) == {"content"}
    assert not Note.objects.exists()


def test_a_note_with_an_unknown_method_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(1)), method="pigeon", minutes=5,
            content="伝書鳩",
        )  # fmt: skip
    assert field_errors(error.value) == {"method"}
    case.refresh_from_db()
    assert case.last_contact_on is None


@pytest.mark.parametrize("role_fixture", ["city_caseworker", "partner_staff", "statistician"])
def test_only_casework_staff_write_notes(request, case, role_fixture):
    with pytest.raises(PermissionDenied):
        services.add_note(
            case=case, actor=request.getfixturevalue(role_fixture), occurred_at=at(days_ago(1)),
            method="phone", minutes=5, content="x",
        )  # fmt: skip
    assert not Note.objects.exists()


# ---------------------------------------------------------------- monitoring and evaluation


def test_monitoring_needs_an_approved_plan(case, consultation_worker):
    submitted_plan(case, consultation_worker)
    with pytest.raises(ValidationError):
        services.record_monitoring(
            case=case, actor=consultation_worker, monitored_on=days_ago(5), progress="partly", notes="順調",
            next_monitoring_on=today() + dt.timedelta(days=30),
        )  # fmt: skip
    assert not Monitoring.objects.exists()


def test_monitoring_is_checked_against_the_current_plan_and_sets_the_next_date(
    case_in_support, consultation_worker
):
    monitoring = services.record_monitoring(
        case=case_in_support, actor=consultation_worker, monitored_on=days_ago(5), progress="partly",
        notes="起床時間が安定してきた", next_monitoring_on=today() + dt.timedelta(days=25),
    )  # fmt: skip
    assert monitoring.plan == case_in_support.plans.get(status=PlanStatus.APPROVED)
    case_in_support.refresh_from_db()
    assert case_in_support.next_monitoring_on == today() + dt.timedelta(days=25)
    assert case_in_support.last_contact_on == days_ago(5)
    assert_status(case_in_support, CaseStatus.SUPPORT)


@pytest.mark.parametrize("next_in_days", [0, -1])
def test_the_next_monitoring_must_come_after_this_one(case_in_support, consultation_worker, next_in_days):
    with pytest.raises(ValidationError) as error:
        services.record_monitoring(
            case=case_in_support, actor=consultation_worker, monitored_on=days_ago(5), progress="partly",
            notes="順調", next_monitoring_on=days_ago(5) + dt.timedelta(days=next_in_days),
        )  # fmt: skip
    assert field_errors(error.value) == {"next_monitoring_on"}
    assert not Monitoring.objects.exists()
    case_in_support.refresh_from_db()
    assert case_in_support.next_monitoring_on == plan_fields()["next_monitoring_on"]


def test_monitoring_dated_in_the_future_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.record_monitoring(
            case=case_in_support, actor=consultation_worker, monitored_on=today() + dt.timedelta(days=1),
            progress="partly", notes="予定", next_monitoring_on=None,
        )  # fmt: skip
    assert field_errors(error.value) == {"monitored_on"}


def test_an_evaluation_records_the_changes_in_the_persons_state(case_in_support, consultation_worker):
    evaluation = services.record_evaluation(
        case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(2),
        state_changes=["habits", "can_ask_help"], summary="生活リズムが整った", outcome="continue",
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert evaluation.state_changes == ["habits", "can_ask_help"]
    assert evaluation.plan.status == PlanStatus.APPROVED


def test_an_unknown_change_in_the_persons_state_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.record_evaluation(
            case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(2),
            state_changes=["habits", "won_the_lottery"], summary="x", outcome="continue",
        )  # fmt: skip
    assert field_errors(error.value) == {"state_changes"}
    assert not Evaluation.objects.exists()


def test_an_evaluation_before_the_plan_started_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.record_evaluation(
            case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(41), state_changes=[],
            summary="x", outcome="continue",
        )  # fmt: skip
    assert field_errors(error.value) == {"evaluated_on"}


def test_an_evaluation_with_an_unknown_outcome_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.record_evaluation(
            case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(2), state_changes=[],
            summary="x", outcome="shrug",
        )  # fmt: skip
    assert field_errors(error.value) == {"outcome"}


def test_an_evaluation_needs_an_approved_plan(case, consultation_worker):
    with pytest.raises(ValidationError):
        services.record_evaluation(
            case=case, actor=consultation_worker, evaluated_on=days_ago(2), state_changes=[], summary="x",
            outcome="continue",
        )  # fmt: skip
    assert not Evaluation.objects.exists()


# ---------------------------------------------------------------- closure


def request_closure(case, actor, **overrides):
    return services.request_closure(
        case=case, actor=actor, **{"closed_on": days_ago(1), "reason": ClosureReason.EMPLOYED, **overrides}
    )


def test_a_closure_without_a_reason_is_refused_and_nothing_is_saved(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, reason="")
    assert field_errors(error.value) == {"reason"}
    assert not Closure.objects.exists()
    assert_status(case_in_support, CaseStatus.SUPPORT)


def test_a_closure_with_an_unknown_reason_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, reason="bored")
    assert field_errors(error.value) == {"reason"}
    assert not Closure.objects.exists()


def test_a_closure_before_intake_is_refused_and_nothing_is_saved(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, closed_on=days_ago(61))
    assert field_errors(error.value) == {"closed_on"}
    assert not Closure.objects.exists()
    assert_status(case_in_support, CaseStatus.SUPPORT)


def test_a_closure_dated_in_the_future_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, closed_on=today() + dt.timedelta(days=1))
    assert field_errors(error.value) == {"closed_on"}
    assert not Closure.objects.exists()


def test_a_requested_closure_awaits_approval(case_in_support, consultation_worker):
    closure = request_closure(case_in_support, consultation_worker)
    assert (closure.status, closure.requested_by) == (ClosureStatus.REQUESTED, consultation_worker)
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)
    assert case_in_support.closed_on is None


def test_a_second_pending_closure_is_refused(case_in_support, consultation_worker):
    request_closure(case_in_support, consultation_worker)
    with pytest.raises(ValidationError):
        request_closure(case_in_support, consultation_worker, reason=ClosureReason.MOVED)
    assert Closure.objects.count() == 1


def test_a_supervisor_approval_closes_the_case_on_the_closure_date(
    case_in_support, consultation_worker, supervisor
):
    closure = request_closure(case_in_support, consultation_worker, closed_on=days_ago(3))
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    closure.refresh_from_db()
    assert (closure.status, closure.decided_by) == (ClosureStatus.APPROVED, supervisor)
    assert closure.decided_at is not None
    assert_status(case_in_support, CaseStatus.CLOSED)
    assert case_in_support.closed_on == days_ago(3)
    assert not case_in_support.is_open


def test_a_closed_case_takes_no_more_work(case_in_support, consultation_worker, supervisor):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    case_in_support.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.add_note(
            case=case_in_support, actor=consultation_worker, occurred_at=at(days_ago(0), 0), method="phone",
            minutes=5, content="x",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        request_closure(case_in_support, consultation_worker)


def test_sending_a_closure_back_needs_a_comment(case_in_support, consultation_worker, supervisor):
    closure = request_closure(case_in_support, consultation_worker)
    with pytest.raises(ValidationError) as error:
        services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="  ")
    assert field_errors(error.value) == {"comment"}
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.REQUESTED
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


@pytest.mark.parametrize("in_support", [True, False])
def test_a_closure_sent_back_returns_the_case_to_its_previous_status(
    request, consultation_worker, supervisor, in_support
):
    case = request.getfixturevalue("case_in_support" if in_support else "case")
    if not in_support:
        assess(case, consultation_worker)
    closure = request_closure(case, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="もう少し様子を見る")
    closure.refresh_from_db()
    assert (closure.status, closure.decision_comment) == (ClosureStatus.REJECTED, "もう少し様子を見る")
    assert_status(case, CaseStatus.SUPPORT if in_support else CaseStatus.ASSESSMENT)
    assert case.closed_on is None


def test_after_a_closure_is_sent_back_a_new_one_can_be_requested(
    case_in_support, consultation_worker, supervisor
):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="再検討")
    request_closure(case_in_support, consultation_worker, reason=ClosureReason.MOVED)
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


def test_a_closure_is_decided_once(case_in_support, consultation_worker, supervisor):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    with pytest.raises(ValidationError):
        services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="取り消し")
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.APPROVED


def test_a_consultation_worker_cannot_decide_a_closure(case_in_support, consultation_worker):
    closure = request_closure(case_in_support, consultation_worker)
    with pytest.raises(PermissionDenied):
        services.decide_closure(closure=closure, actor=consultation_worker, approve=True)
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


def test_a_supervisor_of_another_office_cannot_decide_a_closure(
    case_in_support, consultation_worker, other_hub_office
):
    closure = request_closure(case_in_support, consultation_worker)
    with pytest.raises(PermissionDenied):
        services.decide_closure(
            closure=closure, actor=UserFactory(office=other_hub_office, roles=[Role.SUPERVISOR]), approve=True
        )
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


# ---------------------------------------------------------------- reassignment


def test_a_supervisor_reassigns_a_case_to_workers_of_the_office(case, supervisor, employment_worker):
    other_worker = UserFactory(office=case.office, roles=[Role.CONSULTATION_WORKER])
    services.reassign_case(
        case=case, actor=supervisor, worker=other_worker, employment_worker=employment_worker
    )
    case.refresh_from_db()
    assert (case.worker, case.employment_worker) == (other_worker, employment_worker)
    assert AuditEvent.objects.filter(
        object_type="cases.case", object_id=str(case.pk), action="update"
    ).exists()


def test_a_case_cannot_go_to_a_worker_of_another_office(
    case, supervisor, consultation_worker, other_hub_office
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    with pytest.raises(ValidationError) as error:
        services.reassign_case(case=case, actor=supervisor, worker=elsewhere)
    assert field_errors(error.value) == {"worker"}
    case.refresh_from_db()
    assert case.worker == consultation_worker


@pytest.mark.parametrize(
    "role_fixture", ["statistician", "administrator", "city_caseworker", "partner_staff"]
)
def test_a_case_cannot_go_to_someone_without_a_casework_role(
    request, case, supervisor, consultation_worker, role_fixture
):
    with pytest.raises(ValidationError) as error:
        services.reassign_case(case=case, actor=supervisor, worker=request.getfixturevalue(role_fixture))
    assert field_errors(error.value) == {"worker"}
    case.refresh_from_db()
    assert case.worker == consultation_worker


def test_a_case_cannot_go_to_a_worker_who_has_left(case, supervisor, consultation_worker):
    departed = UserFactory(office=case.office, roles=[Role.CONSULTATION_WORKER], is_active=False)
    with pytest.raises(ValidationError) as error:
        services.reassign_case(case=case, actor=supervisor, worker=departed)
    assert field_errors(error.value) == {"worker"}


def test_a_bad_employment_worker_is_named_on_that_field(
    case, supervisor, consultation_worker, other_hub_office
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.EMPLOYMENT_WORKER])
    with pytest.raises(ValidationError) as error:
        services.reassign_case(
            case=case, actor=supervisor, worker=consultation_worker, employment_worker=elsewhere
        )
    assert field_errors(error.value) == {"employment_worker"}
    case.refresh_from_db()
    assert case.employment_worker is None


def test_a_consultation_worker_cannot_reassign_a_case(case, consultation_worker, employment_worker):
    with pytest.raises(PermissionDenied):
        services.reassign_case(case=case, actor=consultation_worker, worker=employment_worker)
    case.refresh_from_db()
    assert case.worker == consultation_worker


# ---------------------------------------------------------------- the whole journey


def test_the_status_follows_the_records_at_every_step_of_the_journey(consultation_worker, supervisor):
    case = intake(consultation_worker, application_signed_on=days_ago(60), concerns=["job_search"])
    assert_status(case, CaseStatus.INTAKE)
    assess(case, consultation_worker, scores=SCORES_READY, confirmed_stage=Stage.EMPLOYMENT)
    assert_status(case, CaseStatus.ASSESSMENT)
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    assert_status(case, CaseStatus.ASSESSMENT)
    services.submit_plan(plan=plan, actor=consultation_worker)
    assert_status(case, CaseStatus.PLANNING)
    services.return_plan(plan=plan, actor=supervisor, comment="")
    assert_status(case, CaseStatus.ASSESSMENT)
    services.submit_plan(plan=plan, actor=consultation_worker)
    approve([plan], supervisor)
    assert_status(case, CaseStatus.SUPPORT)
    services.add_note(
        case=case, actor=consultation_worker, occurred_at=at(days_ago(20)), method="accompany", minutes=90,
        content="ハローワークに同行",
    )  # fmt: skip
    services.record_monitoring(
        case=case, actor=consultation_worker, monitored_on=days_ago(10), progress="achieved", notes="内定",
        next_monitoring_on=None,
    )  # fmt: skip
    services.record_evaluation(
        case=case, actor=consultation_worker, evaluated_on=days_ago(5), state_changes=["employed"],
        summary="就職が決まった", outcome="close",
    )  # fmt: skip
    assert_status(case, CaseStatus.SUPPORT)
    closure = request_closure(case, consultation_worker, closed_on=days_ago(4))
    assert_status(case, CaseStatus.CLOSURE_PENDING)
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="定着を確認してから")
    assert_status(case, CaseStatus.SUPPORT)
    closure = request_closure(case, consultation_worker, closed_on=days_ago(1))
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    assert_status(case, CaseStatus.CLOSED)
    assert case.closed_on == days_ago(1)
