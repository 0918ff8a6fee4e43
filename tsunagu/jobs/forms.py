"""Forms of work outcomes and job placement: parse and show errors; the rules live in jobs/services.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import (
    HAPPENED,
    RECORDS,
    SCHEDULE,
    DateField,
    DateWindow,
    IdChoiceField,
    MonthField,
    QueryForm,
    SubmitOnceMixin,
)
from tsunagu.jobs.models import (
    EmploymentForm,
    Funding,
    HelloWorkResult,
    IntroductionStatus,
    JobOpening,
    JobSeeker,
    Licence,
    QualificationResult,
    WageKind,
    WorkOutcome,
)
from tsunagu.jobs.services import (
    INTERNSHIP_END_FIELDS,
    INTERNSHIP_FIELDS,
    LICENCE_FIELDS,
    OPENING_FIELDS,
    OUTCOME_FIELDS,
    QUALIFICATION_FIELDS,
    QUALIFICATION_RESULT_FIELDS,
    REFERRAL_FIELDS,
    REFERRAL_PLAN_FIELDS,
    REFERRAL_RESULT_FIELDS,
    SEEKER_FIELDS,
    STEP_FIELDS,
)
from tsunagu.organisations.models import Area, Contact, Organisation

# What happened, not tied to a case's intake: from 2000 to today.
DONE = DateWindow(RECORDS.earliest, 0)
YEN = {"min_value": 0, "max_value": 10_000_000}
HOURS = {"min_value": 0.5, "max_value": 80, "max_digits": 4, "decimal_places": 1}


class _ServiceFields:
    """Hands the service every field the form parsed, by the service's own list."""

    service_field_names: tuple[str, ...] = ()

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.service_field_names}

    def validate_unique(self) -> None:
        """The service decides (and names the field)."""

    def _post_clean(self) -> None:
        """The model's rules (its constraints: a period in order ...) are the service's to check, which
        names the field; the model's own check would put a constraint's name above the form instead."""


class WorkOutcomeForm(_ServiceFields, SubmitOnceMixin, forms.ModelForm):
    service_field_names = OUTCOME_FIELDS
    on = DateField(label=_("Date"), window=HAPPENED, initial=timezone.localdate)
    employer = IdChoiceField(
        label=_("Employer (from the directory)"), queryset=Organisation.objects.none(), required=False
    )
    hours_per_week = forms.DecimalField(label=_("Hours per week"), required=False, **HOURS)
    wage = forms.IntegerField(label=_("Wage (yen)"), required=False, **YEN)
    income_before = forms.IntegerField(label=_("Monthly income before (yen)"), required=False, **YEN)
    income_after = forms.IntegerField(label=_("Monthly income after (yen)"), required=False, **YEN)

    class Meta:
        model = WorkOutcome
        fields = OUTCOME_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers if employers is not None else Organisation.objects.none()


