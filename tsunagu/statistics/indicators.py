"""The national monthly indicators (生活困窮者自立支援統計システム), counted in the database.

Each figure is one aggregate query over the records of the lower apps (a handful of queries whatever the
number of people: the bench's target is 100,000 people in under 2 s on PostgreSQL). The definitions are
the constants below; the page shows them beside the figures, so that a reader knows what was counted:

- a period is a month or a fiscal year (April to March); figures per 100,000 population are per month
  (a fiscal year's count is divided by 12);
- the scope is the user's organisation, narrowed to one office and to one reporting body (釧路市, or
  北海道 for the towns and villages: cases/municipal_report.py), by the area of the case's person;
- a person who started work twice in the period counts once (people, not outcomes); a plan counts at
  its 支援決定日, or at its approval when the decision is not recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from tsunagu.cases.models import (
    Case,
    Contract,
    Evaluation,
    HandoverTarget,
    Plan,
    PlanKind,
    ScreeningOutcome,
    StateChange,
    WelfareStatus,
)
from tsunagu.cases.municipal_report import NO_AREA, municipalities_of
from tsunagu.core.dates import era_of, fiscal_year_bounds
from tsunagu.jobs.models import OutcomeKind, WorkOutcome
from tsunagu.organisations.models import Area, Office
from tsunagu.programs.models import Placement, Program
from tsunagu.statistics.models import Benchmark, Indicator, Population

PER = 100_000

# The definitions, shown on the page and printed under the tables.
DEFINITIONS: dict[str, object] = {
    "new_consultations": _(
        "Cases with an intake date in the period, whatever the screening outcome (新規相談受付件数)."
    ),
    "plans": _(
        "Plans decided in the period: counted at the municipality's decision date (支援決定日), or at "
        "the approval when no decision date is recorded; first plans and re-plans apart."
    ),
    "employment_support": _(
        "Of the plans counted, those flagged as including support toward general employment (就労支援対象)."
    ),
    "started_work": _(
        "People with a dated start of work (就労開始) in the period, each once. Of which: those whose case "
        "held, on that day, a decided plan flagged for employment support (うち就労支援対象プラン作成者分)."
    ),
    "income_rise": _(
        "People with a dated rise in income (増収) in the period, each once; of which as for people into work."
    ),
    "work_rate": _(
        "Into work or higher income, rate (就労・増収率) = (people into work of which + people with higher "
        "income of which) ÷ plans with employment support."
    ),
    "per_population": _(
        "Per 100,000 population per month = count ÷ population × 100,000 (a fiscal year: ÷ 12). The "
        "population is the last recorded on or before the period's first day, of the chosen body's "
        "municipalities (all of them when none is chosen). The ratio is the figure ÷ the target value (目安値)."
    ),
    "screening": _(
        "The screening outcome of the cases counted as new consultations: consultation and information "
        "only; handed over to another system (of which to the public-assistance counter); continuing support."
    ),
    "state_changes": _(
        "People with an evaluation dated in the period (評価シート), each once; for each national item "
        "(状態像の変化) the people with it in any of those evaluations, and the share of evaluated people "
        "with at least one item (the step-up rate)."
    ),
    "public_assistance": _(
        "People on public assistance (a case recorded as receiving it): per program of the city's "
        "self-reliance programmes (自立支援プログラム) and the welfare work-readiness support, the people "
        "taking part at some time in the period; and those into work or with higher income in the period."
    ),
}

DEFINITION_TITLES: dict[str, object] = {
    "new_consultations": _("New consultations"),
    "plans": _("Plans made"),
    "employment_support": _("Plans with employment support"),
    "started_work": _("People into work"),
    "income_rise": _("People with higher income"),
    "work_rate": _("Into work or higher income, rate"),
    "per_population": _("Per 100,000 population, target value and ratio"),
    "screening": _("Screening outcomes"),
    "state_changes": _("Changes in the person's state and the step-up rate"),
    "public_assistance": _("People on public assistance"),
}

# The public-assistance sheet's programs: those funded by these contracts.
WELFARE_CONTRACTS = (Contract.WELFARE_SELF_RELIANCE, Contract.WELFARE_WORK_READINESS)


# ---------------------------------------------------------------- periods and scope


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    months: int  # 1 for a month, 12 for a fiscal year

    @property
    def is_year(self) -> bool:
        return self.months == 12

    @property
    def label(self) -> str:
        """2026年4月, or 令和8年度（2026年4月〜2027年3月）."""
        if not self.is_year:
            return f"{self.first.year}年{self.first.month}月"
        name, number = era_of(self.first)
        return f"{name}{'元' if number == 1 else number}年度（{self.first.year}年4月〜{self.last.year}年3月）"

    @property
    def slug(self) -> str:
        return f"fy{self.first.year}" if self.is_year else f"{self.first:%Y%m}"


def month_period(month: dt.date) -> Period:
    first = month.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return Period(first=first, last=last, months=1)


def fiscal_year_period(year: int) -> Period:
    first, last = fiscal_year_bounds(year)
    return Period(first=first, last=last, months=12)


@dataclass(frozen=True)
class Scope:
    """Whose cases are counted: an organisation's, narrowed to an office and a reporting body ("" = all)."""

    organisation_id: int
    office_id: int | None = None
    reporter: str = ""

    def cases(self, prefix: str = "") -> Q:
        """The cases counted, by the ids of their offices and of their people's areas: read once per scope,
        so that no query joins the offices or the areas (PostgreSQL, guessing one office and one area, then
        chose nested loops that took 3 s at M instead of 0.2 s)."""
        condition = Q(**{f"{prefix}office_id__in": self._ids("offices")})
        if self.reporter == NO_AREA:
            condition &= Q(**{f"{prefix}person__area__isnull": True})
        elif self.reporter:
            condition &= Q(**{f"{prefix}person__area_id__in": self._ids("areas")})
        return condition

    def _ids(self, kind: str) -> list[int]:
        key = f"_{kind}"
        if key not in self.__dict__:
            if kind == "offices":
                offices = Office.objects.filter(organisation_id=self.organisation_id)
                if self.office_id:
                    offices = offices.filter(pk=self.office_id)
                found = list(offices.values_list("pk", flat=True))
            else:
                found = list(
                    Area.objects.filter(municipality__in=self.municipalities()).values_list("pk", flat=True)
                )
            object.__setattr__(self, key, found)
        return list(self.__dict__[key])

    def municipalities(self) -> list[str] | None:
        """The municipalities whose population divides the figures; None for all of them. Read once per
        scope."""
        if not self.reporter:
            return None
        if self.reporter == NO_AREA:
            return []
        if "_municipalities" not in self.__dict__:
            object.__setattr__(self, "_municipalities", municipalities_of(self.reporter))
        return list(self.__dict__["_municipalities"])


