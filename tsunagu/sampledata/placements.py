"""The placements chapter: people in support taking part in the programs (見学 → 体験 → 参加 → 修了, or 中断),
the roll-calls of the sessions they attend and the hosts' evaluations.

As every chapter (stories.Chapter), it has three parts: the teller, which adds the placements to a
person's story after their cases (the rules: who is placed where and when, how a placement ends, who
attends which session), and the demo's and the bench's writers. The demo writes through the programs
services and only the last weeks of roll-calls; the bench writes every session as bulk rows.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tsunagu.programs import services
from tsunagu.programs.models import (
    EVALUATION_ITEMS,
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    ProgramHost,
    Session,
    shared_absence,
)
from tsunagu.sampledata.stories import (
    CaseStory,
    Chapter,
    Day,
    Host,
    PersonStory,
    Pick,
    Plan,
    Storyteller,
)
from tsunagu.sampledata.tables import (
    ABSENCES,
    ATTENDANCE,
    DAILY,
    EVALUATION_SCORES,
    HOST_COMMENTS,
    INTERRUPTIONS,
    LADDER,
    OPEN,
    PARTNER_HOST,
    PARTNER_HOST_PEOPLE,
    PLACEMENTS_CLOSED_CASE,
    PLACEMENTS_OPEN_CASE,
    SESSIONS_ATTENDED,
    SOCIAL,
    S,
)

NAME = "placements"
STILL_GOING = (PlacementStatus.ACTIVE, PlacementStatus.TRIAL, PlacementStatus.VISIT)
Outcome = tuple[str, str, str, str]  # (attendance status, absence category, the hub's note, hours as "2.50")


@dataclass(slots=True, eq=False)
class PlacementStory:
    case: CaseStory
    plan: Plan  # the plan whose support it fulfils
    host: Host
    worker: int
    status: str
    steps: list[tuple[str, Day]]  # (status, day): the first places the person, each next one advances
    reason: str = ""  # why it stopped
    attendance: list[tuple[Day, Outcome]] = field(default_factory=list)
    evaluation: tuple[Day, dict[str, int], str] | None = None  # the host's: (day, scores, comment)
    ref: Any = None

    @property
    def recorder(self) -> int:
        """Who takes the person's roll-calls and evaluates them: the host's partner staff, or the worker."""
        return self.host.recorder or self.worker


# ---------------------------------------------------------------- the teller


class Teller:
    """About 0.5 placements per person, on cases with an approved plan, at distinct hosts of the person's
    stage, dated within the case's support."""

    def __init__(self, teller: Storyteller) -> None:
        self.t = teller
        hosts = teller.cast.hosts
        self.hosts = {stage: [h for h in hosts if h.stage in (stage, "")] or list(hosts) for stage in LADDER}
        self.outcomes = {host.id: _Outcomes(host) for host in hosts}
        self.open_pick, self.closed_pick = Pick(PLACEMENTS_OPEN_CASE), Pick(PLACEMENTS_CLOSED_CASE)
        shares = teller.shares
        placed = (
            shares[S.SUPPORT] + shares[S.CLOSURE_PENDING] + shares[S.CLOSED] * 0.9
        )  # who has an approved plan
        self.one = 0.15 + max(0.0, min(0.85, 0.5 / max(placed, 0.1) - 0.3))
        self.partner = next((h for h in hosts if h.organisation == PARTNER_HOST and h.stage == SOCIAL), None)
        self.partner_left = PARTNER_HOST_PEOPLE if self.partner else 0
        days = teller.profile.attendance_days
        self.attendance_from = teller.latest - days + 1 if days else 0

    def __call__(self, person: PersonStory) -> None:
        supported = [(case, plan) for case in person.cases for plan in case.plans[:1] if plan.approved]
        if not supported or not any(self.hosts.values()):
            return
        rnd = self.t.rnd
        x = rnd()
        count = 2 if x < 0.15 else 1 if x < self.one else 0
        placements: list[PlacementStory] = []
        used: set[int] = set()
        if self.partner_left:
            # The demo partner login's host always has a few people taking part now.
            case, plan = supported[-1]
            if case.status in OPEN and person.stage_on(case.end) == SOCIAL:
                self.partner_left -= 1
                used.add(self.partner.id)
                placements.append(self.place(case, plan, self.partner, PlacementStatus.ACTIVE))
                count = max(0, count - 1)
        for _ in range(count):
            case, plan = supported[int(rnd() * len(supported))]
            stage = person.stage_on(case.end) or DAILY
            candidates = [h for h in self.hosts[stage] if h.id not in used]
            if not candidates:
                break
            host = candidates[int(rnd() * len(candidates))]
            used.add(host.id)
            status = (self.open_pick if case.status in OPEN else self.closed_pick)(rnd)
            placements.append(self.place(case, plan, host, status))
        if placements:
            person.chapters[NAME] = placements

    def place(self, case: CaseStory, plan: Plan, host: Host, status: str) -> PlacementStory:
        t = self.t
        rnd, approved, end = t.rnd, plan.approved, case.end
        low, high = SESSIONS_ATTENDED[status]
        wanted = low + int(rnd() * (high - low + 1))
        days = host.days
        lo, hi = bisect_left(days, approved + 1), bisect_right(days, end)  # days[lo:hi]: within the support
        if status in STILL_GOING:
            first = max(lo, hi - wanted)  # still going: the sessions attended run up to now
        else:
            first = lo + int(rnd() * max(0, hi - lo - wanted + 1))
        attended = days[first : min(hi, first + wanted)] if wanted else ()
        start = attended[0] if attended else t.between(min(approved + 1, end), end)
        story = PlacementStory(case, plan, host, case.worker, status, [])
        steps = story.steps
        if status == PlacementStatus.WAITING:
            steps.append((status, t.between(max(approved + 1, t.latest - 60), t.latest)))
        elif status in (PlacementStatus.VISIT, PlacementStatus.TRIAL):
            steps.append((status, start))
        else:
            if rnd() < 0.5:
                steps.append((PlacementStatus.VISIT, max(approved, start - 7 - int(rnd() * 14))))
            if len(attended) > 6 and rnd() < 0.5:
                steps += [(PlacementStatus.TRIAL, start), (PlacementStatus.ACTIVE, attended[3])]
            else:
                steps.append((PlacementStatus.ACTIVE, start))
            last = attended[-1] if attended else start
            if status == PlacementStatus.COMPLETED:
                steps.append((status, last))
            elif status == PlacementStatus.INTERRUPTED:
                steps.append((status, min(last + int(rnd() * 10), end)))
                story.reason = t.choice(INTERRUPTIONS)
        if attended and attended[-1] >= self.attendance_from:
            recent = (
                attended[bisect_left(attended, self.attendance_from) :] if self.attendance_from else attended
            )
            story.attendance = self.outcomes[host.id].draw(recent, rnd)
        if status == PlacementStatus.ACTIVE and rnd() < 0.5:
            scores = {code: t.days(*EVALUATION_SCORES) for code, _label in EVALUATION_ITEMS}
            story.evaluation = (
                max(steps[0][1], t.between(t.latest - 9, t.latest)),
                scores,
                t.choice(HOST_COMMENTS),
            )
        return story


