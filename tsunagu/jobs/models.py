"""Into work: the dated work outcomes of a case (就労開始, 増収) that the national figures count, and the
council's free job placement under its licence (職業安定法第33条): openings (求人), job-seeker registrations
(求職), introductions (紹介) and their results, and the retention checks after a start (定着確認)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.cases.models import Case
from tsunagu.organisations.models import Area, Contact, Organisation

RETENTION_MONTHS = (1, 3, 6)


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day: 31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class OutcomeKind(models.TextChoices):
    STARTED_WORK = "started_work", _("Started work (就労開始)")
    INCOME_RISE = "income_rise", _("Higher income (増収)")


class EmploymentForm(models.TextChoices):
    REGULAR = "regular", _("Regular employment (常用)")
    PART_TIME = "part_time", _("Part-time (パート・アルバイト)")
    SELF_EMPLOYED = "self_employed", _("Self-employed (自営)")
    EMPLOYMENT_TRAINING = "employment_training", _("Employment-type work training (雇用型就労訓練)")


class WageKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    HOURLY = "hourly", _("Hourly")


class Route(models.TextChoices):
    PLACEMENT = "placement", _("Free job placement (無料職業紹介)")
    HELLO_WORK = "hello_work", _("Hello Work")
    OWN_SEARCH = "own_search", _("Own search")
    INTERNSHIP = "internship", _("Internship host")
    OTHER = "other", _("Other")


class EmploymentTerm(models.TextChoices):
    """The three kinds of 様式第8号."""

    REGULAR = "regular", _("Regular (常用: 4 months or more, or indefinite)")
    TEMPORARY = "temporary", _("Temporary (臨時: 1 to 4 months)")
    DAY = "day", _("Day labour (日雇)")


class WorkOutcome(models.Model):
    """A dated step into work during support: a start of work or a rise in income. A person may have
    several; these, not closure reasons, are what the statistics count by month."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="work_outcomes")
    kind = models.CharField(_("kind"), max_length=16, choices=OutcomeKind.choices)
    on = models.DateField(_("date"))
    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    employer_name = models.CharField(
        _("employer's name (when not in the directory)"), max_length=120, blank=True
    )
    employment_form = models.CharField(
        _("form of work"), max_length=24, choices=EmploymentForm.choices, blank=True
    )
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    wage_kind = models.CharField(_("wage per"), max_length=8, choices=WageKind.choices, blank=True)
    wage = models.PositiveIntegerField(_("wage (yen)"), null=True, blank=True)
    route = models.CharField(_("found through"), max_length=16, choices=Route.choices, blank=True)
    income_before = models.PositiveIntegerField(_("monthly income before (yen)"), null=True, blank=True)
    income_after = models.PositiveIntegerField(_("monthly income after (yen)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The placement's introduction that led to this start (a hire), when it came through the licence.
    introduction = models.OneToOneField(
        "jobs.Introduction", on_delete=models.SET_NULL, null=True, blank=True, related_name="outcome"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("work outcome")
        verbose_name_plural = _("work outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="income_rise") | (~Q(employment_form="") & ~Q(route="")),
                name="work_start_has_form_and_route",
            ),
            models.CheckConstraint(
                condition=Q(kind="started_work")
                | Q(income_before__isnull=False, income_after__gt=F("income_before")),
                name="income_rise_rises",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"

    @property
    def employer_label(self) -> str:
        return self.employer.name if self.employer_id else self.employer_name


class RetentionCheck(models.Model):
    """定着確認: is the person still in the work they started, 1, 3 and 6 months on."""

    outcome = models.ForeignKey(WorkOutcome, on_delete=models.CASCADE, related_name="retention_checks")
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    still_working = models.BooleanField(_("still working"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("retention check")
        verbose_name_plural = _("retention checks")
        constraints = [
            models.UniqueConstraint(fields=["outcome", "months"], name="retention_check_once"),
            models.CheckConstraint(
                condition=Q(checked_on__isnull=True) | Q(still_working__isnull=False),
                name="retention_check_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.months}: {self.due_on}"


# ---------------------------------------------------------------- free job placement (無料職業紹介)


class Licence(models.Model):
    """The licence for free job placement (職業安定法第33条): its number and period."""

    number = models.CharField(_("licence number"), max_length=40, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="licence_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.number


class JobOpening(models.Model):
    """求人: an employer's opening received under the licence. Holds no one's personal data."""

    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="job_openings"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("employer's contact"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    occupation = models.CharField(_("occupation (職種)"), max_length=80)
    place = models.CharField(_("place of work"), max_length=120)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    term = models.CharField(_("term of employment"), max_length=12, choices=EmploymentTerm.choices)
    wage_kind = models.CharField(_("wage per"), max_length=8, choices=WageKind.choices)
    wage = models.PositiveIntegerField(_("wage (yen)"))
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    positions = models.PositiveSmallIntegerField(_("number of positions"), default=1)
    received_on = models.DateField(_("received on"))
    valid_until = models.DateField(_("valid until"))
    conditions = models.TextField(_("conditions"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("received_on")), name="opening_valid_after_received"
            ),
            models.CheckConstraint(condition=Q(positions__gte=1), name="opening_has_positions"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation}（{self.employer.name}）"


class JobSeeker(models.Model):
    """求職: a person of a case registered as seeking work through the licence, with their wishes. Seen
    by whoever sees the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="job_registrations")
    occupations = models.CharField(
        _("occupations wished (職種)"), max_length=120, help_text=_("Separate several with 、 or commas.")
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area wished"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    term = models.CharField(_("term wished"), max_length=12, choices=EmploymentTerm.choices)
    max_hours_per_week = models.DecimalField(
        _("at most hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    wishes = models.TextField(_("wishes and conditions"), blank=True)
    received_on = models.DateField(_("received on"))
    valid_until = models.DateField(_("valid until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("received_on")), name="seeker_valid_after_received"
            )
        ]

    def __str__(self) -> str:
        # Never the person's name (an id is what logs and the audit may hold).
        return f"{self.occupations}（{self.received_on}）"

    @property
    def occupation_words(self) -> list[str]:
        text = self.occupations.replace("、", ",").replace("，", ",")
        return [word.strip() for word in text.split(",") if word.strip()]


class IntroductionStatus(models.TextChoices):
    INTRODUCED = "introduced", _("Introduced (紹介)")
    INTERVIEWED = "interviewed", _("Interviewed (面接)")
    HIRED = "hired", _("Hired (採用)")
    NOT_HIRED = "not_hired", _("Not hired (不採用)")
    DECLINED = "declined", _("Declined (辞退)")


RESULTS = (IntroductionStatus.HIRED, IntroductionStatus.NOT_HIRED, IntroductionStatus.DECLINED)


class Introduction(models.Model):
    """紹介: a seeker introduced to an opening, then the interview, then the result."""

    opening = models.ForeignKey(JobOpening, on_delete=models.PROTECT, related_name="introductions")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="introductions")
    introduced_on = models.DateField(_("introduced on"))
    interviewed_on = models.DateField(_("interviewed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IntroductionStatus.choices, default=IntroductionStatus.INTRODUCED
    )
    result_on = models.DateField(_("result on"), null=True, blank=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-introduced_on", "-id"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.UniqueConstraint(fields=["opening", "seeker"], name="introduced_once"),
            models.CheckConstraint(
                condition=~Q(status__in=["hired", "not_hired", "declined"]) | Q(result_on__isnull=False),
                name="introduction_result_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opening_id}:{self.seeker_id} {self.status}"

    @property
    def has_result(self) -> bool:
        return self.status in RESULTS


# ---------------------------------------------------------------- Hello Work, internships, qualifications


class HelloWorkResult(models.TextChoices):
    EMPLOYED = "employed", _("Employed (就職)")
    CONTINUING = "continuing", _("Continuing (継続)")
    STOPPED = "stopped", _("Stopped (中止)")


class HelloWorkReferral(models.Model):
    """A case referred to the Hello Work joint team (生活保護受給者等就労自立促進事業), the team's plan and
    its result. Counted apart from the council's own placement."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hello_work_referrals")
    office = models.ForeignKey(
        Organisation, verbose_name=_("Hello Work office"), on_delete=models.PROTECT, related_name="+"
    )
    referred_on = models.DateField(_("referred on"))
    plan_on = models.DateField(_("plan made on"), null=True, blank=True)
    plan = models.TextField(_("the joint team's plan"), blank=True)
    result = models.CharField(_("result"), max_length=12, choices=HelloWorkResult.choices, blank=True)
    result_on = models.DateField(_("result on"), null=True, blank=True)
    outcome = models.OneToOneField(
        WorkOutcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="hello_work_referral"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("Hello Work referral")
        verbose_name_plural = _("Hello Work referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(result="") | Q(result_on__isnull=False), name="hello_work_result_dated"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.referred_on}"


class Internship(models.Model):
    """An internship at a host company of the directory: the period and terms, the person's evaluation at
    the end, and whether the host hired them (a hire is a start of work by the internship route)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="internships")
    host = models.ForeignKey(
        Organisation, verbose_name=_("host company"), on_delete=models.PROTECT, related_name="internships"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    paid = models.BooleanField(_("paid"), default=False)
    allowance = models.PositiveIntegerField(_("allowance (yen)"), null=True, blank=True)
    terms = models.TextField(_("other terms"), blank=True)
    evaluation = models.TextField(_("the person's evaluation"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    hired = models.BooleanField(_("hired by the host"), null=True, blank=True)
    outcome = models.OneToOneField(
        WorkOutcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="internship"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="internship_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(hired__isnull=False), name="internship_end_has_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.host_id}:{self.starts_on}"


class Funding(models.TextChoices):
    LIVELIHOOD_AID = "livelihood_aid", _("Occupational aid (生業扶助)")
    SELF = "self", _("Own money (自費)")
    OTHER = "other", _("Other")


class QualificationResult(models.TextChoices):
    GAINED = "gained", _("Gained (取得)")
    NOT_GAINED = "not_gained", _("Not gained (不合格)")
    STOPPED = "stopped", _("Stopped (中止)")


class Qualification(models.Model):
    """A qualification the person pursues (a course, its provider, cost and funding) and its result."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="qualifications")
    course = models.CharField(_("qualification or course"), max_length=120)
    provider = models.CharField(_("provider"), max_length=120, blank=True)
    cost = models.PositiveIntegerField(_("cost (yen)"), null=True, blank=True)
    funding = models.CharField(_("funding"), max_length=16, choices=Funding.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=QualificationResult.choices, blank=True)
    result_on = models.DateField(_("result on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(result="") | Q(result_on__isnull=False), name="qualification_result_dated"
            )
        ]

    def __str__(self) -> str:
        return self.course
