"""The national consultation-support process: intake → assessment → plan → support → monitoring →
evaluation → closure. A case's status is derived from these records (see services.refresh_status)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, JSONField, Q, Value
from django.db.models.functions import Coalesce
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
    OUTREACH = "outreach", _("Outreach (アウトリーチ)")
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
    """The contracted services that fund the work (the list a contract, a case and a program name), in the
    terms in force since 2025-04-01 (令和6年法律第21号): 一時生活支援事業 became 居住支援事業 (a name by date:
    contract_name), and 被保護者就労準備支援 is a public-assistance service (生活保護法), not one of the
    困窮者 plan (PUBLIC_ASSISTANCE_SERVICES). Free job placement (無料職業紹介) is no contract but the
    council's licence (職業安定法第33条, jobs.Licence): it is not on this list."""

    CONSULTATION = "consultation", _("Self-reliance consultation support")
    WORK_READINESS = "work_readiness", _("Work-readiness support")
    WELFARE_WORK_READINESS = "welfare_work_readiness", _("Work-readiness support for welfare recipients")
    HOUSEHOLD_BUDGET = "household_budget", _("Household budget improvement support")
    HOUSING_SUPPORT = "housing_support", _("Housing support (居住支援)")
    WELFARE_SELF_RELIANCE = "welfare_self_reliance", _("City welfare self-reliance programme")
    TRANSITION_INTERNSHIP = "transition_internship", _("Transition-to-work internship (整網作業)")
    CHILDREN_LEARNING = "children_learning", _("Children's learning and living support")
    EMERGENCY_EMPLOYMENT = "emergency_employment", _("Emergency job creation (緊急雇用創出推進事業)")
    SOCIAL_WELFARE_PROMOTION = (
        "social_welfare_promotion",
        _("Social welfare promotion project (社会福祉推進事業)"),
    )


# Services under the public-assistance law (生活保護法): the welfare office's, never a box of the 困窮者 plan.
PUBLIC_ASSISTANCE_SERVICES = frozenset(
    {Contract.WELFARE_WORK_READINESS, Contract.WELFARE_SELF_RELIANCE, Contract.TRANSITION_INTERNSHIP}
)
HOUSING_SUPPORT_RENAMED_ON = dt.date(2025, 4, 1)  # 令和6年法律第21号: 一時生活支援事業 → 居住支援事業

# The services' names on the funders' papers (Japanese whatever the reader's language), with the earlier
# names of a renamed service: (in force from, name), oldest first.
CONTRACT_NAMES: dict[str, tuple[tuple[dt.date, str], ...]] = {
    Contract.CONSULTATION: ((dt.date.min, "自立相談支援事業"),),
    Contract.WORK_READINESS: ((dt.date.min, "就労準備支援事業"),),
    Contract.WELFARE_WORK_READINESS: ((dt.date.min, "被保護者就労準備支援事業"),),
    Contract.HOUSEHOLD_BUDGET: ((dt.date.min, "家計改善支援事業"),),
    Contract.HOUSING_SUPPORT: (
        (dt.date.min, "一時生活支援事業"),
        (HOUSING_SUPPORT_RENAMED_ON, "居住支援事業"),
    ),
    Contract.WELFARE_SELF_RELIANCE: ((dt.date.min, "自立支援プログラム"),),
    Contract.TRANSITION_INTERNSHIP: ((dt.date.min, "就労移行型インターンシップ事業"),),
    Contract.CHILDREN_LEARNING: ((dt.date.min, "子どもの学習・生活支援事業"),),
    Contract.EMERGENCY_EMPLOYMENT: ((dt.date.min, "緊急雇用創出推進事業"),),
    Contract.SOCIAL_WELFARE_PROMOTION: ((dt.date.min, "社会福祉推進事業"),),
}
TEMPORARY_LIVING_LABEL = _("Temporary living support (一時生活支援)")  # the label before the rename


def contract_name(code: str, on: dt.date) -> str:
    """The service's name in force on a day: 一時生活支援事業 before 2025-04-01, 居住支援事業 from then."""
    names = CONTRACT_NAMES.get(code, ((dt.date.min, code),))
    return [name for start, name in names if start <= on][-1]


