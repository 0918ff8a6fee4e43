"""The council's contracts (受託事業): who funds which service in which fiscal year, what it must deliver,
and which cases and placements each contract carries, with dates. The 沿革 and each contract's report are
read from these rows."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.cases.models import Case, contract_label, contract_name
from tsunagu.cases.models import Contract as Service
from tsunagu.core.dates import fiscal_year_label, fiscal_year_of
from tsunagu.programs.models import Placement

FIRST_FISCAL_YEAR = 2004  # 平成16年度: the 自立支援プログラム釧路モデル starts (the seed's 沿革)


class Funder(models.TextChoices):
    CITY = "city", _("City (釧路市)")
    PREFECTURE = "prefecture", _("Prefecture (北海道)")
    NATION = "nation", _("Nation (厚生労働省)")


class Contract(models.Model):
    """One contract of one fiscal year: a funder entrusts the council with a service for a period."""

    funder = models.CharField(_("funder"), max_length=12, choices=Funder.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    service = models.CharField(_("service"), max_length=32, choices=Service.choices)
    title = models.CharField(_("the contract's name"), max_length=200, blank=True)
    starts_on = models.DateField(_("contract period from"))
    ends_on = models.DateField(_("contract period to"))
    model_project = models.BooleanField(_("model project (モデル事業)"), default=False)
    deliverables = models.TextField(_("deliverables"), blank=True)
    # Years to keep the records of the cases it carried after their closure, when the funder asks for longer
    # than the hub's TSUNAGU_RETENTION_YEARS (the retention job keeps the longest; docs/retention.md).
    retention_years = models.PositiveSmallIntegerField(
        _("years to keep its cases after closure"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Leave empty to keep them as long as the hub's rule says."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fiscal_year", "funder", "service", "pk"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="contract_period_in_order"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR), name="contract_fiscal_year_from_h16"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_label} {self.service_name}"

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    @property
    def service_name(self) -> str:
        """The service's name when the contract began (一時生活支援事業 before 2025-04-01)."""
        return contract_name(self.service, self.starts_on)

    @property
    def service_label(self) -> str:
        return contract_label(self.service, self.starts_on)

    @property
    def name(self) -> str:
        """The contract as its funder calls it, else the service's name then."""
        return self.title or self.service_name


class CaseAssignment(models.Model):
    """A case carried by a contract from a day to a day (open to the contract's end when no end is set)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="case_assignments")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contract_assignments")
    from_on = models.DateField(_("assigned from"))
    to_on = models.DateField(_("assigned until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_on", "pk"]
        verbose_name = _("case assigned to a contract")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_on__isnull=True) | Q(to_on__gte=F("from_on")), name="case_assignment_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} / {self.case_id}"

    @property
    def last_day(self) -> dt.date:
        return self.to_on or self.contract.ends_on


class PlacementAssignment(models.Model):
    """A placement carried by a contract from a day to a day (open to the contract's end when no end)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="placement_assignments")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="contract_assignments")
    from_on = models.DateField(_("assigned from"))
    to_on = models.DateField(_("assigned until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_on", "pk"]
        verbose_name = _("placement assigned to a contract")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_on__isnull=True) | Q(to_on__gte=F("from_on")),
                name="placement_assignment_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} / {self.placement_id}"

    @property
    def last_day(self) -> dt.date:
        return self.to_on or self.contract.ends_on


class Milestone(models.Model):
    """An event of the 沿革 that is no contract (the council's founding, the city's model starting)."""

    on = models.DateField(_("date"))
    text = models.CharField(_("what happened"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return self.text

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.on)
