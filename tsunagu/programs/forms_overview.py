"""The overview's day (GET ?on=…: the 全体概況 as of that day; today by default) and its period for stage
transitions (GET ?from=…&to=…: the current fiscal year by default)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.core.dates import fiscal_year_start
from tsunagu.core.forms import RECORDS, DateField

MAX_PERIOD_YEARS = 5


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The current fiscal year so far: 1 April → today."""
    return fiscal_year_start(today), today


class OverviewPeriodForm(forms.Form):
    """Fields are named `from` and `to` (the GET parameters), so they are added in __init__."""

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["on"] = DateField(label=_("As of"), window=RECORDS, required=False)
        self.fields["from"] = DateField(label=_("Period from"), window=RECORDS, required=False)
        self.fields["to"] = DateField(label=_("Period to"), window=RECORDS, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("on") and cleaned["on"] > self.today:
            self.add_error("on", _("Choose a day up to today."))
            return cleaned
        date_to = cleaned.get("to") or self.today
        date_from = cleaned.get("from") or fiscal_year_start(date_to)
        if date_to < date_from:
            self.add_error("to", _("The end of the period is before its start."))
        elif date_to > years_later(date_from, MAX_PERIOD_YEARS):
            self.add_error("to", _("Choose a period of at most five years."))
        else:
            cleaned["from"], cleaned["to"] = date_from, date_to
        return cleaned

    def day(self) -> dt.date | None:
        """The day asked for (None: today, live)."""
        return self.cleaned_data.get("on") if self.is_valid() else None

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for if it is valid, otherwise the default one."""
        if self.is_valid():
            return self.cleaned_data["from"], self.cleaned_data["to"]
        return default_period(self.today)