def contract_label(code: str, on: dt.date) -> str:
    """The service's label in the reader's language as it was called on a day."""
    if code == Contract.HOUSING_SUPPORT and on < HOUSING_SUPPORT_RENAMED_ON:
        return str(TEMPORARY_LIVING_LABEL)
    return str(dict(Contract.choices).get(code, code))


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
    visitor_phone = models.CharField(_("visitor's phone"), max_length=20, blank=True, db_default="")
    # A city referral names the department: the city's departments are offices of the municipality.
    referring_department = models.ForeignKey(
        Office,
        verbose_name=_("referring city department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_cases",
    )
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
    # The organisation handed over to, when it is in the directory: the hand-over becomes a referral
    # (handovers.py: network follows it up).
    handover_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation handed over to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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
            # The statistics' public-assistance sheet asks, per placement, whether its person has a case
            # receiving public assistance: a small index answers it alone (2.9 → 0.7 s at 1,000,000 people).
            models.Index(
                fields=["person", "office"],
                condition=Q(welfare_status="receiving"),
                name="case_receiving_pa_idx",
            ),
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


# The B票 codes (相談受付・申込票 B票 「ご本人について」), in the form's order. Codes 1–3 and 5–7 of 仕事
# and 住居, and codes 1–2 of 健康保険 and 年金, were checked against a stored copy of the national form
# (paperzz 5405220); the 4th code of 仕事 and 住居 and the rest of 健康保険 and 年金 could not be read
# there and follow the filling guide as remembered: check them against the printed form.
class WorkStatus(models.TextChoices):
    REGULAR = "regular", _("Regular employee or civil servant")
    NON_REGULAR = "non_regular", _("Temporary staff, part-time, casual (アルバイト) or dispatched")
    SELF_EMPLOYED = "self_employed", _("Self-employed, family worker (家族従業者) or home-based work")
    STUDENT = "student", _("Student")
    PENSION = "pension", _("Living on a pension")
    UNEMPLOYED = "unemployed", _("Unemployed or on leave")
    OTHER = "other", _("Other")


class Housing(models.TextChoices):
    OWNED = "owned", _("Own home")
    RENTED = "rented", _("Rented")
    PUBLIC = "public", _("Public housing")
    WITH_OTHERS = "with_others", _("Staying with relatives or acquaintances")
    DORMITORY = "dormitory", _("Company dormitory or leased housing")
    HOMELESS = "homeless", _("Sleeping rough")
    OTHER = "other", _("Other")


class HealthInsurance(models.TextChoices):
    EMPLOYEE = "employee", _("Employee health insurance (社会保険)")
    NATIONAL = "national", _("National health insurance (国民健康保険)")
    LATE_ELDERLY = "late_elderly", _("Late-stage elderly medical care (後期高齢者医療)")
    MEDICAL_ASSISTANCE = "medical_assistance", _("Medical assistance of public assistance (医療扶助)")
    NONE = "none", _("Uninsured")
    OTHER = "other", _("Other")


class PensionStatus(models.TextChoices):
    RECEIVING = "receiving", _("Receiving a pension")
    ENROLLED = "enrolled", _("Enrolled (paying in or exempted)")
    NOT_ENROLLED = "not_enrolled", _("Not enrolled or not paying")
    UNKNOWN = "unknown", _("Unknown")


class Challenge(models.TextChoices):
    """The national 課題と背景要因 checklist of the インテーク・アセスメントシート, in the form's order.

    Written from the standard form and the national statistics' list as remembered: the stored copies
    of the sources could not be read this far. Check against the printed form before relying on it."""

    ILLNESS = "illness", _("Illness (病気)")
    INJURY = "injury", _("Injury (けが)")
    DISABILITY = "disability", _("Disability, certified (障害（手帳有）)")
    DISABILITY_SUSPECTED = "disability_suspected", _("Disability, suspected (障害（疑い）)")
    SUICIDE_RISK = "suicide_risk", _("Suicide attempt or risk (自殺企図)")
    MENTAL_HEALTH = "mental_health", _("Other mental health issues (その他メンタルヘルスの課題)")
    HOUSING_INSECURE = "housing_insecure", _("Insecure housing (住まい不安定)")
    HOMELESS = "homeless", _("Homeless (ホームレス)")
    ECONOMIC_HARDSHIP = "economic_hardship", _("Economic hardship (経済的困窮)")
    DEBT = "debt", _("Multiple or excessive debt ((多重・過剰)債務)")
    BUDGETING = "budgeting", _("Household budgeting (家計管理の課題)")
    JOB_SEARCH = "job_search", _("Difficulty finding work (就職活動困難)")
    JOB_RETENTION = "job_retention", _("Difficulty staying in work (就職定着困難)")
    DAILY_HABITS = "daily_habits", _("Disordered daily habits (生活習慣の乱れ)")
    SOCIAL_ISOLATION = "social_isolation", _("Social isolation (社会的孤立（ニート・ひきこもりなど）)")
    FAMILY = "family", _("Family relations or problems (家族関係・家族の問題)")
    SCHOOL_REFUSAL = "school_refusal", _("School refusal (不登校)")
    DELINQUENCY = "delinquency", _("Delinquency (非行)")
    EARLY_LEAVER = "early_leaver", _("Left school after junior high or high school (中卒・高校中退)")
    ABUSED = "abused", _("Abused (被虐待)")
    DV = "dv", _("Domestic violence (DV)")
    CHILDCARE = "childcare", _("Childcare (子育て)")
    CARE = "care", _("Caring for a relative (介護)")
    SINGLE_PARENT = "single_parent", _("Single parent (ひとり親)")
    FOREIGN_NATIONAL = "foreign_national", _("Foreign national (外国籍)")
    FORMER_OFFENDER = "former_offender", _("Former offender (刑余者)")
    LITERACY = "literacy", _("Literacy or language (識字・言語)")
    COMMUNICATION = "communication", _("Finds communication hard (コミュニケーションが苦手)")
    OTHER = "other", _("Other (その他)")


class EmploymentSupportNeed(models.TextChoices):
    NEEDED = "needed", _("Employment support needed")
    NOT_NEEDED = "not_needed", _("Employment support not needed")


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
    health_insurance = models.CharField(
        _("health insurance"), max_length=20, choices=HealthInsurance.choices, blank=True
    )
    pension = models.CharField(_("pension"), max_length=20, choices=PensionStatus.choices, blank=True)
    income_and_welfare = models.TextField(_("income and welfare"), blank=True)
    # Amounts in yen, so that they can be added up and compared at the evaluation.
    monthly_income = models.PositiveIntegerField(_("household income per month (yen)"), null=True, blank=True)
    debt_total = models.PositiveIntegerField(_("debts in total (yen)"), null=True, blank=True)
    monthly_repayment = models.PositiveIntegerField(_("repayments per month (yen)"), null=True, blank=True)
    challenges = models.JSONField(
        _("challenges and their background"), default=list, blank=True, db_default=Value([], JSONField())
    )
    person_wishes = models.TextField(_("the person's own wishes (本人の意向)"), blank=True, db_default="")
    employment_support = models.CharField(
        _("employment support"),
        max_length=12,
        choices=EmploymentSupportNeed.choices,
        blank=True,
        db_default="",
    )
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
    narrative = models.TextField(_("the worker's view (見立て)"), blank=True)
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

    def challenge_labels(self) -> list[str]:
        labels = dict(Challenge.choices)
        return [labels.get(code, code) for code in self.challenges]


class WorkHistory(models.Model):
    """職歴: one row of the assessment's work history."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="work_history")
    period = models.CharField(_("period"), max_length=40, help_text=_("For example 2015-04 to 2019-03."))
    employer_or_job = models.CharField(_("employer or kind of work"), max_length=100)
    work_type = models.CharField(_("form of work"), max_length=20, choices=WorkStatus.choices, blank=True)
    reason_left = models.CharField(_("reason for leaving"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("work history row")
        verbose_name_plural = _("work history")

    def __str__(self) -> str:
        return self.period


class FamilyMember(models.Model):
    """家族の状況: one member of the person's family as seen at the assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("relation"), max_length=30)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    lives_together = models.BooleanField(_("lives together"), default=True)
    situation = models.CharField(_("work, health or school"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("family member")
        verbose_name_plural = _("family")

    def __str__(self) -> str:
        return self.relation


class EmergencyKind(models.TextChoices):
    FOOD = "food", _("Food (食料支援)")
    LOAN = "loan", _("Loan of the livelihood welfare fund (生活福祉資金の貸付)")
    SHELTER = "shelter", _("A place to stay (一時的な宿泊場所)")
    HOUSING_BENEFIT = "housing_benefit", _("Housing security benefit application (住居確保給付金)")
    MEDICAL = "medical", _("Getting to medical care (受診支援)")
    OTHER = "other", _("Other")


class EmergencySupport(models.Model):
    """緊急支援: help given before a plan is made (プラン策定前の支援)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_supports")
    provided_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=EmergencyKind.choices)
    provider = models.CharField(_("provided by"), max_length=120)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-provided_on", "-id"]
        verbose_name = _("emergency support")
        verbose_name_plural = _("emergency support")

    def __str__(self) -> str:
        return f"{self.case} {self.provided_on}"


class StatutoryService(models.TextChoices):
    """The service boxes of the plan in the terms in force since 2025-04-01 (令和6年法律第21号):
    一時生活支援事業 became 居住支援事業, and 被保護者就労準備支援 is a public-assistance service, not a
    box of this plan (a plan that named it keeps it as a support row)."""

    CONSULTATION = "consultation", _("Self-reliance consultation support (自立相談支援)")
    WORK_READINESS = "work_readiness", _("Work-readiness support (就労準備支援)")
    HOUSEHOLD_BUDGET = "household_budget", _("Household budget improvement (家計改善支援)")
    HOUSING_BENEFIT = "housing_benefit", _("Housing security benefit (住居確保給付金)")
    HOUSING_SUPPORT = "housing_support", _("Housing support (居住支援)")
    CHILDREN_LEARNING = (
        "children_learning",
        _("Children's learning and living support (子どもの学習・生活支援)"),
    )
    CERTIFIED_TRAINING = "certified_training", _("Certified work training (認定就労訓練)")


class PlanKind(models.TextChoices):
    INITIAL = "initial", _("First plan (初回)")
    REPLAN = "replan", _("Re-plan (再プラン)")


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
    kind = models.CharField(
        _("kind"), max_length=8, choices=PlanKind.choices, default=PlanKind.INITIAL, db_default="initial"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    long_term_goal = models.TextField(_("long-term goal"))
    short_term_goals = models.TextField(_("short-term goals"))
    own_actions = models.TextField(_("the person's own actions"), blank=True)
    # 就労支援対象: the plan includes support toward general employment (the national monthly figures count
    # the plans so flagged, and the people into work or with higher income who hold one).
    employment_support = models.BooleanField(
        _("includes support toward general employment (就労支援対象)"), default=False, db_default=False
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
    # 支援決定日: the municipality's decision on the statutory services applied for.
    decided_on = models.DateField(_("municipality's decision date (支援決定日)"), null=True, blank=True)
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
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="plan_status_idx"),
            # The national statistics count plans by their decision date (支援決定日, else the approval).
            models.Index(Coalesce("decided_on", "approved_on"), name="plan_decision_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"

    def statutory_service_labels(self) -> list[str]:
        labels = dict(StatutoryService.choices)
        return [labels.get(code, code) for code in self.statutory_services]

    def changed_field_labels(self) -> list[str]:
        """The fields changed since the plan was first submitted, as the form labels them."""
        return [
            str(
                PlanSupport._meta.verbose_name_plural
                if name == "support_rows"
                else self._meta.get_field(name).verbose_name
            )
            for name in self.changed_since_submission
        ]

    def goal_lines(self) -> list[str]:
        return [line.strip() for line in self.short_term_goals.splitlines() if line.strip()]


class PlanSupport(models.Model):
    """One row of the plan's supports: who, what, how often (機関・内容・頻度)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="support_rows")
    agency = models.CharField(_("agency or program"), max_length=120, blank=True)
    content = models.CharField(_("support"), max_length=300)
    frequency = models.CharField(_("how often"), max_length=60, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("planned support")
        verbose_name_plural = _("planned supports")

    def __str__(self) -> str:
        return self.content


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
    """The national 状態像の変化 items of the 評価シート, 生活面 then 就労面 (see LIFE_CHANGES, WORK_CHANGES).

    Written from the national evaluation sheet and step-up statistics as remembered: the stored copy of
    the source (wic-net 10011) could not be read. Check the wording against the printed form."""

    MOTIVATION = "motivation", _("More motivated towards self-reliance (自立意欲の向上・改善)")
    MENTAL_STABILITY = "mental_stability", _("Mental stability (精神の安定)")
    RELATIONSHIPS = "relationships", _("Better relations with others and family (対人関係・家族関係の改善)")
    PARTICIPATION = "participation", _("More chances to take part in society (社会参加機会の増加)")
    HABITS = "habits", _("Better daily habits (生活習慣の改善)")
    HEALTH = "health", _("Better health (健康状態の改善)")
    HOUSING = "housing", _("Housing secured or stabilised (住まいの確保・安定)")
    BUDGET = "budget", _("Household budget improved, debts sorted out included (家計の改善)")
    OTHER_LIFE = "other_life", _("Other change in daily life (その他（生活面）)")
    JOB_SEARCH = "job_search", _("Started looking for work (就職活動開始)")
    TRAINING = "training", _("Started vocational training (職業訓練の開始)")
    EMPLOYED = "employed", _("Found work (就職)")
    EARNED_INCOME = "earned_income", _("Earned income rose (就労収入増加)")
    OTHER_WORK = "other_work", _("Other change in work (その他（就労面）)")


LIFE_CHANGES = (
    StateChange.MOTIVATION, StateChange.MENTAL_STABILITY, StateChange.RELATIONSHIPS, StateChange.PARTICIPATION,
    StateChange.HABITS, StateChange.HEALTH, StateChange.HOUSING, StateChange.BUDGET, StateChange.OTHER_LIFE,
)  # fmt: skip
WORK_CHANGES = (
    StateChange.JOB_SEARCH, StateChange.TRAINING, StateChange.EMPLOYED, StateChange.EARNED_INCOME,
    StateChange.OTHER_WORK,
)  # fmt: skip


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
        return [str(labels.get(code, code)) for code in self.state_changes]


class GoalAchievement(models.Model):
    """評価シート: how far one goal of the plan was reached."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="goals")
    goal = models.CharField(_("goal"), max_length=300)
    achievement = models.CharField(_("achievement"), max_length=10, choices=GoalProgress.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("goal achievement")
        verbose_name_plural = _("goal achievements")

    def __str__(self) -> str:
        return self.goal


class ClosureKind(models.TextChoices):
    CONCLUDED = "concluded", _("Concluded (終結)")
    INTERRUPTED = "interrupted", _("Interrupted (中断)")


class ClosureReason(models.TextChoices):
    """終結 and 中断 reasons. 終結: the plan's goals reached or the person handed over; 中断: support
    stopped before that (dropped out, moved away, unreachable). Grouped by CLOSURE_KINDS."""

    GOAL_ACHIEVED = "goal_achieved", _("Goal achieved (目標達成)")
    EMPLOYED = "employed", _("Found work (就労による自立)")
    INCOME_ROSE = "income_rose", _("Income rose (増収による自立)")
    REFERRED = "referred", _("Handed over to another system or agency (他制度・他機関へのつなぎ)")
    PUBLIC_ASSISTANCE = "public_assistance", _("Public assistance began (生活保護の適用)")
    DIED = "died", _("Died (死亡)")
    OTHER = "other", _("Other (その他)")
    OWN_WISH = "own_wish", _("The person stopped coming (本人の意向による中断)")
    MOVED = "moved", _("Moved away (転居)")
    LOST_CONTACT = "lost_contact", _("Could not be reached (連絡途絶)")


INTERRUPTION_REASONS = frozenset({ClosureReason.OWN_WISH, ClosureReason.MOVED, ClosureReason.LOST_CONTACT})


def closure_kind(reason: str) -> str:
    return ClosureKind.INTERRUPTED if reason in INTERRUPTION_REASONS else ClosureKind.CONCLUDED


class ClosureStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Sent back")


class Closure(models.Model):
    """終結: requested by the worker, approved (or sent back) by a supervisor."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    closed_on = models.DateField(_("closure date"))
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=ClosureKind.choices,
        default=ClosureKind.CONCLUDED,
        editable=False,
        db_default="concluded",
    )
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
