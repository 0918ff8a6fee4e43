"""The pay of a month, computed from the work logs: the one place where money is reckoned.

The rule, as the statements state it:
- A log earns quantity × the rate of the person's level at that work type on the log's date (per-unit
  work), or minutes ÷ 60 × the hourly rate (per-hour work), exactly, in Decimal.
- A day's pay is the sum of its logs, rounded half up to a whole yen (1円未満四捨五入).
- 雇用型 only: a day's pay is compared with the minimum wage in force that day for the minutes worked,
  rounded up to a whole yen; the difference is the guaranteed top-up (保障給), flagged on the day.
- A month is the sum of its days, plus its top-ups, plus the adjustments paid in it.
A person's level on a date is the latest skill assessment from that date or before; without one, the
work type's first level. A rate is the level's rate in force on the date.

Open months are computed on demand; closing a month keeps the result as statements (`PayStatement`),
so that a later rate or level never rewrites pay already computed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from tsunagu.work.models import (
    MinimumWage,
    PayAdjustment,
    PayBasis,
    PayRate,
    SkillAssessment,
    SkillLevel,
    WorkForm,
    WorkLog,
    WorkType,
)
from tsunagu.work.months import month_end, month_start

YEN = Decimal("1")
MINUTES_AN_HOUR = Decimal(60)
MINIMUM_WAGE_REGION = "北海道"


def whole_yen(amount: Decimal) -> Decimal:
    """A day's pay to a whole yen: half up (1円未満四捨五入)."""
    return amount.quantize(YEN, rounding=ROUND_HALF_UP)


def whole_yen_up(amount: Decimal) -> Decimal:
    """A minimum owed, to a whole yen: up, so that it is never under the minimum."""
    return amount.quantize(YEN, rounding=ROUND_CEILING)


def hours_times(minutes: int, hourly: Decimal) -> Decimal:
    """minutes ÷ 60 × an hourly amount. Multiplied first, so the one division is exact whenever the
    result has a finite decimal: dividing first rounds 61 ÷ 60 to 28 digits, and 61 minutes at 960 円
    came to 976.0000…01, which rounds up to 977 instead of 976."""
    return Decimal(minutes) * hourly / MINUTES_AN_HOUR


class MissingRate(Exception):
    """No rate is in force for a level on a date a log needs one (the month cannot be computed)."""

    def __init__(self, *, level_id: int, day: dt.date) -> None:
        super().__init__(f"no rate for level {level_id} on {day.isoformat()}")
        self.level_id = level_id
        self.day = day


@dataclass(frozen=True)
class LogPay:
    log_id: int
    work_type_id: int
    level_id: int
    level_rank: int
    pay_basis: str
    quantity: Decimal
    minutes: int
    rate: Decimal
    amount: Decimal  # exact, before the day's rounding


@dataclass
class DayPay:
    date: dt.date
    logs: list[LogPay] = field(default_factory=list)
    minutes: int = 0
    amount: Decimal = Decimal(0)  # whole yen
    minimum: Decimal | None = None  # 雇用型: the minimum wage owed for the day's minutes
    top_up: Decimal = Decimal(0)  # 雇用型: 保障給

    @property
    def topped_up(self) -> bool:
        return self.top_up > 0


@dataclass(frozen=True)
class AdjustmentPay:
    adjustment_id: int
    corrects_month: dt.date
    amount: Decimal
    reason: str


