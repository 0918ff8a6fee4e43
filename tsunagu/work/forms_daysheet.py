"""The day sheet's forms: the day asked for (?date=), and the sheet itself, one small form per person (so
each refusal shows next to that person's amounts) and a head with the customer order of each work type.
Forms parse and check shape; the service decides (and refuses)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import EARLIEST_RECORD, DateField, DateWindow, QueryForm, SubmitOnceMixin, safe_id
from tsunagu.programs.forms_sessions import HoursField, StatusField, hours_text, session_hours
from tsunagu.programs.models import Attendance, AttendanceStatus, Placement
from tsunagu.work.logs import LARGEST_AMOUNT, MINUTES_IN_A_DAY, log_key, row_key
from tsunagu.work.models import CustomerOrder, WorkType
from tsunagu.work.selectors_logs import DaySheet
from tsunagu.work.services_logs import WORK_LOG_FIELDS, DaySheetLog, DaySheetRow

# A day sheet is kept for a day that has come: from 2000 to today.
WORKED = DateWindow(EARLIEST_RECORD, 0)
NOT_ON_SHEET = _("This person is not placed at this site.")
AMOUNT_FIELDS = tuple(name for name in WORK_LOG_FIELDS if name != "order")  # per person; the order per sheet


class DayForm(QueryForm):
    """The day a sheet shows (?date=2026-01-05): today when none is given."""

    date = DateField(label=_("Date"), window=WORKED, required=False)


class AmountField(forms.DecimalField):
    """A quantity as typed on a phone: 12, 12.5 or full-width １２."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        return super().to_python(value)


class MinutesField(forms.IntegerField):
    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().replace("分", "")
        return super().to_python(value)


def _amount(label) -> AmountField:
    return AmountField(
        label=label, required=False, min_value=0, max_value=LARGEST_AMOUNT, max_digits=8, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": "5"}),
        error_messages={"invalid": _("Enter a number, for example 12 or 12.5."),
                        "min_value": _("Cannot be less than 0.")},
    )  # fmt: skip


