"""A child is a Person with a Child record: linked to the guardian's household row, with a school, a grade
that advances each April, and the household's situation."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from tsunagu.core.dates import fiscal_year_of
from tsunagu.organisations.models import Contact
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.programs.models import ProgramHost

# Children's-support staff are hub casework staff in this Django group (no role of its own: a worker
# who also runs まじくる keeps their role). See docs/security.md.
CHILDREN_SUPPORT_GROUP = "children_support"


class HouseholdSituation(models.TextChoices):
    PUBLIC_ASSISTANCE = "public_assistance", _("Public assistance (生活保護)")
    HARDSHIP = "hardship", _("In hardship (生活困窮)")


# Grades 1–12 of the Japanese school years: 小1–6, 中1–3, 高1–3.
def _numbered(label: str, n: int) -> str:
    return gettext(label) % {"n": n}


# Lazy, so that each label is translated when shown (a `lazy % dict` is translated once, at import).
_numbered_lazy = lazy(_numbered, str)

GRADE_CHOICES = [
    *((n, _numbered_lazy(gettext_noop("Elementary %(n)d"), n)) for n in range(1, 7)),
    *((n + 6, _numbered_lazy(gettext_noop("Junior high %(n)d"), n)) for n in range(1, 4)),
    *((n + 9, _numbered_lazy(gettext_noop("High school %(n)d"), n)) for n in range(1, 4)),
]
JUNIOR_HIGH_3 = 9


def grade_from_birth(date_of_birth: dt.date, day: dt.date) -> int:
    """The grade (1 = 小1) of a child born on that date, in the school year of `day`: a child enters 小1
    in the April after turning six, those born on 1 April with the year before (学年は4月2日生まれから)."""
    cohort = (
        date_of_birth.year if (date_of_birth.month, date_of_birth.day) >= (4, 2) else date_of_birth.year - 1
    )
    return fiscal_year_of(day) - cohort - 6


def grade_label(grade: int | None) -> str:
    if grade is None:
        return ""
    if grade < 1:
        return str(_("Not yet at school"))
    if grade > 12:
        return str(_("Past high school age"))
    return str(dict(GRADE_CHOICES)[grade])


class Child(models.Model):
    """The child's record. Seen only by children's-support staff and the workers of the guardian's open
    cases (children/scope.py); partners see the name and schedule of a child placed with them."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="child_record")
    household_member = models.OneToOneField(
        HouseholdMember,
        verbose_name=_("household row of the guardian"),
        on_delete=models.PROTECT,
        related_name="child_record",
    )
    school = models.CharField(_("school"), max_length=80, blank=True)
    # The grade as recorded in a school year, for a child whose grade differs from their age (held back,
    # no date of birth): advanced each April from there. Empty: computed from the date of birth.
    recorded_grade = models.PositiveSmallIntegerField(
        _("grade"), null=True, blank=True, choices=GRADE_CHOICES
    )
    recorded_grade_year = models.PositiveSmallIntegerField(
        _("school year of the grade"), null=True, blank=True
    )
    household_situation = models.CharField(
        _("household situation"), max_length=20, choices=HouseholdSituation.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["person__reading_key", "id"]
        verbose_name = _("child")
        verbose_name_plural = _("children")
        constraints = [
            models.CheckConstraint(
                condition=Q(recorded_grade__isnull=True) | Q(recorded_grade_year__isnull=False),
                name="child_recorded_grade_has_year",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def guardian(self) -> Person:
        return self.household_member.person

    def grade_on(self, day: dt.date) -> int | None:
        if self.recorded_grade is not None and self.recorded_grade_year is not None:
            return self.recorded_grade + fiscal_year_of(day) - self.recorded_grade_year
        if self.person.date_of_birth:
            return grade_from_birth(self.person.date_of_birth, day)
        return None


# ---------------------------------------------------------------- まじくる: learning support classes


class NoteKind(models.TextChoices):
    LEARNING = "learning", _("Learning (学習)")
    DAILY_LIFE = "daily_life", _("Daily life (生活)")


class ChildNote(models.Model):
    """A learning or daily-life note on a child, seen only by those who see the child."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=NoteKind.choices)
    text = models.TextField(_("note"), max_length=2000)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("note on a child")
        verbose_name_plural = _("notes on children")

    def __str__(self) -> str:
        return f"{self.child_id} {self.date} {self.kind}"


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Home visit")
    MEETING = "meeting", _("Meeting at the class")
    LETTER = "letter", _("Letter or message")
    OTHER = "other", _("Other")


class GuardianContact(models.Model):
    """Contact with the child's guardian about the child (date, how, what was said)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardian_contacts")
    date = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=12, choices=ContactMethod.choices)
    note = models.TextField(_("note"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("contact with the guardian")
        verbose_name_plural = _("contacts with the guardian")

    def __str__(self) -> str:
        return f"{self.child_id} {self.date} {self.method}"


class TutorKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    VOLUNTEER = "volunteer", _("Volunteer")


class Tutor(models.Model):
    """A tutor of a class (a children's program at a host): a staff user, or a volunteer who is a contact,
    a person whom the community work names as a supporter (children/tutors.py), or only a name."""

    host = models.ForeignKey(ProgramHost, on_delete=models.CASCADE, related_name="tutors")
    kind = models.CharField(_("kind"), max_length=12, choices=TutorKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("supporter"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="tutor_roles",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("tutor")
        verbose_name_plural = _("tutors")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="staff") & Q(user__isnull=False) & Q(contact__isnull=True) & Q(person__isnull=True)
                )
                | (
                    Q(kind="volunteer")
                    & Q(user__isnull=True)
                    & (Q(contact__isnull=False) | Q(person__isnull=False) | ~Q(name=""))
                ),
                name="tutor_staff_is_a_user_volunteer_a_contact_person_or_name",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        if self.contact_id:
            return self.contact.name
        if self.person_id:
            return self.person.full_name
        return self.name


from tsunagu.children.models_entrance import *  # noqa: E402, F403  (the entrance support models)
