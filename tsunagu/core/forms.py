from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from tsunagu.core.editing import EditConflict


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


class TsunaguFormRenderer(TemplatesSetting):
    """Fields as Japanese forms show them: a label without a colon and a 必須 mark on required fields."""

    field_template_name = "core/field.html"


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
        kwargs.setdefault("max_value", 2**31 - 1)
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
