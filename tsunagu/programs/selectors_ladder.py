"""The ladder's reports for the statistician and supervisors: counts only, no one named, each one
aggregate query in the database (they must stay fast at 100,000 people).

- the overview (全体概況) as of any date: people taking part and waiting on that day, completions of its
  fiscal year up to it, per host (from the placements' dates, not their current status);
- the time from each stage to the next (from people's StageChange history): median and quartiles in days,
  nearest-rank (the smallest value with at least a quarter, a half, three quarters of the values at or below
  it), so that SQLite and PostgreSQL give the same figure;
- placement and attendance rates per host over a period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from tsunagu.people.models import Stage, StageChange
from tsunagu.programs.models import ATTENDED_STATUSES, Attendance, Placement, PlacementStatus, ProgramHost


def host_counts_on(
    day: dt.date, year_start: dt.date, program_ids: list[int]
) -> dict[int, tuple[int, int, int, int]]:
    """{host: (taking part, waiting, finished in the fiscal year up to `day`, 0)} on `day`, read from the
    placements' dates: begun (the first of visit, trial, participation) on or before the day and not ended
    (completed or stopped) by then. One aggregate query."""
    begun = Coalesce("visited_on", "trial_from", "started_on")
    ended = Coalesce("completed_on", "interrupted_on")
    open_on_day = Q(ended__isnull=True) | Q(ended__gt=day)
    rows = (
        Placement.objects.filter(host__program__in=program_ids)
        .annotate(begun=begun, ended=ended)
        .values("host")
        .annotate(
            placed=Count("person", filter=Q(begun__lte=day) & open_on_day, distinct=True),
            waiting=Count(
                "person",
                filter=Q(waiting_since__lte=day) & (Q(begun__isnull=True) | Q(begun__gt=day)) & open_on_day,
                distinct=True,
            ),
            finished=Count(
                "person",
                filter=Q(status=PlacementStatus.COMPLETED, completed_on__range=(year_start, day)),
                distinct=True,
            ),
        )
        .values_list("host", "placed", "waiting", "finished")
        .order_by()
    )
    return {host: (placed, waiting, finished, 0) for host, placed, waiting, finished in rows}


# ---------------------------------------------------------------- time from each stage to the next


@dataclass(frozen=True)
class StageDuration:
    stage: str
    next_stage: str
    count: int
    first_quartile: int
    median: int
    third_quartile: int

    @property
    def label(self) -> str:
        labels = dict(Stage.choices)
        return f"{labels.get(self.stage, self.stage)} → {labels.get(self.next_stage, self.next_stage)}"


def _days_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def stage_durations(date_from: dt.date, date_to: dt.date) -> list[StageDuration]:
    """Kept for a minute in the shared cache under the overview's version, like the transitions (a
    committed stage change bumps it)."""
    from tsunagu.programs.selectors import (
        OVERVIEW_COUNTS_SECONDS,
        overview_version,
    )  # (it imports this module)

    key = f"programs:overview-durations:{overview_version()}:{date_from.isoformat()}:{date_to.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = _stage_durations(date_from, date_to)
        cache.set(key, found, OVERVIEW_COUNTS_SECONDS)
    return found


def _stage_durations(date_from: dt.date, date_to: dt.date) -> list[StageDuration]:
    """For each step from a stage to the next that was taken in the period (the next change's date in it):
    how many, and the quartiles of the days spent in the stage before. One query (window functions)."""
    table = StageChange._meta.db_table
    sql = f"""
        WITH steps AS (
            SELECT stage, changed_on,
                   LEAD(stage) OVER (PARTITION BY person_id ORDER BY changed_on, id) AS next_stage,
                   LEAD(changed_on) OVER (PARTITION BY person_id ORDER BY changed_on, id) AS next_on
            FROM {table}
            WHERE changed_on <= %s
        ), spans AS (
            SELECT stage, next_stage, {_days_between("next_on", "changed_on")} AS days
            FROM steps
            WHERE next_on BETWEEN %s AND %s AND stage <> ''
        ), ranked AS (
            SELECT stage, next_stage, days,
                   ROW_NUMBER() OVER (PARTITION BY stage, next_stage ORDER BY days) AS position,
                   COUNT(*) OVER (PARTITION BY stage, next_stage) AS n
            FROM spans
        )
        SELECT stage, next_stage, MAX(n),
               MIN(CASE WHEN position * 4 >= n THEN days END),
               MIN(CASE WHEN position * 2 >= n THEN days END),
               MIN(CASE WHEN position * 4 >= n * 3 THEN days END)
        FROM ranked GROUP BY stage, next_stage
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [date_to, date_from, date_to])
        rows = cursor.fetchall()
    order = {code: i for i, code in enumerate(Stage.values)}
    durations = [StageDuration(s, n, int(c), int(q1), int(m), int(q3)) for s, n, c, q1, m, q3 in rows]
    return sorted(durations, key=lambda d: (order.get(d.stage, 9), order.get(d.next_stage, 9)))


# ---------------------------------------------------------------- rates per host


@dataclass(frozen=True)
class HostRates:
    host_id: int
    program: str
    organisation: str
    begun: int  # placements begun in the period (a visit, a trial or participation)
    took_part: int  # of those, the ones that reached participation (参加)
    recorded: int  # attendance recorded at the period's sessions
    attended: int  # of which present, late or left early

    @property
    def placement_rate(self) -> int | None:
        return round(100 * self.took_part / self.begun) if self.begun else None

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.attended / self.recorded) if self.recorded else None


def host_rates(date_from: dt.date, date_to: dt.date) -> list[HostRates]:
    """Per host: of the placements begun in the period, the share that reached participation; of the
    attendance recorded at the period's sessions (cancelled ones left out), the share attended. Two
    aggregate queries and one for the names."""
    begun = Coalesce("visited_on", "trial_from", "started_on")
    placements = {
        row["host"]: row
        for row in Placement.objects.annotate(begun=begun)
        .filter(begun__range=(date_from, date_to))
        .values("host")
        .annotate(n=Count("pk"), took_part=Count("pk", filter=Q(started_on__isnull=False)))
        .order_by()
    }
    attendance = {
        row["session__host"]: row
        for row in Attendance.objects.filter(
            session__date__range=(date_from, date_to), session__cancelled_at__isnull=True
        )
        .values("session__host")
        .annotate(n=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED_STATUSES)))
        .order_by()
    }
    hosts = (
        ProgramHost.objects.filter(pk__in=set(placements) | set(attendance))
        .values_list("pk", "program__name", "organisation__name")
        .order_by("program__sort_order", "program__name", "organisation__name")
    )
    return [
        HostRates(
            pk,
            program,
            organisation,
            placements.get(pk, {}).get("n", 0),
            placements.get(pk, {}).get("took_part", 0),
            attendance.get(pk, {}).get("n", 0),
            attendance.get(pk, {}).get("attended", 0),
        )
        for pk, program, organisation in hosts
    ]
