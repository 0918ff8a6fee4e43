from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import (
    ASSESSMENT_DOMAINS,
    ApprovalMethod,
    Assessment,
    CaseStatus,
    ClosureReason,
    Concern,
    Contract,
    EvaluationOutcome,
    GoalProgress,
    HandoverTarget,
    NoteMethod,
    Plan,
    Route,
    ScreeningOutcome,
    StateChange,
    StatutoryService,
    WelfareStatus,
)
from tsunagu.core.forms import (
    BIRTH,
    HAPPENED,
    PLANNED,
    RECORDS,
    SCHEDULE,
    DateField,
    DateTimeField,
    DateWindow,
    EditVersionMixin,
    FlexibleDateField,
    IdChoiceField,
    IdField,
    IdMultipleChoiceField,
    SubmitOnceMixin,
)
from tsunagu.organisations.models import Area
from tsunagu.people.models import Sex, Stage

BIRTH_IN_FUTURE = {"too_late": _("The date of birth cannot be in the future.")}
REQUIRED_REASON = {"required": _("Choose the reason for closing the case.")}


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class IntakeForm(SubmitOnceMixin, forms.Form):
    """相談受付・申込票: the person (new, or one already on record) and the consultation."""

    existing_person = IdField(required=False)
    confirm_new_person = forms.BooleanField(
        label=_("This is a different person: register a new record"), required=False
    )
    # 移管: the office (never the person) of a hint the worker asks to take the person on from.
    request_transfer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    transfer_reason = forms.CharField(
        label=_("Why your office should take this person on"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The person
    family_name = forms.CharField(label=_("Family name"), max_length=40)
    given_name = forms.CharField(label=_("Given name"), max_length=40)
    family_name_kana = forms.CharField(label=_("Family name (reading)"), max_length=60)
    given_name_kana = forms.CharField(label=_("Given name (reading)"), max_length=60)
    date_of_birth = FlexibleDateField(
        label=_("Date of birth"), window=BIRTH, required=False, error_messages=BIRTH_IN_FUTURE
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.NOT_ANSWERED)
    area = IdChoiceField(label=_("Area"), queryset=Area.objects.filter(is_active=True), required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    mobile_phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_dv_protected = forms.BooleanField(
        label=_("DV protection (withhold address and phone)"), required=False
    )
    # The consultation
    intake_date = DateField(
        label=_("Intake date"),
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={"too_late": _("The intake date cannot be in the future.")},
    )
    route = forms.ChoiceField(label=_("Referral route"), choices=_blank(Route.choices))
    referring_caseworker = IdChoiceField(
        label=_("Referring city case worker"), queryset=User.objects.none(), required=False
    )
    visitor_name = forms.CharField(
        label=_("Visitor's name (if not the person)"), max_length=60, required=False
    )
    visitor_relation = forms.CharField(label=_("Visitor's relation"), max_length=30, required=False)
    concerns = forms.MultipleChoiceField(
        label=_("Concerns"), choices=Concern.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    most_pressing = forms.ChoiceField(
        label=_("Most pressing concern (◎)"), choices=_blank(Concern.choices), required=False
    )
    wishes = forms.CharField(
        label=_("The person's wishes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    application_signed_on = DateField(
        label=_("Application and consent signed on"),
        window=HAPPENED,
        required=False,
        error_messages={"too_late": _("The signing date cannot be in the future.")},
    )
    screening_outcome = forms.ChoiceField(
        label=_("Screening outcome"),
        choices=ScreeningOutcome.choices,
        initial=ScreeningOutcome.CONTINUING,
        widget=forms.RadioSelect,
    )
    handover_target = forms.ChoiceField(
        label=_("Handed over to"), choices=_blank(HandoverTarget.choices), required=False
    )
    handover_detail = forms.CharField(label=_("Hand-over detail"), max_length=200, required=False)
    contract = forms.ChoiceField(
        label=_("Funding contract"), choices=Contract.choices, initial=Contract.CONSULTATION
    )
    welfare_status = forms.ChoiceField(
        label=_("Welfare status"), choices=WelfareStatus.choices, initial=WelfareStatus.UNKNOWN
    )

    PERSON_FIELDS = (
        "family_name", "given_name", "family_name_kana", "given_name_kana", "date_of_birth", "sex", "area",
        "address", "phone", "mobile_phone", "email", "is_dv_protected",
    )  # fmt: skip
    CASE_FIELDS = (
        "intake_date", "route", "referring_caseworker", "visitor_name", "visitor_relation", "wishes",
        "application_signed_on", "screening_outcome", "handover_target", "handover_detail", "contract",
        "welfare_status",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referring_caseworker"].queryset = User.objects.filter(
            groups__name=Role.CITY_CASEWORKER, is_active=True
        ).order_by("display_name")

    def person_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.PERSON_FIELDS}

    def case_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.CASE_FIELDS}


SCORE_CHOICES = [("", _("Not assessed")), *[(str(n), str(n)) for n in range(1, 6)]]


def _model_date(model, name: str, window: DateWindow, **kwargs) -> DateField:
    """A model's date as a windowed form field, labelled as the model names it."""
    field = model._meta.get_field(name)
    return DateField(label=capfirst(field.verbose_name), window=window, required=not field.blank, **kwargs)


class AssessmentForm(SubmitOnceMixin, forms.ModelForm):
    assessed_on = _model_date(
        Assessment,
        "assessed_on",
        HAPPENED,
        error_messages={
            "too_late": _("The assessment cannot be dated in the future."),
            "before_intake": _("The assessment cannot be dated before intake."),
        },
    )
    stage_reason = forms.CharField(
        label=_("Reason for the stage (if it changes)"), max_length=300, required=False
    )

    class Meta:
        model = Assessment
        fields = [
            "assessed_on", "work_status", "housing_type", "health_insurance", "pension", "income_and_welfare",
            "life_history", "strengths", "urgency", "confirmed_stage", "narrative",
        ]  # fmt: skip
        widgets = {
            "income_and_welfare": forms.Textarea(attrs={"rows": 2}),
            "life_history": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 2}),
            "narrative": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in ASSESSMENT_DOMAINS:
            self.fields[f"score_{code}"] = forms.TypedChoiceField(
                label=format_lazy(_("{domain} score"), domain=label),
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.fields["assessed_on"].initial = timezone.localdate

    def scores(self) -> dict[str, int | None]:
        return {code: self.cleaned_data.get(f"score_{code}") for code, _label in ASSESSMENT_DOMAINS}

    def assessment_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields if k != "confirmed_stage"}

    def score_fields(self) -> list:
        return [self[f"score_{code}"] for code, _label in ASSESSMENT_DOMAINS]

    def other_fields(self) -> list:
        return [self[name] for name in self.Meta.fields] + [self["stage_reason"]]


class PlanForm(SubmitOnceMixin, EditVersionMixin, forms.ModelForm):
    period_start = _model_date(
        Plan,
        "period_start",
        PLANNED,
        error_messages={"before_intake": _("The plan cannot start before intake.")},
    )
    # Not bound to the intake: the form checks that the period ends after it starts, which is.
    period_end = _model_date(Plan, "period_end", SCHEDULE)
    agreed_on = _model_date(
        Plan,
        "agreed_on",
        HAPPENED,
        error_messages={
            "too_late": _("The agreement date cannot be in the future."),
            "before_intake": _("The person cannot agree to a plan before intake."),
        },
    )
    next_monitoring_on = _model_date(Plan, "next_monitoring_on", PLANNED)
    statutory_services = forms.MultipleChoiceField(
        label=_("Statutory services applied for"),
        choices=StatutoryService.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Plan
        fields = [
            "period_start", "period_end", "long_term_goal", "short_term_goals", "own_actions", "supports",
            "statutory_services", "agreed_on", "next_monitoring_on",
        ]  # fmt: skip
        widgets = {
            "long_term_goal": forms.Textarea(attrs={"rows": 2}),
            "short_term_goals": forms.Textarea(attrs={"rows": 3}),
            "own_actions": forms.Textarea(attrs={"rows": 3}),
            "supports": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The plan period cannot end before it starts."))
        return cleaned

    def plan_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}


class NoteForm(SubmitOnceMixin, forms.Form):
    occurred_at = DateTimeField(
        window=HAPPENED,
        error_messages={
            "too_late": _("A note cannot be dated in the future."),
            "before_intake": _("A note cannot be dated before intake."),
        },
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    method = forms.ChoiceField(label=_("Method"), choices=NoteMethod.choices)
    minutes = forms.IntegerField(label=_("Time spent (minutes)"), min_value=0, max_value=1440, initial=30)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].initial = lambda: timezone.localtime().replace(second=0, microsecond=0)


class MonitoringForm(SubmitOnceMixin, forms.Form):
    monitored_on = DateField(
        label=_("Monitored on"),
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={"too_late": _("Monitoring cannot be dated in the future.")},
    )
    progress = forms.ChoiceField(label=_("Progress against the plan"), choices=GoalProgress.choices)
    notes = forms.CharField(label=_("What was seen"), widget=forms.Textarea(attrs={"rows": 4}))
    next_monitoring_on = DateField(label=_("Next monitoring date"), window=PLANNED, required=False)


class EvaluationForm(SubmitOnceMixin, forms.Form):
    evaluated_on = DateField(
        label=_("Evaluated on"),
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={"too_late": _("The evaluation cannot be dated in the future.")},
    )
    state_changes = forms.MultipleChoiceField(
        label=_("Changes in the person's state"),
        choices=StateChange.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(
        label=_("What next"), choices=EvaluationOutcome.choices, widget=forms.RadioSelect
    )


class ClosureForm(SubmitOnceMixin, forms.Form):
    closed_on = DateField(
        label=_("Closure date"),
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={
            "too_late": _("The closure date cannot be in the future."),
            "before_intake": _("A case cannot be closed before its intake date."),
        },
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=_blank(ClosureReason.choices), error_messages=REQUIRED_REASON
    )
    detail = forms.CharField(label=_("Detail"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ClosureDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve the closure")), ("0", _("Send it back"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class PlanApprovalForm(forms.Form):
    plans = IdMultipleChoiceField(
        queryset=Plan.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Plans")
    )
    method = forms.ChoiceField(
        label=_("Approved by"),
        choices=ApprovalMethod.choices,
        initial=ApprovalMethod.MEETING,
        widget=forms.RadioSelect,
    )
    approved_on = DateField(
        label=_("Approved on"),
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={"too_late": _("The approval date cannot be in the future.")},
    )
    meeting_date = DateField(label=_("Co-ordination meeting date"), window=HAPPENED, required=False)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = Plan.objects.filter(pk__in=[p.pk for p in plans])
        self.fields["plans"].error_messages["required"] = _("Tick the plans to approve.")


class ReturnPlanForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs changing"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReassignForm(forms.Form):
    worker = IdChoiceField(label=_("Assigned worker"), queryset=User.objects.none())
    employment_worker = IdChoiceField(
        label=_("Employment worker"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            User.objects.filter(
                office=office, is_active=True, groups__name__in=[str(r) for r in CASEWORK_ROLES]
            )
            .distinct()
            .order_by("display_name")
        )
        self.fields["worker"].queryset = staff
        self.fields["employment_worker"].queryset = staff


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, reading, phone or reference"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), ("open", _("Open cases")), *CaseStatus.choices],
        required=False,
    )
    worker = IdChoiceField(
        label=_("Worker"), queryset=User.objects.none(), required=False, empty_label=_("All")
    )
    area = IdChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False, empty_label=_("All"))
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All")), *Stage.choices], required=False)
    concern = forms.ChoiceField(
        label=_("Concern"), choices=[("", _("All")), *Concern.choices], required=False
    )
    contract = forms.ChoiceField(
        label=_("Contract"), choices=[("", _("All")), *Contract.choices], required=False
    )
    opened_from = DateField(label=_("Opened from"), window=RECORDS, required=False)
    opened_to = DateField(label=_("Opened to"), window=RECORDS, required=False)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (
            User.objects.filter(office=office, groups__name__in=[str(r) for r in CASEWORK_ROLES])
            .distinct()
            .order_by("display_name")
        )

    def filter_fields(self) -> list:
        return [self[name] for name in self.fields if name != "q"]

    def has_filters(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields if name != "q")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("opened_from")
            and cleaned.get("opened_to")
            and cleaned["opened_from"] > cleaned["opened_to"]
        ):
            self.add_error("opened_to", _("The end date is before the start date."))
        return cleaned


class TransferDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve the transfer")), ("0", _("Decline it"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)
