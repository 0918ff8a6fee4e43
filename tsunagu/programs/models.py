"""The Kushiro program ladder: a catalog of programs on three stages, hosted by partner organisations;
people placed in them; sessions and attendance; the hosts' evaluations."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tsunagu.cases.models import Case, Contract, Plan
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Person, Stage


class ProgramCategory(models.TextChoices):
    DAILY_LIFE = "daily_life", _("Daily-life support")
    WORK_EXPERIENCE = "work_experience", _("Volunteer work experience")
    # The seed's 「就業体験プログラム」: work experience in sheltered workshops (授産施設).
    SHELTERED_WORK = "sheltered_work", _("Work experience at sheltered workshops")
    COMMUNITY_ACTIVITY = "community_activity", _("Community activity")
    EMPLOYMENT_SUPPORT = "employment_support", _("Employment support")
    INTERNSHIP = "internship", _("Internship")
    INTERMEDIATE_WORK = "intermediate_work", _("Intermediate employment (中間的就労)")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    CHILDREN = "children", _("Children and families")
    LEARNING = "learning", _("Learning and skills")


WEEKDAYS = (
    (0, _("Mon")),
    (1, _("Tue")),
    (2, _("Wed")),
    (3, _("Thu")),
    (4, _("Fri")),
    (5, _("Sat")),
    (6, _("Sun")),
)


class Program(models.Model):
    """A program of the catalog. A program no longer offered is ended (active_until), never deleted."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=Stage.choices,
        blank=True,
        help_text=_("Leave empty for children's and cross-stage programs."),
    )
    category = models.CharField(_("category"), max_length=24, choices=ProgramCategory.choices)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("to"), null=True, blank=True)
    by_appointment = models.BooleanField(_("by appointment"), default=False)
    eligibility = models.TextField(_("eligibility"), blank=True)
    contract = models.CharField(_("funding contract"), max_length=32, choices=Contract.choices, blank=True)
    active_from = models.DateField(_("offered from"))
    active_until = models.DateField(_("offered until"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gte=F("active_from")),
                name="program_period_in_order",
                violation_error_message=_("A program cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="program_hours_in_order",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_until is None or day <= self.active_until)

    @property
    def weekday_labels(self) -> list[str]:
        labels = dict(WEEKDAYS)
        return [str(labels[d]) for d in sorted(self.weekdays) if d in labels]


def year_end_closure() -> list[list[str]]:
    """The days a new host is closed by default: 年末年始, 29 December to 3 January."""
    return [["12-29", "01-03"]]


def closed_period_label(period: list[str]) -> str:
    """["12-29", "01-03"] → "12/29〜1/3" (a single day: "8/15")."""
    first, last = (f"{int(md[:2])}/{int(md[3:])}" for md in period)
    return first if first == last else f"{first}〜{last}"


class ProgramHost(models.Model):
    """A partner organisation that hosts a program, with its own capacity, days and closed days."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="hosts"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="hosted_programs",
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("People taking part at once; empty for no limit.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    weekdays = models.JSONField(
        _("weekdays at this host"),
        default=list,
        blank=True,
        help_text=_("Leave all unticked to follow the program's days."),
    )
    # Periods of the year without sessions, each ["MM-DD", "MM-DD"] (a period may run over the new year).
    closed_days = models.JSONField(_("closed days"), default=year_end_closure, blank=True)
    # A host the seed does not name (who runs the program was assumed here): shown with a badge until an
    # administrator confirms or changes it.
    is_local_assumption = models.BooleanField(
        _("local assumption"),
        default=False,
        db_default=False,
        help_text=_("The seed does not name this host: it was assumed locally. Untick once confirmed."),
    )
    assumption_note = models.CharField(_("why it was assumed"), max_length=200, blank=True, db_default="")
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["program__sort_order", "program__name", "organisation__name"]
        verbose_name = _("program host")
        verbose_name_plural = _("program hosts")
        constraints = [models.UniqueConstraint(fields=["program", "organisation"], name="program_host_once")]

    def __str__(self) -> str:
        return f"{self.program.name}（{self.organisation.name}）"

    @property
    def schedule_weekdays(self) -> list[int]:
        """The weekdays sessions are held here: the host's own, else the program's."""
        return list(self.weekdays or self.program.weekdays)

    @property
    def weekday_labels(self) -> list[str]:
        labels = dict(WEEKDAYS)
        return [str(labels[d]) for d in sorted(self.schedule_weekdays) if d in labels]

    @property
    def closed_day_labels(self) -> list[str]:
        return [closed_period_label(period) for period in self.closed_days or []]

    def is_closed_on(self, day) -> bool:
        """Whether the day falls in one of the host's closed periods (29 Dec – 3 Jan wraps the year)."""
        today = f"{day.month:02d}-{day.day:02d}"
        for first, last in self.closed_days or []:
            if first <= last and first <= today <= last:
                return True
            if first > last and (today >= first or today <= last):
                return True
        return False


class PlacementStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting list")
    VISIT = "visit", _("Visit (見学)")
    TRIAL = "trial", _("Trial (体験)")
    ACTIVE = "active", _("Taking part (参加)")
    COMPLETED = "completed", _("Completed (修了)")
    INTERRUPTED = "interrupted", _("Stopped (中断)")


# Statuses that take one of the host's places. A visitor (見学) comes to the sessions, is on the roll-call and
# needs the host's staff as much as a trial does, so a visit takes a place too: counted apart, hosts ran
# over capacity (the demo had 14 people in a program of 8).
OCCUPYING_STATUSES = (PlacementStatus.VISIT, PlacementStatus.TRIAL, PlacementStatus.ACTIVE)
OPEN_PLACEMENT_STATUSES = (PlacementStatus.WAITING, *OCCUPYING_STATUSES)
# Statuses in which a person is expected at sessions (and so may be on a roll-call): the same ones.
ATTENDING_STATUSES = OCCUPYING_STATUSES


class Placement(models.Model):
    """A person's placement in a program at a host: 見学 → 体験 → 参加 → 修了, or 中断 with a reason."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="placements"
    )
    host = models.ForeignKey(
        ProgramHost, verbose_name=_("program and host"), on_delete=models.PROTECT, related_name="placements"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="placements"
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    plan_support = models.CharField(_("plan support it fulfils"), max_length=200, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=PlacementStatus.choices, db_index=True)
    waiting_since = models.DateField(_("waiting since"), null=True, blank=True)
    visited_on = models.DateField(_("visit"), null=True, blank=True)
    trial_from = models.DateField(_("trial from"), null=True, blank=True)
    started_on = models.DateField(_("taking part from"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    interrupted_on = models.DateField(_("stopped on"), null=True, blank=True)
    interruption_reason = models.CharField(_("reason for stopping"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["host", "status"], name="placement_host_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "host"],
                condition=Q(status__in=["waiting", "visit", "trial", "active"]),
                name="placement_one_open_per_host",
                violation_error_message=_("This person already has an open placement with this host."),
            ),
            models.CheckConstraint(
                condition=~Q(status="interrupted") | ~Q(interruption_reason=""),
                name="placement_interruption_has_reason",
                violation_error_message=_("Give the reason for stopping."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.host}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PLACEMENT_STATUSES

    @property
    def last_step_on(self):
        return max(
            filter(
                None,
                [
                    self.waiting_since,
                    self.visited_on,
                    self.trial_from,
                    self.started_on,
                    self.completed_on,
                    self.interrupted_on,
                ],
            ),
            default=None,
        )


class Session(models.Model):
    """One meeting of a program at a host, generated from the schedule or added by hand."""

    host = models.ForeignKey(
        ProgramHost, verbose_name=_("program and host"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancellation_reason = models.CharField(
        _("reason for cancelling"), max_length=200, blank=True, default="", db_default=""
    )

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["host", "date", "start_time"],
                name="session_once_per_time",
                violation_error_message=_("There is already a session at that date and time."),
            ),
            # NULL start times are all distinct to a unique index: one untimed session a day, then.
            models.UniqueConstraint(
                fields=["host", "date"],
                condition=Q(start_time__isnull=True),
                name="session_once_per_untimed_day",
                violation_error_message=_("There is already a session at that date and time."),
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancellation_reason=""),
                name="session_cancellation_has_reason",
                violation_error_message=_("Give the reason for cancelling."),
            ),
        ]
        indexes = [models.Index(fields=["date"], name="session_date_idx")]

    def __str__(self) -> str:
        return f"{self.host} {self.date}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present (出席)")
    LATE = "late", _("Late (遅刻)")
    LEFT_EARLY = "left_early", _("Left early (早退)")
    ABSENT = "absent", _("Absent (欠席)")


ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


class AbsenceCategory(models.TextChoices):
    """Why someone was absent, as hub staff record it. The host sees only whether the person told anyone
    (SHARED_ABSENCE): the reason itself, health above all, stays with the hub."""

    NOTIFIED = "notified", _("Told us, no reason given (連絡あり)")
    HEALTH = "health", _("Illness or a hospital visit (体調不良・通院)")
    FAMILY = "family", _("Family matters (家庭の事情)")
    WORK = "work", _("Work or job hunting (仕事・求職活動)")
    NO_CONTACT = "no_contact", _("No word (連絡なし)")


class SharedAbsence(models.TextChoices):
    """What the host's staff see of an absence, and all they may record of one."""

    NOTIFIED = "notified", _("Told us (連絡あり)")
    NO_CONTACT = "no_contact", _("No word (連絡なし)")


# Each category as the host sees it: every reason given becomes "told us".
SHARED_ABSENCE = {
    AbsenceCategory.NOTIFIED: SharedAbsence.NOTIFIED,
    AbsenceCategory.HEALTH: SharedAbsence.NOTIFIED,
    AbsenceCategory.FAMILY: SharedAbsence.NOTIFIED,
    AbsenceCategory.WORK: SharedAbsence.NOTIFIED,
    AbsenceCategory.NO_CONTACT: SharedAbsence.NO_CONTACT,
}


def shared_absence(category: str) -> str:
    """The category as the host may see it ("" when none was given)."""
    return str(SHARED_ABSENCE.get(category, ""))


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=12, choices=AttendanceStatus.choices)
    absence_category = models.CharField(
        _("reason for absence"),
        max_length=12,
        choices=AbsenceCategory.choices,
        blank=True,
        default="",
        db_default="",
    )
    # Hub staff only: never shown to the host's staff (a partner's roll-call neither reads nor writes it).
    absence_reason = models.CharField(_("note on the absence (hub staff only)"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session__date", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "placement"], name="attendance_once_per_session"),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24), name="attendance_hours_in_a_day"
            ),
        ]
        indexes = [models.Index(fields=["placement", "status"], name="attendance_placement_idx")]

    def __str__(self) -> str:
        return f"{self.session} {self.get_status_display()}"

    @property
    def shared_absence_label(self) -> str:
        """The absence as the host sees it: 連絡あり or 連絡なし, never the reason."""
        shared = shared_absence(self.absence_category)
        return str(SharedAbsence(shared).label) if shared else ""


EVALUATION_ITEMS: tuple[tuple[str, str], ...] = (
    ("greeting", _("Greetings (挨拶)")),
    ("punctuality", _("Keeping time (時間を守る)")),
    ("concentration", _("Concentration on the work (作業への集中)")),
    ("cooperation", _("Working with others (協調性)")),
    ("understanding", _("Understanding instructions (指示の理解)")),
)


def _item_field(label):
    return models.PositiveSmallIntegerField(label)


class PlacementEvaluation(models.Model):
    """The host's short evaluation of a placement, on a 1–4 scale; the worker sees it on the case."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluated on"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    greeting = _item_field(_("Greetings (挨拶)"))
    punctuality = _item_field(_("Keeping time (時間を守る)"))
    concentration = _item_field(_("Concentration on the work (作業への集中)"))
    cooperation = _item_field(_("Working with others (協調性)"))
    understanding = _item_field(_("Understanding instructions (指示の理解)"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-evaluated_on", "-id"]
        verbose_name = _("placement evaluation")
        verbose_name_plural = _("placement evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{code}__range": (1, 4)}), name=f"placement_evaluation_{code}_1_to_4"
            )
            for code, _label in EVALUATION_ITEMS
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.evaluated_on}"

    def items(self) -> list[tuple[str, str, int]]:
        return [(code, label, getattr(self, code)) for code, label in EVALUATION_ITEMS]
