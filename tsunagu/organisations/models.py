from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


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
