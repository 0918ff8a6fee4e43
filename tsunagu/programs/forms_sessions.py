"""Forms of the session screens: add a session by hand, generate sessions from the schedule, and the
roll-call (one small form per expected person, so each refusal shows next to that person's card).
Forms parse and check shape; the services decide (and refuse)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tsunagu.core.dates import local_date
from tsunagu.core.forms import (
    SCHEDULE,
    FlexibleDateField,
    IdChoiceField,
    MonthField,
    QueryForm,
    SubmitOnceMixin,
    safe_id,
)
from tsunagu.programs.models import (
    AbsenceCategory,
    Attendance,
    AttendanceStatus,
    Placement,
    ProgramHost,
    Session,
    SharedAbsence,
)
from tsunagu.programs.services import RollCallEntry

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
STATUS_REQUIRED = _("Choose present, late, left early or absent.")
NOT_ON_ROLL_CALL = _("This person is not placed in this session's program.")


class MonthForm(QueryForm):
    """The month a host's sessions page shows (?month=2026-01)."""

    month = MonthField(label=_("Month"), window=SCHEDULE, required=False)


class SessionPeriod(models.TextChoices):
    TODAY = "today", _("Today")
    WEEK = "week", _("This week (today and the next six days)")
    WEEKS = "weeks", _("Last week and the next two weeks")


# The days each period shows, counted from today: (days back, days ahead).
PERIOD_DAYS = {SessionPeriod.TODAY: (0, 0), SessionPeriod.WEEK: (0, 6), SessionPeriod.WEEKS: (7, 14)}


class SessionIndexForm(QueryForm):
    """The sessions page's filter (?host=12&period=week): one host, and how many days, so that a phone
    shows one screen of sessions rather than every host's three weeks."""

    host = IdChoiceField(label=_("Host"), queryset=ProgramHost.objects.none(), required=False,
                         empty_label=_("All my hosts"))  # fmt: skip
    period = forms.ChoiceField(label=_("Period"), choices=SessionPeriod.choices, required=False)

    def __init__(self, *args: Any, hosts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts


class SessionAddForm(SubmitOnceMixin, forms.Form):
    """One session added by hand (a session outside the schedule, or a program by appointment)."""

    prefix = "add"
    date = FlexibleDateField(label=_("Date"), window=SCHEDULE, help_text="")
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TIME_INPUT,
        help_text=_("Empty: the program's usual hours."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TIME_INPUT)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class SessionGenerateForm(forms.Form):
    """Sessions for every scheduled day of a period (public holidays and the host's closed days are skipped
    by the service)."""

    prefix = "generate"
    date_from = FlexibleDateField(label=_("First day"), window=SCHEDULE, help_text="")
    date_to = FlexibleDateField(label=_("Last day"), window=SCHEDULE, help_text="")

    def __init__(self, *args: Any, host: ProgramHost, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.host = host

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        program = self.host.program
        if first and last and first <= last and self.host.schedule_weekdays and not program.by_appointment:
            ends = program.active_until
            if last < program.active_from or (ends is not None and first > ends):
                if ends is None:
                    period = _("from %(start)s") % {"start": local_date(program.active_from)}
                else:
                    period = _("%(start)s to %(end)s") % {
                        "start": local_date(program.active_from),
                        "end": local_date(ends),
                    }
                raise ValidationError(
                    _("The program is not offered in that period (it is offered %(period)s).")
                    % {"period": period},
                    code="inactive",
                )
        return data


class SessionCancelForm(forms.Form):
    prefix = "cancel"
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=200,
        help_text=_("For example: snow, the host's staff away. Everyone who runs the session sees it."),
    )


class HoursField(forms.DecimalField):
    """Hours as typed on a phone: 3, 3.5 or full-width ３．５."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().replace("時間", "")
        return super().to_python(value)


def hours_text(hours: Decimal | None) -> str:
    """3.00 → "3", 3.50 → "3.5" (never "1E+1")."""
    if hours is None:
        return ""
    text = f"{hours:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def session_hours(session: Session) -> Decimal | None:
    """The length of the session in hours (the default for everyone present), or None without times."""
    if not (session.start_time and session.end_time):
        return None
    start = dt.datetime.combine(session.date, session.start_time)
    end = dt.datetime.combine(session.date, session.end_time)
    minutes = Decimal(int((end - start).total_seconds() // 60))
    return (minutes / 60).quantize(Decimal("0.01"))


class StatusRadios(forms.RadioSelect):
    """The statuses never change, so each form's copy of the widget shares them: copying them anew for each
    person of a 40-person roll-call cost about a millisecond."""

    def __deepcopy__(self, memo: dict) -> StatusRadios:
        return forms.Widget.__deepcopy__(self, memo)


class StatusField(forms.ChoiceField):
    """A choice of constant statuses: each form's copy of the field shares them too."""

    widget = StatusRadios

    def __deepcopy__(self, memo: dict) -> StatusField:
        return forms.Field.__deepcopy__(self, memo)


class ReasonSelect(forms.Select):
    """Shared between the forms of a roll-call, like StatusRadios, and drawn in Python: a template per option
    made a 40-person roll-call take a fifth longer to draw."""

    def __deepcopy__(self, memo: dict) -> ReasonSelect:
        return forms.Widget.__deepcopy__(self, memo)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> str:
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) and value else value)
        )
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (code, mark_safe(" selected") if str(code) == chosen else "", label)
                for code, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


