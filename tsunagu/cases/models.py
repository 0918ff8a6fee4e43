"""The national consultation-support process: intake → assessment → plan → support → monitoring →
evaluation → closure. A case's status is derived from these records (see services.refresh_status)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tsunagu.organisations.models import Office
from tsunagu.people.models import Person, Stage


class Route(models.TextChoices):
    SELF = "self", _("Came in person")
    PHONE = "phone", _("Telephone")
    FAMILY = "family", _("Family or acquaintance")
    WELFARE_VOLUNTEER = "welfare_volunteer", _("Community welfare volunteer (民生委員)")
    HELLO_WORK = "hello_work", _("Hello Work")
    CITY_DEPARTMENT = "city_department", _("City department")
    SOCIAL_WELFARE_COUNCIL = "social_welfare_council", _("Social welfare council")
    COMMUNITY_SUPPORT_CENTRE = "community_support_centre", _("Community comprehensive support centre")
    MEDICAL = "medical", _("Medical institution")
    OTHER = "other", _("Other")


class Concern(models.TextChoices):
    """The national intake list of concerns (相談受付・申込票)."""

    HEALTH = "health", _("Illness, health or disability")
    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income and living costs")
    RENT_LOAN = "rent_loan", _("Paying rent or loans")
    TAX_UTILITIES = "tax_utilities", _("Paying taxes or utility bills")
    DEBT = "debt", _("Debt")
    JOB_SEARCH = "job_search", _("Finding a job")
    WORK_TROUBLE = "work_trouble", _("Worries or trouble at work")
    COMMUNITY = "community", _("Relations with the community")
    FAMILY = "family", _("Family relations")
    CHILDCARE = "childcare", _("Raising children")
    CARE = "care", _("Caring for someone")
    WITHDRAWAL = "withdrawal", _("Social withdrawal or school refusal")
    DV_ABUSE = "dv_abuse", _("Domestic violence or abuse")
    NO_FOOD = "no_food", _("Nothing to eat")
    OTHER = "other", _("Other")


class ScreeningOutcome(models.TextChoices):
    CONTINUING = "continuing", _("Continuing support")
    INFORMATION_ONLY = "information_only", _("Consultation and information only")
    HANDOVER = "handover", _("Handed over to another system or agency")


class HandoverTarget(models.TextChoices):
    PUBLIC_ASSISTANCE = "public_assistance", _("Public assistance counter (生活保護窓口)")
    SOCIAL_WELFARE_COUNCIL = "social_welfare_council", _("Social welfare council")
    HELLO_WORK = "hello_work", _("Hello Work")
    LEGAL_AID = "legal_aid", _("Legal aid (法テラス)")
    COMMUNITY_SUPPORT_CENTRE = "community_support_centre", _("Community comprehensive support centre")
    DISABILITY = "disability", _("Disability services")
    MEDICAL = "medical", _("Medical institution")
    OTHER = "other", _("Other agency")


class Contract(models.TextChoices):
    """The contracted service that funds the work."""

    CONSULTATION = "consultation", _("Self-reliance consultation support")
    WORK_READINESS = "work_readiness", _("Work-readiness support")
    WELFARE_WORK_READINESS = "welfare_work_readiness", _("Work-readiness support for welfare recipients")
    HOUSEHOLD_BUDGET = "household_budget", _("Household budget improvement support")
    JOB_PLACEMENT = "job_placement", _("Free job placement")
    WELFARE_SELF_RELIANCE = "welfare_self_reliance", _("City welfare self-reliance programme")
    TRANSITION_INTERNSHIP = "transition_internship", _("Transition-to-work internship (整網作業)")
    CHILDREN_LEARNING = "children_learning", _("Children's learning and living support")


class WelfareStatus(models.TextChoices):
    RECEIVING = "receiving", _("Receiving public assistance")
    APPLYING = "applying", _("Applying for public assistance")
    NOT_RECEIVING = "not_receiving", _("Not receiving")
    UNKNOWN = "unknown", _("Unknown")


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessed")
    PLANNING = "planning", _("Plan awaiting approval")
    SUPPORT = "support", _("In support")
    CLOSURE_PENDING = "closure_pending", _("Closure awaiting approval")
    CLOSED = "closed", _("Closed")
    INFORMATION_ONLY = "information_only", _("Information only")
    HANDED_OVER = "handed_over", _("Handed over")


OPEN_STATUSES = (
    CaseStatus.INTAKE,
    CaseStatus.ASSESSMENT,
    CaseStatus.PLANNING,
    CaseStatus.SUPPORT,
    CaseStatus.CLOSURE_PENDING,
)


class Case(models.Model):
    """A person's support episode, from intake to closure."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="cases"
    )
    reference = models.CharField(_("reference"), max_length=20, blank=True, db_index=True)
    # Intake (相談受付)
    intake_date = models.DateField(_("intake date"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    route = models.CharField(_("referral route"), max_length=32, choices=Route.choices)
    referring_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referring city case worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_cases",
    )
    visitor_name = models.CharField(_("visitor's name (if not the person)"), max_length=60, blank=True)
    visitor_relation = models.CharField(_("visitor's relation"), max_length=30, blank=True)
    wishes = models.TextField(_("the person's wishes"), blank=True)
    application_signed_on = models.DateField(_("application signed on"), null=True, blank=True)
    screening_outcome = models.CharField(
        _("screening outcome"),
        max_length=20,
        choices=ScreeningOutcome.choices,
        default=ScreeningOutcome.CONTINUING,
    )
    handover_target = models.CharField(
        _("handed over to"), max_length=32, choices=HandoverTarget.choices, blank=True
    )
    handover_detail = models.CharField(_("hand-over detail"), max_length=200, blank=True)
    contract = models.CharField(
        _("funding contract"), max_length=32, choices=Contract.choices, default=Contract.CONSULTATION
    )
    welfare_status = models.CharField(
        _("welfare status"), max_length=16, choices=WelfareStatus.choices, default=WelfareStatus.UNKNOWN
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned worker"),
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    employment_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employment worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employment_cases",
    )
    # Derived from the records below by services.refresh_status; never set by hand.
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE, editable=False
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True, editable=False)
    next_monitoring_on = models.DateField(_("next monitoring"), null=True, blank=True, editable=False)
    # DV: being assigned to an open case shows a protected person's address and phones only once this
    # is true. A new person's intake and a supervisor's assignment (reassignment, approved transfer)
    # set it; a case a worker attached to a person already on record waits for the supervisor's
    # confirmation, so that opening a case is never by itself a way to read a withheld contact. The
    # database default serves the bulk loaders (sampledata.bench) that write cases column by column.
    contact_access_confirmed = models.BooleanField(
        _("contact access confirmed"), default=True, db_default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-intake_date", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["office", "status", "-intake_date"], name="case_office_status_idx"),
            models.Index(fields=["worker", "status"], name="case_worker_status_idx"),
            models.Index(fields=["office", "-intake_date", "-id"], name="case_office_intake_idx"),
            models.Index(fields=["referring_caseworker"], name="case_referrer_idx"),
            models.Index(fields=["next_monitoring_on"], name="case_monitoring_idx"),
            models.Index(fields=["last_contact_on"], name="case_last_contact_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("intake_date")),
                name="case_closed_after_intake",
                violation_error_message=_("A case cannot be closed before its intake date."),
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseConcern(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="concerns")
    concern = models.CharField(_("concern"), max_length=20, choices=Concern.choices)
    is_most_pressing = models.BooleanField(_("most pressing"), default=False)

    class Meta:
        ordering = ["-is_most_pressing", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "concern"], name="case_concern_once"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(is_most_pressing=True), name="case_one_most_pressing_concern"
            ),
        ]
        indexes = [models.Index(fields=["concern", "case"], name="case_concern_idx")]

    def __str__(self) -> str:
        return self.get_concern_display()


