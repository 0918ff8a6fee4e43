"""Reads of the contracts: the list and one contract (no scope: contracts name no one), the 沿革 built
from them, a contract's report (counts, aggregated in the database), and the case page's panel (the
case's own assignments, and the contracts it may be assigned to)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.roles import CASEWORK_ROLES
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import case_ids_in_scope, visible_cases
from tsunagu.contracts.models import CaseAssignment, Contract, Milestone, PlacementAssignment
from tsunagu.core.dates import fiscal_year_label, fiscal_year_of
from tsunagu.programs.models import Placement
from tsunagu.programs.selectors import visible_placements


def contracts() -> QuerySet[Contract]:
    return Contract.objects.all()


def get_contract(contract_id: int) -> Contract:
    contract = Contract.objects.filter(pk=contract_id).first()
    if contract is None:
        raise Http404
    return contract


# ---------------------------------------------------------------- the 沿革


@dataclass
class HistoryYear:
    year: int
    label: str
    milestones: list[Milestone] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)


def history() -> list[HistoryYear]:
    """Each fiscal year with a milestone or a contract, oldest first: two queries."""
    years: dict[int, HistoryYear] = {}

    def year(number: int) -> HistoryYear:
        return years.setdefault(number, HistoryYear(number, fiscal_year_label(number)))

    for milestone in Milestone.objects.order_by("on", "pk"):
        year(milestone.fiscal_year).milestones.append(milestone)
    for contract in Contract.objects.order_by("fiscal_year", "funder", "service", "pk"):
        year(contract.fiscal_year).contracts.append(contract)
    return [years[number] for number in sorted(years)]


# ---------------------------------------------------------------- a contract's report


@dataclass(frozen=True)
class ReportMonth:
    month: dt.date
    counts: tuple[int, int, int, int]  # cases started, cases ended, placements started, placements ended


@dataclass(frozen=True)
class ContractReport:
    contract: Contract
    months: list[ReportMonth]
    cases: int  # cases carried in the period
    people: int  # people behind them
    placements: int  # placements carried

    @property
    def rows(self) -> list[list[int]]:
        return [list(month.counts) for month in self.months]


REPORT_COLUMNS = ("cases_started", "cases_ended", "placements_started", "placements_ended")


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _per_month(assignments: QuerySet, field_name: str) -> dict[dt.date, int]:
    rows = (
        assignments.exclude(**{f"{field_name}__isnull": True})
        .annotate(month=TruncMonth(field_name))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {_as_date(row["month"]): row["n"] for row in rows}


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def contract_report(contract: Contract) -> ContractReport:
    """The contract's cases and placements by month of its period: starts (the first day carried) and
    ends (a last day set before the contract's end). Counts only, aggregated in the database (six queries
    whatever the number of assignments)."""
    cases = CaseAssignment.objects.filter(contract=contract)
    placements = PlacementAssignment.objects.filter(contract=contract)
    ended = {"to_on__lt": contract.ends_on}
    series = (
        _per_month(cases, "from_on"),
        _per_month(cases.filter(**ended), "to_on"),
        _per_month(placements, "from_on"),
        _per_month(placements.filter(**ended), "to_on"),
    )
    months = [
        ReportMonth(month, tuple(counts.get(month, 0) for counts in series))  # type: ignore[arg-type]
        for month in _months(contract.starts_on, contract.ends_on)
    ]
    totals = cases.aggregate(cases=Count("case", distinct=True), people=Count("case__person", distinct=True))
    return ContractReport(
        contract=contract, months=months, cases=totals["cases"], people=totals["people"],
        placements=placements.values("placement").distinct().count(),
    )  # fmt: skip


# ---------------------------------------------------------------- the case page's panel


def assignable_contracts(today: dt.date | None = None) -> QuerySet[Contract]:
    """Contracts of this fiscal year and the last one (an assignment may be recorded late)."""
    year = fiscal_year_of(today or timezone.localdate())
    return Contract.objects.filter(fiscal_year__in=(year - 1, year)).order_by("-fiscal_year", "service", "pk")


def case_panel(*, user, case: Case) -> dict:
    """The case's assignments and those of its placements the user may see; links to assign for those who
    may. Three queries. The case's placements are seen by whoever sees the case (casework staff), so the
    page's case answers for them, instead of the scope of every placement as a subquery."""
    held = case_ids_in_scope(user, case) if user.role_codes & CASEWORK_ROLES else []
    placements = list(Placement.objects.filter(case__in=held).select_related("host__program"))
    return {
        "case_assignments": list(CaseAssignment.objects.filter(case=case).select_related("contract")),
        "placement_assignments": list(
            PlacementAssignment.objects.filter(placement__in=[p.pk for p in placements]).select_related(
                "contract", "placement__host__program"
            )
        ),
        "assignable_placements": placements,
        "may_assign": user.has_perm("contracts.assign", case),
    }


def get_placement(user, placement_id: int):
    """A placement of a case the user sees (a placement without a case is carried by no contract)."""
    placement = (
        visible_placements(user).filter(pk=placement_id, case__isnull=False).select_related("case").first()
    )
    if placement is None:
        raise Http404
    return placement


# ---------------------------------------------------------------- milestones and the end of an assignment


def get_milestone(milestone_id: int) -> Milestone:
    milestone = Milestone.objects.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404
    return milestone


def get_case_assignment(user, assignment_id: int) -> CaseAssignment:
    """An assignment of a case the user sees (else 404: no hint that it exists)."""
    assignment = (
        CaseAssignment.objects.filter(pk=assignment_id, case__in=visible_cases(user))
        .select_related("contract", "case", "case__person")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def get_placement_assignment(user, assignment_id: int) -> PlacementAssignment:
    """An assignment of a placement the user sees, of a case (else 404)."""
    assignment = (
        PlacementAssignment.objects.filter(
            pk=assignment_id, placement__in=visible_placements(user).filter(case__isnull=False)
        )
        .select_related("contract", "placement__case", "placement__host__program")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


CARRIED_LIST = 100


def carried_by(user, contract: Contract) -> dict:
    """The contract's assignments of cases and placements the user sees, latest first (at most
    CARRIED_LIST of each), for the report page's list with its end links: two queries."""
    cases = list(
        CaseAssignment.objects.filter(contract=contract, case__in=visible_cases(user))
        .select_related("case")
        .order_by("-from_on", "-pk")[:CARRIED_LIST]
    )
    placements = list(
        PlacementAssignment.objects.filter(contract=contract, placement__in=visible_placements(user))
        .select_related("placement__case", "placement__host__program")
        .order_by("-from_on", "-pk")[:CARRIED_LIST]
    )
    for row in (*cases, *placements):
        row.contract = contract
    return {"case_assignments": cases, "placement_assignments": placements, "limit": CARRIED_LIST}