class _Outcomes:
    """The roll-call entries of a host's sessions, drawn as tables.ATTENDANCE weighs them: late costs half an
    hour, leaving early an hour, the absent have no hours and a reason. A million people attend 30 sessions
    each, so the draw is a chain of comparisons on one random number."""

    def __init__(self, host: Host) -> None:
        weights = dict(ATTENDANCE)
        total = sum(weights.values())
        self.present = weights[AttendanceStatus.PRESENT] / total
        self.late = self.present + weights[AttendanceStatus.LATE] / total
        self.early = self.late + weights[AttendanceStatus.LEFT_EARLY] / total
        hours = host.hours
        self.entries = (
            (AttendanceStatus.PRESENT, "", "", f"{hours:.2f}"),
            (AttendanceStatus.LATE, "", "", f"{max(hours - 0.5, 0.25):.2f}"),
            (AttendanceStatus.LEFT_EARLY, "", "", f"{max(hours - 1, 0.25):.2f}"),
        )
        # The host's own staff record only whether the absence was notified, never the reason or a note.
        self.absences = tuple(
            (AttendanceStatus.ABSENT, shared_absence(category), "", "0.00")
            if host.recorder
            else (AttendanceStatus.ABSENT, category, note, "0.00")
            for category, note in ABSENCES
        )

    def draw(self, days: Sequence[Day], rnd: Callable[[], float]) -> list[tuple[Day, Outcome]]:
        present, late, early = self.present, self.late, self.early
        on_time, came_late, left_early = self.entries
        absences = self.absences
        return [
            (day, on_time if (x := rnd()) < present else came_late if x < late else left_early if x < early
             else absences[int(rnd() * len(absences))])
            for day in days
        ]  # fmt: skip


