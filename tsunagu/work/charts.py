"""The ladder, drawn on the server: SVG charts (each with a title, a description and, on its page, the
same figures as a table) and the projection of when a person reaches a monthly income goal.

The projection's method, as the page states it: a straight line fitted (least squares) to the person's
earnings of the last PROJECTION_MONTHS complete months (a month without work counts as 0 yen, from the
month they started); the goal is reached in the first month where the line reaches it. A line that is
flat or falling never reaches it: "not at the current rate". The month in progress is left out, since
it is not over.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tsunagu.core.dates import local_date
from tsunagu.work.months import next_month

PROJECTION_MONTHS = 6
FEWEST_MONTHS = 3  # a line through fewer months says too little

# ---------------------------------------------------------------- the projection


@dataclass(frozen=True)
class Projection:
    goal: Decimal
    months_used: list[dt.date]
    slope: Decimal | None  # yen a month, rounded to a yen
    latest: Decimal | None  # the line's value at the last month used, rounded to a yen
    reached_in: dt.date | None  # the month the goal is reached
    months_to_go: int | None
    already: bool = False  # the last complete month already earned the goal
    too_few_months: bool = False

    @property
    def rising(self) -> bool:
        return self.slope is not None and self.slope > 0


def fit_line(values: Sequence[Decimal]) -> tuple[Fraction, Fraction]:
    """(intercept, slope) of the least-squares line through (0, v0), (1, v1) …, exactly."""
    n = len(values)
    xs = [Fraction(x) for x in range(n)]
    ys = [Fraction(value) for value in values]
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = (
        sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
        if spread
        else Fraction(0)
    )
    return mean_y - slope * mean_x, slope


def _yen(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )


def project_goal(
    *, earnings: dict[dt.date, Decimal], started: dt.date, goal: Decimal, today: dt.date
) -> Projection:
    """When the person reaches `goal` yen a month at their current rate (the module's method).
    `earnings`: {month: yen}; `started`: the month their work began."""
    this_month = today.replace(day=1)
    months = []
    month = max(started.replace(day=1), _months_back(this_month, PROJECTION_MONTHS))
    while month < this_month:
        months.append(month)
        month = next_month(month)
    values = [earnings.get(month, Decimal(0)) for month in months]
    if len(months) < FEWEST_MONTHS:
        return Projection(goal, months, None, None, None, None, too_few_months=True)
    intercept, slope = fit_line(values)
    latest = intercept + slope * (len(values) - 1)
    if values[-1] >= goal:
        return Projection(goal, months, _yen(slope), _yen(latest), months[-1], 0, already=True)
    if slope <= 0:
        return Projection(goal, months, _yen(slope), _yen(latest), None, None)
    # The first whole month k after the last one used where latest + k × slope ≥ goal.
    to_go = max(1, math.ceil((Fraction(goal) - latest) / slope))
    reached = months[-1]
    for _step in range(to_go):
        reached = next_month(reached)
    return Projection(goal, months, _yen(slope), _yen(latest), reached, to_go)


def _months_back(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


# ---------------------------------------------------------------- drawing


@dataclass(frozen=True)
class LevelSeries:
    """One work type's level at the end of each month."""

    name: str
    ranks: dict[dt.date, int]


WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 56, 20, 48
BAR = "#2f6f9f"
LINES = ("#b3261e", "#1b7f3b", "#6b3fa0", "#8a5a00")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


def month_name(month: dt.date) -> str:
    """2026年3月 (Mar 2026 in English)."""
    return _("%(month)s/%(year)s") % {"year": month.year, "month": month.month}


def _month_label(month: dt.date) -> str:
    return f"{month.year % 100:02d}/{month.month}"


def _nice_top(value: Decimal) -> Decimal:
    """A round top for the yen axis: 1, 2 or 5 × a power of ten, at or above the value."""
    if value <= 0:
        return Decimal(10000)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def ladder_chart(
    *,
    months: list[dt.date],
    earnings: dict[dt.date, Decimal],
    levels: list[LevelSeries],
    goal: Decimal | None,
) -> SafeString:
    """Monthly earnings as bars (left axis, yen) and each work type's level as a step line (right axis)."""
    title = _("Monthly earnings and skill level")
    desc = _(
        "Bars: earnings each month in yen, %(first)s to %(last)s. Lines: the level at each work type at the "
        "end of the month. The same figures are in the table below."
    ) % {"first": local_date(months[0]) if months else "", "last": local_date(months[-1]) if months else ""}
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_top(max([*earnings.values(), goal or Decimal(0), Decimal(0)]))
    top_rank = max([rank for series in levels for rank in series.ranks.values()] + [1])
    slot = plot_w / max(len(months), 1)
    parts = [
        format_html(
            '<svg class="chart" role="img" aria-labelledby="ladder-chart-title ladder-chart-desc" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMid meet">'
            '<title id="ladder-chart-title">{}</title><desc id="ladder-chart-desc">{}</desc>',
            WIDTH,
            HEIGHT,
            title,
            desc,
        )
    ]

    def y_yen(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    for tick in range(5):
        value = top * tick / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}円</text>',
                LEFT,
                WIDTH - RIGHT,
                f"{y_yen(value):.1f}",
                f"{y_yen(value):.1f}",
                LEFT - 6,
                f"{y_yen(value) + 4:.1f}",
                f"{int(value):,}",
            )
        )
    for index, month in enumerate(months):
        value = earnings.get(month, Decimal(0))
        x = LEFT + index * slot
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}円</title></rect>',
                f"{x + slot * 0.15:.1f}",
                f"{y_yen(value):.1f}",
                f"{slot * 0.7:.1f}",
                f"{TOP + plot_h - y_yen(value):.1f}",
                BAR,
                _month_label(month),
                f"{int(value):,}",
            )
        )
        if len(months) <= 12 or index % 2 == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                    f"{x + slot / 2:.1f}",
                    HEIGHT - BOTTOM + 16,
                    _month_label(month),
                )
            )
    for rank in range(1, top_rank + 1):
        y = TOP + plot_h - rank / top_rank * plot_h * 0.9
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11">{}</text>',
                WIDTH - RIGHT + 6,
                f"{y + 4:.1f}",
                _("Lv %(rank)s") % {"rank": rank},
            )
        )
    for number, series in enumerate(levels):
        points = []
        for index, month in enumerate(months):
            rank = series.ranks.get(month)
            if rank is None:
                continue
            y = TOP + plot_h - rank / top_rank * plot_h * 0.9
            points.append(f"{LEFT + index * slot:.1f},{y:.1f} {LEFT + (index + 1) * slot:.1f},{y:.1f}")
        if points:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="3" stroke-dasharray="{}">'
                    "<title>{}</title></polyline>",
                    " ".join(points),
                    LINES[number % len(LINES)],
                    DASHES[number % len(DASHES)],
                    series.name,
                )
            )
    if goal is not None and goal <= top:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#000" stroke-dasharray="4 4"/>'
                '<text x="{}" y="{}" font-size="11">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                f"{y_yen(goal):.1f}",
                f"{y_yen(goal):.1f}",
                LEFT + 4,
                f"{y_yen(goal) - 4:.1f}",
                _("Goal %(yen)s円") % {"yen": f"{int(goal):,}"},
            )
        )
    parts.append(_legend(levels))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def _legend(levels: list[LevelSeries]) -> SafeString:
    items = [
        format_html(
            '<rect x="{}" y="{}" width="14" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>',
            LEFT,
            HEIGHT - 18,
            BAR,
            LEFT + 18,
            HEIGHT - 9,
            _("Earnings"),
        )
    ]
    for number, series in enumerate(levels[:3]):
        x = LEFT + 120 + number * 170
        items.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" font-size="11">{}</text>',
                x,
                x + 20,
                HEIGHT - 13,
                HEIGHT - 13,
                LINES[number],
                DASHES[number],
                x + 24,
                HEIGHT - 9,
                series.name[:14],
            )
        )
    return mark_safe("".join(str(item) for item in items))


def bar_chart(*, chart_id: str, title: str, desc: str, bars: list[tuple[str, int]]) -> SafeString:
    """Horizontal bars, one per (label, count): a site's people at each level."""
    row_h, label_w, width = 28, 160, 560
    height = TOP + row_h * max(len(bars), 1) + 8
    most = max([count for _label, count in bars] + [1])
    parts = [
        format_html(
            '<svg class="chart" role="img" aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" '
            'width="100%" preserveAspectRatio="xMinYMin meet"><title id="{0}-title">{3}</title>'
            '<desc id="{0}-desc">{4}</desc>',
            chart_id,
            width,
            height,
            title,
            desc,
        )
    ]
    for index, (label, count) in enumerate(bars):
        y = TOP + index * row_h
        length = (width - label_w - 48) * count / most
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                label_w - 8,
                y + 16,
                label[:24],
                label_w,
                y + 4,
                f"{length:.1f}",
                row_h - 8,
                BAR,
                f"{label_w + length + 6:.1f}",
                y + 16,
                count,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))
