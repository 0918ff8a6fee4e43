"""Forms of the pay pages: the month shown, closing a month, and an adjustment. Forms parse and check
shape; the services decide (and refuse)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import RECORDS, IdChoiceField, MonthField, QueryForm, SubmitOnceMixin
from tsunagu.work.services_pay import ADJUSTMENT_FIELDS, MAX_ADJUSTMENT

MAX_YEN = int(MAX_ADJUSTMENT)


class PayMonthForm(QueryForm):
    """The month a pay page shows (?month=2026-10)."""

    month = MonthField(label=_("Month"), window=RECORDS, required=False)


class IncomeFilterForm(QueryForm):
    """The earned income page's filter (?assisted=on): only the people on public assistance, whose
    収入申告 it is for."""

    assisted = forms.BooleanField(label=_("Only people on public assistance"), required=False)


class CloseMonthForm(forms.Form):
    month = MonthField(label=_("Month to close"), window=RECORDS)


class AdjustmentForm(SubmitOnceMixin, forms.Form):
    """A correction of a closed month, paid in a later open one. Its fields are the service's."""

    person = IdChoiceField(label=_("Person"), queryset=None)
    corrects_month = MonthField(label=_("Corrects the month"), window=RECORDS)
    month = MonthField(label=_("Paid in the month"), window=RECORDS)
    amount = forms.IntegerField(
        label=_("Amount (yen)"),
        min_value=-MAX_YEN,
        max_value=MAX_YEN,
        help_text=_("Negative to take back pay paid in excess."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, people: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: person.full_name
        assert set(ADJUSTMENT_FIELDS) <= set(self.fields), "the form carries every field of the service"

    def service_fields(self) -> dict[str, Any]:
        """Every field the form parsed, for add_pay_adjustment: a field renamed here alone fails loudly."""
        return {name: value for name, value in self.cleaned_data.items()}


class TotalsForm(QueryForm):
    """The months of the totals (GET ?first=2026-04&last=2026-11): the fiscal year so far by default, at most
    two years."""

    first = MonthField(label=_("From month"), required=False)
    last = MonthField(label=_("To month"), required=False)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, last = self._months(cleaned)
        if last < first:
            self.add_error("last", _("The last month is before the first."))
        elif (last.year - first.year) * 12 + last.month - first.month >= MAX_TOTAL_MONTHS:
            self.add_error("last", _("Choose at most 24 months."))
        return cleaned

    def _months(self, cleaned: dict[str, Any]) -> tuple[dt.date, dt.date]:
        last = cleaned.get("last") or self.today.replace(day=1)
        fiscal_start = dt.date(last.year if last.month >= 4 else last.year - 1, 4, 1)
        return cleaned.get("first") or fiscal_start, last

    def months(self) -> tuple[dt.date, dt.date]:
        """(first day of the first month, last day of the last month) asked for, else the default."""
        first, last = self._months(self.cleaned_data if self.is_bound and self.is_valid() else {})
        return first, (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


MAX_TOTAL_MONTHS = 24
