"""Form helpers shared by every app: service errors on a form, and the one way a typed date, id or month
enters the system (each checked against a plausible window, so that bad input is a form error, never a
server error further down: a date of year 1 overflows on the way to UTC, an id of 10^20 overflows the
database driver's 64-bit integer)."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.dates import local_date, parse_wareki
from tsunagu.core.editing import EditConflict

# Records of this hub start in 2000 (the Kushiro model began in 2004): an earlier event is a typing slip.
EARLIEST_RECORD = dt.date(2000, 1, 1)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
# Ids are 64-bit (BigAutoField) in SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
DATE_HELP = _("For example 1975-01-02, 1975/1/2, 昭和50年1月2日 or S50.1.2.")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"autocomplete": "off", "inputmode": "text"})
FormT = TypeVar("FormT", bound=forms.BaseForm)
_ID_PATTERN = re.compile(r"[0-9]{1,19}")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field it names, or at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)  # the error itself, so that its code (an edit conflict) stays known


def edit_conflict_in(form: forms.Form) -> EditConflict | None:
    """The edit conflict a service refused the form with, if that was the refusal (for the page to show
    what changed, and answer 400)."""
    return next((e for e in form.non_field_errors().as_data() if isinstance(e, EditConflict)), None)


def refused_for_version(form: forms.Form) -> bool:
    """Whether the form was refused for its version: missing or malformed, or someone saved first.
    Such a refusal answers 400 (nothing was saved), whatever the page does for other mistakes."""
    return "edit_version" in form.errors or edit_conflict_in(form) is not None


def form_status(request: HttpRequest, form: forms.BaseForm) -> int:
    """The status of a page showing a form: 400 when the form was posted and refused (it is shown again
    with its errors and nothing was saved), 200 otherwise (see docs/security.md, Bad input)."""
    return 400 if request.method == "POST" and form.is_bound and form.errors else 200


class TsunaguFormRenderer(TemplatesSetting):
    """Fields as Japanese forms show them: a label without a colon and a 必須 mark on required fields."""

    field_template_name = "core/field.html"


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateWindow:
    """The dates a field accepts: from `earliest` to `days_ahead` days after today. A case event
    (`case_event`) may also not come before its case's intake date, once `limit_to_case` says which."""

    earliest: dt.date
    days_ahead: int
    case_event: bool = False

    def latest(self) -> dt.date:
        return timezone.localdate() + dt.timedelta(days=self.days_ahead)


# Birth dates: from 1900, not in the future.
BIRTH = DateWindow(EARLIEST_BIRTH, 0)
# What happened in a case (intake, notes, assessment, monitoring, evaluation, closure, consents, steps):
# not before the intake, not after today.
HAPPENED = DateWindow(EARLIEST_RECORD, 0, case_event=True)
# What a case plans (plan period, next monitoring): not before the intake, at most two years ahead.
PLANNED = DateWindow(EARLIEST_RECORD, 731, case_event=True)
# The programs' calendar (sessions, periods offered): from 2000, at most two years ahead.
SCHEDULE = DateWindow(EARLIEST_RECORD, 731)
# Filters of lists and reports (from, to, month): the years records can exist in.
RECORDS = DateWindow(EARLIEST_RECORD, 731)


def _normalise(value: Any) -> Any:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


class DateField(forms.DateField):
    """A date typed as 西暦 (2026-11-28, 2026/1/2) or 和暦 (令和8年11月28日, R8.11.28), refused outside its
    window with a message that names the limit."""

    widget = DATE_INPUT
    default_error_messages = {
        "invalid": _("Enter the date as 2026-11-28 or 令和8年11月28日."),
        "too_early": _("Enter a date on or after %(limit)s."),
        "before_intake": _("Enter a date on or after the intake date (%(limit)s)."),
        "too_late": _("Enter a date on or before %(limit)s."),
    }

    def __init__(self, *, window: DateWindow, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)
        self.window = window
        self.not_before: dt.date | None = None  # the case's intake date, set by limit_to_case

    def to_python(self, value: Any) -> dt.date | None:
        value = _normalise(value)
        try:
            return super().to_python(value)
        except ValidationError:
            try:
                return parse_wareki(value)
            except ValueError as error:
                raise ValidationError(str(error), code="invalid") from error

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            check_window(self, value)


def check_window(field: DateField | DateTimeField | MonthField, day: dt.date) -> None:
    """Refuse a day outside the field's window (or before the case's intake), naming the limit."""
    window = field.window
    if day < window.earliest:
        raise ValidationError(
            field.error_messages["too_early"], code="too_early", params={"limit": local_date(window.earliest)}
        )
    if field.not_before is not None and day < field.not_before:
        raise ValidationError(
            field.error_messages["before_intake"],
            code="before_intake",
            params={"limit": local_date(field.not_before)},
        )
    latest = window.latest()
    if day > latest:
        raise ValidationError(
            field.error_messages["too_late"], code="too_late", params={"limit": local_date(latest)}
        )


