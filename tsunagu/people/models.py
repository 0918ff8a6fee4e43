from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tsunagu.core.japanese import search_key
from tsunagu.organisations.models import Area, Organisation


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")
    NOT_ANSWERED = "not_answered", _("Prefers not to answer")


class Stage(models.TextChoices):
    """The Kushiro ladder."""

    DAILY_LIFE = "daily_life", _("Daily-life independence")
    SOCIAL_LIFE = "social_life", _("Social-life independence")
    EMPLOYMENT = "employment", _("Employment independence")


# What a page shows for the name of a person whose record the retention job blanked.
ANONYMISED = _("Anonymised")


class Person(models.Model):
    """Someone the hub supports. No マイナンバー is ever stored."""

    family_name = models.CharField(_("family name"), max_length=40)
    given_name = models.CharField(_("given name"), max_length=40)
    family_name_kana = models.CharField(_("family name (reading)"), max_length=60)
    given_name_kana = models.CharField(_("given name (reading)"), max_length=60)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.NOT_ANSWERED)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    mobile_phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    emergency_contact = models.CharField(_("emergency contact"), max_length=120, blank=True)
    is_dv_protected = models.BooleanField(
        _("DV protection (address and phone withheld)"),
        default=False,
        help_text=_("Only the assigned workers see the address and phone numbers; everyone else sees 秘匿."),
    )
    current_stage = models.CharField(
        _("current stage"), max_length=16, choices=Stage.choices, blank=True, db_index=True
    )
    # Normalised for search: kana, width and spaces ignored (see core.japanese.search_key).
    name_key = models.CharField(max_length=100, editable=False, db_index=True)
    reading_key = models.CharField(max_length=120, editable=False, db_index=True)
    given_reading_key = models.CharField(max_length=60, editable=False, blank=True)
    phone_key = models.CharField(max_length=40, editable=False, blank=True, db_index=True)
    mobile_key = models.CharField(max_length=40, editable=False, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_people", editable=False
    )
    # Set when the retention job blanked the record (people/retention.py): the names, readings, contacts
    # and notes are gone; dates, codes and the area stay for the statistics.
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(
        excluded_fields=["name_key", "reading_key", "given_reading_key", "phone_key", "mobile_key"]
    )

    class Meta:
        ordering = ["reading_key", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["reading_key", "date_of_birth"], name="person_reading_dob_idx"),
            # Prefix search (LIKE 'やま%') needs the pattern operator class on PostgreSQL under a non-C
            # collation; SQLite ignores the operator class.
            models.Index(
                fields=["reading_key"], name="person_reading_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["given_reading_key"],
                name="person_given_prefix_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["name_key"], name="person_name_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.refresh_search_keys()
        super().save(*args, **kwargs)

    @property
    def is_anonymised(self) -> bool:
        # Lists load people with .only(the names): the retention job blanked the names too, so they say it
        # without loading the date one person at a time.
        if "anonymised_on" in self.get_deferred_fields():
            return not (self.family_name or self.given_name)
        return self.anonymised_on is not None

    @property
    def full_name(self) -> str:
        if self.is_anonymised:
            return str(ANONYMISED)
        return f"{self.family_name} {self.given_name}"

    @property
    def full_name_kana(self) -> str:
        if self.is_anonymised:
            return ""
        return f"{self.family_name_kana} {self.given_name_kana}"

    def refresh_search_keys(self) -> None:
        self.name_key = search_key(self.family_name + self.given_name)
        self.reading_key = search_key(self.family_name_kana + self.given_name_kana)
        self.given_reading_key = search_key(self.given_name_kana)
        self.phone_key = normalise_phone(self.phone)
        self.mobile_key = normalise_phone(self.mobile_phone)


def normalise_phone(phone: str) -> str:
    """Digits only, so 0154-12-3456 and ０１５４１２３４５６ match."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", phone or "") if ch.isdigit())


class HouseholdMember(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household")
    name = models.CharField(_("name"), max_length=60)
    relation = models.CharField(_("relation"), max_length=30)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    is_also_supported = models.BooleanField(_("also supported by us"), default=False)
    # The member's own record, where they have one (a child of the children's support): the row stays the
    # household's declaration, the link says who it is.
    member_person = models.ForeignKey(
        Person,
        verbose_name=_("record of the member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="household_memberships",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return f"{self.name}（{self.relation}）"


class ConsentScope(models.TextChoices):
    APPLICATION = "application", _("Use of this information for consultation support")
    SHARE_PARTNERS = "share_partners", _("Sharing with the organisations named")
    SHARE_CITY = "share_city", _("Sharing with the city welfare office")
    MEETING = "meeting", _("Discussion at support co-ordination meetings")


class Consent(models.Model):
    """What may be shared with whom, signed and possibly withdrawn."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("scope"), max_length=20, choices=ConsentScope.choices)
    shared_with = models.ManyToManyField(
        Organisation, verbose_name=_("shared with"), blank=True, related_name="consents"
    )
    signed_on = models.DateField(_("signed on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("signed_on")),
                name="consent_withdrawn_after_signed",
                violation_error_message=_("A consent cannot be withdrawn before it was given."),
            )
        ]

    def __str__(self) -> str:
        return self.get_scope_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class StageChange(models.Model):
    """One step on the Kushiro ladder (up or down), kept for good with its date and reason."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    previous_stage = models.CharField(_("previous stage"), max_length=16, choices=Stage.choices, blank=True)
    changed_on = models.DateField(_("changed on"))
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["changed_on"], name="stage_change_date_idx")]

    def __str__(self) -> str:
        return f"{self.changed_on} {self.get_stage_display()}"
