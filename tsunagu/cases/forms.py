from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import (
    ASSESSMENT_DOMAINS,
    LIFE_CHANGES,
    WORK_CHANGES,
    ApprovalMethod,
    Assessment,
    CaseStatus,
    Challenge,
    ClosureReason,
    Concern,
    Contract,
    EmergencyKind,
    EvaluationOutcome,
    FamilyMember,
    GoalProgress,
    HandoverTarget,
    NoteMethod,
    Plan,
    PlanSupport,
    Route,
    ScreeningOutcome,
    StateChange,
    StatutoryService,
    WelfareStatus,
    WorkHistory,
)
from tsunagu.cases.services import ASSESSMENT_FIELDS, PLAN_FIELDS, StageProposal, explain_stage
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
from tsunagu.organisations.models import Area, Office, Organisation, OrganisationType
from tsunagu.people.models import Sex, Stage
from tsunagu.people.services import PERSON_FIELDS

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
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{3}-?\d{4}$",
        max_length=8,
        required=False,
        error_messages={"invalid": _("Write the postal code as 085-0000.")},
    )
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
    referring_department = IdChoiceField(
        label=_("Referring city department"), queryset=Office.objects.none(), required=False
    )
    visitor_name = forms.CharField(
        label=_("Visitor's name (if not the person)"), max_length=60, required=False
    )
    visitor_relation = forms.CharField(label=_("Visitor's relation"), max_length=30, required=False)
    visitor_phone = forms.CharField(label=_("Visitor's phone"), max_length=20, required=False)
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
    handover_organisation = IdChoiceField(
        label=_("Organisation handed over to"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("When it is in the directory: the hand-over is then followed up as a referral."),
    )
    handover_consent = forms.BooleanField(
        label=_("The person consents to sharing their information with this organisation"), required=False
    )
    contract = forms.ChoiceField(
        label=_("Funding contract"), choices=Contract.choices, initial=Contract.CONSULTATION
    )
    welfare_status = forms.ChoiceField(
        label=_("Welfare status"), choices=WelfareStatus.choices, initial=WelfareStatus.UNKNOWN
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referring_caseworker"].queryset = User.objects.filter(
            groups__name=Role.CITY_CASEWORKER, is_active=True
        ).order_by("display_name")
        # The city's departments are the offices of the municipality's organisation(s).
        self.fields["referring_department"].queryset = Office.objects.filter(
            organisation__type=OrganisationType.MUNICIPALITY, organisation__is_active=True
        ).select_related("organisation")
        self.fields["handover_organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "reading", "name"
        )

    # What steers the intake rather than being saved as it is; every other field is the person's (the names
    # of people's PERSON_FIELDS) or the case's, and the service refuses a name it does not know.
    STEERING_FIELDS = (
        "existing_person", "confirm_new_person", "request_transfer", "transfer_reason", "concerns",
        "most_pressing", "handover_consent",
    )  # fmt: skip

    def person_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in PERSON_FIELDS}

    def case_data(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in PERSON_FIELDS and k not in self.STEERING_FIELDS
        }


SCORE_CHOICES = [("", _("Not assessed")), *[(str(n), str(n)) for n in range(1, 6)]]
SCORE_VALUES = frozenset(value for value, _label in SCORE_CHOICES if value)


def _model_date(model, name: str, window: DateWindow, **kwargs) -> DateField:
    """A model's date as a windowed form field, labelled as the model names it."""
    field = model._meta.get_field(name)
    return DateField(label=capfirst(field.verbose_name), window=window, required=not field.blank, **kwargs)