# ---------------------------------------------------------------- the demo's writer


class DemoWriter:
    """Through the programs services: place, advance (a host found full keeps the person where they were,
    as a worker would), evaluate; then the sessions of the recent weeks and their roll-calls."""

    def __init__(self, writer: Any) -> None:
        self.w = writer
        self.hosts = ProgramHost.objects.select_related("program", "organisation").in_bulk()
        self.rolls: dict[tuple[int, Day], dict[int, list[services.RollCallEntry]]] = {}
        self.runners: dict[int, int] = {}  # host id → someone who may generate its sessions

    def start(self) -> None:
        pass

    def write(self, person: PersonStory) -> None:
        w = self.w
        for story in person.chapters.get(NAME, ()):
            host, actor = self.hosts[story.host.id], w.user(story.worker)
            (status, day), *later = story.steps
            try:
                story.ref = services.place_person(
                    actor=actor, person=person.ref, host=host, status=status, on=w.date(day),
                    case=story.case.ref, plan=story.plan.ref, plan_support=story.host.name,
                )  # fmt: skip
                for status, day in later:
                    story.ref = services.advance_placement(
                        actor=actor, placement=story.ref, status=status, on=w.date(day),
                        edit_version=story.ref.edit_version, reason=story.reason,
                    )  # fmt: skip
            except services.HostFull:
                if story.ref is None:  # no free place at the first step: the person waits for one
                    story.ref = services.place_person(
                        actor=actor, person=person.ref, host=host, status=PlacementStatus.WAITING,
                        on=w.date(day), case=story.case.ref, plan=story.plan.ref, plan_support=story.host.name,
                    )  # fmt: skip
                continue  # it stays where it was; its roll-calls would not match where the person stands
            placement = story.ref
            self.runners.setdefault(host.pk, story.worker)
            for day, (status, category, note, hours) in story.attendance:
                entries = self.rolls.setdefault((host.pk, day), {}).setdefault(story.recorder, [])
                entries.append(services.RollCallEntry(placement.pk, status, Decimal(hours), note, category))
            if story.evaluation:
                evaluated, scores, comment = story.evaluation
                services.evaluate_placement(
                    actor=w.user(story.recorder), placement=placement, evaluated_on=w.date(evaluated),
                    scores=scores, comment=comment,
                )  # fmt: skip

    def finish(self) -> None:
        """The sessions of the recent weeks and the next two, and the roll-calls of those past, each taken by
        the recorder of the people it lists (a worker records only their own office's people)."""
        w = self.w
        days = w.profile.attendance_days or 0
        date_from, date_to = w.today - dt.timedelta(days=days), w.today + dt.timedelta(weeks=2)
        sessions: dict[tuple[int, dt.date], Session] = {}
        for host_id, runner in sorted(self.runners.items()):
            host = self.hosts[host_id]
            services.generate_sessions(actor=w.user(runner), host=host, date_from=date_from, date_to=date_to)
            for session in Session.objects.filter(host=host, date__range=(date_from, date_to)):
                sessions[(host_id, session.date)] = session
        for (host_id, day), by_recorder in sorted(self.rolls.items()):
            session = sessions.get((host_id, w.date(day)))
            for recorder, entries in by_recorder.items():
                if session is not None:
                    services.record_roll_call(actor=w.user(recorder), session=session, entries=entries)


# ---------------------------------------------------------------- the bench's writer

PLACEMENT_COLUMNS = (
    "id", "person_id", "host_id", "case_id", "plan_id", "plan_support", "worker_id", "status", "waiting_since",
    "visited_on", "trial_from", "started_on", "completed_on", "interrupted_on", "interruption_reason",
    "created_at", "updated_at", "edit_version",
)  # fmt: skip
SESSION_COLUMNS = ("id", "host_id", "date", "start_time", "end_time", "note", "created_at")
ATTENDANCE_COLUMNS = (
    "id", "session_id", "placement_id", "status", "absence_reason", "hours", "recorded_by_id", "recorded_at",
    "absence_category",
)  # fmt: skip
EVALUATION_COLUMNS = (
    "id", "placement_id", "evaluated_on", "evaluator_id", *(code for code, _label in EVALUATION_ITEMS), "comment",
    "created_at",
)  # fmt: skip
STEP_COLUMN = {status: PLACEMENT_COLUMNS.index(column) for status, column in services.STEP_DATE_FIELD.items()}