class RetentionCheckForm(forms.Form):
    checked_on = DateField(label=_("Checked on"), window=DONE, initial=timezone.localdate)
    still_working = forms.TypedChoiceField(
        label=_("Still working there?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class LicenceForm(_ServiceFields, forms.ModelForm):
    service_field_names = LICENCE_FIELDS
    valid_from = DateField(label=_("Valid from"), window=SCHEDULE)
    valid_until = DateField(label=_("Valid until"), window=SCHEDULE)

    class Meta:
        model = Licence
        fields = LICENCE_FIELDS


class OpeningForm(_ServiceFields, SubmitOnceMixin, forms.ModelForm):
    service_field_names = OPENING_FIELDS
    employer = IdChoiceField(label=_("Employer"), queryset=Organisation.objects.none())
    contact = IdChoiceField(label=_("Employer's contact"), queryset=Contact.objects.none(), required=False)
    area = IdChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    wage = forms.IntegerField(label=_("Wage (yen)"), **YEN)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), **HOURS)
    positions = forms.IntegerField(label=_("Number of positions"), min_value=1, max_value=999, initial=1)
    received_on = DateField(label=_("Received on"), window=DONE, initial=timezone.localdate)
    valid_until = DateField(label=_("Valid until"), window=SCHEDULE)

    class Meta:
        model = JobOpening
        fields = OPENING_FIELDS
        widgets = {"conditions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, employers=None, contacts=None, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers if employers is not None else Organisation.objects.none()
        self.fields["contact"].queryset = contacts if contacts is not None else Contact.objects.none()
        self.fields["contact"].label_from_instance = lambda c: f"{c.name}（{c.organisation.name}）"
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()


class SeekerForm(_ServiceFields, SubmitOnceMixin, forms.ModelForm):
    service_field_names = SEEKER_FIELDS
    area = IdChoiceField(label=_("Area wished"), queryset=Area.objects.none(), required=False)
    max_hours_per_week = forms.DecimalField(label=_("At most hours per week"), required=False, **HOURS)
    received_on = DateField(label=_("Received on"), window=HAPPENED, initial=timezone.localdate)
    valid_until = DateField(label=_("Valid until"), window=SCHEDULE)

    class Meta:
        model = JobSeeker
        fields = SEEKER_FIELDS
        widgets = {"wishes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()


class IntroductionForm(SubmitOnceMixin, forms.Form):
    opening = IdChoiceField(label=_("Opening"), queryset=JobOpening.objects.none())
    introduced_on = DateField(label=_("Introduced on"), window=DONE, initial=timezone.localdate)

    def __init__(self, *args, openings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opening"].queryset = openings if openings is not None else JobOpening.objects.none()


STEP_CHOICES = [(s.value, s.label) for s in IntroductionStatus if s != IntroductionStatus.INTRODUCED]


class IntroductionStepForm(forms.Form):
    """The interview or the result; a hire's start date and terms (the opening's unless changed)."""

    status = forms.ChoiceField(label=_("Step"), choices=STEP_CHOICES)
    on = DateField(label=_("Date"), window=DONE, initial=timezone.localdate)
    started_on = DateField(label=_("Starts work on (a hire)"), window=SCHEDULE, required=False)
    employment_form = forms.ChoiceField(
        label=_("Form of work (a hire)"), choices=[("", "—"), *EmploymentForm.choices], required=False
    )
    hours_per_week = forms.DecimalField(label=_("Hours per week (a hire)"), required=False, **HOURS)
    wage_kind = forms.ChoiceField(
        label=_("Wage per (a hire)"), choices=[("", "—"), *WageKind.choices], required=False
    )
    wage = forms.IntegerField(label=_("Wage in yen (a hire)"), required=False, **YEN)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in STEP_FIELDS}


class JobsHomeForm(QueryForm):
    all = forms.BooleanField(required=False)


# A register of up to two years at once (the licence keeps it two years).
LEDGER_MONTHS = 24


class LedgerForm(QueryForm):
    """The months of the 求人求職管理簿 (?first=2026-04&last=2026-06; one month when only one is given)."""

    first = MonthField(label=_("From the month"), window=RECORDS, required=False)
    last = MonthField(label=_("To the month"), window=RECORDS, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last:
            if last < first:
                self.add_error("last", _("The last month comes before the first."))
            elif (last.year - first.year) * 12 + last.month - first.month >= LEDGER_MONTHS:
                self.add_error("last", _("Choose at most 24 months."))
        return cleaned


class ReportYearForm(QueryForm):
    """The fiscal year of the 職業紹介事業報告, named by its April (?year=2026 is April 2026 to March 2027)."""

    year = forms.IntegerField(label=_("Fiscal year (the year of its April)"), min_value=2000, max_value=2100,
                              required=False)  # fmt: skip


# ---------------------------------------------------------------- Hello Work, internships, qualifications


class _HireTermsMixin(forms.Form):
    """The terms of the start of work a Hello Work result or an internship's hire records."""

    started_on = DateField(label=_("Starts work on (a hire)"), window=SCHEDULE, required=False)
    employment_form = forms.ChoiceField(
        label=_("Form of work (a hire)"), choices=[("", "—"), *EmploymentForm.choices], required=False
    )
    hours_per_week = forms.DecimalField(label=_("Hours per week (a hire)"), required=False, **HOURS)
    wage_kind = forms.ChoiceField(
        label=_("Wage per (a hire)"), choices=[("", "—"), *WageKind.choices], required=False
    )
    wage = forms.IntegerField(label=_("Wage in yen (a hire)"), required=False, **YEN)


class ReferralForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = REFERRAL_FIELDS
    office = IdChoiceField(label=_("Hello Work office"), queryset=Organisation.objects.none())
    referred_on = DateField(label=_("Referred on"), window=HAPPENED, initial=timezone.localdate)

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices if offices is not None else Organisation.objects.none()


class ReferralPlanForm(_ServiceFields, forms.Form):
    service_field_names = REFERRAL_PLAN_FIELDS
    plan_on = DateField(label=_("Plan made on"), window=DONE, initial=timezone.localdate)
    plan = forms.CharField(
        label=_("Content of the plan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReferralResultForm(_ServiceFields, _HireTermsMixin):
    service_field_names = REFERRAL_RESULT_FIELDS
    result = forms.ChoiceField(label=_("Result"), choices=HelloWorkResult.choices)
    result_on = DateField(label=_("Result on"), window=DONE, initial=timezone.localdate)
    employer = IdChoiceField(
        label=_("Employer (from the directory, a hire)"), queryset=Organisation.objects.none(), required=False
    )
    employer_name = forms.CharField(
        label=_("Employer's name (a hire, when not in the directory)"), max_length=120, required=False
    )

    field_order = ["result", "result_on", "employer", "employer_name"]

    def __init__(self, *args, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers if employers is not None else Organisation.objects.none()


class InternshipForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = INTERNSHIP_FIELDS
    host = IdChoiceField(label=_("Host company"), queryset=Organisation.objects.none())
    starts_on = DateField(label=_("Starts on"), window=SCHEDULE, initial=timezone.localdate)
    ends_on = DateField(label=_("Ends on"), window=SCHEDULE)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), **HOURS)
    paid = forms.BooleanField(label=_("Paid"), required=False)
    allowance = forms.IntegerField(label=_("Allowance (yen, when paid)"), required=False, **YEN)
    terms = forms.CharField(
        label=_("Other terms"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, hosts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts if hosts is not None else Organisation.objects.none()


class InternshipEndForm(_ServiceFields, _HireTermsMixin):
    service_field_names = INTERNSHIP_END_FIELDS
    ended_on = DateField(label=_("Ended on"), window=DONE, initial=timezone.localdate)
    evaluation = forms.CharField(
        label=_("The person's evaluation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hired = forms.TypedChoiceField(
        label=_("Hired by the host?"), choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
    )  # fmt: skip

    field_order = ["ended_on", "evaluation", "hired"]


class QualificationForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = QUALIFICATION_FIELDS
    course = forms.CharField(label=_("Qualification or course"), max_length=120)
    provider = forms.CharField(label=_("Provider"), max_length=120, required=False)
    cost = forms.IntegerField(label=_("Cost (yen)"), required=False, **YEN)
    funding = forms.ChoiceField(label=_("Funding"), choices=Funding.choices)
    starts_on = DateField(label=_("Starts on"), window=SCHEDULE, initial=timezone.localdate)
    ends_on = DateField(label=_("Ends on"), window=SCHEDULE, required=False)


class QualificationResultForm(_ServiceFields, forms.Form):
    service_field_names = QUALIFICATION_RESULT_FIELDS
    result = forms.ChoiceField(label=_("Result"), choices=QualificationResult.choices)
    result_on = DateField(label=_("Result on"), window=DONE, initial=timezone.localdate)