# ---------------------------------------------------------------- the figures


@dataclass
class Figures:
    """The counts of one period and scope (the raw numbers; the report below shapes them)."""

    new_consultations: int = 0
    information_only: int = 0
    handed_over: int = 0
    handed_to_public_assistance: int = 0
    continuing: int = 0
    first_plans: int = 0
    replans: int = 0
    employment_support: int = 0
    started_work: int = 0
    started_work_supported: int = 0
    income_rise: int = 0
    income_rise_supported: int = 0
    evaluated: int = 0
    stepped_up: int = 0
    state_changes: dict[str, int] = field(default_factory=dict)
    pa_programs: list[tuple[str, int]] = field(default_factory=list)
    pa_started_work: int = 0
    pa_income_rise: int = 0

    @property
    def plans(self) -> int:
        return self.first_plans + self.replans


def _intake_figures(period: Period, scope: Scope) -> dict[str, int]:
    handover = Q(screening_outcome=ScreeningOutcome.HANDOVER)
    return Case.objects.filter(scope.cases(), intake_date__range=(period.first, period.last)).aggregate(
        new_consultations=Count("pk"),
        information_only=Count("pk", filter=Q(screening_outcome=ScreeningOutcome.INFORMATION_ONLY)),
        handed_over=Count("pk", filter=handover),
        handed_to_public_assistance=Count(
            "pk", filter=handover & Q(handover_target=HandoverTarget.PUBLIC_ASSISTANCE)
        ),
        continuing=Count("pk", filter=Q(screening_outcome=ScreeningOutcome.CONTINUING)),
    )


def _decided_plans():
    """Plans that were decided, each with the day it counts on (支援決定日, else the approval)."""
    return Plan.objects.filter(approved_on__isnull=False).annotate(
        counted_on=Coalesce("decided_on", "approved_on")
    )


def _plan_figures(period: Period, scope: Scope) -> dict[str, int]:
    return (
        _decided_plans()
        .filter(scope.cases("case__"), counted_on__range=(period.first, period.last))
        .aggregate(
            first_plans=Count("pk", filter=Q(kind=PlanKind.INITIAL)),
            replans=Count("pk", filter=Q(kind=PlanKind.REPLAN)),
            employment_support=Count("pk", filter=Q(employment_support=True)),
        )
    )


