"""Casework services: plans (versions, submission, approval, return) and two people editing the same plan.

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.cases import services
from tsunagu.cases.models import (
    CaseStatus,
    Plan,
    PlanStatus,
)
from tsunagu.cases.tests.helpers import (
    approve,
    assert_status,
    assess,
    days_ago,
    field_errors,
    plan_fields,
    submitted_plan,
    today,
)
from tsunagu.testing.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


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
                         fields={"long_term_goal": "就労体験"})  # fmt: skip
    with pytest.raises(services.EditConflict) as conflict:
        services.update_plan(plan=plan, actor=supervisor, edit_version=loaded, fields={"long_term_goal": "x"})
    who = {change.field: change.by for change in conflict.value.changes}
    assert who == {"own_actions": str(consultation_worker), "long_term_goal": str(employment_worker)}


def test_an_edit_conflict_is_a_validation_error_the_form_can_show(case, consultation_worker):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    services.update_plan(plan=plan, actor=consultation_worker, edit_version=1, fields={"long_term_goal": "a"})
    with pytest.raises(ValidationError):
        services.update_plan(
            plan=plan, actor=consultation_worker, edit_version=1, fields={"long_term_goal": "b"}
        )


def test_after_reloading_the_second_editor_can_save(case, consultation_worker, supervisor):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    services.update_plan(plan=plan, actor=consultation_worker, edit_version=1, fields={"long_term_goal": "a"})
    reloaded = Plan.objects.get(pk=plan.pk)
    services.update_plan(
        plan=reloaded, actor=supervisor, edit_version=reloaded.edit_version, fields={"long_term_goal": "b"}
    )
    plan.refresh_from_db()
    assert (plan.long_term_goal, plan.edit_version) == ("b", 3)


def test_an_edit_opened_before_submission_is_refused_after_it(case, consultation_worker):
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    services.submit_plan(plan=Plan.objects.get(pk=plan.pk), actor=consultation_worker)
    with pytest.raises(services.EditConflict):
        services.update_plan(
            plan=plan, actor=consultation_worker, edit_version=1, fields={"long_term_goal": "a"}
        )
