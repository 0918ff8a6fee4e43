"""The skill ladder's rule, as pure functions over a person's daily figures at one work type.

The rule that proposes the next level (the supervisor confirms it):
- Only the working days since the person's current level began count, so that a new level (up, or
  down by a supervisor's own assessment) is earned again on fresh days.
- Of those, the last `review_days` working days (a working day: a date with a log at the work type).
  With fewer days there is no proposal yet.
- The average units an hour is the days' total quantity ÷ their total minutes × 60 (a day's average
  weighted by its minutes, so that a short day counts less); it must reach the next level's
  `units_per_hour_to_reach`.
- The defect share is the days' total defects ÷ their total quantity; it must be at or under the next
  level's `max_defect_rate` (no limit when the level sets none).
- The next level is the one with the next rank; a level without a threshold is never proposed by the
  rule (only a supervisor sets it).

A person's level on a date (the latest assessment from that date or before, else the work type's first
level) is reckoned where pay reckons it: `pay.py`; `selectors_skills.py` reads it from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MINUTES_AN_HOUR = Decimal(60)
# The evidence as the assessment keeps it (its columns' places).
UNITS_PER_HOUR_PLACES = Decimal("0.01")
DEFECT_RATE_PLACES = Decimal("0.001")
LARGEST_DEFECT_RATE = Decimal("9.999")  # the column's widest value


@dataclass(frozen=True)
class DayFigures:
    """One working day of one person at one work type: the sums of that day's logs."""

    date: dt.date
    quantity: Decimal
    minutes: int
    defects: Decimal


@dataclass(frozen=True)
class LevelStep:
    """A level of the work type as the rule reads it."""

    id: int
    rank: int
    name: str
    units_per_hour_to_reach: Decimal | None = None
    max_defect_rate: Decimal | None = None


@dataclass(frozen=True)
class Figures:
    """The rule's evidence over the days counted."""

    units_per_hour: Decimal  # exact
    defect_rate: Decimal  # exact
    days_counted: int
    first_day: dt.date
    last_day: dt.date

    @property
    def units_per_hour_shown(self) -> Decimal:
        return self.units_per_hour.quantize(UNITS_PER_HOUR_PLACES, rounding=ROUND_HALF_UP)

    @property
    def defect_rate_shown(self) -> Decimal:
        return min(self.defect_rate, LARGEST_DEFECT_RATE).quantize(DEFECT_RATE_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Proposal:
    """The next level the figures reach, with the evidence."""

    level: LevelStep
    figures: Figures


def next_level(levels: Sequence[LevelStep], current_rank: int) -> LevelStep | None:
    """The level of the next rank above the current one, if any."""
    above = [level for level in levels if level.rank > current_rank]
    return min(above, key=lambda level: level.rank) if above else None


def days_counted(days: Sequence[DayFigures], *, since: dt.date | None, review_days: int) -> list[DayFigures]:
    """The last `review_days` working days on or after `since` (the current level's start), oldest first."""
    eligible = sorted((day for day in days if since is None or day.date >= since), key=lambda day: day.date)
    return eligible[-review_days:] if review_days > 0 else []


def figures_of(days: Sequence[DayFigures]) -> Figures | None:
    """The average units an hour and the defect share over the days; None without minutes worked."""
    minutes = sum(day.minutes for day in days)
    if not days or minutes <= 0:
        return None
    quantity = sum((day.quantity for day in days), Decimal(0))
    defects = sum((day.defects for day in days), Decimal(0))
    # Nothing made: no share, unless everything was a defect.
    no_quantity = Decimal(0) if defects == 0 else LARGEST_DEFECT_RATE
    defect_rate = defects / quantity if quantity > 0 else no_quantity
    return Figures(
        units_per_hour=quantity * MINUTES_AN_HOUR / Decimal(minutes),
        defect_rate=defect_rate,
        days_counted=len(days),
        first_day=days[0].date,
        last_day=days[-1].date,
    )


def propose_next_level(
    *,
    days: Sequence[DayFigures],
    levels: Sequence[LevelStep],
    current_rank: int,
    since: dt.date | None,
    review_days: int,
) -> Proposal | None:
    """The next level when the figures of the last `review_days` working days since `since` reach its
    threshold with the defect share at or under its limit; else None (see the module's rule)."""
    target = next_level(levels, current_rank)
    if target is None or target.units_per_hour_to_reach is None:
        return None
    counted = days_counted(days, since=since, review_days=review_days)
    if len(counted) < review_days:
        return None
    figures = figures_of(counted)
    if figures is None or figures.units_per_hour < target.units_per_hour_to_reach:
        return None
    if target.max_defect_rate is not None and figures.defect_rate > target.max_defect_rate:
        return None
    return Proposal(level=target, figures=figures)
