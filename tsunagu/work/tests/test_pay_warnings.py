"""The signs that a training (非雇用型) month looks like paid labour, on computed months (no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from tsunagu.work.pay import DayPay, LogPay, MonthPay
from tsunagu.work.warnings import WarningKind, month_warnings


@pytest.fixture(autouse=True)
def english():
    """The messages as written here (Japanese is the default language)."""
    with translation.override("en"):
        yield


def _month(days: list[tuple[int, str, int]], *, work_form="training", pay_basis="per_unit") -> MonthPay:
    """(day, quantity, minutes) per day, one log a day at work type 1."""
    pay = MonthPay(person_id=1, host_id=1, month=dt.date(2025, 11, 1), work_form=work_form)
    for day, quantity, minutes in days:
        log = LogPay(1, 1, 1, 1, pay_basis, Decimal(quantity), minutes, Decimal(100), Decimal(quantity) * 100)
        pay.days.append(DayPay(date=dt.date(2025, 11, day), logs=[log], minutes=minutes))
    return pay


def _kinds(pay: MonthPay) -> list[str]:
    return [warning.kind for warning in month_warnings(pay)]


def test_the_same_minutes_on_8_of_10_days_look_like_fixed_hours():
    days = [(d, str(d), 240) for d in range(1, 9)] + [(9, "3", 120), (10, "4", 90)]
    (warning,) = month_warnings(_month(days))
    assert warning.kind == WarningKind.FIXED_HOURS
    assert (warning.days, warning.of_days) == (8, 10)
    assert "no fixed hours" in warning.why


def test_7_of_10_days_alike_or_fewer_than_8_days_worked_raise_nothing():
    seven_of_ten = [(d, str(d), 240) for d in range(1, 8)] + [(8, "1", 60), (9, "2", 90), (10, "3", 100)]
    assert _kinds(_month(seven_of_ten)) == []
    seven_days_all_alike = [(d, "20", 240) for d in range(1, 8)]
    assert _kinds(_month(seven_days_all_alike)) == []


def test_the_same_quantity_day_after_day_looks_like_a_quota():
    days = [(d, "50", 100 + d * 7) for d in range(1, 11)]
    (warning,) = month_warnings(_month(days))
    assert warning.kind == WarningKind.QUOTA
    assert "50" in warning.message and "quota" in warning.why


def test_hourly_pay_on_training_is_warned_even_though_the_model_refuses_it():
    assert _kinds(_month([(3, "0", 60)], pay_basis="per_hour")) == [WarningKind.HOURLY_PAY]


def test_employment_is_never_warned_about_fixed_hours_or_quotas():
    days = [(d, "50", 240) for d in range(1, 11)]
    assert _kinds(_month(days, work_form="employment")) == []
    assert _kinds(_month(days)) == [WarningKind.FIXED_HOURS, WarningKind.QUOTA]