class ReasonField(forms.ChoiceField):
    """A choice of constant reasons, shared like StatusField."""

    widget = ReasonSelect

    def __deepcopy__(self, memo: dict) -> ReasonField:
        return forms.Field.__deepcopy__(self, memo)


class RollCallRowForm(forms.Form):
    """One person's line of the roll-call."""

    status = StatusField(
        label=_("Attendance"),
        choices=AttendanceStatus.choices,
        error_messages={"required": STATUS_REQUIRED, "invalid_choice": STATUS_REQUIRED},
    )
    hours = HoursField(
        label=_("Hours"),
        required=False,
        min_value=0,
        max_value=24,
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0", "max": "24", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the hours as a number, for example 3 or 3.5.")},
    )
    absence_category = ReasonField(
        label=_("Reason for absence"),
        choices=[("", "—"), *AbsenceCategory.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a reason for the absence from the list.")},
    )
    absence_reason = forms.CharField(
        label=_("Note for hub staff (not shown to the host)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, default_hours: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_hours = default_hours

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if status == AttendanceStatus.ABSENT:
            data["hours"] = Decimal(0)  # an absent person has no hours, whatever the box still says
            self.errors.pop("hours", None)
        elif status and data.get("hours") is None and "hours" not in self.errors:
            if self.default_hours is None:
                self.add_error("hours", _("Enter the hours."))
            else:
                data["hours"] = self.default_hours
        if status != AttendanceStatus.ABSENT:
            data["absence_reason"] = ""
            data["absence_category"] = ""
        return data


class HostRollCallRowForm(RollCallRowForm):
    """The host's staff's line: whether the absence was notified, and no note (the reason is the hub's)."""

    absence_category = ReasonField(
        label=_("Absence notified?"),
        choices=[("", "—"), *SharedAbsence.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a reason for the absence from the list.")},
    )
    absence_reason = None


@dataclass
class RollCallRow:
    placement: Placement
    form: RollCallRowForm


class RollCallForm:
    """The whole session's roll-call: a row per expected person (prefilled from what is recorded), and
    any other placement the browser sent, which is passed on so that the service refuses it."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        session: Session,
        placements: Iterable[Placement],
        recorded: Mapping[int, Attendance],
        private: bool = True,
    ) -> None:
        self.data = data
        self.session = session
        # Hub staff give the reason and a note; the host's staff only whether the absence was notified.
        self.row_form = RollCallRowForm if private else HostRollCallRowForm
        self.default_hours = session_hours(session)
        self.rows = [
            RollCallRow(placement, self._row_form(placement.pk, recorded.get(placement.pk)))
            for placement in placements
        ]
        self.errors: list[str] = []
        self.others: list[RollCallRowForm] = []
        self.other_ids: list[int] = []
        if data is not None:
            expected = {row.placement.pk for row in self.rows}
            for value in _getlist(data, "placement"):
                placement_id = safe_id(value)
                if placement_id is None:
                    self.errors.append(str(_("The roll-call was sent incomplete. Reload the page.")))
                    continue
                if placement_id not in expected and placement_id not in self.other_ids:
                    self.other_ids.append(placement_id)
                    self.others.append(self._row_form(placement_id, None))

    def _row_form(self, placement_id: int, attendance: Attendance | None) -> RollCallRowForm:
        initial: dict[str, Any] = {"hours": hours_text(self.default_hours)}
        if attendance is not None:
            initial = {
                "status": attendance.status,
                "hours": hours_text(attendance.hours),
                "absence_category": attendance.absence_category,
                "absence_reason": attendance.absence_reason,
            }
            if attendance.status == AttendanceStatus.ABSENT:
                initial["hours"] = hours_text(self.default_hours)
        return self.row_form(
            self.data, prefix=f"p{placement_id}", initial=initial, default_hours=self.default_hours
        )

    def is_valid(self) -> bool:
        valid = [row.form.is_valid() for row in self.rows]  # every row checked, not just the first
        if not all(form.is_valid() for form in self.others):
            # A line for someone who is not on this roll-call has no card to show its errors on.
            self.errors.append(str(NOT_ON_ROLL_CALL))
        return all(valid) and not self.errors

    def _forms(self) -> list[RollCallRowForm]:
        return [row.form for row in self.rows] + self.others

    def entries(self) -> list[RollCallEntry]:
        ids = [row.placement.pk for row in self.rows] + self.other_ids
        return [
            RollCallEntry(
                placement_id=placement_id,
                status=form.cleaned_data["status"],
                hours=form.cleaned_data["hours"],
                absence_reason=form.cleaned_data.get("absence_reason", ""),
                absence_category=form.cleaned_data["absence_category"],
            )
            for placement_id, form in zip(ids, self._forms(), strict=True)
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's refusal on the person's card it names, or at the top."""
        if not hasattr(error, "error_dict"):
            self.errors.extend(error.messages)
            return
        rows = {f"placement_{row.placement.pk}": row.form for row in self.rows}
        for key, messages in error.message_dict.items():
            form = rows.get(key)
            if form is not None:
                form.add_error(None, messages)
            else:
                self.errors.extend(messages)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(form.errors for form in self._forms())


def _getlist(data: Mapping[str, Any], key: str) -> list[Any]:
    getlist = getattr(data, "getlist", None)
    if getlist is not None:
        return getlist(key)
    value = data.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