class DaySheetRowForm(forms.Form):
    """One person's line: presence, hours, and quantity, minutes and defects for each work type."""

    status = StatusField(
        label=_("Attendance"),
        choices=AttendanceStatus.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose present, late, left early or absent.")},
    )
    hours = HoursField(
        label=_("Hours"), required=False, min_value=0, max_value=24, max_digits=4, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": "4"}),
        error_messages={"invalid": _("Enter the hours as a number, for example 3 or 3.5.")},
    )  # fmt: skip

    def __init__(
        self, *args: Any, work_types: list[WorkType], work_fields: Mapping[str, forms.Field],
        default_hours: Decimal | None, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.work_types = work_types
        self.default_hours = default_hours
        # The work types' fields, made once per sheet and shared by its lines (nothing changes a field once
        # made): making four fields per line for 30 people was a third of a save's time.
        self.fields.update(work_fields)

    def work_groups(self) -> list[tuple[WorkType, list[forms.BoundField], forms.BoundField]]:
        """Per work type: its amounts' fields and the hidden version of the log shown (for the template)."""
        return [
            (wt, [self[f"w{wt.pk}_{name}"] for name in AMOUNT_FIELDS], self[f"w{wt.pk}_version"])
            for wt in self.work_types
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        worked = any(
            data.get(f"w{wt.pk}_{name}") is not None for wt in self.work_types for name in AMOUNT_FIELDS
        )
        status = data.get("status")
        if worked and not status and "status" not in self.errors:
            data["status"] = status = AttendanceStatus.PRESENT  # work entered: the person came
        if status == AttendanceStatus.ABSENT:
            data["hours"] = Decimal(0)
            self.errors.pop("hours", None)
        elif status and data.get("hours") is None and "hours" not in self.errors:
            if self.default_hours is None:
                self.add_error("hours", _("Enter the hours."))
            else:
                data["hours"] = self.default_hours
        self._default_minutes(data)
        return data

    def _default_minutes(self, data: dict[str, Any]) -> None:
        """With one work type, the minutes left empty are the hours the person was there."""
        if len(self.work_types) != 1 or data.get("hours") is None:
            return
        prefix = f"w{self.work_types[0].pk}_"
        empty = data.get(prefix + "minutes") is None and prefix + "minutes" not in self.errors
        worked = data.get(prefix + "quantity") is not None or data.get(prefix + "defects") is not None
        if empty and worked:
            data[prefix + "minutes"] = int(data["hours"] * 60)


def work_fields(work_types: list[WorkType]) -> dict[str, forms.Field]:
    """A line's fields for each work type: quantity, minutes, defects, and the version of the log shown."""
    fields: dict[str, forms.Field] = {}
    for work_type in work_types:
        fields[f"w{work_type.pk}_quantity"] = _amount(_("Quantity (%(unit)s)") % {"unit": work_type.unit})
        fields[f"w{work_type.pk}_minutes"] = MinutesField(
            label=_("Minutes"), required=False, min_value=0, max_value=MINUTES_IN_A_DAY,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": "4"}),
            error_messages={"invalid": _("Enter the minutes as a whole number, for example 150."),
                            "min_value": _("Cannot be less than 0.")},
        )  # fmt: skip
        fields[f"w{work_type.pk}_defects"] = _amount(_("Defects or rework"))
        fields[f"w{work_type.pk}_version"] = forms.IntegerField(
            required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
        )
    return fields


@dataclass
class SheetLine:
    placement: Placement
    form: DaySheetRowForm


class DaySheetHeadForm(SubmitOnceMixin, forms.Form):
    """The sheet's own fields: the customer order each work type's work of the day fills (optional)."""

    prefix = "sheet"

    def __init__(self, *args: Any, work_types: list[WorkType], orders: Mapping[int, list[CustomerOrder]],
                 initial_orders: Mapping[int, int], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.order_fields: list[tuple[WorkType, str]] = []
        for work_type in work_types:
            choices = orders.get(work_type.pk) or []
            if not choices:
                continue
            name = f"order_{work_type.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Customer order for %(work)s") % {"work": work_type.name},
                choices=[("", "—"), *((str(o.pk), _order_label(o)) for o in choices)],
                coerce=int, required=False, empty_value=None,
                error_messages={"invalid_choice": _("Choose an order from the list.")},
            )  # fmt: skip
            if work_type.pk in initial_orders:
                self.initial[name] = str(initial_orders[work_type.pk])
            self.order_fields.append((work_type, name))

    def order_for(self, work_type: WorkType) -> int | None:
        return self.cleaned_data.get(f"order_{work_type.pk}")


def _order_label(order: CustomerOrder) -> str:
    who = order.customer_name or (str(order.customer) if order.customer_id else "")
    return " ".join(filter(None, [order.reference, who])) or str(order.ordered_on)


class DaySheetForm:
    """The whole sheet: a line per person expected (prefilled from what is recorded), and any other
    placement the browser sent, passed on so that the service refuses it."""

    def __init__(self, data: Mapping[str, Any] | None = None, *, sheet: DaySheet) -> None:
        self.data = data
        self.sheet = sheet
        self.work_types = sheet.work_types
        self.default_hours = session_hours(sheet.session) if sheet.session else None
        self.work_fields = work_fields(self.work_types)
        first_orders = {
            wt: log.order_id for (_p, wt), log in sorted(sheet.logs.items()) if log.order_id is not None
        }
        self.head = DaySheetHeadForm(data, work_types=self.work_types, orders=sheet.orders,
                                     initial_orders=first_orders)  # fmt: skip
        self.lines = [
            SheetLine(p, self._row_form(p.pk, sheet.attendance.get(p.pk))) for p in sheet.placements
        ]
        self.errors: list[str] = []
        self.others: list[DaySheetRowForm] = []
        self.other_ids: list[int] = []
        if data is not None:
            expected = {line.placement.pk for line in self.lines}
            for value in _getlist(data, "placement"):
                placement_id = safe_id(value)
                if placement_id is None:
                    self.errors.append(str(_("The sheet was sent incomplete. Reload the page.")))
                    continue
                if placement_id not in expected and placement_id not in self.other_ids:
                    self.other_ids.append(placement_id)
                    self.others.append(self._row_form(placement_id, None))

    def _row_form(self, placement_id: int, attendance: Attendance | None) -> DaySheetRowForm:
        initial: dict[str, Any] = {"hours": hours_text(self.default_hours)}
        if attendance is not None:
            initial["status"] = attendance.status
            if attendance.status != AttendanceStatus.ABSENT:
                initial["hours"] = hours_text(attendance.hours)
        for work_type in self.work_types:
            log = self.sheet.logs.get((placement_id, work_type.pk))
            if log is not None:
                initial |= {
                    f"w{work_type.pk}_quantity": hours_text(log.quantity),
                    f"w{work_type.pk}_minutes": log.minutes,
                    f"w{work_type.pk}_defects": hours_text(log.defects),
                    f"w{work_type.pk}_version": log.edit_version,
                }
        return DaySheetRowForm(self.data, prefix=f"p{placement_id}", initial=initial,
                               work_types=self.work_types, work_fields=self.work_fields,
                               default_hours=self.default_hours)  # fmt: skip

    def _forms(self) -> list[DaySheetRowForm]:
        return [line.form for line in self.lines] + self.others

    def is_valid(self) -> bool:
        valid = [form.is_valid() for form in self._forms()]  # every line checked, not just the first
        head = self.head.is_valid()
        if not all(form.is_valid() for form in self.others):
            self.errors.append(str(NOT_ON_SHEET))
        return all(valid) and head and not self.errors

    def rows(self) -> list[DaySheetRow]:
        ids = [line.placement.pk for line in self.lines] + self.other_ids
        return [self._row(placement_id, form) for placement_id, form in zip(ids, self._forms(), strict=True)]

    def _row(self, placement_id: int, form: DaySheetRowForm) -> DaySheetRow:
        data = form.cleaned_data
        logs = tuple(
            DaySheetLog(
                work_type_id=wt.pk,
                quantity=data.get(f"w{wt.pk}_quantity"),
                minutes=data.get(f"w{wt.pk}_minutes"),
                defects=data.get(f"w{wt.pk}_defects"),
                order_id=self.head.order_for(wt),
                edit_version=data.get(f"w{wt.pk}_version"),
            )
            for wt in self.work_types
        )
        return DaySheetRow(placement_id=placement_id, status=data.get("status") or "",
                           hours=data.get("hours"), logs=logs)  # fmt: skip

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's refusal next to the amount or on the person's card it names, or at the top."""
        if not hasattr(error, "error_dict"):
            self.errors.extend(error.messages)
            return
        forms_by_id = {line.placement.pk: line.form for line in self.lines}
        targets: dict[str, tuple[DaySheetRowForm, str | None]] = {}
        for placement_id, form in forms_by_id.items():
            targets[row_key(placement_id)] = (form, None)
            for wt in self.work_types:
                for name in AMOUNT_FIELDS:
                    targets[log_key(placement_id, wt.pk, name)] = (form, f"w{wt.pk}_{name}")
                targets[log_key(placement_id, wt.pk, "order")] = (form, None)
        for key, messages in error.message_dict.items():
            target = targets.get(key)
            if target is None:
                self.errors.extend(messages)
            else:
                form, name = target
                form.add_error(name, messages)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or bool(self.head.errors) or any(form.errors for form in self._forms())


def _getlist(data: Mapping[str, Any], key: str) -> list[Any]:
    getlist = getattr(data, "getlist", None)
    if getlist is not None:
        return getlist(key)
    value = data.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
