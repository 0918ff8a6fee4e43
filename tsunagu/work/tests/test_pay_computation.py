"""The pay of a month, as pay.py reckons it (the scenario tests of closing months are in test_pay*.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from tsunagu.testing.factories import (
    AttendanceFactory,
    PayRateFactory,
    SessionFactory,
    SkillLevelFactory,
    WorkLogFactory,
    WorkTypeFactory,
)
from tsunagu.work.pay import compute_months

pytestmark = pytest.mark.django_db


def test_a_training_day_pays_quantity_times_the_first_levels_rate_rounded_half_up():
    work_type = WorkTypeFactory()
    day = dt.date(2026, 10, 6)
    log = WorkLogFactory(
        work_type=work_type,
        attendance=AttendanceFactory(
            placement__host=work_type.host, session=SessionFactory(host=work_type.host, date=day)
        ),
        quantity=Decimal("2.5"),
        minutes=60,
    )
    (month,) = compute_months(month=dt.date(2026, 10, 1))
    assert month.person_id == log.person_id
    assert [d.amount for d in month.days] == [Decimal(250)]
    assert month.total == Decimal(250)
    assert month.minimum_wage_top_up == 0


def test_an_employment_day_under_the_minimum_wage_is_topped_up():
    work_type = WorkTypeFactory(work_form="employment")
    day = dt.date(2026, 10, 6)
    WorkLogFactory(
        work_type=work_type,
        attendance=AttendanceFactory(
            placement__host=work_type.host, session=SessionFactory(host=work_type.host, date=day)
        ),
        quantity=3,
        minutes=60,
    )
    (month,) = compute_months(month=dt.date(2026, 10, 1))
    assert month.earned == Decimal(300)
    assert month.minimum_wage_top_up == Decimal(1075 - 300)
    assert month.total == Decimal(1075)


def test_the_minimum_for_61_minutes_at_960_yen_is_976_yen_not_a_yen_more():
    # 61 × 960 ÷ 60 = 976 exactly. Dividing 61 by 60 first left 976.000…01, which rounded up to 977.
    work_type = WorkTypeFactory(work_form="employment")
    day = dt.date(2024, 6, 3)  # 960 円 from 2023-10-01
    WorkLogFactory(
        work_type=work_type,
        attendance=AttendanceFactory(
            placement__host=work_type.host, session=SessionFactory(host=work_type.host, date=day)
        ),
        quantity=1,
        minutes=61,
    )
    (month,) = compute_months(month=dt.date(2024, 6, 1))
    assert month.days[0].minimum == Decimal(976)
    assert month.total == Decimal(976)


def test_an_hourly_day_that_comes_to_exactly_half_a_yen_rounds_up():
    # 20 minutes at 28.50 円 an hour = 20 × 28.5 ÷ 60 = 9.5 → 10 円 (half up). Dividing first gave 9.
    work_type = WorkTypeFactory(work_form="employment", pay_basis="per_hour", levels=False)
    level = SkillLevelFactory(work_type=work_type, rank=1)
    PayRateFactory(level=level, amount=Decimal("28.50"), effective_from=dt.date(2022, 1, 1))
    day = dt.date(2022, 6, 3)  # before the first minimum wage row: no top-up
    WorkLogFactory(
        work_type=work_type,
        attendance=AttendanceFactory(
            placement__host=work_type.host, session=SessionFactory(host=work_type.host, date=day)
        ),
        quantity=0,
        minutes=20,
    )
    (month,) = compute_months(month=dt.date(2022, 6, 1))
    assert month.days[0].amount == Decimal(10)
    assert month.minimum_wage_top_up == 0