class AssessmentForm(SubmitOnceMixin, forms.ModelForm):
    """The assessment sheet. The stage field follows the stage the scores propose until the worker
    chooses another: `stage_offered` carries back the stage the page last put in the field, so a field
    still holding it was not chosen by the worker."""

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
    # Only compared with the stage field, never saved: any text is harmless.
    stage_offered = forms.CharField(max_length=20, required=False, widget=forms.HiddenInput)

    challenges = forms.MultipleChoiceField(
        label=_("Challenges and their background (課題と背景要因)"),
        choices=Challenge.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Assessment
        fields = [*ASSESSMENT_FIELDS, "confirmed_stage"]  # the stage is the service's own argument
        widgets = {
            "income_and_welfare": forms.Textarea(attrs={"rows": 2}),
            "life_history": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 2}),
            "person_wishes": forms.Textarea(attrs={"rows": 3}),
            "narrative": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "confirmed_stage": _("Filled in with the stage the scores propose; choose another if your "
                                 "judgement differs, and say why below."),
        }  # fmt: skip

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
        for name in ("monthly_income", "debt_total", "monthly_repayment"):
            self.fields[name].max_value = 999_999_999
            self.fields[name].validators.append(MaxValueValidator(999_999_999))
        self.proposal: StageProposal | None = None
        if self.is_bound:
            self.data = self.data.copy()  # follow_proposal() changes what the page shows
            typed = {code: self.data.get(f"score_{code}", "") for code, _label in ASSESSMENT_DOMAINS}
            scores = {code: int(value) for code, value in typed.items() if value in SCORE_VALUES}
            if scores:
                self.proposal = explain_stage(scores)

    def _worker_chose_stage(self) -> bool:
        chosen = self.data.get("confirmed_stage", "")
        return chosen not in ("", self.data.get("stage_offered", ""))

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("confirmed_stage")
        if self.proposal and chosen and not self._worker_chose_stage() and chosen != self.proposal.stage:
            # The field still holds what the page put there, but the scores have moved since (a page
            # without scripts, or scores changed after the stage was filled in): ask, never assume.
            self.add_error(
                "confirmed_stage",
                _("The scores now propose %(stage)s: check the stage and save again.")
                % {"stage": self.proposal.stage_label},
            )
        return cleaned

    def follow_proposal(self) -> None:
        """Before the form is shown again: the stage field takes the proposal unless the worker chose."""
        if self.is_bound and self.proposal and not self._worker_chose_stage():
            self.data["confirmed_stage"] = self.proposal.stage
            self.data["stage_offered"] = self.proposal.stage

    def scores(self) -> dict[str, int | None]:
        return {code: self.cleaned_data.get(f"score_{code}") for code, _label in ASSESSMENT_DOMAINS}

    def assessment_fields(self) -> dict:
        """Every field but the stage and the scores, which the service takes apart: a field the service does not
        know (one renamed here alone) is refused there, never dropped."""
        steering = {"confirmed_stage", "stage_reason", "stage_offered"}
        return {
            k: v for k, v in self.cleaned_data.items() if k not in steering and not k.startswith("score_")
        }

    def score_fields(self) -> list:
        return [self[f"score_{code}"] for code, _label in ASSESSMENT_DOMAINS]

    def other_fields(self) -> list:
        return [self[name] for name in self.Meta.fields if name != "confirmed_stage"]


class _RowForm(forms.ModelForm):
    """One row of a child table; a row left wholly blank is skipped."""

    def row(self) -> dict | None:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("DELETE", "id")}
        # Not has_changed(): a row shown with its saved values and left alone is kept, not dropped.
        return data if any(v not in ("", None, False) for v in data.values()) else None


class WorkHistoryForm(_RowForm):
    class Meta:
        model = WorkHistory
        fields = ["period", "employer_or_job", "work_type", "reason_left"]


class FamilyMemberForm(_RowForm):
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=120, required=False)

    class Meta:
        model = FamilyMember
        fields = ["relation", "age", "lives_together", "situation"]


class PlanSupportForm(_RowForm):
    class Meta:
        model = PlanSupport
        fields = ["agency", "content", "frequency"]


WorkHistoryFormSet = forms.formset_factory(WorkHistoryForm, extra=3, max_num=20, validate_max=True)
FamilyFormSet = forms.formset_factory(FamilyMemberForm, extra=3, max_num=20, validate_max=True)
PlanSupportFormSet = forms.formset_factory(PlanSupportForm, extra=2, max_num=30, validate_max=True)


def formset_rows(formset) -> list[dict]:
    return [row for form in formset.forms if (row := form.row())]


