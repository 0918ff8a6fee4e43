from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field it names, or at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class TsunaguFormRenderer(TemplatesSetting):
    """Fields as Japanese forms show them: a label without a colon and a 必須 mark on required fields."""

    field_template_name = "core/field.html"
