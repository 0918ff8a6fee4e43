from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.audit.models import AuditAction
from tsunagu.core.forms import RECORDS, DateField


class EventFilterForm(forms.Form):
    username = forms.CharField(label=_("User name"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All")), *AuditAction.choices], required=False
    )
    object_type = forms.CharField(label=_("Object type"), required=False)
    date_from = DateField(label=_("From"), window=RECORDS, required=False)
    date_to = DateField(label=_("To"), window=RECORDS, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned
