"""The overview (全体概況): the seed's chart, live, with the stage changes of a period and a drill-down per host.

The overview page runs a fixed number of queries whatever the number of programs: the programs, their
hosts, and two aggregates (the counts per host and the stage changes) that are kept for a minute in the
shared cache under a version that every write to what they count bumps once committed (plus the session
and user). The chart and the grid of programs are drawn once per worker for the numbers and names they
show: kept by those values themselves (not by a version or a time), a drawing can never be older than
what is counted, whichever worker made the change. Counts are shown to every role that may see the
overview; the people behind them only to hub casework staff, within their scope.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tsunagu.accounts.rules import is_casework_staff
from tsunagu.audit.services import record_people_seen
from tsunagu.core.dates import wareki
from tsunagu.core.http import require_perm
from tsunagu.core.suppression import LEGEND, suppress_table
from tsunagu.people.models import Stage
from tsunagu.programs import selectors, selectors_ladder
from tsunagu.programs.flow import flow_svg
from tsunagu.programs.forms_overview import OverviewPeriodForm
from tsunagu.programs.models import ProgramCategory
from tsunagu.programs.selectors import HostCounts, ProgramRow, StageColumn

PERMISSION = "programs.view_overview"


def can_see_people(user) -> bool:
    """Hub casework staff may see who is placed (and host_people() limits them to their scope);
    statisticians, administrators and city case workers see counts only."""
    return bool(is_casework_staff(user))


# ---------------------------------------------------------------- what the page shows


@dataclass
class Column:
    stage: str
    label: str
    programs: list[ProgramRow]

    @property
    def placed(self) -> int:
        return sum(row.placed for row in self.programs)


@dataclass
class MatrixRow:
    stage: str
    label: str
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)


@dataclass
class TransitionMatrix:
    """Rows: the stage people moved from ("" = not yet on the ladder); columns: the stage they moved to."""

    columns: list[tuple[str, str]]
    rows: list[MatrixRow]

    @property
    def column_totals(self) -> list[int]:
        return [sum(row.cells[i] for row in self.rows) for i in range(len(self.columns))]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


@dataclass
class ShownMatrix:
    """The matrix as the reader may see it: exact counts, or counts under 5 suppressed."""

    columns: list[tuple[str, str]]
    rows: list[MatrixRow]  # cells and totals as text
    column_totals: list[str]
    total: str
    suppressed: bool


def shown_matrix(matrix: TransitionMatrix, *, suppress: bool) -> ShownMatrix:
    rows = [row.cells for row in matrix.rows]
    if not suppress:
        shown = [MatrixRow(row.stage, row.label, [str(n) for n in row.cells]) for row in matrix.rows]
        for row, source in zip(shown, matrix.rows, strict=True):
            row.text_total = str(source.total)  # type: ignore[attr-defined]
        return ShownMatrix(
            matrix.columns, shown, [str(n) for n in matrix.column_totals], str(matrix.total), False
        )
    table = suppress_table(rows)
    shown = []
    for r, row in enumerate(matrix.rows):
        line = MatrixRow(row.stage, row.label, [table.cell(r, c) for c in range(len(matrix.columns))])
        line.text_total = table.row_total(r)  # type: ignore[attr-defined]
        shown.append(line)
    totals = [table.column_total(c) for c in range(len(matrix.columns))]
    return ShownMatrix(matrix.columns, shown, totals, table.grand_total(), True)


def flow_of(matrix: TransitionMatrix, shown: ShownMatrix, title: str) -> SafeString:
    """The flow diagram of the bands the reader may see (a suppressed cell is not drawn)."""
    flows = {
        (row.stage, code): n
        for row, visible in zip(matrix.rows, shown.rows, strict=True)
        for (code, _label), n, text in zip(matrix.columns, row.cells, visible.cells, strict=True)
        if n and text.replace(",", "").isdigit()
    }
    sources = [(row.stage, row.label) for row in matrix.rows]
    return flow_svg(sources, list(matrix.columns), flows, title)


def shown_durations(durations: list, *, suppress: bool) -> list[dict]:
    """Each step's count and quartiles; for a reader who may not see people, a step taken by fewer than 5
    shows "<5" and no quartiles (a figure of 1 or 2 people is theirs)."""
    rows = []
    for d in durations:
        small = suppress and d.count < 5
        rows.append({
            "label": d.label, "count": "<5" if small else str(d.count),
            "q1": "" if small else d.first_quartile, "median": "" if small else d.median,
            "q3": "" if small else d.third_quartile,
        })  # fmt: skip
    return rows


def columns_for_page(columns: list[StageColumn]) -> list[Column]:
    return [Column(c.stage, c.label or _("Across the stages"), c.programs) for c in columns]


# ---------------------------------------------------------------- the ladder grid


@dataclass(frozen=True)
class HostLine:
    pk: int
    organisation: str
    capacity: int | None
    placed: int
    waiting: int
    finished_this_year: int
    long_visits: int = 0

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.placed > self.capacity


@dataclass(frozen=True)
class ProgramCard:
    pk: int
    name: str
    category: str
    hosts: tuple[HostLine, ...]


@dataclass(frozen=True)
class StageSection:
    stage: str
    label: str
    placed: int
    programs: tuple[ProgramCard, ...]


def ladder_grid(columns: list[Column], *, can_see_people: bool) -> SafeString:
    """The stage columns with their programs and hosts, drawn from plain values only (the names, labels and
    numbers shown), so that the same values give the same HTML."""
    categories = dict(ProgramCategory.choices)  # get_category_display() would rebuild this per program
    sections = tuple(
        StageSection(
            column.stage,
            column.label,
            column.placed,
            tuple(
                ProgramCard(
                    row.program.pk,
                    row.program.name,
                    str(categories.get(row.program.category, row.program.category)),
                    tuple(
                        HostLine(h.host.pk, h.host.organisation.name, h.host.capacity, h.placed, h.waiting,
                                 h.finished_this_year, h.long_visits)
                        for h in row.hosts
                    ),
                )
                for row in column.programs
            ),
        )
        for column in columns
    )  # fmt: skip
    return _ladder_grid_html(sections, can_see_people, get_language(), get_script_prefix())


@functools.lru_cache(maxsize=16)
def _ladder_grid_html(
    sections: tuple[StageSection, ...], can_see_people: bool, language: str, script_prefix: str
) -> SafeString:
    """Rendering a few hundred names and numbers takes milliseconds and they seldom change: like the chart,
    each worker keeps the last few grids by what they show, in which language and under which prefix its
    links are made. Safe across workers: the key is every value drawn, so new counts or names from any
    worker make a new key, never a stale hit (test_overview_cache: one worker's placement in another's
    next page)."""
    return render_to_string(
        "programs/overview_grid.html", {"columns": sections, "can_see_people": can_see_people}
    )


def transition_matrix(counts: dict[tuple[str, str], int]) -> TransitionMatrix:
    stages = [(code, str(label)) for code, label in Stage.choices]
    sources = [("", _("Not set")), *stages]
    return TransitionMatrix(
        columns=stages,
        rows=[
            MatrixRow(source, label, [counts.get((source, target), 0) for target, _label in stages])
            for source, label in sources
        ],
    )


# ---------------------------------------------------------------- the chart (server-side SVG)


def placed_chart_svg(bars: list[tuple[str, int]], title: str) -> SafeString:
    """A small horizontal bar chart as an inline <svg> with a <title>. Drawing takes tens of milliseconds,
    so each worker keeps the last few charts by their numbers and labels: a new placement draws anew."""
    return _chart_svg(tuple(bars), str(title))


@functools.lru_cache(maxsize=32)
def _chart_svg(bars: tuple[tuple[str, int], ...], title: str) -> SafeString:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib_fontja  # noqa: F401  (registers IPAexGothic for the Japanese labels)
    from matplotlib.figure import Figure

    labels = [label for label, _n in bars][::-1]
    values = [n for _label, n in bars][::-1]
    figure = Figure(figsize=(4.4, 0.42 * len(bars) + 0.5))
    axes = figure.add_subplot()
    drawn = axes.barh(labels, values, color="#0017c1", height=0.6)
    axes.bar_label(drawn, padding=4, fontsize=12)
    axes.set_xlim(0, max([*values, 1]) * 1.15)
    axes.xaxis.set_visible(False)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.tick_params(axis="y", length=0, labelsize=12)
    figure.tight_layout(pad=0.4)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "tsunagu-overview"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    opening, rest = svg.split(">", 1)
    # The page sizes the chart (CSS); the viewBox keeps its proportions.
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening)
    opening = opening.replace("<svg ", '<svg role="img" aria-labelledby="placed-chart-title" ', 1)
    svg = f'{opening}><title id="placed-chart-title">{escape(title)}</title>{rest}'
    # Drawn by matplotlib from our own numbers and labels (text as paths); the title is escaped.
    return mark_safe(svg)


# ---------------------------------------------------------------- views


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION)
    today = timezone.localdate()
    form = OverviewPeriodForm(request.GET, today=today)
    date_from, date_to = form.period()
    day = form.day()
    if form.is_valid():
        # Show the period actually used (the default one when nothing was asked for).
        form = OverviewPeriodForm(initial={"on": day, "from": date_from, "to": date_to}, today=today)
    columns = columns_for_page(selectors.overview(today=today, on=day))
    matrix = transition_matrix(selectors.stage_transitions(date_from, date_to))
    suppress = not can_see_people(request.user)
    shown = shown_matrix(matrix, suppress=suppress)
    flow_title = _("Stage changes from %(start)s to %(end)s, from the stage on the left to the stage on the right") % {
        "start": wareki(date_from), "end": wareki(date_to),
    }  # fmt: skip
    bars = [(column.label, column.placed) for column in columns]
    chart_title = _("People taking part per stage (placements, as of %(date)s): %(counts)s") % {
        "date": wareki(day or today),
        "counts": _(", ").join(f"{label} {n}" for label, n in bars),
    }
    context = {
        "today": day or today,
        "as_of_past_day": day is not None,
        "form": form,
        "period_refused": bool(form.errors),
        "shown_matrix": shown,
        "flow": flow_of(matrix, shown, flow_title),
        "durations": shown_durations(selectors_ladder.stage_durations(date_from, date_to), suppress=suppress),
        "suppressed": suppress,
        "legend": LEGEND,
        "date_from": date_from,
        "date_to": date_to,
        "matrix": matrix,
        "chart": placed_chart_svg(bars, chart_title),
        "ladder_grid": ladder_grid(columns, can_see_people=can_see_people(request.user)),
    }
    return render(request, "programs/overview.html", context, status=400 if form.errors else 200)


def _host_counts(host_id: int, today: dt.date) -> HostCounts:
    """The host as the overview shows it (one aggregate query); a host of an ended program is not there."""
    for column in selectors.overview(today=today):
        for row in column.programs:
            for counts in row.hosts:
                if counts.host.pk == host_id:
                    return counts
    raise Http404


@login_required
def overview_host(request: HttpRequest, host_id: int) -> HttpResponse:
    """Drill-down from the overview: the host's counts for everyone, and the people for those who may see
    them (hub casework staff, people in their scope only)."""
    require_perm(request, PERMISSION)
    today = timezone.localdate()
    counts = _host_counts(host_id, today)
    host = counts.host
    show_people = can_see_people(request.user)
    placements = selectors.flag_long_visits(
        list(selectors.host_people(request.user, host)) if show_people else []
    )
    record_people_seen(request, [p.person_id for p in placements], page="overview_host", target=host)
    open_total = counts.placed + counts.waiting
    context = {
        "today": today,
        "host": host,
        "program": host.program,
        "counts": counts,
        "show_people": show_people,
        "placements": placements,
        "not_shown": max(open_total - len(placements), 0),
    }
    return render(request, "programs/overview_host.html", context)


@login_required
@require_GET
def overview_rates(request: HttpRequest) -> HttpResponse:
    """Placement and attendance rates per host over a period (counts only). A reader who may not see people
    sees the counts under 5 suppressed, and a rate only when both its counts are shown."""
    require_perm(request, PERMISSION)
    today = timezone.localdate()
    form = OverviewPeriodForm(request.GET, today=today)
    date_from, date_to = form.period()
    rates = selectors_ladder.host_rates(date_from, date_to)
    suppress = not can_see_people(request.user)
    counts = [[r.begun, r.took_part, r.recorded, r.attended] for r in rates]
    table = suppress_table(counts, row_totals=False, column_totals=False) if suppress and counts else None
    rows = []
    for i, rate in enumerate(rates):
        cells = [table.cell(i, c) if table else str(n) for c, n in enumerate(counts[i])]
        placement_rate = (
            rate.placement_rate if not table or (cells[0][0].isdigit() and cells[1][0].isdigit()) else None
        )
        attendance_rate = (
            rate.attendance_rate if not table or (cells[2][0].isdigit() and cells[3][0].isdigit()) else None
        )
        rows.append(
            {
                "rate": rate,
                "cells": cells,
                "placement_rate": placement_rate,
                "attendance_rate": attendance_rate,
            }
        )
    context = {
        "form": form, "date_from": date_from, "date_to": date_to, "rows": rows, "suppressed": suppress,
        "legend": LEGEND,
    }  # fmt: skip
    return render(request, "programs/overview_rates.html", context, status=400 if form.errors else 200)
