"""The query of the report of continuing cases to the municipality (?month=2026-01&to=釧路市)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.cases.municipal_report import reporters
from tsunagu.core.forms import MonthField, QueryForm


class MunicipalReportForm(QueryForm):
    month = MonthField(label=_("Month"), required=False)
    to = forms.ChoiceField(label=_("Reported to"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = reporters()