class WorkStatus(models.TextChoices):
    REGULAR = "regular", _("Regular employee or civil servant")
    NON_REGULAR = "non_regular", _("Temporary, part-time or dispatched")
    SELF_EMPLOYED = "self_employed", _("Self-employed or home-based work")
    PENSION = "pension", _("Living on a pension")
    UNEMPLOYED = "unemployed", _("Unemployed or on leave")
    OTHER = "other", _("Other")


class Housing(models.TextChoices):
    OWNED = "owned", _("Own home")
    RENTED = "rented", _("Rented")
    PUBLIC = "public", _("Public housing")
    DORMITORY = "dormitory", _("Dormitory or company housing")
    HOMELESS = "homeless", _("Sleeping rough")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High: act this week")


# Our own neutral 1–5 scale (1 = severe difficulty … 5 = stable without support).
ASSESSMENT_DOMAINS: tuple[tuple[str, str], ...] = (
    ("housing", _("Housing")),
    ("income", _("Income")),
    ("debt_budget", _("Debt and household budget")),
    ("work", _("Work")),
    ("physical_health", _("Physical health")),
    ("mental_health", _("Mental health")),
    ("daily_routine", _("Daily routine")),
    ("social_connection", _("Social connection")),
    ("family", _("Family")),
    ("children_education", _("Children and education")),
    ("legal", _("Legal matters")),
)