@dataclass
class MonthPay:
    """One person's pay for one month at one host."""

    person_id: int
    host_id: int
    month: dt.date
    work_form: str
    days: list[DayPay] = field(default_factory=list)
    adjustments: list[AdjustmentPay] = field(default_factory=list)

    @property
    def earned(self) -> Decimal:
        return sum((day.amount for day in self.days), Decimal(0))

    @property
    def minimum_wage_top_up(self) -> Decimal:
        return sum((day.top_up for day in self.days), Decimal(0))

    @property
    def adjustments_total(self) -> Decimal:
        return sum((adjustment.amount for adjustment in self.adjustments), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.earned + self.minimum_wage_top_up + self.adjustments_total

    @property
    def minutes(self) -> int:
        return sum(day.minutes for day in self.days)

    @property
    def days_worked(self) -> int:
        return sum(1 for day in self.days if day.minutes or day.logs)


class _Dated:
    """Values that start on dates: the one in force on a day is the last started on or before it."""

    def __init__(self, starts: Iterable[tuple[dt.date, object]]) -> None:
        pairs = sorted(starts, key=lambda pair: pair[0])
        self.days = [day for day, _value in pairs]
        self.values = [value for _day, value in pairs]

    def on(self, day: dt.date):
        index = bisect_right(self.days, day) - 1
        return self.values[index] if index >= 0 else None


def compute_months(
    *, month: dt.date, host_ids: Iterable[int] | None = None, person_ids: Iterable[int] | None = None
) -> list[MonthPay]:
    """Every person's pay for `month` at the given hosts (all when None), from the logs: a fixed number
    of queries whatever the number of people. Raises MissingRate when a log's level has no rate."""
    first, last = month_start(month), month_end(month)
    logs = WorkLog.objects.filter(date__range=(first, last))
    adjustments = PayAdjustment.objects.filter(month=first)
    if host_ids is not None:
        host_ids = list(host_ids)
        logs = logs.filter(placement__host_id__in=host_ids)
        adjustments = adjustments.filter(host_id__in=host_ids)
    if person_ids is not None:
        person_ids = list(person_ids)
        logs = logs.filter(person_id__in=person_ids)
        adjustments = adjustments.filter(person_id__in=person_ids)
    rows = list(
        logs.values_list(
            "id",
            "person_id",
            "placement__host_id",
            "date",
            "work_type_id",
            "work_type__work_form",
            "work_type__pay_basis",
            "quantity",
            "minutes",
        ).order_by("person_id", "date", "work_type_id")
    )
    work_type_ids = {row[4] for row in rows}
    levels = _levels(work_type_ids)
    rates = _rates(work_type_ids)
    # Without a list of people, every assessment of these work types: no IN list of every person.
    skill = _skill_histories(person_ids, work_type_ids, last)
    minimum_wage = _Dated(
        MinimumWage.objects.filter(region=MINIMUM_WAGE_REGION).values_list("effective_from", "hourly")
    )

    months: dict[tuple[int, int], MonthPay] = {}
    for log_id, person_id, host_id, day, work_type_id, work_form, pay_basis, quantity, minutes in rows:
        month_pay = months.get((person_id, host_id))
        if month_pay is None:
            month_pay = months[(person_id, host_id)] = MonthPay(
                person_id=person_id, host_id=host_id, month=first, work_form=work_form
            )
        elif work_form == WorkForm.EMPLOYMENT:
            month_pay.work_form = WorkForm.EMPLOYMENT  # a host mixing both forms pays as employment
        history = skill.get((person_id, work_type_id))
        level_id, rank = (history.on(day) if history else None) or levels[work_type_id]
        rate = rates.get(level_id)
        rate = rate.on(day) if rate else None
        if rate is None:
            raise MissingRate(level_id=level_id, day=day)
        amount = hours_times(minutes, rate) if pay_basis == PayBasis.PER_HOUR else quantity * rate
        if not month_pay.days or month_pay.days[-1].date != day:
            month_pay.days.append(DayPay(date=day))
        today = month_pay.days[-1]
        today.logs.append(
            LogPay(log_id, work_type_id, level_id, rank, pay_basis, quantity, minutes, rate, amount)
        )
        today.minutes += minutes

    for month_pay in months.values():
        for day in month_pay.days:
            day.amount = whole_yen(sum((log.amount for log in day.logs), Decimal(0)))
            if month_pay.work_form == WorkForm.EMPLOYMENT:
                hourly = minimum_wage.on(day.date)
                if hourly is not None:
                    day.minimum = whole_yen_up(hours_times(day.minutes, hourly))
                    day.top_up = max(Decimal(0), day.minimum - day.amount)

    adjustment_rows = list(
        adjustments.values_list("id", "person_id", "host_id", "corrects_month", "amount", "reason")
    )
    forms = _host_work_forms({row[2] for row in adjustment_rows})
    for adjustment_id, person_id, host_id, corrects, amount, reason in adjustment_rows:
        month_pay = months.get((person_id, host_id))
        if month_pay is None:
            month_pay = months[(person_id, host_id)] = MonthPay(
                person_id=person_id,
                host_id=host_id,
                month=first,
                work_form=forms.get(host_id, WorkForm.TRAINING),
            )
        month_pay.adjustments.append(AdjustmentPay(adjustment_id, corrects, amount, reason))
    return sorted(months.values(), key=lambda pay: (pay.host_id, pay.person_id))


def _host_work_forms(host_ids: set[int]) -> dict[int, str]:
    """Each host's form of work: employment when any of its work types is employment."""
    forms: dict[int, str] = {}
    for host_id, work_form in WorkType.objects.filter(host_id__in=host_ids).values_list(
        "host_id", "work_form"
    ):
        if forms.get(host_id) != WorkForm.EMPLOYMENT:
            forms[host_id] = work_form
    return forms


def _levels(work_type_ids: set[int]) -> dict[int, tuple[int, int]]:
    """Each work type's first level, (id, rank): where a person without an assessment stands."""
    first: dict[int, tuple[int, int]] = {}
    for level_id, work_type_id, rank in SkillLevel.objects.filter(work_type_id__in=work_type_ids).values_list(
        "id", "work_type_id", "rank"
    ):
        if work_type_id not in first or rank < first[work_type_id][1]:
            first[work_type_id] = (level_id, rank)
    return first


def _rates(work_type_ids: set[int]) -> dict[int, _Dated]:
    """Each level's rates by start; a rate that has ended gives way to None until the next starts."""
    starts: dict[int, list[tuple[dt.date, Decimal | None]]] = defaultdict(list)
    for level_id, start, until, amount in PayRate.objects.filter(
        level__work_type_id__in=work_type_ids
    ).values_list("level_id", "effective_from", "effective_until", "amount"):
        starts[level_id].append((start, amount))
        if until is not None:
            starts[level_id].append((until + dt.timedelta(days=1), None))
    # A rate starting the day after another ends replaces the gap marker: keep the rate, not the None.
    return {
        level_id: _Dated(sorted(pairs, key=lambda pair: (pair[0], pair[1] is not None)))
        for level_id, pairs in starts.items()
    }


def _skill_histories(
    person_ids: list[int] | None, work_type_ids: set[int], last: dt.date
) -> dict[tuple[int, int], _Dated]:
    histories: dict[tuple[int, int], list] = defaultdict(list)
    assessments = SkillAssessment.objects.filter(work_type_id__in=work_type_ids, effective_from__lte=last)
    if person_ids is not None:
        assessments = assessments.filter(person_id__in=person_ids)
    for person_id, work_type_id, start, level_id, rank in assessments.values_list(
        "person_id", "work_type_id", "effective_from", "level_id", "level__rank"
    ):
        histories[(person_id, work_type_id)].append((start, (level_id, rank)))
    return {key: _Dated(pairs) for key, pairs in histories.items()}
