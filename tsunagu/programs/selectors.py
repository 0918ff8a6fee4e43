"""Every read of the program ladder, scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import OPEN_STATUSES, Assessment, PlanStatus
from tsunagu.cases.selectors import visible_cases, visible_people
from tsunagu.core.cacheversion import bump_version, bump_version_on_commit, current_version
from tsunagu.core.dates import fiscal_year_start
from tsunagu.core.japanese import gojuon_key
from tsunagu.people.models import Person, Stage, StageChange
from tsunagu.people.scope import restricted_people
from tsunagu.programs.models import (
    ATTENDED_STATUSES,
    ATTENDING_STATUSES,
    OCCUPYING_STATUSES,
    OPEN_PLACEMENT_STATUSES,
    Attendance,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    Program,
    ProgramHost,
    Session,
    shared_absence,
)
from tsunagu.programs.selectors_ladder import host_counts_on


def active_programs(day: dt.date | None = None) -> QuerySet[Program]:
    day = day or timezone.localdate()
    return Program.objects.filter(
        Q(active_until__isnull=True) | Q(active_until__gte=day), active_from__lte=day
    )


def count_per_row(related: QuerySet, field: str) -> Coalesce:
    """For annotating each row of a queryset with how many of `related` point at it through `field`, counted
    in a subquery: a join would group every related row by the whole width of the annotated query (and
    COUNT(*) lets the database answer from the foreign key's index alone)."""
    counts = (
        related.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("*")).values("n")
    )
    return Coalesce(Subquery(counts), 0)


def catalog(*, include_ended: bool = False) -> QuerySet[Program]:
    programs = Program.objects.all() if include_ended else active_programs()
    # Each host with its places taken (`occupied`) for the catalog's "n free": it asked once per host before.
    occupied = count_per_row(Placement.objects.filter(status__in=OCCUPYING_STATUSES), "host")
    return programs.prefetch_related(
        Prefetch(
            "hosts",
            queryset=ProgramHost.objects.select_related("organisation")
            .annotate(occupied=occupied)
            .order_by("organisation__name"),
        )
    )


def get_program(program_id: int) -> Program:
    try:
        return catalog(include_ended=True).get(pk=program_id)
    except Program.DoesNotExist as error:
        raise Http404 from error


# ---------------------------------------------------------------- scope


def free_places(host: ProgramHost, *, taken: int | None = None) -> int | None:
    """Places left at a host (None: no limit), counted now unless the caller already counted the places
    taken (the catalog counts every host's in one query). Capacity checks always count afresh."""
    if host.capacity is None:
        return None
    if taken is None:
        taken = places_taken(host)
    return max(host.capacity - taken, 0)


def placeable_hosts(day: dt.date | None = None) -> QuerySet[ProgramHost]:
    """The hosts of the programs on offer, to place someone with."""
    return ProgramHost.objects.filter(program__in=active_programs(day)).select_related(
        "program", "organisation"
    )


def visible_placements(user) -> QuerySet[Placement]:
    """Casework staff: placements of the people they can see. Partner staff: placements with their own
    organisation that have begun there (見学, 体験 or 参加, open or finished); the host's waiting list is the
    hub's business, not yet the host's. Everyone else: none."""
    condition = Q(pk__in=[])
    if user.role_codes & CASEWORK_ROLES:
        condition |= Q(person__in=visible_people(user).values("pk"))
    if user.has_role(Role.PARTNER_STAFF):
        condition |= Q(host__organisation_id=user.organisation_id) & (
            Q(visited_on__isnull=False) | Q(trial_from__isnull=False) | Q(started_on__isnull=False)
        )
    return Placement.objects.filter(condition)


def get_placement(user, placement_id: int) -> Placement:
    try:
        return (
            visible_placements(user)
            .select_related("person", "host__program", "host__organisation", "worker")
            .get(pk=placement_id)
        )
    except Placement.DoesNotExist as error:
        raise Http404 from error


def _placement_scope(user) -> Q:
    """visible_placements' condition for a few placements at a time (a roll-call): casework staff's scope is
    asked per placement (an EXISTS on the user's cases of its person) instead of through the subquery of
    every person the user may see."""
    condition = Q(pk__in=[])
    if user.role_codes & CASEWORK_ROLES:
        condition |= Q(Exists(visible_cases(user).filter(person=OuterRef("person"))))
        shown = restricted_people().shown_to(user)  # children, who have no case of their own
        if shown is not None:
            condition |= Q(person_id__in=shown)
    if user.has_role(Role.PARTNER_STAFF):
        condition |= Q(host__organisation_id=user.organisation_id) & (
            Q(visited_on__isnull=False) | Q(trial_from__isnull=False) | Q(started_on__isnull=False)
        )
    return condition


def visible_sessions(user) -> QuerySet[Session]:
    """Hub casework staff run every program's sessions; partner staff those of their organisation."""
    if user.role_codes & CASEWORK_ROLES:
        return Session.objects.all()
    if user.has_role(Role.PARTNER_STAFF):
        return Session.objects.filter(host__organisation_id=user.organisation_id)
    return Session.objects.none()


def get_session(user, session_id: int) -> Session:
    try:
        return visible_sessions(user).select_related("host__program", "host__organisation").get(pk=session_id)
    except Session.DoesNotExist as error:
        raise Http404 from error


def get_host(host_id: int) -> ProgramHost:
    """A host of the catalog (the catalog has no scope: whoever may see it sees every host)."""
    try:
        return ProgramHost.objects.select_related("program", "organisation").get(pk=host_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error


def places_taken(host: ProgramHost) -> int:
    """The people holding one of the host's places now (見学, 体験 or 参加)."""
    return host.placements.filter(status__in=OCCUPYING_STATUSES).count()


def hosts_for(user) -> QuerySet[ProgramHost]:
    """The hosts whose sessions the user runs."""
    hosts = ProgramHost.objects.select_related("program", "organisation")
    if user.role_codes & CASEWORK_ROLES:
        return hosts
    if user.has_role(Role.PARTNER_STAFF):
        return hosts.filter(organisation_id=user.organisation_id)
    return hosts.none()


# ---------------------------------------------------------------- the roll-call

# What the roll-call shows of each person expected (and all that it reads).
ROLL_CALL_FIELDS = (
    "status", "person__family_name", "person__given_name", "person__family_name_kana", "person__given_name_kana",
)  # fmt: skip


def expected_at(session: Session) -> QuerySet[Placement]:
    """Everyone expected at a session, whatever their office: the host's placements attending on that date,
    that is begun (見学, 体験 or 参加) on or before it and not completed or stopped before it. Someone who
    finished after the session stays on its roll-call, so that a late roll-call can still be taken.
    Not scoped: for the services and the demo; a page shows roll_call_placements()."""
    day = session.date
    return (
        Placement.objects.filter(host_id=session.host_id)
        .filter(Q(visited_on__lte=day) | Q(trial_from__lte=day) | Q(started_on__lte=day))
        .exclude(completed_on__lt=day)
        .exclude(interrupted_on__lt=day)
    )


def roll_call_placements(user, session: Session) -> QuerySet[Placement]:
    """The people on the user's roll-call of a session: those expected, within the user's scope. A session
    of a host may gather people of several offices; a worker sees (and records) only the people of their
    own office's cases, partner staff everyone placed with their own organisation."""
    return expected_at(session).filter(_placement_scope(user))


def roll_call(user, session: Session) -> list[Placement]:
    """roll_call_placements() with the little that the page shows of each person, in あいうえお順 of their
    reading (sorted here: the databases' collations disagree on kana), each long visit flagged."""
    placements = list(
        roll_call_placements(user, session).select_related("person").only(*ROLL_CALL_FIELDS, "visited_on")
    )
    placements.sort(
        key=lambda p: (gojuon_key(p.person.family_name_kana), gojuon_key(p.person.given_name_kana), p.pk)
    )
    return flag_long_visits(placements)


def sees_absence_reasons(user) -> bool:
    """Hub casework staff see why someone was absent (体調不良, 通院 ...) and their colleagues' notes; the
    host's staff see only whether the absence was notified (連絡あり / 連絡なし)."""
    return bool(user.role_codes & CASEWORK_ROLES)


def recorded_attendance(user, session: Session, placements: list[Placement]) -> dict[int, Attendance]:
    """The attendance recorded at the session for the people on this user's roll-call (only theirs). For
    the host's staff the reason is reduced to what a host may see and the hub's note is never read."""
    attendances = session.attendances.filter(placement__in=placements).order_by()
    if sees_absence_reasons(user):
        return {a.placement_id: a for a in attendances}
    shown = {}
    for attendance in attendances.only("session", "placement", "status", "hours", "absence_category"):
        attendance.absence_category = shared_absence(attendance.absence_category)
        attendance.absence_reason = ""  # set, so that nothing reads the note behind it
        shown[attendance.placement_id] = attendance
    return shown


def other_sessions(user, session: Session, *, count: int = 6) -> list[Session]:
    """The host's sessions before this one, newest first, for the roll-call's short list of earlier
    roll-calls (with how many were recorded at each)."""
    return list(
        visible_sessions(user)
        .filter(host_id=session.host_id)
        .filter(Q(date__lt=session.date) | Q(date=session.date, pk__lt=session.pk))
        .annotate(recorded=count_per_row(Attendance.objects.all(), "session"))
        .order_by("-date", "-start_time", "-pk")[:count]
    )


def next_session(user, session: Session) -> Session | None:
    return (
        visible_sessions(user)
        .filter(host_id=session.host_id)
        .filter(Q(date__gt=session.date) | Q(date=session.date, pk__gt=session.pk))
        .order_by("date", "start_time", "pk")
        .first()
    )


# ---------------------------------------------------------------- long visits


def long_visit_cutoff(today: dt.date | None = None) -> dt.date:
    """A visit begun before this day has gone on too long (settings.PROGRAMS_LONG_VISIT_DAYS)."""
    return (today or timezone.localdate()) - dt.timedelta(days=settings.PROGRAMS_LONG_VISIT_DAYS)


def flag_long_visits(placements: list[Placement], today: dt.date | None = None) -> list[Placement]:
    """Set `visit_days` on each placement still at 見学 past the limit (the days since the visit began),
    None on the others; returns the same list."""
    today = today or timezone.localdate()
    cutoff = long_visit_cutoff(today)
    for placement in placements:
        long = (
            placement.status == PlacementStatus.VISIT
            and placement.visited_on
            and placement.visited_on < cutoff
        )
        placement.visit_days = (today - placement.visited_on).days if long else None
    return placements


# ---------------------------------------------------------------- placing someone


def placement_gaps(user, person: Person) -> list[str]:
    """What the national process expects before a placement and the person does not have yet, in the
    user's scope: "case" (no open case), "assessment", "plan" (no approved plan). A warning to the worker,
    never a refusal: a 見学 may come before the plan."""
    case = (
        visible_cases(user).filter(person=person, status__in=OPEN_STATUSES).order_by("-intake_date").first()
    )
    if case is None:
        return ["case"]
    gaps = []
    if not Assessment.objects.filter(case=case).exists():
        gaps.append("assessment")
    if not case.plans.filter(status=PlanStatus.APPROVED).exists():
        gaps.append("plan")
    return gaps


# What a placement's line shows (programs/_placement_line.html), and all the case page reads of it.
PLACEMENT_LINE_FIELDS = ("status", "host__program__name", "host__organisation__name")


def placements_on_case_page(user, person: Person) -> list[Placement]:
    """The person's placements with their attendance and the hosts' evaluations, for the case page: one query
    (two when a host has evaluated one of them).

    Scope is checked on the person alone (an EXISTS on the user's cases of the person, which the database
    evaluates once) rather than through visible_placements' subquery over every person the user may see."""
    if not user.role_codes & CASEWORK_ROLES:
        return []
    placements = list(
        with_attendance_rate(
            Placement.objects.filter(Exists(visible_cases(user).filter(person=person)), person=person)
        )
        .annotate(evaluated=Exists(PlacementEvaluation.objects.filter(placement=OuterRef("pk"))))
        .select_related("host__program", "host__organisation")
        .only(*PLACEMENT_LINE_FIELDS)
        .order_by("-created_at")
    )
    if any(p.evaluated for p in placements):
        evaluations = PlacementEvaluation.objects.select_related("evaluator")
    else:  # an empty queryset fills each placement's cache without asking the database
        evaluations = PlacementEvaluation.objects.none().order_by()
    prefetch_related_objects(placements, Prefetch("evaluations", evaluations))
    return placements


# ---------------------------------------------------------------- partner portal


def partner_placements(user) -> QuerySet[Placement]:
    """The people placed with the partner's own organisation, open placements only."""
    if not user.has_role(Role.PARTNER_STAFF):
        return Placement.objects.none()
    return (
        Placement.objects.filter(host__organisation_id=user.organisation_id, status__in=ATTENDING_STATUSES)
        .select_related("person", "host__program")
        .order_by("host__program__name", "person__reading_key")
    )


def upcoming_sessions(user, *, days_back: int = 7, days_ahead: int = 14) -> QuerySet[Session]:
    today = timezone.localdate()
    return (
        visible_sessions(user)
        .filter(date__range=(today - dt.timedelta(days=days_back), today + dt.timedelta(days=days_ahead)))
        .select_related("host__program", "host__organisation")
        # Counted per session in a subquery (a join cost 170 ms at 100,000 people, against a few ms).
        .annotate(recorded=count_per_row(Attendance.objects.all(), "session"))
        .order_by("date", "start_time")
    )


# ---------------------------------------------------------------- attendance rates


def with_attendance_rate(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """Annotate sessions recorded and sessions attended (出席・遅刻・早退) per placement."""
    return placements.annotate(
        sessions_recorded=Count("attendances"),
        sessions_attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED_STATUSES)),
    )


def rate(attended: int, recorded: int) -> int | None:
    """A whole percentage, halves rounded up as people expect (1 of 8 is 13%), None when nothing is recorded."""
    return (200 * attended + recorded) // (2 * recorded) if recorded else None


def attendance_rate(placement: Placement) -> int | None:
    """One placement's attendance rate (one aggregate query)."""
    counted = with_attendance_rate(Placement.objects.filter(pk=placement.pk)).get()
    return rate(counted.sessions_attended, counted.sessions_recorded)


# ---------------------------------------------------------------- a person's ladder


@dataclass
class LadderStep:
    stage: str
    label: str
    since: dt.date | None
    until: dt.date | None
    reason: str = ""
    placements: list[Placement] = field(default_factory=list)


def person_ladder(user, person: Person) -> tuple[list[LadderStep], list[Placement]]:
    """The person's stages over time, each with the placements that began while they stood on it."""
    placements = list(
        with_attendance_rate(visible_placements(user).filter(person=person))
        .select_related("host__program", "host__organisation")
        .prefetch_related("evaluations")
        .order_by("created_at")
    )
    changes = list(person.stage_changes.order_by("changed_on", "id"))
    labels = dict(Stage.choices)
    steps = [
        LadderStep(
            c.stage,
            labels.get(c.stage, c.stage),
            c.changed_on,
            changes[i + 1].changed_on if i + 1 < len(changes) else None,
            c.reason,
        )
        for i, c in enumerate(changes)
    ]
    unplaced = []
    for placement in placements:
        begun = min(
            filter(
                None,
                [placement.waiting_since, placement.visited_on, placement.trial_from, placement.started_on],
            ),
            default=None,
        )
        step = next((s for s in reversed(steps) if begun and s.since and s.since <= begun), None)
        (step.placements if step else unplaced).append(placement)
    return steps, unplaced


