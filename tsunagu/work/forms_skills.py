"""The supervisor's forms of the skill ladder, and the person page's income goal. The services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import (
    EARLIEST_RECORD,
    DateField,
    DateWindow,
    IdChoiceField,
    QueryForm,
    SubmitOnceMixin,
)
from tsunagu.work.models import SkillLevel, WorkType
from tsunagu.work.services_skills import CONFIRM_FIELDS, SET_LEVEL_FIELDS

# A level is assessed on work done: up to today.
ASSESSED = DateWindow(EARLIEST_RECORD, 0)
# A monthly income goal, in yen: from 1,000 to 1,000,000.
GOAL_MIN, GOAL_MAX = 1_000, 1_000_000


class _LevelForm(SubmitOnceMixin, forms.Form):
    work_type = IdChoiceField(label=_("Work type"), queryset=WorkType.objects.none())
    level = IdChoiceField(label=_("Level"), queryset=SkillLevel.objects.none())
    effective_from = DateField(
        label=_("From"),
        window=ASSESSED,
        initial=timezone.localdate,
        error_messages={"too_late": _("A level is assessed on work done: not in the future.")},
    )

    def __init__(self, *args: Any, work_types: list[WorkType], levels, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_type"].queryset = WorkType.objects.filter(pk__in=[w.pk for w in work_types])
        self.fields["level"].queryset = levels
        self.fields["level"].label_from_instance = lambda level: f"{level.work_type.name}: {level}"


class ConfirmLevelForm(_LevelForm):
    """Confirming a proposal: the work type and level come hidden from the queue's row."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_type"].widget = forms.HiddenInput()
        self.fields["level"].widget = forms.HiddenInput()

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CONFIRM_FIELDS}


class SetLevelForm(_LevelForm):
    note = forms.CharField(
        label=_("Why (the evidence)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you saw: the work, its pace and quality. A level down says why too."),
    )

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SET_LEVEL_FIELDS}


class GoalForm(QueryForm):
    """?goal=: a monthly income goal in yen, for the projection."""

    goal = forms.IntegerField(
        label=_("Monthly income goal (yen)"),
        min_value=GOAL_MIN,
        max_value=GOAL_MAX,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
    )
