"""The area view (地域のホットスポット): per 地区 and town, counts over a period, in one table per view.

Each figure is computed once per area for the whole table, and the same table feeds the grid, the tile
map, a sub-committee's page and the export, so that no page shows a value another hides. A reader who
may not see people gets the table through `tsunagu.core.suppression.suppress_table`: counts under 5 as
"<5", and the cells from which one could be worked out by subtraction from the column totals as "x".
People with no area recorded are a row of their own, so that the totals are the hub's whole count.

The counts read every case and placement of the period (hundreds of milliseconds at 100,000 people), so
the grids as shown are kept for a minute in the shared cache, like the overview's (programs.selectors
.host_counts): the community's own writes (issues, resources) make the next page count afresh once they
commit; a new case or placement shows within the minute, which the page says."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.cases.models import Case, CaseConcern, Concern
from tsunagu.community.models import Issue, Resource
from tsunagu.core.cacheversion import bump_version_on_commit, current_version
from tsunagu.core.suppression import LEGEND, suppress_table
from tsunagu.organisations.models import Area
from tsunagu.programs.models import Placement

MEASURES: tuple[tuple[str, str], ...] = (
    ("consultations", _("Consultations")),
    ("open_cases", _("Open cases")),
    ("participants", _("Taking part in programs")),
    ("issues", _("Local issues")),
    ("resources", _("Local resources")),
)
NO_AREA = None
AREA_COUNTS_SECONDS = 60
AREA_VERSION_KEY = "community:area-version"


@dataclass(frozen=True)
class AreaRow:
    area_id: int | None
    name: str
    municipality: str
    cells: list[str]


@dataclass(frozen=True)
class Grid:
    """A table of counts as shown: the column headings, a row per area, the column totals."""

    headings: list[str]
    rows: list[AreaRow]
    totals: list[str]
    suppressed: bool
    legend: str

    def row_of(self, area_id: int | None) -> AreaRow | None:
        return next((row for row in self.rows if row.area_id == area_id), None)


def _by_area(pairs) -> dict[int | None, int]:
    return {area: count for area, count in pairs}


def forget_area_counts_on_commit() -> None:
    """For the community's services that change what the area view counts (issues, resources): the next
    page counts afresh once the change commits (tsunagu/core/cacheversion.py)."""
    bump_version_on_commit(AREA_VERSION_KEY)


def _cached(kind: str, start: dt.date, end: dt.date, suppress: bool, make):
    """The grid as shown, kept whole: working out which small counts could be derived is most of its cost."""
    key = f"community:area-{kind}:{current_version(AREA_VERSION_KEY)}:{start.isoformat()}:{end.isoformat()}:{int(suppress)}"
    found = cache.get(key)
    if found is None:
        found = make(start, end, suppress)
        cache.set(key, found, AREA_COUNTS_SECONDS)
    return found


def _measure_counts(start: dt.date, end: dt.date) -> dict[str, dict[int | None, int]]:
    """One grouped query per table: {measure: {area id or None: count}}. Consultations and open cases
    come from one pass over the cases (those taken in the period or open at its end)."""
    taken = Q(intake_date__range=(start, end))
    open_at_end = Q(intake_date__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    consultations: dict[int | None, int] = {}
    open_cases: dict[int | None, int] = {}
    for area, n_taken, n_open in (
        Case.objects.filter(taken | open_at_end)
        .values_list("person__area")
        .annotate(taken=Count("id", filter=taken), open=Count("id", filter=open_at_end))
        .values_list("person__area", "taken", "open")
    ):
        consultations[area], open_cases[area] = n_taken, n_open
    placements = Placement.objects.filter(
        Q(started_on__isnull=False, started_on__lte=end)
        & (Q(completed_on__isnull=True) | Q(completed_on__gte=start))
        & (Q(interrupted_on__isnull=True) | Q(interrupted_on__gte=start))
    )
    return {
        "consultations": consultations,
        "open_cases": open_cases,
        "participants": _by_area(
            placements.values_list("person__area")
            .annotate(n=Count("person", distinct=True))
            .values_list("person__area", "n")
        ),
        "issues": _by_area(
            Issue.objects.filter(raised_on__range=(start, end))
            .values_list("area")
            .annotate(n=Count("id"))
            .values_list("area", "n")
        ),
        "resources": _by_area(
            Resource.objects.filter(
                Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            )
            .values_list("area")
            .annotate(n=Count("id"))
            .values_list("area", "n")
        ),
    }


def _concern_counts(start: dt.date, end: dt.date) -> dict[int | None, dict[str, int]]:
    found: dict[int | None, dict[str, int]] = defaultdict(dict)
    rows = (
        CaseConcern.objects.filter(case__intake_date__range=(start, end))
        .values_list("case__person__area", "concern")
        .annotate(n=Count("id"))
    )
    for area_id, concern, n in rows:
        found[area_id][concern] = n
    return dict(found)


def _areas() -> list[tuple[int | None, str, str]]:
    areas = [
        (a.pk, a.name, a.municipality)
        for a in Area.objects.filter(is_active=True).order_by("sort_order", "name")
    ]
    return [*areas, (NO_AREA, str(_("Area not recorded")), "")]


def _publish(headings: list[str], areas, counts: list[list[int]], *, suppress: bool) -> Grid:
    if suppress:
        table = suppress_table(counts, row_totals=False, column_totals=True)
        rows = [
            AreaRow(area_id, name, town, [table.cell(r, c) for c in range(len(headings))])
            for r, (area_id, name, town) in enumerate(areas)
        ]
        totals = [table.column_total(c) for c in range(len(headings))]
    else:
        rows = [AreaRow(a, n, t, [f"{v:,}" for v in counts[r]]) for r, (a, n, t) in enumerate(areas)]
        totals = [f"{sum(row[c] for row in counts):,}" for c in range(len(headings))]
    return Grid(
        headings=headings,
        rows=rows,
        totals=totals,
        suppressed=suppress,
        legend=str(LEGEND) if suppress else "",
    )


def area_grid(*, start: dt.date, end: dt.date, suppress: bool) -> Grid:
    """The hotspot grid: a row per area (and one for people with none), a column per measure."""
    return _cached("measures", start, end, suppress, _area_grid)


def _area_grid(start: dt.date, end: dt.date, suppress: bool) -> Grid:
    counts = _measure_counts(start, end)
    areas = _areas()
    values = [[counts[key].get(area_id, 0) for key, _label in MEASURES] for area_id, _n, _t in areas]
    return _publish([str(label) for _key, label in MEASURES], areas, values, suppress=suppress)


def concern_grid(*, start: dt.date, end: dt.date, suppress: bool) -> Grid:
    """The concerns (相談受付・申込票) of the cases taken in the period, per area."""
    return _cached("concerns", start, end, suppress, _concern_grid)


def _concern_grid(start: dt.date, end: dt.date, suppress: bool) -> Grid:
    found = _concern_counts(start, end)
    areas = _areas()
    values = [[found.get(area_id, {}).get(c.value, 0) for c in Concern] for area_id, _n, _t in areas]
    return _publish([str(c.label) for c in Concern], areas, values, suppress=suppress)


@dataclass(frozen=True)
class Tile:
    name: str
    municipality: str
    shown: str
    level: int  # 0 (none or hidden) to 4, from the shown value only: a hidden count gives nothing away


def tiles(grid: Grid, column: int) -> list[Tile]:
    """The tile map: one tile per area, shaded by the shown value of one measure relative to the largest."""

    def number(text: str) -> int | None:
        digits = text.replace(",", "")
        return int(digits) if digits.isdigit() else None

    values = [number(row.cells[column]) for row in grid.rows if row.area_id is not None]
    top = max((v for v in values if v), default=0)
    found = []
    for row, value in zip((r for r in grid.rows if r.area_id is not None), values, strict=True):
        level = 0 if not value or not top else max(1, min(4, -(-value * 4 // top)))
        found.append(Tile(row.name, row.municipality, row.cells[column], level))
    return found
