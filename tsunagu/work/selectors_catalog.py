"""Reads of the work catalog. The catalog has no scope (like the program catalog): whoever may see it
(`work.view_work_catalog`) sees every host's work types; no person is read here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet
from django.http import Http404

from tsunagu.organisations.models import Organisation
from tsunagu.programs.models import ProgramHost
from tsunagu.work.models import CustomerOrder, MinimumWage, PayMonth, PayRate, SkillLevel, WorkLog, WorkType
from tsunagu.work.months import month_start


def work_sites() -> QuerySet[ProgramHost]:
    """The hosts with at least one work type, each with its work types (and how many levels each has)."""
    work_types = WorkType.objects.annotate(level_count=Count("levels")).order_by("-active", "name")
    return (
        ProgramHost.objects.filter(Exists(WorkType.objects.filter(host=OuterRef("pk"))))
        .select_related("program", "organisation")
        .prefetch_related(Prefetch("work_types", queryset=work_types))
        .order_by("organisation__name", "program__name")
    )


def hosts_for_work_types() -> QuerySet[ProgramHost]:
    """The hosts a work type may be added to: every host of the program catalog."""
    return ProgramHost.objects.select_related("program", "organisation").order_by(
        "organisation__name", "program__name"
    )


def customer_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("reading", "name")


def work_types() -> QuerySet[WorkType]:
    return WorkType.objects.select_related("host__program", "host__organisation")


def get_work_type(work_type_id: int) -> WorkType:
    try:
        return work_types().get(pk=work_type_id)
    except WorkType.DoesNotExist as error:
        raise Http404 from error


def next_rank(work_type: WorkType) -> int:
    """The rank a new level of the work type would take: one above its highest."""
    return (work_type.levels.aggregate(highest=Max("rank"))["highest"] or 0) + 1


def get_level(level_id: int) -> SkillLevel:
    try:
        return SkillLevel.objects.select_related(
            "work_type__host__program", "work_type__host__organisation"
        ).get(pk=level_id)
    except SkillLevel.DoesNotExist as error:
        raise Http404 from error


def get_rate(rate_id: int) -> PayRate:
    try:
        return PayRate.objects.select_related("level__work_type").get(pk=rate_id)
    except PayRate.DoesNotExist as error:
        raise Http404 from error


def closed_months(host_id: int) -> set[dt.date]:
    return set(PayMonth.objects.filter(host_id=host_id).values_list("month", flat=True))


@dataclass
class RateRow:
    rate: PayRate
    in_force: bool  # today
    removable: bool  # starts in an open month, touches no closed one, and no log falls in its period


def _rates_with_use() -> QuerySet[PayRate]:
    """Each rate with whether a log of its work type falls in its period (both ends, and open-ended)."""
    logs = WorkLog.objects.filter(
        work_type_id=OuterRef("level__work_type_id"), date__gte=OuterRef("effective_from")
    )
    return (
        PayRate.objects.select_related("created_by")
        .annotate(
            logged_after_start=Exists(logs),
            logged_in_period=Exists(logs.filter(date__lte=OuterRef("effective_until"))),
        )
        .order_by("-effective_from")
    )


def _removable(rate: PayRate, closed: set[dt.date]) -> bool:
    used = rate.logged_in_period if rate.effective_until else rate.logged_after_start
    first = month_start(rate.effective_from)
    last = month_start(rate.effective_until) if rate.effective_until else None
    touches_closed = any(month >= first and (last is None or month <= last) for month in closed)
    return not used and not touches_closed


@dataclass
class LevelRow:
    level: SkillLevel
    rates: list[RateRow]


def levels_with_rates(work_type: WorkType, today: dt.date) -> list[LevelRow]:
    """The work type's levels in rank order, each with its rates over time (newest first): three queries
    whatever the number of levels and rates."""
    levels = work_type.levels.prefetch_related(Prefetch("rates", queryset=_rates_with_use())).order_by("rank")
    closed = closed_months(work_type.host_id)
    rows = []
    for level in levels:
        rates = [
            RateRow(
                rate=rate,
                in_force=rate.effective_from <= today
                and (rate.effective_until is None or rate.effective_until >= today),
                removable=_removable(rate, closed),
            )
            for rate in level.rates.all()
        ]
        rows.append(LevelRow(level=level, rates=rates))
    return rows


def level_rates(level: SkillLevel, today: dt.date) -> list[RateRow]:
    closed = closed_months(level.work_type.host_id)
    return [
        RateRow(
            rate=rate,
            in_force=rate.effective_from <= today
            and (rate.effective_until is None or rate.effective_until >= today),
            removable=_removable(rate, closed),
        )
        for rate in _rates_with_use().filter(level=level)
    ]


def orders_of(work_type: WorkType) -> QuerySet[CustomerOrder]:
    return work_type.orders.select_related("customer")


def minimum_wages() -> QuerySet[MinimumWage]:
    return MinimumWage.objects.order_by("region", "-effective_from")