class FlexibleDateField(DateField):
    """A date field drawn as a text box with the 和暦 example under it (for dates people read off paper)."""

    widget = TEXT_DATE_INPUT

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)


class DateTimeField(forms.DateTimeField):
    """A date and time whose day must lie in the window (a note's time of year 1 would overflow in UTC)."""

    default_error_messages = {
        **DateField.default_error_messages,
        "invalid": _("Enter the date and time as 2026-11-28 14:30."),
    }

    def __init__(self, *, window: DateWindow, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window = window
        self.not_before: dt.date | None = None

    def to_python(self, value: Any) -> dt.datetime | None:
        return super().to_python(_normalise(value))

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            check_window(self, timezone.localtime(value).date() if timezone.is_aware(value) else value.date())


def limit_to_case(form: FormT, *, intake_date: dt.date | None) -> FormT:
    """Refuse, on every case-event date of the form, a date before the case's intake; returns the form."""
    for field in form.fields.values():
        if isinstance(field, DateField | DateTimeField) and field.window.case_event:
            field.not_before = intake_date
    return form


class MonthField(forms.Field):
    """A month as ?month=2026-01 (or 2026/1, 令和8年1月): the first day of that month, within the window."""

    default_error_messages = {
        "invalid": _("Enter the month as 2026-01."),
        **{key: DateField.default_error_messages[key] for key in ("too_early", "too_late")},
    }

    def __init__(self, *, window: DateWindow = RECORDS, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window = window
        self.not_before = None

    def to_python(self, value: Any) -> dt.date | None:
        text = _normalise(value) if isinstance(value, str) else ""
        if not text:
            return None
        match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})月?", text)
        try:
            if match:
                return dt.date(int(match[1]), int(match[2]), 1)
            return parse_wareki(f"{text.removesuffix('月')}月1日" if "年" in text else f"{text}.1")
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            check_window(self, value)


# ---------------------------------------------------------------- ids and numbers


def safe_id(value: Any) -> int | None:
    """The id typed, if it can be one (1 … 2^63-1); None otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _ID_PATTERN.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_ID else None


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one record by id: anything that cannot be an id (10^20, -1, 'x') is not among the
    choices, instead of reaching the database."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        if self.to_field_name is None and safe_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records by id, with the same check on every id as IdChoiceField."""

    def _check_values(self, value: Any) -> Any:
        if self.to_field_name is None:
            for pk in value:
                if safe_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


class IdField(forms.IntegerField):
    """An id carried by a hidden field: a whole number from 1 to 2^63-1."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        return super().to_python(_normalise(value))


class QueryForm(forms.Form):
    """A form of GET parameters (filters, ?month=, ?page=) that never raises: `is_valid()` tells whether
    the query can be used; the view answers 400 with the form's message when it cannot."""

    page = forms.IntegerField(min_value=1, max_value=1_000_000, required=False)

    def value(self, name: str, default: Any = None) -> Any:
        """The cleaned value of a parameter that passed, else the default."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value


def query_status(request: HttpRequest, form: forms.BaseForm) -> int:
    """The status of a page drawn from GET parameters: 200 when the query can be used; otherwise each of
    the form's messages is shown at the top of the page and the answer is 400 (the page then uses the
    default it would use without the parameter)."""
    if not form.is_bound or form.is_valid():
        return 200
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            messages.error(request, f"{field.label}: {error}" if field is not None and field.label else error)
    return 400


# ---------------------------------------------------------------- edit versions


MISSING_VERSION = _(
    "This form does not say which version of the record it was filled in on, so nothing was saved. "
    "Reload the page and enter your changes again."
)


class EditVersionField(forms.IntegerField):
    """The hidden version of the record an edit form was opened on (see core.editing). Required: a save
    that does not say what it was based on could overwrite anything."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**31 - 1)  # a version, not an id
        messages = {"required": MISSING_VERSION, "invalid": MISSING_VERSION}
        messages |= {"min_value": MISSING_VERSION, "max_value": MISSING_VERSION}
        super().__init__(required=True, error_messages=messages, **kwargs)


class EditVersionMixin:
    """For the ModelForm of a record with `edit_version`: carries the version of the instance it shows
    (the field is left out where the form creates a new record)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        self.fields["edit_version"] = EditVersionField()
        if not self.is_bound:
            self.initial["edit_version"] = self.instance.edit_version


# ---------------------------------------------------------------- create forms sent twice


TOKEN_FIELD = "form_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OneTimeTokenField(forms.CharField):
    """The hidden one-time token of a create form (see core.submissions). Not required: a form sent
    without one (an old page, a script) is saved as before, only not protected against a repeat."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("initial", new_token)
        super().__init__(**kwargs)


class SubmitOnceMixin:
    """For the form of a create view wrapped in `core.submissions.submit_once`: adds the hidden one-time
    token (a fresh one for each blank form; a refused form shows the same one again)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = OneTimeTokenField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Read from the request by `submit_once`; the services are handed the form's own data only.
        (cleaned if cleaned is not None else self.cleaned_data).pop(TOKEN_FIELD, None)
        return cleaned
