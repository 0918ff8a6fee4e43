"""Forms of the children's pages: they parse; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.children.models import GRADE_CHOICES, Child, HouseholdSituation
from tsunagu.children.services import CHILD_FIELDS, CHILD_PERSON_FIELDS
from tsunagu.core.forms import BIRTH, DateField, EditVersionMixin, SubmitOnceMixin
from tsunagu.people.models import Sex

GRADE_FIELD_CHOICES = [("", _("From the date of birth")), *GRADE_CHOICES]


class AddChildForm(SubmitOnceMixin, forms.Form):
    family_name = forms.CharField(label=_("family name"), max_length=40)
    given_name = forms.CharField(label=_("given name"), max_length=40)
    family_name_kana = forms.CharField(label=_("family name (reading)"), max_length=60)
    given_name_kana = forms.CharField(label=_("given name (reading)"), max_length=60)
    date_of_birth = DateField(label=_("date of birth"), window=BIRTH, required=False)
    sex = forms.ChoiceField(label=_("sex"), choices=Sex.choices, initial=Sex.NOT_ANSWERED)
    relation = forms.CharField(label=_("relation"), max_length=30, initial=_("child"))
    school = forms.CharField(label=_("school"), max_length=80, required=False)
    recorded_grade = forms.TypedChoiceField(
        label=_("grade"), choices=GRADE_FIELD_CHOICES, coerce=int, empty_value=None, required=False,
        help_text=_("Leave it to the date of birth unless the child's grade differs from their age."),
    )  # fmt: skip
    household_situation = forms.ChoiceField(
        label=_("household situation"), choices=HouseholdSituation.choices
    )

    def person_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CHILD_PERSON_FIELDS}

    def child_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CHILD_FIELDS}


class ChildForm(EditVersionMixin, forms.ModelForm):
    recorded_grade = forms.TypedChoiceField(
        label=_("grade"), choices=GRADE_FIELD_CHOICES, coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = Child
        fields = CHILD_FIELDS

    def child_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CHILD_FIELDS}
