import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.audit.models import AuditAction
from tsunagu.audit.records import records_concerning
from tsunagu.core.forms import RECORDS, DateField, IdField


class EventFilterForm(forms.Form):
    username = forms.CharField(label=_("User name"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All")), *AuditAction.choices], required=False
    )
    object_type = forms.CharField(label=_("Object type"), required=False)
    date_from = DateField(label=_("From"), window=RECORDS, required=False)
    date_to = DateField(label=_("To"), window=RECORDS, required=False)
    person = IdField(
        label=_("Person (number)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("The number in the address of the person's page (/people/123/)."),
    )
    case = forms.CharField(label=_("Case (reference)"), max_length=20, required=False)

    def clean_case(self) -> str:
        reference = unicodedata.normalize("NFKC", self.cleaned_data["case"]).strip()
        if reference and not records_concerning(case_reference=reference).found:
            raise forms.ValidationError(_("No case has this reference."))
        return reference

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned
