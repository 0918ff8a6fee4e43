"""Every read of the skill ladder: the supervisors' queue of proposals per site, a person's levels and
skill history, and a site's distribution of levels. Each reads a fixed number of queries.

A person's level on a date is pay's rule (`pay.py`: the latest assessment from that date or before,
else the work type's first level); these reads load it with pay's own loaders."""

from __future__ import annotations

import datetime as dt
import statistics
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, Min, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from tsunagu.cases.selectors import visible_people
from tsunagu.people.models import Person
from tsunagu.programs.models import ProgramHost
from tsunagu.work.models import SkillAssessment, SkillLevel, WorkLog, WorkType
from tsunagu.work.pay import _levels, _skill_histories
from tsunagu.work.skills import DayFigures, LevelStep, Proposal, propose_next_level

# A site's "people now": those with a log at the work type within this many days.
ACTIVE_DAYS = 180
DAYS_A_MONTH = Decimal("30.4375")  # 365.25 ÷ 12
NAME_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana")


def steps_of(work_type: WorkType) -> list[LevelStep]:
    """The work type's levels (prefetched as `levels`) as the rule reads them."""
    return [
        LevelStep(
            id=level.pk,
            rank=level.rank,
            name=level.name,
            units_per_hour_to_reach=level.units_per_hour_to_reach,
            max_defect_rate=level.max_defect_rate,
        )
        for level in work_type.levels.all()
    ]


def work_types_with_levels(**filters) -> list[WorkType]:
    return list(
        WorkType.objects.filter(**filters).select_related("host__program", "host__organisation")
        .prefetch_related("levels").order_by("host_id", "name")
    )  # fmt: skip


def sites() -> QuerySet[ProgramHost]:
    """The hosts that have work types: the work sites (the catalog has no scope)."""
    return (
        ProgramHost.objects.filter(work_types__isnull=False)
        .distinct()
        .select_related("program", "organisation")
        .order_by("program__name", "organisation__name")
    )


def get_site(host_id: int) -> ProgramHost:
    try:
        return sites().get(pk=host_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error


@dataclass(frozen=True)
class Standing:
    """Where a person stands at a work type on a day: the level and since when (None: from the start)."""

    level_id: int
    rank: int
    since: dt.date | None


def _standings(person_ids, work_type_ids: set[int], day: dt.date):
    """A function (person id, work type id) → Standing on `day`, from pay's loaders (two queries)."""
    first = _levels(work_type_ids)
    histories = _skill_histories(person_ids, work_type_ids, day)

    def standing(person_id: int, work_type_id: int) -> Standing | None:
        history = histories.get((person_id, work_type_id))
        index = bisect_right(history.days, day) - 1 if history else -1
        if index >= 0:
            level_id, rank = history.values[index]
            return Standing(level_id, rank, history.days[index])
        if work_type_id not in first:
            return None  # a work type without levels
        level_id, rank = first[work_type_id]
        return Standing(level_id, rank, None)

    return standing


def _daily_figures(logs: QuerySet[WorkLog]) -> dict[tuple[int, int], list[DayFigures]]:
    """{(person id, work type id): the working days' sums, oldest first}, in one query."""
    rows = (
        logs.order_by()
        .values("person_id", "work_type_id", "date")
        .annotate(quantity=Sum("quantity"), minutes=Sum("minutes"), defects=Sum("defects"))
        .order_by("person_id", "work_type_id", "date")
    )
    days: dict[tuple[int, int], list[DayFigures]] = defaultdict(list)
    for row in rows:
        days[(row["person_id"], row["work_type_id"])].append(
            DayFigures(row["date"], Decimal(row["quantity"]), int(row["minutes"]), Decimal(row["defects"]))
        )
    return days


# ---------------------------------------------------------------- the supervisors' queue


@dataclass(frozen=True)
class QueueRow:
    person: Person
    work_type: WorkType
    current: LevelStep
    since: dt.date | None
    proposal: Proposal


def proposals_for(
    user, *, work_types: list[WorkType], person_ids=None, today: dt.date | None = None
) -> list[QueueRow]:
    """The people the user may see whose figures at these work types propose a level up, with the
    evidence. Five queries, whatever the number of people and logs."""
    today = today or timezone.localdate()
    by_id = {work_type.pk: work_type for work_type in work_types}
    if not by_id:
        return []
    logs = WorkLog.objects.filter(
        work_type_id__in=by_id, date__lte=today, person__in=visible_people(user).values("pk")
    )
    if person_ids is not None:
        logs = logs.filter(person_id__in=list(person_ids))
    daily = _daily_figures(logs)
    people_ids = sorted({person_id for person_id, _work_type_id in daily})
    standing = _standings(people_ids, set(by_id), today)
    rows: list[tuple[int, WorkType, LevelStep, dt.date | None, Proposal]] = []
    for (person_id, work_type_id), days in daily.items():
        work_type = by_id[work_type_id]
        now = standing(person_id, work_type_id)
        if now is None:
            continue
        steps = steps_of(work_type)
        proposal = propose_next_level(
            days=days, levels=steps, current_rank=now.rank, since=now.since, review_days=work_type.review_days
        )
        if proposal is not None:
            current = next(step for step in steps if step.id == now.level_id)
            rows.append((person_id, work_type, current, now.since, proposal))
    people = Person.objects.only(*NAME_FIELDS).in_bulk([row[0] for row in rows])
    queue = [QueueRow(people[person_id], *rest) for person_id, *rest in rows]
    return sorted(queue, key=lambda row: (row.work_type.name, row.person.family_name_kana, row.person.pk))


def skill_queue(user, host: ProgramHost, *, today: dt.date | None = None) -> list[QueueRow]:
    """The site's queue: everyone in the user's scope at its work types whose figures propose a level."""
    return proposals_for(user, work_types=work_types_with_levels(host=host), today=today)


# ---------------------------------------------------------------- a person's ladder


@dataclass
class PersonWorkType:
    work_type: WorkType
    levels: list[LevelStep]
    current: LevelStep | None
    since: dt.date | None
    first_log: dt.date | None
    last_log: dt.date | None
    proposal: Proposal | None
    history: list[SkillAssessment] = field(default_factory=list)
    # The level at the end of each month of the chart: {month: rank}.
    ranks: dict[dt.date, int] = field(default_factory=dict)


def person_work_types(person: Person, *, today: dt.date | None = None) -> list[PersonWorkType]:
    """The work types the person has logs or assessments at: the level now and since when, the skill
    history, the figures' proposal. The person comes from a scoped selector. Six queries."""
    today = today or timezone.localdate()
    daily = _daily_figures(WorkLog.objects.filter(person=person, date__lte=today))
    history = list(
        SkillAssessment.objects.filter(person=person)
        .select_related("level", "assessed_by")
        .order_by("work_type_id", "effective_from")
    )
    work_type_ids = {work_type_id for _person_id, work_type_id in daily} | {a.work_type_id for a in history}
    work_types = work_types_with_levels(pk__in=work_type_ids)
    standing = _standings([person.pk], work_type_ids, today)
    result = []
    for work_type in work_types:
        steps = steps_of(work_type)
        days = daily.get((person.pk, work_type.pk), [])
        now = standing(person.pk, work_type.pk)
        current = next((step for step in steps if now and step.id == now.level_id), None)
        proposal = (
            propose_next_level(
                days=days,
                levels=steps,
                current_rank=now.rank,
                since=now.since,
                review_days=work_type.review_days,
            )
            if now
            else None
        )
        result.append(
            PersonWorkType(
                work_type=work_type,
                levels=steps,
                current=current,
                since=now.since if now else None,
                first_log=days[0].date if days else None,
                last_log=days[-1].date if days else None,
                proposal=proposal,
                history=[a for a in history if a.work_type_id == work_type.pk],
            )
        )
    return result


def ranks_by_month(entry: PersonWorkType, months: list[dt.date], today: dt.date) -> dict[dt.date, int]:
    """The person's level (rank) at the end of each month (today for this month), from the start of
    their work at the type; the same rule as pay's, over the history already read."""
    first_rank = min((step.rank for step in entry.levels), default=None)
    start = entry.first_log or (entry.history[0].effective_from if entry.history else None)
    ranks: dict[dt.date, int] = {}
    for month in months:
        end = min(_month_end(month), today)
        if start is None or end < start.replace(day=1) or first_rank is None:
            continue
        rank = first_rank
        for assessment in entry.history:
            if assessment.effective_from <= end:
                rank = assessment.level.rank
        ranks[month] = rank
    return ranks


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def has_work(person: Person) -> bool:
    """Whether the person has any work log (the person page links to their work page then)."""
    return WorkLog.objects.filter(person=person).exists()


def first_log_on(person: Person, work_type: WorkType) -> dt.date | None:
    return WorkLog.objects.filter(person=person, work_type=work_type).aggregate(first=Min("date"))["first"]


def person_levels_to_set(person: Person) -> list[WorkType]:
    """The work types a supervisor may set the person's level at: those they have logs at."""
    return work_types_with_levels(pk__in=WorkLog.objects.filter(person=person).values("work_type_id"))


def levels_of(work_types: list[WorkType]) -> QuerySet[SkillLevel]:
    return SkillLevel.objects.filter(work_type__in=[w.pk for w in work_types]).select_related("work_type")


# ---------------------------------------------------------------- a site's distribution


@dataclass
class LevelRow:
    level: LevelStep
    people_now: int = 0
    reached: int = 0  # people who were assessed at this level
    median_months: Decimal | None = None


@dataclass
class SiteWorkType:
    work_type: WorkType
    rows: list[LevelRow]

    @property
    def people_now(self) -> int:
        return sum(row.people_now for row in self.rows)


def months_between(start: dt.date, end: dt.date) -> Decimal:
    """Whole days ÷ the average month, to one decimal (never negative)."""
    days = max((end - start).days, 0)
    return (Decimal(days) / DAYS_A_MONTH).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def site_levels(host: ProgramHost, *, today: dt.date | None = None) -> list[SiteWorkType]:
    """Per work type of the site: how many people are at each level now (people with a log in the last
    ACTIVE_DAYS days), and the median months people took from their first log there to their first
    assessment at each level. Counts only, of everyone at the site: no one is named. Five queries."""
    today = today or timezone.localdate()
    work_types = work_types_with_levels(host=host)
    by_id = {work_type.pk: work_type for work_type in work_types}
    spans = {
        (row["person_id"], row["work_type_id"]): (row["first"], row["last"])
        for row in WorkLog.objects.filter(work_type_id__in=by_id, date__lte=today)
        .order_by()
        .values("person_id", "work_type_id")
        .annotate(first=Min("date"), last=Max("date"))
    }
    # Every assessment at these work types (no IN list of every person): the level now and the climb.
    standing = _standings(None, set(by_id), today)
    reached: dict[tuple[int, int], dict[int, dt.date]] = defaultdict(dict)  # (person, type) → rank → first
    for person_id, work_type_id, rank, start in (
        SkillAssessment.objects.filter(work_type_id__in=by_id, effective_from__lte=today)
        .order_by("effective_from")
        .values_list("person_id", "work_type_id", "level__rank", "effective_from")
    ):
        reached[(person_id, work_type_id)].setdefault(rank, start)
    result = []
    active_from = today - dt.timedelta(days=ACTIVE_DAYS)
    for work_type in work_types:
        rows = {step.rank: LevelRow(level=step) for step in steps_of(work_type)}
        months: dict[int, list[Decimal]] = defaultdict(list)
        for (person_id, work_type_id), (first, last) in spans.items():
            if work_type_id != work_type.pk:
                continue
            now = standing(person_id, work_type_id)
            if now is not None and last >= active_from and now.rank in rows:
                rows[now.rank].people_now += 1
            for rank, start in reached.get((person_id, work_type_id), {}).items():
                months[rank].append(months_between(first, start))
        for rank, taken in months.items():
            if rank in rows:
                rows[rank].reached = len(taken)
                rows[rank].median_months = Decimal(statistics.median(taken)).quantize(Decimal("0.1"))
        result.append(SiteWorkType(work_type=work_type, rows=[rows[rank] for rank in sorted(rows)]))
    return result