class EmergencySupportForm(SubmitOnceMixin, forms.Form):
    provided_on = DateField(
        label=_("Date"),
        window=HAPPENED,
        initial=timezone.localdate,
        error_messages={
            "too_late": _("Emergency support cannot be dated in the future."),
            "before_intake": _("Emergency support cannot be dated before intake."),
        },
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EmergencyKind.choices)
    provider = forms.CharField(label=_("Provided by"), max_length=120)
    detail = forms.CharField(label=_("Detail"), max_length=300, required=False)


class ServiceDecisionForm(forms.Form):
    decided_on = DateField(
        label=_("Municipality's decision date (支援決定日)"),
        window=HAPPENED,
        error_messages={"too_late": _("The decision date cannot be in the future.")},
    )


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
        fields = PLAN_FIELDS
        widgets = {
            "long_term_goal": forms.Textarea(attrs={"rows": 2}),
            "short_term_goals": forms.Textarea(attrs={"rows": 3}),
            "own_actions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"short_term_goals": _("One goal per line: each is evaluated on its own.")}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The plan period cannot end before it starts."))
        return cleaned

    def plan_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "edit_version"}


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


class FollowUpNoteForm(NoteForm):
    """The note form of a case that has ended: a follow-up, said to be one."""

    after_closure = forms.BooleanField(
        label=_("This is a follow-up after the case ended"),
        help_text=_("If the person needs support again, register a new intake instead."),
        error_messages={
            "required": _("This case has ended: tick that the note is a follow-up after the end, or register "
                          "a new intake if the person needs support again."),
        },
    )  # fmt: skip


def note_form_for(case, *args, **kwargs) -> NoteForm:
    return (NoteForm if case.is_open else FollowUpNoteForm)(*args, **kwargs)


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
    life_changes = forms.MultipleChoiceField(
        label=_("Changes in daily life (状態像の変化・生活面)"),
        choices=[(code, StateChange(code).label) for code in LIFE_CHANGES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    work_changes = forms.MultipleChoiceField(
        label=_("Changes in work (状態像の変化・就労面)"),
        choices=[(code, StateChange(code).label) for code in WORK_CHANGES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(
        label=_("What next"), choices=EvaluationOutcome.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, goals: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        # One achievement per goal of the plan (a line of its short-term goals), in the plan's order.
        for index, goal in enumerate(self.goals):
            self.fields[f"goal_{index}"] = forms.ChoiceField(
                label=format_lazy(_("Goal: {goal}"), goal=goal),
                choices=_blank(GoalProgress.choices),
                error_messages={"required": _("Choose how far each goal was reached.")},
            )
        order = [f"goal_{i}" for i in range(len(self.goals))]
        self.order_fields(["evaluated_on", *order, "life_changes", "work_changes", "summary", "outcome"])

    def evaluation_data(self) -> dict:
        data = self.cleaned_data
        return {
            "evaluated_on": data["evaluated_on"],
            "state_changes": [*data["life_changes"], *data["work_changes"]],
            "summary": data["summary"],
            "outcome": data["outcome"],
            "goals": [(goal, data[f"goal_{i}"]) for i, goal in enumerate(self.goals)],
        }


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
    """The approval queue: nothing ticked until the supervisor ticks it, and each ticked plan carries the
    version the page showed (`version-<id>`), so a plan changed since is not approved unseen."""

    plans = IdMultipleChoiceField(
        queryset=Plan.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Plans")
    )
    method = forms.ChoiceField(
        label=_("Approved by"),
        choices=ApprovalMethod.choices,
        initial=ApprovalMethod.SUPERVISOR,
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

    def ticked(self) -> set[int]:
        """The plans ticked in the data sent (none before the supervisor ticks any)."""
        if not self.is_bound:
            return set()
        return {int(value) for value in self.data.getlist("plans") if value.isdigit() and len(value) < 12}

    def clean(self):
        cleaned = super().clean()
        versions = {}
        for plan in cleaned.get("plans") or ():
            shown = self.data.get(f"version-{plan.pk}", "")
            if not (shown.isdigit() and len(shown) < 10):
                self.add_error("plans", _("This page is out of date: open the approvals again."))
                break
            versions[plan.pk] = int(shown)
        cleaned["versions"] = versions
        return cleaned


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