def _score_field(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class Assessment(models.Model):
    """インテーク・アセスメントシート."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    work_status = models.CharField(_("work"), max_length=20, choices=WorkStatus.choices)
    housing_type = models.CharField(_("housing"), max_length=20, choices=Housing.choices)
    health_insurance = models.CharField(_("health insurance"), max_length=60, blank=True)
    pension = models.CharField(_("pension"), max_length=60, blank=True)
    income_and_welfare = models.TextField(_("income and welfare"), blank=True)
    life_history = models.TextField(_("history"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    score_housing = _score_field(_("Housing"))
    score_income = _score_field(_("Income"))
    score_debt_budget = _score_field(_("Debt and household budget"))
    score_work = _score_field(_("Work"))
    score_physical_health = _score_field(_("Physical health"))
    score_mental_health = _score_field(_("Mental health"))
    score_daily_routine = _score_field(_("Daily routine"))
    score_social_connection = _score_field(_("Social connection"))
    score_family = _score_field(_("Family"))
    score_children_education = _score_field(_("Children and education"))
    score_legal = _score_field(_("Legal matters"))
    proposed_stage = models.CharField(
        _("proposed stage"), max_length=16, choices=Stage.choices, editable=False
    )
    confirmed_stage = models.CharField(_("confirmed stage"), max_length=16, choices=Stage.choices)
    narrative = models.TextField(_("assessment narrative"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"score_{code}__isnull": True}) | Q(**{f"score_{code}__range": (1, 5)}),
                name=f"assessment_{code}_1_to_5",
            )
            for code, _label in ASSESSMENT_DOMAINS
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.assessed_on}"

    def scores(self) -> list[tuple[str, str, int | None]]:
        return [(code, label, getattr(self, f"score_{code}")) for code, label in ASSESSMENT_DOMAINS]


class StatutoryService(models.TextChoices):
    CONSULTATION = "consultation", _("Self-reliance consultation support (自立相談支援)")
    WORK_READINESS = "work_readiness", _("Work-readiness support (就労準備支援)")
    HOUSEHOLD_BUDGET = "household_budget", _("Household budget improvement (家計改善支援)")
    HOUSING_BENEFIT = "housing_benefit", _("Housing security benefit (住居確保給付金)")
    TEMPORARY_LIVING = "temporary_living", _("Temporary living support (一時生活支援)")
    CHILDREN_LEARNING = (
        "children_learning",
        _("Children's learning and living support (子どもの学習・生活支援)"),
    )
    CERTIFIED_TRAINING = "certified_training", _("Certified work training (認定就労訓練)")
    WELFARE_WORK_READINESS = (
        "welfare_work_readiness",
        _("Work readiness for welfare recipients (被保護者就労準備支援)"),
    )


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class ApprovalMethod(models.TextChoices):
    SUPERVISOR = "supervisor", _("Supervisor")
    MEETING = "meeting", _("Support co-ordination meeting (支援調整会議)")


class Plan(models.Model):
    """プラン兼事業等利用申込書, versioned per case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    long_term_goal = models.TextField(_("long-term goal"))
    short_term_goals = models.TextField(_("short-term goals"))
    own_actions = models.TextField(_("the person's own actions"), blank=True)
    supports = models.TextField(
        _("planned supports"), blank=True, help_text=_("Programs, agencies and how often, one per line.")
    )
    statutory_services = models.JSONField(_("statutory services applied for"), default=list, blank=True)
    agreed_on = models.DateField(_("the person agreed on"), null=True, blank=True)
    next_monitoring_on = models.DateField(_("next monitoring date"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # What the approver needs to know of a plan that comes back to them: how often it was sent, and which
    # fields changed after it was first sent (an edit takes a waiting plan back to a draft).
    # (Database defaults too, for the bench's bulk loader, which writes plans column by column.)
    submission_count = models.PositiveSmallIntegerField(
        _("times submitted"), default=0, db_default=0, editable=False
    )
    changed_since_submission = models.JSONField(
        _("fields changed since first submitted"),
        default=list,
        db_default=Value([], output_field=models.JSONField()),
        blank=True,
        editable=False,
    )
    approval_method = models.CharField(
        _("approved by"), max_length=12, choices=ApprovalMethod.choices, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # When the approval was recorded (approved_on may be the day of an earlier meeting): orders the
    # approval on the case's timeline.
    approved_at = models.DateTimeField(_("approval recorded at"), null=True, blank=True, editable=False)
    meeting_date = models.DateField(_("co-ordination meeting date"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_once"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="plan_status_idx")]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"

    def statutory_service_labels(self) -> list[str]:
        labels = dict(StatutoryService.choices)
        return [labels.get(code, code) for code in self.statutory_services]

    def changed_field_labels(self) -> list[str]:
        """The fields changed since the plan was first submitted, as the form labels them."""
        return [str(self._meta.get_field(name).verbose_name) for name in self.changed_since_submission]


class NoteMethod(models.TextChoices):
    VISIT_IN = "visit_in", _("Came to the office")
    PHONE = "phone", _("Telephone")
    HOME_VISIT = "home_visit", _("Home visit")
    ACCOMPANY = "accompany", _("Accompanied")
    EMAIL = "email", pgettext_lazy("note method", "E-mail")  # メール (the address is メールアドレス)
    AGENCY = "agency", _("With an agency")
    MEETING = "meeting", _("Meeting")


class Note(models.Model):
    """支援経過記録: one contact or action."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    occurred_at = models.DateTimeField(_("date and time"))
    method = models.CharField(_("method"), max_length=12, choices=NoteMethod.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.PositiveSmallIntegerField(_("time spent (minutes)"), default=0)
    content = models.TextField(_("content"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("support note")
        verbose_name_plural = _("support notes")
        indexes = [models.Index(fields=["case", "-occurred_at"], name="note_case_time_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.get_method_display()}"


class GoalProgress(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_YET = "not_yet", _("Not yet")


class Monitoring(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="monitorings")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="monitorings")
    monitored_on = models.DateField(_("monitored on"))
    progress = models.CharField(_("progress against the plan"), max_length=10, choices=GoalProgress.choices)
    notes = models.TextField(_("what was seen"))
    next_monitoring_on = models.DateField(_("next monitoring date"), null=True, blank=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-monitored_on", "-id"]
        verbose_name = _("monitoring")
        verbose_name_plural = _("monitorings")

    def __str__(self) -> str:
        return f"{self.case} {self.monitored_on}"


class StateChange(models.TextChoices):
    """The national "change in the person's state" items (状態像の変化)."""

    MOTIVATION = "motivation", _("More motivated towards self-reliance")
    HAS_GOAL = "has_goal", _("Has a goal")
    HABITS = "habits", _("Better daily habits")
    HEALTH = "health", _("Better health")
    RELATIONSHIPS = "relationships", _("Better relations with others and family")
    MENTAL_STABILITY = "mental_stability", _("More mentally stable")
    SELF_ESTEEM = "self_esteem", _("Higher self-esteem")
    CAN_ASK_HELP = "can_ask_help", _("Can now ask for help (SOS)")
    PARTICIPATION = "participation", _("More chances to take part in society")
    HOUSING = "housing", _("Housing secured or stabilised")
    BUDGET = "budget", _("Household budget improved")
    DEBT = "debt", _("Debts sorted out")
    JOB_SEARCH = "job_search", _("Started looking for work")
    EMPLOYED = "employed", _("Found work")
    EARNED_INCOME = "earned_income", _("Earned income rose")
    OTHER_INCOME = "other_income", _("Other income rose")
    PUBLIC_ASSISTANCE = "public_assistance", _("Public assistance granted")
    DISABILITY_CARD = "disability_card", _("Disability certificate obtained")
    OTHER = "other", _("Other")


class EvaluationOutcome(models.TextChoices):
    CONTINUE = "continue", _("Continue the current plan")
    NEW_PLAN = "new_plan", _("Make a new plan")
    CLOSE = "close", _("Close the case")


class Evaluation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evaluations")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluated on"))
    state_changes = models.JSONField(_("changes in the person's state"), default=list, blank=True)
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("what next"), max_length=10, choices=EvaluationOutcome.choices)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-evaluated_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.case} {self.evaluated_on}"

    def state_change_labels(self) -> list[str]:
        labels = dict(StateChange.choices)
        return [labels.get(code, code) for code in self.state_changes]


class ClosureReason(models.TextChoices):
    GOAL_ACHIEVED = "goal_achieved", _("Goal achieved")
    EMPLOYED = "employed", _("Found work")
    INCOME_ROSE = "income_rose", _("Income rose")
    REFERRED = "referred", _("Connected to another agency")
    MOVED = "moved", _("Moved away")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    OWN_WISH = "own_wish", _("The person's wish")
    DIED = "died", _("Died")
    OTHER = "other", _("Other")


class ClosureStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Sent back")


class Closure(models.Model):
    """終結: requested by the worker, approved (or sent back) by a supervisor."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    closed_on = models.DateField(_("closure date"))
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReason.choices)
    detail = models.TextField(_("detail"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ClosureStatus.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="requested"), name="closure_one_pending_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_reason_display()}"


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class TransferRequest(models.Model):
    """移管: a worker asks to take on a person whose record lies with another office. The owning office's
    supervisor decides; on approval the person's open cases there move to the requesting office."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="transfer_requests"
    )
    from_office = models.ForeignKey(
        Office, verbose_name=_("owning office"), on_delete=models.PROTECT, related_name="+"
    )
    to_office = models.ForeignKey(
        Office, verbose_name=_("requesting office"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        indexes = [
            models.Index(fields=["from_office", "status"], name="transfer_from_status_idx"),
            models.Index(fields=["to_office", "status", "person"], name="transfer_to_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "to_office"],
                condition=Q(status="pending"),
                name="transfer_one_pending_per_office",
                violation_error_message=_("A transfer of this person to your office is already waiting."),
            ),
            models.CheckConstraint(
                condition=~Q(from_office=F("to_office")),
                name="transfer_between_two_offices",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"