class BulkWriter:
    """Rows of placements, their sessions (shared by a host's placements: (host, day) → id) and attendance,
    and the hosts' evaluations."""

    def __init__(self, writer: Any) -> None:
        self.w = writer
        self.placements, self.sessions = writer.t["placements"], writer.t["sessions"]
        self.attendance, self.evaluations = writer.t["attendance"], writer.t["placement evaluations"]
        self.times = {
            host.pk: tuple(
                t.isoformat() if t else None for t in (host.program.start_time, host.program.end_time)
            )
            for host in ProgramHost.objects.select_related("program")
        }
        self.session_ids: dict[int, int] = {}

    def start(self) -> None:
        """Sessions already there (a run with --force) are shared, never made twice."""
        first = dt.date.fromordinal(self.w.teller.first)
        for host_id, day, start, session_id in Session.objects.filter(date__gte=first).values_list(
            "host_id", "date", "start_time", "id"
        ):
            if (start.isoformat() if start else None) == self.times[host_id][0]:
                self.session_ids[host_id * 1_000_000 + day.toordinal()] = session_id

    def write(self, person: PersonStory) -> None:
        w = self.w
        ds, base, moment = w.ds, w.base, w.moment
        table = self.placements
        for story in person.chapters.get(NAME, ()):
            placement_id = table.next_id
            table.next_id += 1
            row: list[Any] = [
                placement_id, person.ref, story.host.id, story.case.ref, story.plan.ref, story.host.name,
                story.worker, story.status, None, None, None, None, None, None, story.reason,
                moment(story.steps[0][1], placement_id), moment(story.steps[-1][1], placement_id + 1), 1,
            ]  # fmt: skip
            for status, day in story.steps:
                row[STEP_COLUMN[status]] = ds[day - base]
            table.rows.append(tuple(row))
            if story.attendance:
                self.roll_calls(placement_id, story)
            if story.evaluation:
                evaluated, scores, comment = story.evaluation
                evaluations = self.evaluations
                evaluations.rows.append((
                    evaluations.next_id, placement_id, ds[evaluated - base], story.recorder, *scores.values(), comment,
                    moment(evaluated, evaluations.next_id),
                ))  # fmt: skip
                evaluations.next_id += 1

    def roll_calls(self, placement_id: int, story: PlacementStory) -> None:
        w = self.w
        sessions, session_table = self.session_ids, self.sessions
        rows, attendance_id = self.attendance.rows, self.attendance.next_id
        host_id, recorder = story.host.id, story.recorder
        host_key = host_id * 1_000_000
        start, end = self.times[host_id]
        ds, base = w.ds, w.base
        opening, closing = w.moments[0], w.moments[-1]
        for day, (status, category, note, hours) in story.attendance:
            date = ds[day - base]
            session_id = sessions.get(host_key + day)
            if session_id is None:
                session_id = sessions[host_key + day] = session_table.next_id
                session_table.next_id += 1
                session_table.rows.append((session_id, host_id, date, start, end, "", date + opening))
            rows.append(
                (
                    attendance_id,
                    session_id,
                    placement_id,
                    status,
                    note,
                    hours,
                    recorder,
                    date + closing,
                    category,
                )
            )
            attendance_id += 1
        self.attendance.next_id = attendance_id

    def finish(self) -> None:
        pass


CHAPTER = Chapter(
    name=NAME,
    teller=Teller,
    demo=DemoWriter,
    bulk=BulkWriter,
    tables=(
        ("placements", Placement, PLACEMENT_COLUMNS, 0.5),
        ("sessions", Session, SESSION_COLUMNS, 0),
        ("attendance", Attendance, ATTENDANCE_COLUMNS, 28.0),
        ("placement evaluations", PlacementEvaluation, EVALUATION_COLUMNS, 0.08),
    ),
)
