"""The statistics' forms: the period and scope asked for (GET), and the reference tables' rows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import RECORDS, DateField, IdChoiceField, MonthField, QueryForm, SubmitOnceMixin
from tsunagu.statistics.models import Indicator

PERIOD_CHOICES = (("month", _("Month")), ("year", _("Fiscal year")))


class ReportForm(QueryForm):
    """?period=month&month=2026-10&office=3&reporter=釧路市 (or period=year&year=2026); `outside` for the
    exports for outside use (small counts suppressed)."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    month = MonthField(label=_("Month"), required=False)
    year = forms.IntegerField(
        label=_("Fiscal year (the year of its April)"), min_value=2000, max_value=2100, required=False
    )
    office = IdChoiceField(label=_("Office"), queryset=None, required=False, empty_label=_("All offices"))
    reporter = forms.ChoiceField(label=_("Reporting municipality"), required=False)
    outside = forms.BooleanField(label=_("For outside use (small counts hidden)"), required=False)

    def __init__(self, *args, offices, reporters, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["reporter"].choices = [("", _("All municipalities")), *reporters]
        self.fields.pop("page")


class PopulationForm(SubmitOnceMixin, forms.Form):
    municipality = forms.CharField(label=_("Municipality"), max_length=60)
    as_of = DateField(label=_("As of"), window=RECORDS)
    population = forms.IntegerField(label=_("Population"), min_value=1, max_value=100_000_000)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)


class BenchmarkForm(SubmitOnceMixin, forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=Indicator.choices)
    valid_from = DateField(label=_("Valid from"), window=RECORDS)
    value = forms.DecimalField(
        label=_("Target value (目安値)"), min_value=0.1, max_value=99999, decimal_places=1
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
