"""Intermediate employment (中間的就労): the work a host offers, the skill levels it pays by, what each
person did each day, and the pay that follows.

Money is Decimal yen throughout. The rounding rule (one place: `pay.py`): each day's pay is the exact
sum of quantity × rate (plus minutes × hourly rate), rounded half up to a whole yen (1円未満四捨五入);
a month is the sum of its days, plus the minimum-wage top-up and adjustments, each a whole yen.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Person
from tsunagu.programs.models import Attendance, Placement, ProgramHost


class WorkForm(models.TextChoices):
    # 非雇用型: training, paid 工賃 or 謝礼 by the piece; no hourly wage, no quota, no fixed hours.
    TRAINING = "training", _("Training, not employment (非雇用型)")
    # 雇用型: employment under a contract; a wage, never under the minimum wage.
    EMPLOYMENT = "employment", _("Employment (雇用型)")


class PayBasis(models.TextChoices):
    PER_UNIT = "per_unit", _("Per unit done")
    PER_HOUR = "per_hour", _("Per hour worked")


class WorkType(models.Model):
    """A kind of work at one host: 漁網の整網作業 counted in 枚, ごみ袋の封入作業 in 袋 ..."""

    host = models.ForeignKey(
        ProgramHost, verbose_name=_("program and host"), on_delete=models.PROTECT, related_name="work_types"
    )
    name = models.CharField(_("name"), max_length=80)
    unit = models.CharField(_("unit"), max_length=12, help_text=_("枚, 束, 袋, 時間 ..."))
    work_form = models.CharField(_("form of the work"), max_length=12, choices=WorkForm.choices)
    pay_basis = models.CharField(
        _("paid"), max_length=12, choices=PayBasis.choices, default=PayBasis.PER_UNIT
    )
    # The most units one person can do in an hour, stated by whoever sets the work type up: a day's log
    # above it is refused as impossible. Always set, so that every quantity is bounded.
    max_units_per_hour = models.DecimalField(_("most units an hour"), max_digits=7, decimal_places=2)
    # The rule that proposes the next level: the average over the last N working days.
    review_days = models.PositiveSmallIntegerField(_("working days looked at for the next level"), default=10)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["host_id", "name"]
        verbose_name = _("work type")
        verbose_name_plural = _("work types")
        constraints = [
            models.UniqueConstraint(fields=["host", "name"], name="work_type_name_once_per_host"),
            # 非雇用型 has no hourly wage: it is paid by the piece or not at all.
            models.CheckConstraint(
                condition=~Q(work_form="training", pay_basis="per_hour"),
                name="work_type_training_not_hourly",
                violation_error_message=_("Training (非雇用型) is not paid by the hour."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SkillLevel(models.Model):
    """One step of a work type's ladder (1 見習い … 4 熟練), with what it takes to reach it."""

    work_type = models.ForeignKey(WorkType, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=40)
    criteria = models.TextField(_("criteria"), blank=True)
    # The rule's threshold: proposed when the average units an hour over the review days reaches it
    # and the defect rate stays at or under the limit. Level 1 has none: everyone starts there.
    units_per_hour_to_reach = models.DecimalField(
        _("units an hour to reach it"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    max_defect_rate = models.DecimalField(
        _("largest share of defects"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    # Two supervisors may edit a level's criteria at once (core.editing).
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["work_type_id", "rank"]
        verbose_name = _("skill level")
        verbose_name_plural = _("skill levels")
        constraints = [
            models.UniqueConstraint(fields=["work_type", "rank"], name="skill_level_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="skill_level_rank_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.rank} {self.name}"


class PayRate(models.Model):
    """What a level pays, per unit (or per hour), from a date. Rates of one level never overlap; a rate
    is never edited once a month it covers is closed (a new rate starts instead)."""

    level = models.ForeignKey(SkillLevel, on_delete=models.CASCADE, related_name="rates")
    amount = models.DecimalField(_("yen per unit or hour"), max_digits=9, decimal_places=2)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["level_id", "effective_from"]
        verbose_name = _("pay rate")
        verbose_name_plural = _("pay rates")
        constraints = [
            models.UniqueConstraint(fields=["level", "effective_from"], name="pay_rate_one_per_start"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="pay_rate_not_negative"),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="pay_rate_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.amount} ({self.effective_from})"


class MinimumWage(models.Model):
    """The regional minimum wage (北海道最低賃金) in force from a date; editable as it changes each autumn."""

    region = models.CharField(_("region"), max_length=20, default="北海道")
    hourly = models.DecimalField(_("yen an hour"), max_digits=7, decimal_places=2)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        ordering = ["region", "-effective_from"]
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        constraints = [
            models.UniqueConstraint(fields=["region", "effective_from"], name="minimum_wage_one_per_start"),
            models.CheckConstraint(condition=Q(hourly__gt=0), name="minimum_wage_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.hourly} ({self.effective_from})"


class SkillAssessment(models.Model):
    """A person's level at one work type from a date (the skill history, like the stage history)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="skill_assessments")
    work_type = models.ForeignKey(WorkType, on_delete=models.PROTECT, related_name="assessments")
    level = models.ForeignKey(SkillLevel, on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField(_("level from"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The evidence the supervisor confirmed: the rule's figures over the review days, and a note.
    units_per_hour = models.DecimalField(
        _("average units an hour"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    defect_rate = models.DecimalField(
        _("share of defects"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    # How many working days the rule's figures cover (None for an assessment without figures).
    days_counted = models.PositiveSmallIntegerField(_("working days counted"), null=True, blank=True)
    note = models.CharField(_("evidence"), max_length=300, blank=True)
    proposed_by_rule = models.BooleanField(_("proposed by the rule"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person_id", "work_type_id", "effective_from"]
        verbose_name = _("skill assessment")
        verbose_name_plural = _("skill assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "work_type", "effective_from"], name="skill_assessment_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_type} {self.level} ({self.effective_from})"


class CustomerOrder(models.Model):
    """An order the work fills (nets mended for a fishing-net company), for the production totals."""

    work_type = models.ForeignKey(WorkType, on_delete=models.PROTECT, related_name="orders")
    customer = models.ForeignKey(
        Organisation,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    customer_name = models.CharField(_("customer"), max_length=120, blank=True)
    reference = models.CharField(_("order reference"), max_length=40, blank=True)
    ordered_on = models.DateField(_("ordered on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    quantity = models.DecimalField(_("quantity ordered"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ordered_on", "-id"]
        verbose_name = _("customer order")
        verbose_name_plural = _("customer orders")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="customer_order_quantity_positive")
        ]

    def __str__(self) -> str:
        return self.reference or self.customer_name or str(self.ordered_on)


class WorkLog(models.Model):
    """What one person did at one work type on one day, tied to that day's attendance at the session.

    `person`, `placement` and `date` repeat the attendance's, so that a month's pay for everyone reads
    one table; the services keep them equal."""

    attendance = models.ForeignKey(Attendance, on_delete=models.PROTECT, related_name="work_logs")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="work_logs")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="work_logs")
    date = models.DateField(_("date"))
    work_type = models.ForeignKey(
        WorkType, verbose_name=_("work type"), on_delete=models.PROTECT, related_name="logs"
    )
    order = models.ForeignKey(
        CustomerOrder,
        verbose_name=_("order"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logs",
    )
    quantity = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2, default=0)
    minutes = models.PositiveSmallIntegerField(_("minutes worked"))
    defects = models.DecimalField(_("defects or rework"), max_digits=8, decimal_places=2, default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        constraints = [
            models.UniqueConstraint(fields=["attendance", "work_type"], name="work_log_once_per_attendance"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="work_log_quantity_not_negative"),
            models.CheckConstraint(condition=Q(defects__gte=0), name="work_log_defects_not_negative"),
            models.CheckConstraint(condition=Q(minutes__lte=24 * 60), name="work_log_minutes_in_a_day"),
        ]
        indexes = [
            models.Index(fields=["date", "person"], name="work_log_date_person_idx"),
            models.Index(fields=["person", "work_type", "date"], name="work_log_person_type_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.work_type}"


class PayMonth(models.Model):
    """A host's month of pay, closed by a supervisor: its logs are locked and its statements kept."""

    host = models.ForeignKey(ProgramHost, on_delete=models.PROTECT, related_name="pay_months")
    month = models.DateField(_("month"))  # the first day of the month
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-month", "host_id"]
        verbose_name = _("closed month")
        verbose_name_plural = _("closed months")
        constraints = [
            models.UniqueConstraint(fields=["host", "month"], name="pay_month_closed_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="pay_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.host} {self.month:%Y-%m}"


class PayStatement(models.Model):
    """One person's pay for one closed month at one host, as computed when it closed (never recomputed)."""

    pay_month = models.ForeignKey(PayMonth, on_delete=models.PROTECT, related_name="statements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pay_statements")
    work_form = models.CharField(max_length=12, choices=WorkForm.choices)
    days = models.PositiveSmallIntegerField(_("days worked"))
    minutes = models.PositiveIntegerField(_("minutes worked"))
    earned = models.DecimalField(_("earned by the work"), max_digits=10, decimal_places=0)
    minimum_wage_top_up = models.DecimalField(
        _("guaranteed top-up (保障給)"), max_digits=10, decimal_places=0
    )
    adjustments = models.DecimalField(_("adjustments"), max_digits=10, decimal_places=0)
    total = models.DecimalField(_("total"), max_digits=10, decimal_places=0)
    lines = models.JSONField(_("lines"), default=list)  # the days and adjustments, as computed

    class Meta:
        ordering = ["pay_month_id", "person_id"]
        verbose_name = _("pay statement")
        verbose_name_plural = _("pay statements")
        constraints = [
            models.UniqueConstraint(fields=["pay_month", "person"], name="pay_statement_once_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.pay_month} {self.person_id}"


class PayAdjustment(models.Model):
    """A correction to a closed month, paid (or taken back) in a later, open month: never an edit."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pay_adjustments")
    host = models.ForeignKey(ProgramHost, on_delete=models.PROTECT, related_name="pay_adjustments")
    month = models.DateField(_("paid in month"))  # first day; must be open when made
    corrects_month = models.DateField(_("corrects month"))
    amount = models.DecimalField(_("amount (yen)"), max_digits=10, decimal_places=0)
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "id"]
        verbose_name = _("pay adjustment")
        verbose_name_plural = _("pay adjustments")
        constraints = [
            models.CheckConstraint(
                condition=Q(month__day=1) & Q(corrects_month__day=1), name="pay_adjustment_months"
            ),
            models.CheckConstraint(
                condition=Q(corrects_month__lt=models.F("month")),
                name="pay_adjustment_corrects_earlier_month",
            ),
            models.CheckConstraint(condition=~Q(amount=0), name="pay_adjustment_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.corrects_month:%Y-%m} → {self.month:%Y-%m} {self.amount}"
