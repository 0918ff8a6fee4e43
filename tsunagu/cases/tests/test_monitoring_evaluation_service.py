"""Casework services: monitoring against the current plan, and the evaluation.

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tsunagu.cases import services
from tsunagu.cases.models import (
    CaseStatus,
    Evaluation,
    Monitoring,
    PlanStatus,
)
from tsunagu.cases.tests.helpers import (
    assert_status,
    days_ago,
    field_errors,
    plan_fields,
    submitted_plan,
    today,
)

pytestmark = pytest.mark.django_db


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
        state_changes=["habits", "relationships"], summary="生活リズムが整った", outcome="continue",
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert evaluation.state_changes == ["habits", "relationships"]
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


def test_the_case_timeline_names_the_changes_an_evaluation_recorded(
    case_in_support, consultation_worker, client_as
):
    services.record_evaluation(
        case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(2),
        state_changes=["habits", "relationships"], summary="生活リズムが整った", outcome="continue",
    )  # fmt: skip
    page = client_as(consultation_worker).get(f"/cases/{case_in_support.pk}/")
    assert page.status_code == 200
    assert "生活習慣の改善" in page.text
