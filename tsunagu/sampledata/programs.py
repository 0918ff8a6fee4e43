"""Demo placements: people of the demo caseload taking part in the seed's programs, with sessions,
roll-calls and host evaluations over the last weeks, so the overview and the partner portal show life."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import Case, CaseStatus, PlanStatus
from tsunagu.programs import selectors, services
from tsunagu.programs.models import AttendanceStatus, Placement, PlacementStatus, ProgramHost
from tsunagu.sampledata.organisations import ZOO_ASSOCIATION

SESSION_WEEKS = 6
ABSENCE_REASONS = ("体調不良", "通院のため", "家庭の事情", "連絡なし", "寝坊")
HOST_COMMENTS = (
    "挨拶が自然にできるようになってきました。",
    "作業に集中して取り組んでいます。休憩の取り方が課題です。",
    "時間どおりに来られる日が増えました。",
    "他の参加者と声をかけ合って作業できています。",
    "指示を一度で理解できることが増えました。",
)


def _hosts_by_stage() -> dict[str, list[ProgramHost]]:
    hosts: dict[str, list[ProgramHost]] = {}
    for host in ProgramHost.objects.select_related("program", "organisation").filter(
        program__active_until__isnull=True
    ):
        if host.program.by_appointment or not host.program.weekdays:
            continue  # sessions of by-appointment programs are not generated
        hosts.setdefault(host.program.stage, []).append(host)
    return hosts


def _place(rnd: random.Random, case: Case, host: ProgramHost, today: dt.date) -> Placement | None:
    """A placement that began a few weeks ago at a visit and usually went on to taking part."""
    plan = next((p for p in case.plans.all() if p.status == PlanStatus.APPROVED), None)
    begun = max(today - dt.timedelta(days=rnd.randint(20, 150)), case.intake_date, host.program.active_from)
    placement = services.place_person(
        actor=case.worker, person=case.person, host=host, status=PlacementStatus.VISIT, on=begun,
        case=case, plan=plan, plan_support=host.program.name,
    )  # fmt: skip
    if rnd.random() < 0.85:
        started = max(
            min(begun + dt.timedelta(days=rnd.randint(3, 14)), today - dt.timedelta(weeks=SESSION_WEEKS)),
            begun,
        )
        # When the host is full the person stays at the visit, as a worker would leave it.
        with contextlib.suppress(services.HostFull):
            placement = services.advance_placement(
                actor=case.worker,
                placement=placement,
                status=PlacementStatus.ACTIVE,
                on=started,
                edit_version=placement.edit_version,
            )
        # Some finished before the weeks of sessions, so the overview has this year's completions.
        finished = started + dt.timedelta(days=rnd.randint(10, 30))
        cutoff = today - dt.timedelta(weeks=SESSION_WEEKS)
        if placement.status == PlacementStatus.ACTIVE and finished < cutoff and rnd.random() < 0.3:
            placement = services.advance_placement(
                actor=case.worker,
                placement=placement,
                status=PlacementStatus.COMPLETED,
                on=finished,
                edit_version=placement.edit_version,
            )
    return placement


def _roll_calls(rnd: random.Random, host: ProgramHost, actor: User, today: dt.date) -> None:
    sessions = services.generate_sessions(
        actor=actor,
        host=host,
        date_from=today - dt.timedelta(weeks=SESSION_WEEKS),
        date_to=today + dt.timedelta(weeks=2),
    )
    start, end = host.program.start_time, host.program.end_time
    length = (
        Decimal(str(round(((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) / 60, 2)))
        if start and end
        else Decimal(3)
    )
    for session in sessions:
        if session.date >= today:
            continue
        # Each worker takes the roll-call of their own office's people (a worker records no one else's).
        placements = list(selectors.expected_at(session).select_related("worker"))
        entries: dict[int, list[services.RollCallEntry]] = {}
        for placement in placements:
            worker_entries = entries.setdefault(placement.worker_id, [])
            roll = rnd.random()
            if roll < 0.78:
                worker_entries.append(services.RollCallEntry(placement.pk, AttendanceStatus.PRESENT, length))
            elif roll < 0.86:
                worker_entries.append(
                    services.RollCallEntry(placement.pk, AttendanceStatus.LATE, length - Decimal("0.5"))
                )
            elif roll < 0.9:
                worker_entries.append(
                    services.RollCallEntry(placement.pk, AttendanceStatus.LEFT_EARLY, length - Decimal(1))
                )
            else:
                reason = rnd.choice(ABSENCE_REASONS)
                worker_entries.append(
                    services.RollCallEntry(placement.pk, AttendanceStatus.ABSENT, Decimal(0), reason)
                )
        workers = {p.worker_id: p.worker for p in placements}
        for worker_id, worker_entries in entries.items():
            services.record_roll_call(actor=workers[worker_id], session=session, entries=worker_entries)


def _evaluate(rnd: random.Random, placement: Placement, evaluator: User, today: dt.date) -> None:
    scores = {
        code: rnd.randint(2, 4)
        for code in ("greeting", "punctuality", "concentration", "cooperation", "understanding")
    }
    services.evaluate_placement(
        actor=evaluator, placement=placement, evaluated_on=today - dt.timedelta(days=rnd.randint(1, 10)),
        scores=scores, comment=rnd.choice(HOST_COMMENTS),
    )  # fmt: skip


def load_placements(*, seed: int = 20261128, share: float = 0.45) -> int:
    """Place a share of the people in support on the social-life and employment stages; the zoo always
    gets a few so that the demo partner login (zoo) has people to take the roll-call for."""
    rnd = random.Random(seed)
    today = timezone.localdate()
    hosts = _hosts_by_stage()
    cases = list(
        Case.objects.filter(
            status=CaseStatus.SUPPORT, person__current_stage__in=["daily_life", "social_life", "employment"]
        )
        .select_related("person", "worker")
        .prefetch_related("plans")
        .order_by("pk")
    )
    zoo = [h for h in hosts.get("social_life", []) if h.organisation.name == ZOO_ASSOCIATION]
    placed: list[Placement] = []
    at_zoo = 0
    for case in cases:
        if zoo and at_zoo < 4 and case.person.current_stage == "social_life":
            host, at_zoo = zoo[0], at_zoo + 1
        elif rnd.random() < share and hosts.get(case.person.current_stage):
            host = rnd.choice(hosts[case.person.current_stage])
        else:
            continue
        placement = _place(rnd, case, host, today)
        if placement:
            placed.append(placement)
    runner = User.objects.filter(username="shuro").first()
    if runner is None or not placed:
        return len(placed)
    for host in {p.host for p in placed if p.status != PlacementStatus.WAITING}:
        _roll_calls(rnd, host, runner, today)
    partner = User.objects.filter(username="zoo").first()
    for placement in placed:
        if placement.status == PlacementStatus.ACTIVE and rnd.random() < 0.5:
            evaluator = (
                partner if partner and placement.host.organisation_id == partner.organisation_id else runner
            )
            _evaluate(rnd, placement, evaluator, today)
    return len(placed)