def _outcome_figures(period: Period, scope: Scope) -> dict[str, int]:
    held = _decided_plans().filter(
        case_id=OuterRef("case_id"), employment_support=True, counted_on__lte=OuterRef("on")
    )
    person = "case__person_id"
    work, rise = Q(kind=OutcomeKind.STARTED_WORK), Q(kind=OutcomeKind.INCOME_RISE)
    return (
        WorkOutcome.objects.filter(scope.cases("case__"), on__range=(period.first, period.last))
        .annotate(supported=Exists(held))
        .aggregate(
            started_work=Count(person, distinct=True, filter=work),
            started_work_supported=Count(person, distinct=True, filter=work & Q(supported=True)),
            income_rise=Count(person, distinct=True, filter=rise),
            income_rise_supported=Count(person, distinct=True, filter=rise & Q(supported=True)),
        )
    )


def _has_change(code: str) -> Q:
    # The stored list holds each code once, quoted: a text match of the quoted code is exact, and it reads
    # the same on SQLite and PostgreSQL (JSON containment is PostgreSQL's only).
    return Q(state_changes__icontains=f'"{code}"')


def _evaluation_figures(period: Period, scope: Scope) -> dict[str, int]:
    person = "case__person_id"
    items = {
        f"item_{code}": Count(person, distinct=True, filter=_has_change(code)) for code in StateChange.values
    }
    return Evaluation.objects.filter(
        scope.cases("case__"), evaluated_on__range=(period.first, period.last)
    ).aggregate(
        evaluated=Count(person, distinct=True),
        stepped_up=Count(person, distinct=True, filter=~Q(state_changes=[])),
        **items,
    )


def _public_assistance_figures(period: Period, scope: Scope) -> dict[str, object]:
    recipient = Case.objects.filter(
        scope.cases(), person_id=OuterRef("person_id"), welfare_status=WelfareStatus.RECEIVING
    )
    taking_part = (
        Q(started_on__lte=period.last)
        & (Q(completed_on__isnull=True) | Q(completed_on__gte=period.first))
        & (Q(interrupted_on__isnull=True) | Q(interrupted_on__gte=period.first))
    )
    counts = dict(
        Placement.objects.filter(taking_part, host__program__contract__in=WELFARE_CONTRACTS)
        .filter(Exists(recipient))
        .values("host__program_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("host__program_id", "n")
    )
    programs = Program.objects.filter(contract__in=WELFARE_CONTRACTS).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=period.first), active_from__lte=period.last
    )
    person = "case__person_id"
    outcomes = WorkOutcome.objects.filter(
        scope.cases("case__"),
        case__welfare_status=WelfareStatus.RECEIVING,
        on__range=(period.first, period.last),
    ).aggregate(
        pa_started_work=Count(person, distinct=True, filter=Q(kind=OutcomeKind.STARTED_WORK)),
        pa_income_rise=Count(person, distinct=True, filter=Q(kind=OutcomeKind.INCOME_RISE)),
    )
    rows = [(program.name, counts.get(program.pk, 0)) for program in programs.order_by("sort_order", "name")]
    return {"pa_programs": rows, **outcomes}


def count_figures(period: Period, scope: Scope) -> Figures:
    """Every count of the period: six aggregate queries."""
    figures = Figures()
    for values in (
        _intake_figures(period, scope),
        _plan_figures(period, scope),
        _outcome_figures(period, scope),
        _public_assistance_figures(period, scope),
    ):
        for name, value in values.items():
            setattr(figures, name, value)
    evaluation = _evaluation_figures(period, scope)
    figures.evaluated, figures.stepped_up = evaluation.pop("evaluated"), evaluation.pop("stepped_up")
    figures.state_changes = {name.removeprefix("item_"): n for name, n in evaluation.items()}
    return figures


# ---------------------------------------------------------------- population and targets


def population_of(municipalities: list[str] | None, on: dt.date) -> int | None:
    """The population of the municipalities on a day: each one's last figure recorded by then, summed;
    None when one of them has none (a figure per 100,000 would be wrong, not just rough)."""
    rows = Population.objects.filter(as_of__lte=on).order_by("municipality", "-as_of")
    if municipalities is not None:
        rows = rows.filter(municipality__in=municipalities)
    latest: dict[str, int] = {}
    for municipality, population in rows.values_list("municipality", "population"):
        latest.setdefault(municipality, population)
    if not latest or (municipalities is not None and set(municipalities) - set(latest)):
        return None
    return sum(latest.values())


