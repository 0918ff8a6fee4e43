"""The reference tables of the national statistics: the population per municipality (dated) and the
目安値 (target values, dated). Both are edited by administrators and statisticians; the figures
themselves are counted from the records of the lower apps, never stored."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Population(models.Model):
    """The population of a municipality from a date: the divisor of the figures per 100,000."""

    municipality = models.CharField(_("municipality"), max_length=60)
    as_of = models.DateField(_("as of"))
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-as_of"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "as_of"], name="population_once_per_date"),
            models.CheckConstraint(condition=models.Q(population__gt=0), name="population_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.as_of} {self.population}"


class Indicator(models.TextChoices):
    """The indicators that have a 目安値: counts per 100,000 population per month, or rates in percent."""

    NEW_CONSULTATIONS = "new_consultations", _("New consultations (新規相談受付件数)")
    PLANS = "plans", _("Plans made (プラン作成件数)")
    EMPLOYMENT_SUPPORT = "employment_support", _("Plans with employment support (就労支援対象者数)")
    WORK_RATE = "work_rate", _("Into work or higher income, rate (就労・増収率)")
    STEP_UP_RATE = "step_up_rate", _("Step-up rate (状態像の変化のあった人の割合)")


RATE_INDICATORS = frozenset({Indicator.WORK_RATE, Indicator.STEP_UP_RATE})


class Benchmark(models.Model):
    """A 目安値 from a date: per 100,000 population per month for a count, a percentage for a rate."""

    indicator = models.CharField(_("indicator"), max_length=24, choices=Indicator.choices)
    valid_from = models.DateField(_("valid from"))
    value = models.DecimalField(_("target value (目安値)"), max_digits=6, decimal_places=1)
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "-valid_from"]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "valid_from"], name="benchmark_once_per_date"),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="benchmark_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} {self.valid_from} {self.value}"