# ---------------------------------------------------------------- the overview (全体概況)


@dataclass
class HostCounts:
    host: ProgramHost
    placed: int
    waiting: int
    finished_this_year: int
    long_visits: int = 0  # people still at 見学 past settings.PROGRAMS_LONG_VISIT_DAYS


@dataclass
class ProgramRow:
    program: Program
    hosts: list[HostCounts]

    @property
    def placed(self) -> int:
        return sum(h.placed for h in self.hosts)

    @property
    def waiting(self) -> int:
        return sum(h.waiting for h in self.hosts)

    @property
    def finished_this_year(self) -> int:
        return sum(h.finished_this_year for h in self.hosts)


@dataclass
class StageColumn:
    stage: str
    label: str
    programs: list[ProgramRow]


OVERVIEW_COUNTS_SECONDS = 60
OVERVIEW_VERSION_KEY = "programs:overview-version"


def overview_version() -> int:
    """The version of the overview's counts in the shared cache (tsunagu/core/cacheversion.py)."""
    return current_version(OVERVIEW_VERSION_KEY)


def forget_overview_counts() -> None:
    """Make every worker's next overview count afresh (called once the change is committed)."""
    bump_version(OVERVIEW_VERSION_KEY)


def forget_overview_counts_on_commit() -> None:
    """For every service that changes what the overview counts (placements and their steps, hosts,
    programs; people's stage changes and organisations' names through their own signals)."""
    bump_version_on_commit(OVERVIEW_VERSION_KEY)


