"""Intermediate-employment totals (中間的就労) for the statistician and supervisors: hours and units by month,
site and work type (one aggregate query over the work logs), and pay by month and site: a closed month's
kept statements (one aggregate query), an open month reckoned by the one reckoning of pay (pay.py, as
income.py does). Counts only, no one named."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from tsunagu.programs.models import ProgramHost
from tsunagu.work.income import months_between
from tsunagu.work.models import PayMonth, PayStatement, WorkLog
from tsunagu.work.pay import MissingRate, compute_months

MAX_MONTHS = 24


@dataclass(frozen=True)
class WorkLine:
    month: dt.date
    site: str
    work_type: str
    unit: str
    people: int
    minutes: int
    quantity: Decimal

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class PayLine:
    month: dt.date
    site: str
    people: int
    total: Decimal
    closed: bool


def _month(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def work_lines(first: dt.date, last: dt.date) -> list[WorkLine]:
    rows = (
        WorkLog.objects.filter(date__range=(first, last))
        .annotate(month=TruncMonth("date"))
        .values(
            "month",
            "placement__host__organisation__name",
            "placement__host__program__name",
            "work_type__name",
            "work_type__unit",
        )
        .annotate(people=Count("person", distinct=True), minutes=Sum("minutes"), quantity=Sum("quantity"))
        .order_by(
            "month",
            "placement__host__program__name",
            "placement__host__organisation__name",
            "work_type__name",
        )
    )
    return [
        WorkLine(
            _month(r["month"]),
            f"{r['placement__host__program__name']}（{r['placement__host__organisation__name']}）",
            r["work_type__name"],
            r["work_type__unit"],
            r["people"],
            r["minutes"] or 0,
            r["quantity"] or Decimal(0),
        )
        for r in rows
    ]


def pay_lines(first: dt.date, last: dt.date) -> list[PayLine]:
    """Pay by month and site: the statements of a closed month, the reckoning of an open one (a month whose
    rate is missing is left out of the open reckoning, as the pay page shows it)."""
    months = months_between(first, last)
    closed = {
        (row["host"], row["month"])
        for row in PayMonth.objects.filter(month__in=months).values("host", "month")
    }
    totals: dict[tuple[int, dt.date], list] = defaultdict(lambda: [set(), Decimal(0), False])
    for row in (
        PayStatement.objects.filter(pay_month__month__in=months)
        .values("pay_month__host", "pay_month__month")
        .annotate(people=Count("person", distinct=True), total=Sum("total"))
        .order_by()
    ):
        entry = totals[(row["pay_month__host"], row["pay_month__month"])]
        entry[0] = row["people"]
        entry[1] += row["total"] or 0
        entry[2] = True
    for month in months:
        try:
            reckoned = compute_months(month=month)
        except MissingRate:
            continue
        for pay in reckoned:
            if (pay.host_id, month) in closed:
                continue
            entry = totals[(pay.host_id, month)]
            entry[0].add(pay.person_id)
            entry[1] += pay.total
    names = _site_names({host for host, _m in totals})
    return sorted(
        (
            PayLine(
                month, names.get(host, ""), people if isinstance(people, int) else len(people), total, closed_
            )
            for (host, month), (people, total, closed_) in totals.items()
        ),
        key=lambda line: (line.month, line.site),
    )


def _site_names(host_ids: set[int]) -> dict[int, str]:
    return {
        pk: f"{program}（{organisation}）"
        for pk, program, organisation in ProgramHost.objects.filter(pk__in=host_ids).values_list(
            "pk", "program__name", "organisation__name"
        )
    }
