"""The statistics' writes: the rows of the reference tables (a population figure, a 目安値). A row for a
date already recorded is corrected in place, so that sending the same form twice saves one row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.statistics.models import Benchmark, Indicator, Population

POPULATION_FIELDS = ("municipality", "as_of", "population", "source")
BENCHMARK_FIELDS = ("indicator", "valid_from", "value", "source")
MANAGE = "statistics.manage_reference"
LARGEST_POPULATION = 100_000_000


@transaction.atomic
def record_population(*, actor: User, fields: dict[str, Any]) -> Population:
    """The population of a municipality from a date (a second figure for the same date corrects it)."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, POPULATION_FIELDS, service="record_population")
    municipality = (fields.get("municipality") or "").strip()
    if not municipality:
        raise ValidationError({"municipality": _("Give the municipality.")})
    population = fields.get("population")
    if not isinstance(population, int) or not 0 < population <= LARGEST_POPULATION:
        raise ValidationError({"population": _("The population is a whole number from 1 to 100,000,000.")})
    if fields.get("as_of") is None:
        raise ValidationError({"as_of": _("Give the date of the figure.")})
    row, created = Population.objects.update_or_create(
        municipality=municipality, as_of=fields["as_of"],
        defaults={"population": population, "source": (fields.get("source") or "").strip()},
    )  # fmt: skip
    record_event(
        action=AuditAction.CREATE if created else AuditAction.UPDATE, actor=actor, target=row,
        detail={"population": population},
    )  # fmt: skip
    return row


@transaction.atomic
def set_benchmark(*, actor: User, fields: dict[str, Any]) -> Benchmark:
    """A 目安値 from a date (a second one for the same indicator and date corrects it)."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, BENCHMARK_FIELDS, service="set_benchmark")
    if fields.get("indicator") not in Indicator.values:
        raise ValidationError({"indicator": _("Choose the indicator.")})
    value = fields.get("value")
    if not isinstance(value, Decimal | int) or not Decimal("0.1") <= Decimal(value) <= Decimal("99999"):
        raise ValidationError({"value": _("The target value is a number from 0.1 to 99,999.")})
    if fields.get("valid_from") is None:
        raise ValidationError({"valid_from": _("Give the date from which the value applies.")})
    row, created = Benchmark.objects.update_or_create(
        indicator=fields["indicator"], valid_from=fields["valid_from"],
        defaults={"value": Decimal(value), "source": (fields.get("source") or "").strip()},
    )  # fmt: skip
    record_event(
        action=AuditAction.CREATE if created else AuditAction.UPDATE, actor=actor, target=row,
        detail={"indicator": row.indicator},
    )  # fmt: skip
    return row
