"""For any logs: a month's total is the sum of its days (each reckoned here again, exactly, with fractions)
plus its top-ups and adjustments; and closing the month keeps the same totals, which its statement prints."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from math import ceil, floor

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tsunagu.programs.models import Attendance, Session
from tsunagu.testing.factories import (
    CaseFactory,
    PayRateFactory,
    PlacementFactory,
    SkillLevelFactory,
    WorkTypeFactory,
)
from tsunagu.work.documents import statement_context
from tsunagu.work.models import PayAdjustment, PayStatement, SkillAssessment, SkillLevel, WorkLog
from tsunagu.work.pay import compute_months
from tsunagu.work.services_pay import close_pay_month

pytestmark = pytest.mark.django_db

NOVEMBER = dt.date(2025, 11, 1)
OCTOBER = dt.date(2025, 10, 1)
MINIMUM_WAGE = Fraction(1075)  # in force all November 2025
TRAINING_RATES = {1: Fraction(100), 2: Fraction(150)}  # 円 a 枚 (the factory's levels)
HOURLY_RATE = Fraction(98050, 100)  # 980.50 円 an hour: under the minimum wage, so top-ups happen

day_logs = st.dictionaries(
    keys=st.integers(min_value=1, max_value=30),
    values=st.tuples(
        st.decimals(min_value=0, max_value=60, places=2, allow_nan=False, allow_infinity=False),
        st.integers(min_value=0, max_value=480),
    ),
    max_size=6,
)
person_month = st.fixed_dictionaries(
    {
        "logs": day_logs,
        "level_up_on": st.none() | st.integers(min_value=1, max_value=30),
        "adjustment": st.none() | st.integers(min_value=-5000, max_value=5000).filter(bool),
    }
)


@pytest.fixture
def sites(consultation_worker, supervisor):
    """Net mending (非雇用型, per 枚, two levels) and bag packing (雇用型, by the hour), two people each,
    with a session every day of November."""
    mending = WorkTypeFactory(name="整網", unit="枚")
    packing = WorkTypeFactory(
        name="封入", unit="時間", work_form="employment", pay_basis="per_hour", levels=False
    )
    hourly = SkillLevelFactory(work_type=packing, rank=1, name="見習い")
    PayRateFactory(level=hourly, amount=Decimal("980.50"), created_by=supervisor)
    sites = []
    for work_type in (mending, packing):
        sessions = {
            day: Session.objects.create(host=work_type.host, date=NOVEMBER.replace(day=day))
            for day in range(1, 31)
        }
        placements = [
            PlacementFactory(
                host=work_type.host,
                case=CaseFactory(worker=consultation_worker),
                worker=consultation_worker,
                started_on=dt.date(2025, 4, 1),
            )
            for _ in range(2)
        ]
        sites.append((work_type, sessions, placements))
    return sites


def _write(work_type, sessions, placement, month: dict, recorder) -> None:
    for day, (quantity, minutes) in month["logs"].items():
        attendance = Attendance.objects.create(
            session=sessions[day], placement=placement, status="present", hours=3, recorded_by=recorder
        )
        WorkLog.objects.create(
            attendance=attendance, placement=placement, person_id=placement.person_id, date=sessions[day].date,
            work_type=work_type, quantity=quantity, minutes=minutes, recorded_by=recorder,
        )  # fmt: skip
    if month["level_up_on"] and work_type.pay_basis == "per_unit":
        SkillAssessment.objects.create(
            person_id=placement.person_id, work_type=work_type,
            level=SkillLevel.objects.get(work_type=work_type, rank=2),
            effective_from=NOVEMBER.replace(day=month["level_up_on"]), assessed_by=recorder,
        )  # fmt: skip
    if month["adjustment"]:
        PayAdjustment.objects.create(
            person_id=placement.person_id, host=work_type.host, month=NOVEMBER, corrects_month=OCTOBER,
            amount=month["adjustment"], reason="訂正", created_by=recorder,
        )  # fmt: skip


def _by_hand(work_type, month: dict) -> int:
    """The month reckoned again with exact fractions: each day rounded half up, topped up for employment."""
    total = 0
    for day, (quantity, minutes) in month["logs"].items():
        if work_type.pay_basis == "per_hour":
            exact = Fraction(minutes) / 60 * HOURLY_RATE
        else:
            level = 2 if month["level_up_on"] and day >= month["level_up_on"] else 1
            exact = Fraction(quantity) * TRAINING_RATES[level]
        amount = floor(exact + Fraction(1, 2))
        if work_type.work_form == "employment":
            amount = max(amount, ceil(Fraction(minutes) / 60 * MINIMUM_WAGE))
        total += amount
    return total + (month["adjustment"] or 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(months=st.lists(person_month, min_size=4, max_size=4))
def test_a_months_total_is_its_days_plus_adjustments_and_closing_keeps_it(sites, supervisor, months):
    savepoint = transaction.savepoint()
    try:
        expected = {}
        people = [(site, placement) for site in sites for placement in site[2]]
        for ((work_type, sessions, _all), placement), month in zip(people, months, strict=True):
            _write(work_type, sessions, placement, month, supervisor)
            if month["logs"] or month["adjustment"]:
                expected[placement.person_id] = _by_hand(work_type, month)

        computed = compute_months(month=NOVEMBER)
        for pay in computed:
            days = sum((day.amount + day.top_up for day in pay.days), Decimal(0))
            assert pay.total == days + pay.adjustments_total
        assert {pay.person_id: pay.total for pay in computed} == expected

        for work_type, _sessions, _placements in sites:
            close_pay_month(actor=supervisor, host=work_type.host, month=NOVEMBER)
        for statement in PayStatement.objects.select_related("pay_month__host__program", "person"):
            assert statement.total == expected[statement.person_id]
            printed = statement_context(statement)
            days = sum(day["amount"] + day["top_up"] for day in printed["days"])
            assert days + sum(item["amount"] for item in printed["adjustments"]) == statement.total
        assert PayStatement.objects.count() == len(expected)
    finally:
        transaction.savepoint_rollback(savepoint)
