import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagu.core.japanese import search_key
from tsunagu.core.models import ConfiguredList


class Area(models.Model):
    """A configurable area (地区): a district of Kushiro city, or one of the towns and villages around it."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    reading = models.CharField(_("reading"), max_length=120, blank=True)
    municipality = models.CharField(_("municipality"), max_length=60)
    sort_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    HUB = "hub", _("Support hub")
    MUNICIPALITY = "municipality", _("Municipality office")
    SOCIAL_WELFARE_COUNCIL = "social_welfare_council", _("Social welfare council")
    NPO = "npo", _("NPO")
    FOUNDATION = "foundation", _("Foundation or association")
    COMPANY = "company", _("Company")
    HOSPITAL = "hospital", _("Hospital")
    CARE_FACILITY = "care_facility", _("Care facility")
    DISABILITY_SERVICE = "disability_service", _("Disability service")
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    SCHOOL = "school", _("School")
    FINANCIAL_INSTITUTION = "financial_institution", _("Financial institution")
    COMMUNITY_GROUP = "community_group", _("Community group")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A body of the network. A unit of a larger body (one of the city's departments) names it as parent."""

    # The stable id of the open data (HSDS): kept across exports and imports, never shown to users.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices, db_index=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    # Name and reading normalised for search (core.japanese.search_key), kept by save().
    search_text = models.CharField(max_length=330, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="organisation_not_own_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = f"{search_key(self.name)} {search_key(self.reading)}"
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class Office(models.Model):
    """A place an organisation works from; every user belongs to one, and cases belong to an office."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="offices"
    )
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="office_unique_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.name}"


class Contact(models.Model):
    """A person to reach at an organisation (a partner's co-ordinator, a hospital's social worker…)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=60)
    department = models.CharField(_("department or role"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class ServiceType(ConfiguredList):
    """A kind of service (債務・法律相談, 就労支援 ...): the configurable list the directory is searched by."""

    class Meta(ConfiguredList.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")


class ServiceStage(models.TextChoices):
    """The steps of the Kushiro ladder a service suits: the codes of people.models.Stage, which this lower
    app may not import (a test keeps the two the same)."""

    DAILY_LIFE = "daily_life", _("Daily-life independence")
    SOCIAL_LIFE = "social_life", _("Social-life independence")
    EMPLOYMENT = "employment", _("Employment independence")


class ServiceStatus(models.TextChoices):
    """HSDS's service statuses, as its schema spells them."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Location(models.Model):
    """A place where an organisation receives people (a counter, a branch)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=120)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10, default="北海道")
    city = models.CharField(_("city, town or village"), max_length=60)
    address_line = models.CharField(_("street address"), max_length=200, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="location_unique_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.prefecture}{self.city}{self.address_line}"


class Service(models.Model):
    """What an organisation offers (法律相談, 家計改善支援 ...), which a referral names."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service type"), on_delete=models.PROTECT, related_name="services"
    )
    suits_daily_life = models.BooleanField(_("suits daily-life independence"), default=False)
    suits_social_life = models.BooleanField(_("suits social-life independence"), default=False)
    suits_employment = models.BooleanField(_("suits employment independence"), default=False)
    eligibility = models.TextField(_("eligibility"), blank=True)
    fees = models.CharField(_("fees"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE, db_index=True
    )
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    locations = models.ManyToManyField(
        Location, verbose_name=_("locations"), blank=True, related_name="services"
    )
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="service_unique_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation.name}）"

    @property
    def stages(self) -> list[str]:
        return [stage for stage in ServiceStage.values if getattr(self, STAGE_FIELDS[stage])]


# The ladder's stage → the service's field saying it suits that stage.
STAGE_FIELDS = {
    ServiceStage.DAILY_LIFE: "suits_daily_life",
    ServiceStage.SOCIAL_LIFE: "suits_social_life",
    ServiceStage.EMPLOYMENT: "suits_employment",
}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningTime(models.Model):
    """One weekday's opening hours of a location, or of a service where it keeps hours of its own."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="opening_times"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="opening_times"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening time")
        verbose_name_plural = _("opening times")
        constraints = [
            models.CheckConstraint(
                condition=Q(location__isnull=False, service__isnull=True)
                | Q(location__isnull=True, service__isnull=False),
                name="opening_time_of_location_or_service",
            ),
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="opening_time_opens_before_closes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def organisation_id(self) -> int:
        return (self.location or self.service).organisation_id