def benchmarks_on(on: dt.date) -> dict[str, Decimal]:
    """The 目安値 in force on a day, per indicator."""
    found: dict[str, Decimal] = {}
    for indicator, value in (
        Benchmark.objects.filter(valid_from__lte=on)
        .order_by("indicator", "-valid_from")
        .values_list("indicator", "value")
    ):
        found.setdefault(indicator, value)
    return found


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def per_population(count: int, population: int | None, months: int) -> Decimal | None:
    if not population:
        return None
    return _round(Decimal(count) * PER / population / months, "0.01")


def percentage(part: int, whole: int) -> Decimal | None:
    return _round(Decimal(part) * 100 / whole) if whole else None


def ratio(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    """The figure over its 目安値 (1.00 = on target)."""
    if value is None or not target:
        return None
    return _round(value / target, "0.01")


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Line:
    """One line of the main table: a count (or a rate), its figure per 100,000 per month, the 目安値 and
    the ratio. `group` ties the lines that add up (a total and its parts), for the suppression."""

    key: str
    label: object
    count: int | None = None
    rate: Decimal | None = None  # percent, for the rates
    per_100k: Decimal | None = None
    target: Decimal | None = None
    ratio: Decimal | None = None
    indent: bool = False


@dataclass
class Report:
    period: Period
    scope: Scope
    population: int | None
    figures: Figures
    lines: list[Line]

    @property
    def screening_rows(self) -> list[tuple[object, int]]:
        f = self.figures
        return [
            (_("New consultations"), f.new_consultations),
            (_("Consultation and information only"), f.information_only),
            (_("Handed over to another system or agency"), f.handed_over),
            (_("of which to the public-assistance counter"), f.handed_to_public_assistance),
            (_("Continuing support"), f.continuing),
        ]

    @property
    def state_change_rows(self) -> list[tuple[object, int]]:
        labels = dict(StateChange.choices)
        return [(labels[code], self.figures.state_changes.get(code, 0)) for code in StateChange.values]


def _count_line(
    key: str, label, count: int, population: int | None, months: int, targets, indent=False
) -> Line:
    per = per_population(count, population, months)
    target = targets.get(key)
    return Line(
        key=key, label=label, count=count, per_100k=per, target=target,
        ratio=ratio(per, target), indent=indent,
    )  # fmt: skip


def _rate_line(key: str, label, part: int, whole: int, targets) -> Line:
    rate = percentage(part, whole)
    target = targets.get(key)
    return Line(key=key, label=label, rate=rate, target=target, ratio=ratio(rate, target))


def national_report(period: Period, scope: Scope) -> Report:
    """The month's (or year's) national figures of the scope, with the 目安値 in force on its first day."""
    f = count_figures(period, scope)
    population = population_of(scope.municipalities(), period.first)
    targets = benchmarks_on(period.first)
    m = period.months
    lines = [
        _count_line(Indicator.NEW_CONSULTATIONS, _("New consultations (新規相談受付件数)"), f.new_consultations,
                    population, m, targets),
        _count_line(Indicator.PLANS, _("Plans made (プラン作成件数)"), f.plans, population, m, targets),
        _count_line("first_plans", _("of which first plans (初回)"), f.first_plans, population, m, {}, True),
        _count_line("replans", _("of which re-plans (再プラン)"), f.replans, population, m, {}, True),
        _count_line(Indicator.EMPLOYMENT_SUPPORT, _("Plans with employment support (就労支援対象者数)"),
                    f.employment_support, population, m, targets),
        _count_line("started_work", _("People into work (就労者数)"), f.started_work, population, m, {}),
        _count_line("started_work_supported", _("of which holding an employment-support plan (うち就労支援対象プラン作成者分)"),
                    f.started_work_supported, population, m, {}, True),
        _count_line("income_rise", _("People with higher income (増収者数)"), f.income_rise, population, m, {}),
        _count_line("income_rise_supported", _("of which holding an employment-support plan (うち就労支援対象プラン作成者分)"),
                    f.income_rise_supported, population, m, {}, True),
        _rate_line(Indicator.WORK_RATE, _("Into work or higher income, rate (就労・増収率)"),
                   f.started_work_supported + f.income_rise_supported, f.employment_support, targets),
        _count_line("evaluated", _("People evaluated (評価実施者数)"), f.evaluated, population, m, {}),
        _count_line("stepped_up", _("of which with at least one change (状態像の変化あり)"), f.stepped_up,
                    population, m, {}, True),
        _rate_line(Indicator.STEP_UP_RATE, _("Step-up rate (状態像の変化のあった人の割合)"), f.stepped_up,
                   f.evaluated, targets),
    ]  # fmt: skip
    return Report(period=period, scope=scope, population=population, figures=f, lines=lines)