def host_counts(today: dt.date, year_start: dt.date) -> dict[int, tuple[int, int, int, int]]:
    """People placed, waiting, finished this year and visiting too long per host: one aggregate over every placement
    (hundreds of milliseconds at a million people), so kept for a minute in the shared cache under the
    current version: a committed placement write shows at once in every worker reading that cache."""
    cutoff = long_visit_cutoff(today)
    key = f"programs:overview-counts:{overview_version()}:{today.isoformat()}:{cutoff.isoformat()}"
    counts = cache.get(key)
    if counts is not None:
        return counts

    def people(condition: Q) -> Count:
        return Count("placements__person", filter=condition, distinct=True)

    rows = (
        ProgramHost.objects.filter(program__in=active_programs(today).values("pk"))
        .annotate(
            placed=people(Q(placements__status__in=ATTENDING_STATUSES)),
            waiting=people(Q(placements__status=PlacementStatus.WAITING)),
            finished=people(
                Q(
                    placements__status=PlacementStatus.COMPLETED,
                    placements__completed_on__range=(year_start, today),
                )
            ),
            long_visits=people(
                Q(placements__status=PlacementStatus.VISIT, placements__visited_on__lt=cutoff)
            ),
        )
        .values_list("pk", "placed", "waiting", "finished", "long_visits")
    )
    counts = {pk: tuple(numbers) for pk, *numbers in rows}
    cache.set(key, counts, OVERVIEW_COUNTS_SECONDS)
    return counts


def overview(*, today: dt.date | None = None, on: dt.date | None = None) -> list[StageColumn]:
    """The seed's 全体概況, live: three stage columns (and one for cross-stage programs), each program on
    offer with its hosts (a program without a host yet is shown too) and the people placed (見学・体験・参加),
    waiting and finished (修了) this fiscal year up to today. Two queries in all, whatever the number of
    programs. Given a day `on`, the report as of that day: the programs on offer then, and the counts read
    from the placements' dates (selectors_ladder.host_counts_on), not their current status."""
    today = on or today or timezone.localdate()
    year_start = fiscal_year_start(today)
    # Only what the overview and its drill-down show.
    programs = active_programs(today).only("name", "stage", "category").order_by("sort_order", "name")
    rows: dict[int, ProgramRow] = {program.pk: ProgramRow(program, []) for program in programs}

    counts = host_counts_on(today, year_start, list(rows)) if on else host_counts(today, year_start)
    hosts = (
        ProgramHost.objects.filter(program__in=list(rows))
        .select_related("organisation")
        .only("program", "capacity", "organisation__name")
        .order_by("organisation__name", "pk")
    )
    for host in hosts:
        row = rows[host.program_id]
        host.program = row.program  # already read: no query per host
        row.hosts.append(HostCounts(host, *counts.get(host.pk, (0, 0, 0, 0))))
    columns = [StageColumn(code, str(label), []) for code, label in Stage.choices]
    columns.append(StageColumn("", "", []))
    by_stage = {c.stage: c for c in columns}
    for row in rows.values():
        by_stage.get(row.program.stage, by_stage[""]).programs.append(row)
    return columns


def stage_transitions(date_from: dt.date, date_to: dt.date) -> dict[tuple[str, str], int]:
    """How many moved from each stage to each other stage in the period (one aggregate query);
    the first stage given to a person counts as a move from "" (not yet on the ladder). An aggregate over
    the period's stage changes, so kept for a minute like host_counts (a committed stage change shows at
    once)."""
    key = f"programs:overview-transitions:{overview_version()}:{date_from.isoformat()}:{date_to.isoformat()}"
    counts = cache.get(key)
    if counts is not None:
        return counts
    rows = (
        StageChange.objects.filter(changed_on__range=(date_from, date_to))
        .values_list("previous_stage", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(previous, stage): n for previous, stage, n in rows}
    cache.set(key, counts, OVERVIEW_COUNTS_SECONDS)
    return counts


def host_people(user, host: ProgramHost) -> QuerySet[Placement]:
    """The drill-down from the overview: the host's open placements the user may see (flag_long_visits
    marks those visiting too long)."""
    return (
        visible_placements(user)
        .filter(host=host, status__in=OPEN_PLACEMENT_STATUSES)
        .select_related("person", "worker")
        .order_by("status", "person__reading_key")
    )
