import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tsunagu.cases import services as case_services
from tsunagu.cases.tests.helpers import days_ago, today
from tsunagu.jobs import services
from tsunagu.jobs.models import OutcomeKind, RetentionCheck, WorkOutcome, months_after
from tsunagu.jobs.tests.conftest import in_english

pytestmark = pytest.mark.django_db

START = {
    "kind": "started_work", "employer_name": "釧路清掃", "employment_form": "part_time",
    "hours_per_week": 20, "wage_kind": "hourly", "wage": 1100, "route": "hello_work",
}  # fmt: skip


def test_months_after_keeps_the_day_or_takes_the_months_last():
    assert months_after(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)
    assert months_after(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)


def test_a_start_of_work_is_recorded_with_its_retention_checks_at_one_three_and_six_months(
    world, employment_worker
):
    outcome = services.record_work_outcome(
        actor=employment_worker, case=world.case, fields={**START, "on": days_ago(10)}
    )
    checks = list(outcome.retention_checks.values_list("months", "due_on"))
    assert [months for months, _ in checks] == [1, 3, 6]
    assert checks[0][1] == months_after(outcome.on, 1)
    assert outcome.route == "hello_work" and outcome.employer_label == "釧路清掃"


def test_a_rise_in_income_must_be_a_rise(world, employment_worker):
    with pytest.raises(ValidationError) as refused:
        services.record_work_outcome(
            actor=employment_worker, case=world.case,
            fields={"kind": "income_rise", "on": days_ago(3), "income_before": 80000, "income_after": 80000},
        )  # fmt: skip
    assert "income_after" in refused.value.message_dict
    rise = services.record_work_outcome(
        actor=employment_worker, case=world.case,
        fields={"kind": "income_rise", "on": days_ago(3), "income_before": 80000, "income_after": 95000},
    )  # fmt: skip
    assert rise.kind == OutcomeKind.INCOME_RISE and not rise.retention_checks.exists()


def test_a_start_needs_an_employer_and_is_not_dated_before_the_intake(world, employment_worker):
    with pytest.raises(ValidationError) as refused:
        services.record_work_outcome(
            actor=employment_worker, case=world.case, fields={**START, "employer_name": "", "on": days_ago(1)}
        )
    assert "employer" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.record_work_outcome(
            actor=employment_worker, case=world.case, fields={**START, "on": days_ago(200)}
        )
    assert "on" in refused.value.message_dict
    assert not WorkOutcome.objects.exists()


def test_a_worker_of_another_office_may_not_record_an_outcome(world, employment_worker):
    with pytest.raises(PermissionDenied):
        services.record_work_outcome(
            actor=world.onbetsu, case=world.case, fields={**START, "on": days_ago(1)}
        )
    with pytest.raises(TypeError):
        services.record_work_outcome(
            actor=employment_worker, case=world.case, fields={**START, "on": days_ago(1), "salary": 1}
        )


def test_the_case_page_and_timeline_show_the_outcome_and_the_worker_records_one_through_the_form(
    world, employment_worker, client_as
):
    client = in_english(client_as(employment_worker))
    response = client.post(
        reverse("jobs:outcome_add", args=[world.case.pk]),
        {**START, "on": days_ago(2).isoformat(), "employer": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert 'data-testid="work-outcome"' in page and "釧路清掃" in page
    assert 'data-kind="work_outcome"' in page


def test_the_employment_worker_sees_the_next_retention_check_on_the_caseload(
    world, employment_worker, consultation_worker, client_as
):
    outcome = services.record_work_outcome(
        actor=employment_worker, case=world.case, fields={**START, "on": days_ago(40)}
    )
    first = outcome.retention_checks.get(months=1)
    page = in_english(client_as(employment_worker)).get(reverse("cases:caseload")).content.decode()
    assert 'data-testid="retention-checks"' in page and "1-month check" in page and "就労" in page
    services.record_retention_check(
        actor=employment_worker, check=first, fields={"checked_on": today(), "still_working": True}
    )
    page = in_english(client_as(employment_worker)).get(reverse("cases:caseload")).content.decode()
    assert "3-month check" in page and "1-month check" not in page
    # The consultation worker is not the case's employment worker: not on their caseload.
    page = in_english(client_as(consultation_worker)).get(reverse("cases:caseload")).content.decode()
    assert "3-month check" not in page
    assert RetentionCheck.objects.get(pk=first.pk).still_working is True


def test_a_plan_can_say_it_includes_support_toward_general_employment(world, consultation_worker):
    plan = case_services.create_plan(
        case=world.case, actor=consultation_worker,
        fields={"period_start": today(), "period_end": today() + dt.timedelta(days=90), "long_term_goal": "就職",
                "short_term_goals": "面接練習", "employment_support": True},
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.employment_support is True
