"""The pay of a month, as pay.py reckons it (the scenario tests of closing months are in test_pay*.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from tsunagu.testing.factories import AttendanceFactory, SessionFactory, WorkLogFactory, WorkTypeFactory
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
