"""Forms of the high-school entrance support: they parse; the rules live in services_entrance."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.children.models_entrance import (
    EntranceApplication,
    EntrancePupil,
    FollowUp,
    ParentSession,
    ReferenceFigure,
)
from tsunagu.children.services_entrance import (
    APPLICATION_FIELDS,
    OUTCOME_FIELDS,
    PLAN_FIELDS,
    REFERENCE_FIELDS,
    SESSION_FIELDS,
)
from tsunagu.core.forms import HAPPENED, RECORDS, DateField, EditVersionMixin, QueryForm, SubmitOnceMixin

YEARS = {"min_value": 2000, "max_value": 2100}
GRADUATED_CHOICES = [("", _("Not known yet")), ("yes", _("Graduated")), ("no", _("Did not graduate"))]


class CohortQueryForm(QueryForm):
    year = forms.IntegerField(required=False, **YEARS)


class _Fields:
    names: tuple[str, ...] = ()

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.names}


class AddPupilForm(_Fields, SubmitOnceMixin, forms.Form):
    names = PLAN_FIELDS
    fiscal_year = forms.IntegerField(label=_("fiscal year (April–March)"), **YEARS)
    goals = forms.CharField(label=_("goals"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    schools_considered = forms.CharField(
        label=_("schools considered"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PlanForm(_Fields, EditVersionMixin, forms.ModelForm):
    names = PLAN_FIELDS

    class Meta:
        model = EntrancePupil
        fields = PLAN_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PLAN_FIELDS}


class OutcomeForm(_Fields, EditVersionMixin, forms.ModelForm):
    names = OUTCOME_FIELDS
    graduated_junior_high = forms.TypedChoiceField(
        label=_("graduated junior high"), choices=GRADUATED_CHOICES, required=False,
        coerce=lambda value: value == "yes", empty_value=None,
    )  # fmt: skip
    follow_up = forms.ChoiceField(
        label=_("a year later"), choices=[("", "—"), *FollowUp.choices], required=False
    )
    follow_up_on = DateField(label=_("date of the follow-up"), window=HAPPENED, required=False)

    class Meta:
        model = EntrancePupil
        fields = OUTCOME_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.graduated_junior_high is not None:
            self.initial["graduated_junior_high"] = "yes" if self.instance.graduated_junior_high else "no"


class ParentSessionForm(_Fields, SubmitOnceMixin, forms.ModelForm):
    names = SESSION_FIELDS
    held_on = DateField(label=_("date"), window=RECORDS)

    class Meta:
        model = ParentSession
        fields = SESSION_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ApplicationForm(_Fields, SubmitOnceMixin, forms.ModelForm):
    names = APPLICATION_FIELDS
    passed_on = DateField(label=_("passed on (合格日)"), window=HAPPENED, required=False)

    class Meta:
        model = EntranceApplication
        fields = APPLICATION_FIELDS


class ReferenceForm(_Fields, EditVersionMixin, forms.ModelForm):
    names = REFERENCE_FIELDS
    value = forms.DecimalField(label=_("value (%)"), min_value=0, max_value=100, decimal_places=1)
    year = forms.IntegerField(label=_("year of the figure"), min_value=1950, max_value=2100)
    url = forms.URLField(label=_("source URL"), required=False, assume_scheme="https")

    class Meta:
        model = ReferenceFigure
        fields = REFERENCE_FIELDS
