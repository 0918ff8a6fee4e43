"""High-school entrance support (高校進学支援): a cohort per fiscal year of 中3 pupils, each with a
participating parent (the guardian's person), a plan, parent sessions, applications with their results,
and a follow-up a year later; and the national reference figures the cohort's rates are shown beside."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.children.models import Child
from tsunagu.people.models import Person


class Course(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time high school (全日制)")
    PART_TIME = "part_time", _("Part-time high school (定時制)")
    CORRESPONDENCE = "correspondence", _("Correspondence high school (通信制)")
    SPECIAL_NEEDS = "special_needs", _("Special-needs school, upper secondary (特別支援学校高等部)")
    TECHNICAL_COLLEGE = "technical_college", _("College of technology (高専)")
    VOCATIONAL = "vocational", _("Upper secondary specialised training (専修学校高等課程)")
    EMPLOYMENT = "employment", _("Employment (就職)")
    OTHER = "other", _("Other (その他)")


# What counts as "high school or equivalent" (高等学校等) in the 進学率: every course but work and other.
HIGH_SCHOOL_OR_EQUIVALENT = frozenset(set(Course.values) - {Course.EMPLOYMENT, Course.OTHER})


class FollowUp(models.TextChoices):
    ENROLLED = "enrolled", _("Still enrolled")
    LEFT = "left", _("Left school (中退)")


class EntrancePupil(models.Model):
    """A 中3 pupil of one fiscal year's cohort, with the plan and the outcome."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="entrance_support")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    parent = models.ForeignKey(
        Person, verbose_name=_("participating parent"), on_delete=models.PROTECT, related_name="+"
    )
    goals = models.TextField(_("goals"), blank=True)
    schools_considered = models.TextField(_("schools considered"), blank=True)
    # None until known at the end of the school year.
    graduated_junior_high = models.BooleanField(_("graduated junior high"), null=True, blank=True)
    follow_up = models.CharField(_("a year later"), max_length=10, choices=FollowUp.choices, blank=True)
    follow_up_on = models.DateField(_("date of the follow-up"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-fiscal_year", "child__person__reading_key", "id"]
        verbose_name = _("pupil of the entrance support")
        constraints = [
            models.UniqueConstraint(fields=["child", "fiscal_year"], name="entrance_pupil_once_a_year"),
            models.CheckConstraint(
                condition=Q(follow_up="", follow_up_on__isnull=True)
                | (~Q(follow_up="") & Q(follow_up_on__isnull=False)),
                name="entrance_follow_up_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} ({self.fiscal_year})"


class ParentSession(models.Model):
    """A session for the parents (保護者向け説明会・面談): did the pupil's parent come."""

    pupil = models.ForeignKey(EntrancePupil, on_delete=models.CASCADE, related_name="parent_sessions")
    held_on = models.DateField(_("date"))
    parent_attended = models.BooleanField(_("the parent attended"), default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on}"


class EntranceApplication(models.Model):
    """An application (or a job) and its result: passed on a date, entered or not."""

    pupil = models.ForeignKey(EntrancePupil, on_delete=models.CASCADE, related_name="applications")
    school_name = models.CharField(_("school"), max_length=80)
    course = models.CharField(_("course"), max_length=20, choices=Course.choices)
    passed_on = models.DateField(_("passed on (合格日)"), null=True, blank=True)
    entered = models.BooleanField(_("entered (入学)"), default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil"], condition=Q(entered=True), name="entrance_one_entry_per_pupil"
            ),
        ]

    def __str__(self) -> str:
        return self.school_name


class ReferenceKey(models.TextChoices):
    ENTRY_RATE = "pa_high_school_entry_rate", _("High-school entry rate, public-assistance households")
    DROPOUT_RATE = "pa_high_school_dropout_rate", _("High-school drop-out rate, public-assistance households")


class ReferenceFigure(models.Model):
    """A national figure the hub's own are shown beside; an administrator keeps it current."""

    key = models.CharField(_("figure"), max_length=40, choices=ReferenceKey.choices, unique=True)
    value = models.DecimalField(_("value (%)"), max_digits=4, decimal_places=1)
    year = models.PositiveSmallIntegerField(_("year of the figure"))
    source = models.CharField(_("source"), max_length=200)
    url = models.URLField(_("source URL"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.get_key_display()
