"""Hole 3 of issue 9 for plans: the plan's refusal of a stale save now runs through core.editing like every
other record, holds between two real transactions, and a save without the version is refused too.
(An assessment is never edited: each one is a new dated record, so it has no version to check.)"""

import datetime as dt
from functools import partial

import pytest
from django.utils import timezone

from tsunagu.cases import services
from tsunagu.cases.models import Plan
from tsunagu.core.editing import EditConflict
from tsunagu.testing.concurrency import SAVED, save_at_once, save_while_first_is_open
from tsunagu.testing.factories import CaseFactory

TODAY = timezone.localdate()


def plan_fields(**overrides) -> dict:
    start = TODAY - dt.timedelta(days=40)
    return {
        "period_start": start,
        "period_end": start + dt.timedelta(days=180),
        "short_term_goals": "週3回、午前中に起きる",
        "own_actions": "毎朝の散歩",
        "long_term_goal": "日常生活意欲向上支援プログラム",
        "agreed_on": start,
        "next_monitoring_on": start + dt.timedelta(days=60),
        **overrides,
    }


@pytest.fixture
def plan(consultation_worker) -> Plan:
    case = CaseFactory(worker=consultation_worker, intake_date=TODAY - dt.timedelta(days=60))
    return services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())


def _form(plan: Plan, **changes) -> dict:
    data = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in plan_fields().items()
    }
    return data | {"statutory_services": ["consultation"]} | changes


@pytest.mark.django_db(transaction=True)
def test_two_workers_saving_the_same_plan_at_once_never_lose_a_change(
    plan, consultation_worker, employment_worker
):
    mine, theirs = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    outcomes = save_at_once(
        partial(services.update_plan, plan=mine, actor=consultation_worker, edit_version=1,
                fields={"own_actions": "朝のラジオ体操"}),
        partial(services.update_plan, plan=theirs, actor=employment_worker, edit_version=1,
                fields={"long_term_goal": "就労体験"}),
    )  # fmt: skip
    assert sum(outcome == SAVED for outcome in outcomes) == 1, outcomes
    plan.refresh_from_db()
    assert plan.edit_version == 2
    assert (plan.own_actions == "朝のラジオ体操") is (outcomes[0] == SAVED)
    assert (plan.long_term_goal == "就労体験") is (outcomes[1] == SAVED)


@pytest.mark.django_db(transaction=True)
def test_a_plan_save_made_while_another_is_open_is_refused_with_what_the_first_changed(
    plan, consultation_worker, employment_worker
):
    mine, theirs = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    outcomes = save_while_first_is_open(
        partial(services.update_plan, plan=mine, actor=consultation_worker, edit_version=1,
                fields={"own_actions": "朝のラジオ体操"}),
        partial(services.update_plan, plan=theirs, actor=employment_worker, edit_version=1,
                fields={"own_actions": "上書き"}),
    )  # fmt: skip
    assert outcomes[0] == SAVED and isinstance(outcomes[1], EditConflict)
    assert [(c.field, c.theirs) for c in outcomes[1].changes] == [("own_actions", "朝のラジオ体操")]
    plan.refresh_from_db()
    assert plan.own_actions == "朝のラジオ体操"


def test_a_plan_saved_without_the_version_is_refused_and_nothing_is_saved(
    client_as, consultation_worker, plan
):
    response = client_as(consultation_worker).post(
        f"/cases/plans/{plan.pk}/", _form(plan, long_term_goal="上書き")
    )
    assert response.status_code == 400 and "読み込み直して" in response.text
    plan.refresh_from_db()
    assert (plan.long_term_goal, plan.edit_version) == ("日常生活意欲向上支援プログラム", 1)


def test_a_plan_saved_from_a_stale_version_is_refused(
    client_as, consultation_worker, employment_worker, plan
):
    assert (
        client_as(employment_worker).post(
            f"/cases/plans/{plan.pk}/", _form(plan, long_term_goal="就労体験", edit_version=1)
        )
    ).status_code == 302
    response = client_as(consultation_worker).post(
        f"/cases/plans/{plan.pk}/", _form(plan, own_actions="散歩", edit_version=1)
    )
    assert response.status_code == 400
    assert "他の人がこのプランを先に保存しました" in response.text and "就労体験" in response.text
    plan.refresh_from_db()
    assert (plan.long_term_goal, plan.own_actions) == ("就労体験", "毎朝の散歩")
