"""The shared input fields: a date within its window (西暦 or 和暦), a month, an id that can be one."""

import datetime as dt

import pytest
from django import forms
from django.utils import timezone

from tsunagu.core.forms import (
    BIRTH,
    HAPPENED,
    MAX_ID,
    PLANNED,
    DateField,
    DateTimeField,
    MonthField,
    limit_to_case,
    safe_id,
)


class EventForm(forms.Form):
    born = DateField(window=BIRTH, required=False)
    happened = DateField(window=HAPPENED, required=False)
    planned = DateField(window=PLANNED, required=False)
    at = DateTimeField(window=HAPPENED, required=False)
    month = MonthField(required=False)


def errors(**data) -> dict:
    form = EventForm(data)
    form.is_valid()
    return form.errors


def today() -> dt.date:
    return timezone.localdate()


@pytest.mark.parametrize(
    "value", ["1900-01-01", "1975/1/2", "昭和50年1月2日", "S50.1.2", "２０００－０１－０１"]
)
def test_a_birth_date_from_1900_in_seireki_or_wareki_is_accepted(value):
    assert not errors(born=value)


@pytest.mark.parametrize("value", ["1899-12-31", "1800-01-01", "0001-01-01", "明治2年1月1日"])
def test_a_birth_date_before_1900_is_refused(value):
    assert "1900年1月1日以降の日付" in errors(born=value)["born"][0]


def test_a_birth_date_tomorrow_is_refused():
    assert errors(born=(today() + dt.timedelta(days=1)).isoformat())["born"]


def test_something_that_happened_today_is_accepted_and_tomorrow_is_not():
    assert not errors(happened=today().isoformat())
    assert errors(happened=(today() + dt.timedelta(days=1)).isoformat())["happened"]


def test_a_planned_date_may_be_a_year_ahead_but_not_three():
    assert not errors(planned=(today() + dt.timedelta(days=365)).isoformat())
    assert errors(planned=(today() + dt.timedelta(days=3 * 365)).isoformat())["planned"]


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1999-12-31"])
def test_a_case_event_outside_the_records_years_is_refused(value):
    assert errors(happened=value)["happened"]


def test_a_case_event_before_the_intake_is_refused_once_the_form_knows_the_case():
    intake = today() - dt.timedelta(days=10)
    form = limit_to_case(
        EventForm({"happened": (intake - dt.timedelta(days=1)).isoformat()}), intake_date=intake
    )
    assert not form.is_valid()
    assert "受付日" in form.errors["happened"][0]
    assert not limit_to_case(EventForm({"happened": intake.isoformat()}), intake_date=intake).errors


def test_birth_dates_are_not_bound_to_the_intake():
    form = limit_to_case(EventForm({"born": "1975-01-02"}), intake_date=today())
    assert form.is_valid()


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1800-01-01T09:00"])
def test_a_time_of_year_one_or_9999_is_refused_before_it_reaches_utc(value):
    assert errors(at=value)["at"]


@pytest.mark.parametrize(
    ("value", "month"), [("2026-01", dt.date(2026, 1, 1)), ("2025/4", dt.date(2025, 4, 1))]
)
def test_a_month_is_read_as_its_first_day(value, month):
    form = EventForm({"month": value})
    assert form.is_valid()
    assert form.cleaned_data["month"] == month


@pytest.mark.parametrize("value", ["9999-12", "1-1", "0001-01", "2026-13", "2026-00", "x", "\x00"])
def test_a_month_out_of_range_or_not_a_month_is_refused(value):
    assert errors(month=value)["month"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), (" 42 ", 42), (str(MAX_ID), MAX_ID), (7, 7)]
    + [(bad, None) for bad in ("0", "-1", str(MAX_ID + 1), "99999999999999999999", "1.0", "", "一", True)],
)
def test_only_a_whole_number_from_1_to_2_63_can_be_an_id(value, expected):
    assert safe_id(value) == expected
