"""Helpers shared by the casework service tests (test_*_service.py): dates, an intake, an assessment,
a plan and its approval, a closure request."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagu.cases import services
from tsunagu.cases.models import (
    Case,
    ClosureReason,
    Plan,
    Route,
)
from tsunagu.people.models import Consent, Person, Stage

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
        "support_rows": [
            {"agency": "協議会", "content": "日常生活意欲向上支援プログラム", "frequency": "週1回"}
        ],
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


def request_closure(case, actor, **overrides):
    return services.request_closure(
        case=case, actor=actor, **{"closed_on": days_ago(1), "reason": ClosureReason.EMPLOYED, **overrides}
    )
