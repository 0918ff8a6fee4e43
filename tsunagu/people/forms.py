"""Forms of the person pages. Forms parse and check shape; the services decide (and refuse)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import (
    BIRTH,
    HAPPENED,
    EditVersionField,
    EditVersionMixin,
    FlexibleDateField,
    IdChoiceField,
    IdMultipleChoiceField,
    SubmitOnceMixin,
)
from tsunagu.organisations.models import Area, Organisation
from tsunagu.people.models import Consent, HouseholdMember, Person, StageChange
from tsunagu.people.services import PERSON_FIELDS

MAX_AGE = 120  # the oldest person on record lived to 122
PROTECTED_CONTACT_FIELDS = ("postal_code", "address", "phone", "mobile_phone", "email")


def _today_field(label: str, future: str, **kwargs: Any) -> FlexibleDateField:
    """A date of something that happened in the person's support: from the first intake, not in the future."""
    return FlexibleDateField(
        label=label,
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={"too_late": future},
        **kwargs,
    )


class PersonForm(EditVersionMixin, forms.ModelForm):
    """The editable facts of a person. `hide_protected` drops the DV-withheld contact fields (and the
    DV flag itself) for a worker who may not see them, so the form never shows what the page hides."""

    date_of_birth = FlexibleDateField(
        label=capfirst(_("date of birth")),
        window=BIRTH,
        required=False,
        error_messages={"too_late": _("The date of birth cannot be in the future.")},
    )

    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        field_classes = {"area": IdChoiceField}
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "mobile_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, hide_protected: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        area.queryset = Area.objects.filter(Q(is_active=True) | Q(pk=self.instance.area_id))
        if hide_protected:
            for name in (*PROTECTED_CONTACT_FIELDS, "is_dv_protected"):
                del self.fields[name]

    def person_data(self) -> dict[str, Any]:
        """The cleaned values for people.services.update_person (the fields this form shows; the service
        refuses a name it does not know)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "edit_version"}


class ReadingForm(forms.Form):
    """Only the two reading fields: what the reading-suggestion partial re-renders."""

    family_name_kana = forms.CharField(label=capfirst(_("family name (reading)")), max_length=60)
    given_name_kana = forms.CharField(label=capfirst(_("given name (reading)")), max_length=60)


class HouseholdMemberForm(SubmitOnceMixin, forms.ModelForm):
    prefix = "household"
    name = forms.CharField(label=_("Full name"), max_length=60)
    age = forms.IntegerField(label=capfirst(_("age")), min_value=0, max_value=MAX_AGE, required=False)

    class Meta:
        model = HouseholdMember
        fields = ["name", "relation", "age", "is_also_supported", "note"]
        widgets = {"age": forms.NumberInput(attrs={"min": 0, "max": MAX_AGE, "inputmode": "numeric"})}


class ConsentForm(SubmitOnceMixin, forms.ModelForm):
    prefix = "consent"
    shared_with = IdMultipleChoiceField(
        label=capfirst(_("shared with")),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    signed_on = _today_field(capfirst(_("signed on")), _("A consent cannot be signed in the future."))

    class Meta:
        model = Consent
        fields = ["scope", "shared_with", "signed_on", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = Organisation.objects.filter(is_active=True).order_by("name")


class WithdrawConsentForm(forms.Form):
    withdrawn_on = _today_field(capfirst(_("withdrawn on")), _("A withdrawal cannot be dated in the future."))
    edit_version = EditVersionField()


class RemoveHouseholdMemberForm(forms.Form):
    """The remove button of a household member carries the member's version."""

    edit_version = EditVersionField()


class StageChangeForm(SubmitOnceMixin, forms.ModelForm):
    prefix = "stage"
    changed_on = _today_field(
        capfirst(_("changed on")), _("A change of stage cannot be dated in the future.")
    )

    class Meta:
        model = StageChange
        fields = ["stage", "changed_on", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}


class MergeForm(forms.Form):
    """Step one names the duplicate; step two (the side-by-side comparison) confirms."""

    duplicate = forms.CharField(
        label=_("Record to fold in (person number or case reference)"),
        max_length=20,
        help_text=_(
            "The person number is shown on the person's page (No. 123); a case reference looks like 2026-000123."
        ),
    )
    compared = forms.BooleanField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label=_("I have checked that these two records are the same person. Merge them."), required=False
    )

    def clean_duplicate(self) -> str:
        return (
            unicodedata.normalize("NFKC", self.cleaned_data["duplicate"])
            .strip()
            .lstrip("#")
            .removeprefix("No.")
            .strip()
        )
