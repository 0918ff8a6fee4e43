"""Forms of the program catalog: a program, its end, and a host."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from django import forms
from django.forms.models import model_to_dict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tsunagu.cases.models import Contract
from tsunagu.core.forms import (
    SCHEDULE,
    DateField,
    EditVersionField,
    EditVersionMixin,
    IdChoiceField,
    SubmitOnceMixin,
)
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Stage
from tsunagu.programs.models import WEEKDAYS, Program, ProgramCategory, ProgramHost, closed_period_label
from tsunagu.programs.services import HOST_FIELDS, PROGRAM_FIELDS

MAX_CAPACITY = 999  # places of one host; the largest program of the catalog takes 30
MAX_CLOSED_PERIODS = 24
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
END_BEFORE_START = _("A program cannot end before it starts.")


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def _help(model, name: str) -> str:
    return model._meta.get_field(name).help_text


class ProgramForm(SubmitOnceMixin, forms.Form):
    """A program of the catalog; the service checks the whole (period and hours in order, a unique name) and
    names the field at fault, so that its message stands next to that field."""

    name = forms.CharField(label=_label(Program, "name"), max_length=120)
    stage = forms.ChoiceField(
        label=_label(Program, "stage"),
        choices=[("", _("None (children's or cross-stage program)")), *Stage.choices],
        required=False,
        help_text=_help(Program, "stage"),
    )
    category = forms.ChoiceField(
        label=_label(Program, "category"), choices=[("", "—"), *ProgramCategory.choices]
    )
    description = forms.CharField(
        label=_label(Program, "description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    place = forms.CharField(label=_label(Program, "place"), max_length=200, required=False)
    weekdays = forms.TypedMultipleChoiceField(
        label=_label(Program, "weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    start_time = forms.TimeField(label=_label(Program, "start_time"), widget=TIME_INPUT, required=False)
    end_time = forms.TimeField(label=_label(Program, "end_time"), widget=TIME_INPUT, required=False)
    by_appointment = forms.BooleanField(label=_label(Program, "by_appointment"), required=False)
    eligibility = forms.CharField(
        label=_label(Program, "eligibility"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    contract = forms.ChoiceField(
        label=_label(Program, "contract"), choices=[("", "—"), *Contract.choices], required=False
    )
    active_from = DateField(label=_label(Program, "active_from"), window=SCHEDULE)
    active_until = DateField(
        label=_label(Program, "active_until"),
        window=SCHEDULE,
        required=False,
        help_text=_("The last day the program is offered; empty while it goes on."),
    )
    sort_order = forms.IntegerField(
        label=_label(Program, "sort_order"), min_value=0, max_value=9999, initial=0
    )

    @classmethod
    def for_program(cls, program: Program, data=None) -> ProgramForm:
        """The form of an existing program, carrying the version it shows (see core.editing)."""
        initial = model_to_dict(program, fields=PROGRAM_FIELDS) | {"edit_version": program.edit_version}
        form = cls(data, initial=initial)
        form.fields["edit_version"] = EditVersionField()
        return form


class EndProgramForm(forms.Form):
    """The service refuses a last day before the start under the name active_until; checked here too, so that
    the message stands next to this form's own field."""

    last_day = DateField(label=_("Last day offered"), window=SCHEDULE)
    edit_version = EditVersionField()

    def __init__(self, *args, program: Program, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_last_day(self):
        last_day = self.cleaned_data["last_day"]
        if last_day < self.program.active_from:
            raise forms.ValidationError(END_BEFORE_START)
        return last_day


class HostForm(SubmitOnceMixin, forms.Form):
    organisation = IdChoiceField(
        label=_label(ProgramHost, "organisation"), queryset=Organisation.objects.none()
    )
    capacity = forms.IntegerField(
        label=_label(ProgramHost, "capacity"),
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_help(ProgramHost, "capacity"),
    )
    place = forms.CharField(label=_label(ProgramHost, "place"), max_length=200, required=False)
    note = forms.CharField(label=_label(ProgramHost, "note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "reading", "name"
        )


CLOSED_DAYS_HELP = _(
    "Periods without sessions, as month/day: 12/29-1/3 for 年末年始; separate several with commas. "
    "Public holidays are skipped anyway."
)


class ClosedDaysField(forms.CharField):
    """Closed periods typed as 12/29-1/3, 8/13-8/16 or 12月29日〜1月3日 (one day: 5/1), kept as
    [["12-29", "01-03"], ...]; a period may run over the new year."""

    default_error_messages = {
        "invalid": _("Give each closed period as month/day, for example 12/29-1/3."),
        "too_many": _("Give at most %(n)s closed periods.") % {"n": MAX_CLOSED_PERIODS},
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 400)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return ", ".join(closed_period_label(period) for period in value)
        return value

    def to_python(self, value: Any) -> list[list[str]]:
        text = unicodedata.normalize("NFKC", super().to_python(value) or "")
        text = re.sub(r"\s*([-~〜–])\s*", r"\1", text)  # "12/29 - 1/3" is one period
        periods = []
        for part in re.split(r"[、,;\s]+", text.strip()):
            if not part:
                continue
            days = re.split(r"[-~〜–]", part)
            if len(days) > 2:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            first, last = (self._month_day(day) for day in (days[0], days[-1]))
            periods.append([first, last])
        if len(periods) > MAX_CLOSED_PERIODS:
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        return periods

    def _month_day(self, text: str) -> str:
        match = re.fullmatch(r"(\d{1,2})[/.月](\d{1,2})日?", text)
        try:
            day = dt.date(2024, int(match[1]), int(match[2]))  # a leap year: 2/29 is a day
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        return f"{day:%m-%d}"


class HostEditForm(EditVersionMixin, forms.ModelForm):
    """A host's capacity, days, closed days, and whether the seed named it (a local assumption an
    administrator confirms or changes); the service keeps the capacity above the places taken."""

    capacity = forms.IntegerField(
        label=_label(ProgramHost, "capacity"),
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_("People at 見学, 体験 or 参加 at once; empty for no limit."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_label(ProgramHost, "weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    closed_days = ClosedDaysField(
        label=_label(ProgramHost, "closed_days"), required=False, help_text=CLOSED_DAYS_HELP
    )

    class Meta:
        model = ProgramHost
        fields = list(HOST_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        program = self.instance.program
        days = "・".join(program.weekday_labels) or "—"
        self.fields["weekdays"].help_text = _(
            "Leave all unticked to follow the program's days (%(days)s)."
        ) % {"days": days}
