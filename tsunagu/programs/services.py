"""Every write to the program ladder: keyword-only functions, one transaction, one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import jpholiday
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Person
from tsunagu.programs.models import (
    ATTENDING_STATUSES,
    EVALUATION_ITEMS,
    OCCUPYING_STATUSES,
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    Program,
    ProgramHost,
    Session,
)

PROGRAM_FIELDS = (
    "name", "stage", "category", "description", "place", "weekdays", "start_time", "end_time",
    "by_appointment", "eligibility", "contract", "active_from", "active_until", "sort_order",
)  # fmt: skip


def _require_role(actor, *roles: str) -> None:
    if not (actor.role_codes & set(roles)):
        raise PermissionDenied


def _require_casework(actor) -> None:
    _require_role(actor, *CASEWORK_ROLES)


# ---------------------------------------------------------------- the catalog


@transaction.atomic
def save_program(*, actor, program: Program | None = None, request=None, **fields: Any) -> Program:
    """Create or change a program of the catalog (administrators)."""
    _require_role(actor, Role.ADMINISTRATOR)
    creating = program is None
    program = program or Program()
    for name in PROGRAM_FIELDS:
        if name in fields:
            setattr(program, name, fields[name])
    if any(day not in range(7) for day in program.weekdays):
        raise ValidationError({"weekdays": _("Unknown weekday.")})
    program.weekdays = sorted(set(program.weekdays))
    program.full_clean()
    program._history_user = actor
    program.save()
    record_event(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        request=request,
        actor=actor,
        target=program,
    )
    return program


@transaction.atomic
def end_program(*, actor, program: Program, last_day: dt.date, request=None) -> Program:
    """A program no longer offered is ended, never deleted: its placements and attendance stay."""
    return save_program(actor=actor, program=program, active_until=last_day, request=request)


@transaction.atomic
def add_host(
    *, actor, program: Program, organisation: Organisation, capacity: int | None, place: str = "", note: str = "",
    request=None,
) -> ProgramHost:  # fmt: skip
    _require_role(actor, Role.ADMINISTRATOR)
    host = ProgramHost(program=program, organisation=organisation, capacity=capacity, place=place, note=note)
    host.full_clean()
    host.save()
    record_event(action=AuditAction.CREATE, request=request, actor=actor, target=host)
    return host


# ---------------------------------------------------------------- placements


class HostFull(ValidationError):
    """The host has no free place; the caller may offer the waiting list instead."""


def free_places(host: ProgramHost) -> int | None:
    if host.capacity is None:
        return None
    taken = host.placements.filter(status__in=OCCUPYING_STATUSES).count()
    return max(host.capacity - taken, 0)


def _check_capacity(host: ProgramHost, placement: Placement | None = None) -> None:
    # Lock the host row so that two workers cannot both take its last place.
    ProgramHost.objects.select_for_update().filter(pk=host.pk).first()
    if placement is not None and placement.status in OCCUPYING_STATUSES:
        return  # already holds a place
    remaining = free_places(host)
    if remaining is not None and remaining <= 0:
        raise HostFull(
            _(
                "%(host)s has no free place (capacity %(capacity)s). Put the person on the waiting list instead."
            )
            % {"host": host, "capacity": host.capacity}
        )


def _check_step_date(placement: Placement | None, on: dt.date) -> None:
    if on > timezone.localdate():
        raise ValidationError({"on": _("A step cannot be dated in the future.")})
    if placement is not None and placement.last_step_on and on < placement.last_step_on:
        raise ValidationError({"on": _("A step cannot be dated before the previous one.")})


STEP_DATE_FIELD = {
    PlacementStatus.WAITING: "waiting_since",
    PlacementStatus.VISIT: "visited_on",
    PlacementStatus.TRIAL: "trial_from",
    PlacementStatus.ACTIVE: "started_on",
    PlacementStatus.COMPLETED: "completed_on",
    PlacementStatus.INTERRUPTED: "interrupted_on",
}

# Where a placement may go next (a ladder, so people may also skip the visit or the trial).
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    PlacementStatus.WAITING: (
        PlacementStatus.VISIT,
        PlacementStatus.TRIAL,
        PlacementStatus.ACTIVE,
        PlacementStatus.INTERRUPTED,
    ),
    PlacementStatus.VISIT: (PlacementStatus.TRIAL, PlacementStatus.ACTIVE, PlacementStatus.INTERRUPTED),
    PlacementStatus.TRIAL: (PlacementStatus.ACTIVE, PlacementStatus.INTERRUPTED),
    PlacementStatus.ACTIVE: (PlacementStatus.COMPLETED, PlacementStatus.INTERRUPTED),
    PlacementStatus.COMPLETED: (),
    PlacementStatus.INTERRUPTED: (),
}


@transaction.atomic
def place_person(
    *, actor, person: Person, host: ProgramHost, status: str, on: dt.date, case=None, plan=None,
    plan_support: str = "", request=None,
) -> Placement:  # fmt: skip
    """Start a placement at any first step (見学, 体験, 参加) or on the waiting list."""
    _require_casework(actor)
    if status not in (PlacementStatus.WAITING, PlacementStatus.VISIT, *OCCUPYING_STATUSES):
        raise ValidationError(
            {"status": _("A placement starts with a visit, a trial, taking part or the waiting list.")}
        )
    if not host.program.is_active_on(on):
        raise ValidationError({"host": _("The program is not offered on that date.")})
    _check_step_date(None, on)
    if plan is not None and case is not None and plan.case_id != case.pk:
        raise ValidationError({"plan": _("The plan belongs to another case.")})
    if status in OCCUPYING_STATUSES:
        _check_capacity(host)
    placement = Placement(
        person=person, host=host, case=case, plan=plan, plan_support=plan_support, worker=actor, status=status,
        **{STEP_DATE_FIELD[status]: on},
    )  # fmt: skip
    placement.full_clean()
    placement._history_user = actor
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as error:
        raise ValidationError(_("This person already has an open placement with this host.")) from error
    record_event(
        action=AuditAction.CREATE, request=request, actor=actor, target=placement, detail={"status": status}
    )
    return placement


@transaction.atomic
def advance_placement(
    *, actor, placement: Placement, status: str, on: dt.date, reason: str = "", request=None
) -> Placement:
    """Move a placement one step on: 見学 → 体験 → 参加 → 修了, or 中断 with a reason."""
    _require_casework(actor)
    placement = Placement.objects.select_for_update().select_related("host__program").get(pk=placement.pk)
    if status not in NEXT_STEPS.get(placement.status, ()):
        raise ValidationError(
            {"status": _("A placement cannot go from %(from)s to %(to)s.")
             % {"from": placement.get_status_display(), "to": PlacementStatus(status).label}}
        )  # fmt: skip
    if status == PlacementStatus.INTERRUPTED and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for stopping.")})
    _check_step_date(placement, on)
    if status in OCCUPYING_STATUSES:
        _check_capacity(placement.host, placement)
    placement.status = status
    setattr(placement, STEP_DATE_FIELD[status], on)
    if status == PlacementStatus.INTERRUPTED:
        placement.interruption_reason = reason.strip()
    placement._history_user = actor
    placement.save()
    record_event(
        action=AuditAction.UPDATE, request=request, actor=actor, target=placement, detail={"status": status}
    )
    return placement


# ---------------------------------------------------------------- sessions


def _check_session_date(host: ProgramHost, day: dt.date) -> None:
    if not host.program.is_active_on(day):
        raise ValidationError({"date": _("The program is not offered on that date.")})


def can_run_sessions(actor, host: ProgramHost) -> bool:
    """Hub casework staff, or partner staff of the host organisation itself."""
    if actor.role_codes & CASEWORK_ROLES:
        return True
    return actor.has_role(Role.PARTNER_STAFF) and actor.organisation_id == host.organisation_id


@transaction.atomic
def add_session(
    *, actor, host: ProgramHost, date: dt.date, start_time: dt.time | None = None, end_time: dt.time | None = None,
    note: str = "", request=None,
) -> Session:  # fmt: skip
    if not can_run_sessions(actor, host):
        raise PermissionDenied
    _check_session_date(host, date)
    start_time = start_time or host.program.start_time
    end_time = end_time or host.program.end_time
    if start_time and end_time and end_time <= start_time:
        raise ValidationError({"end_time": _("The end time must be after the start time.")})
    if Session.objects.filter(host=host, date=date, start_time=start_time).exists():
        raise ValidationError({"date": _("There is already a session at that date and time.")})
    session = Session(host=host, date=date, start_time=start_time, end_time=end_time, note=note)
    session.full_clean(validate_constraints=False)
    session.save()
    record_event(action=AuditAction.CREATE, request=request, actor=actor, target=session)
    return session


def scheduled_days(program: Program, date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    """The program's weekdays between two dates, inside its active period, public holidays skipped."""
    days = []
    day = max(date_from, program.active_from)
    last = min(date_to, program.active_until or date_to)
    while day <= last:
        if day.weekday() in program.weekdays and not jpholiday.is_holiday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@transaction.atomic
def generate_sessions(
    *, actor, host: ProgramHost, date_from: dt.date, date_to: dt.date, request=None
) -> list[Session]:
    """Sessions from the schedule (Japanese public holidays skipped); existing sessions are kept as they are."""
    if not can_run_sessions(actor, host):
        raise PermissionDenied
    program = host.program
    if date_to < date_from:
        raise ValidationError({"date_to": _("The end date is before the start date.")})
    if (date_to - date_from).days > 366:
        raise ValidationError({"date_to": _("Generate at most a year of sessions at once.")})
    if program.by_appointment or not program.weekdays:
        raise ValidationError(_("This program runs by appointment: add its sessions by hand."))
    existing = set(
        Session.objects.filter(
            host=host, date__range=(date_from, date_to), start_time=program.start_time
        ).values_list("date", flat=True)
    )
    sessions = Session.objects.bulk_create(
        Session(host=host, date=day, start_time=program.start_time, end_time=program.end_time)
        for day in scheduled_days(program, date_from, date_to)
        if day not in existing
    )
    record_event(
        action=AuditAction.CREATE,
        request=request,
        actor=actor,
        target=host,
        detail={"sessions": len(sessions)},
    )
    return sessions


# ---------------------------------------------------------------- roll-call


@dataclass(frozen=True)
class RollCallEntry:
    placement_id: int
    status: str
    hours: Decimal
    absence_reason: str = ""


def expected_placements(session: Session) -> list[Placement]:
    """Who is expected at a session: the host's placements attending on that date."""
    day = session.date
    candidates = Placement.objects.filter(
        host_id=session.host_id, status__in=ATTENDING_STATUSES
    ).select_related("person")
    return [p for p in candidates if (first_day(p) or day) <= day]


def first_day(placement: Placement) -> dt.date | None:
    return min(filter(None, [placement.visited_on, placement.trial_from, placement.started_on]), default=None)


@transaction.atomic
def record_roll_call(
    *, actor, session: Session, entries: Sequence[RollCallEntry], request=None
) -> list[Attendance]:
    """Take a whole session's roll-call in one go: one validation pass, then one insert and one update."""
    if not can_run_sessions(actor, session.host):
        raise PermissionDenied
    if session.date > timezone.localdate():
        raise ValidationError(_("Attendance cannot be recorded for a session that has not happened yet."))
    expected = {p.pk: p for p in expected_placements(session)}
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    for entry in entries:
        key = f"placement_{entry.placement_id}"
        if entry.placement_id not in expected:
            errors.setdefault(key, []).append(_("This person is not placed in this session's program."))
        if entry.placement_id in seen:
            errors.setdefault(key, []).append(_("This person is listed twice."))
        seen.add(entry.placement_id)
        if entry.status not in AttendanceStatus.values:
            errors.setdefault(key, []).append(_("Choose present, late, left early or absent."))
        if not Decimal(0) <= entry.hours <= Decimal(24):
            errors.setdefault(key, []).append(_("Hours run from 0 to 24."))
        if entry.status == AttendanceStatus.ABSENT and entry.hours:
            errors.setdefault(key, []).append(_("An absent person has no hours."))
    if errors:
        raise ValidationError(errors)
    current = {a.placement_id: a for a in Attendance.objects.filter(session=session)}
    new, changed = [], []
    for entry in entries:
        reason = entry.absence_reason.strip() if entry.status == AttendanceStatus.ABSENT else ""
        attendance = current.get(entry.placement_id) or Attendance(
            session=session, placement_id=entry.placement_id
        )
        attendance.status, attendance.hours, attendance.absence_reason = entry.status, entry.hours, reason
        attendance.recorded_by = actor
        attendance.recorded_at = timezone.now()
        (changed if attendance.pk else new).append(attendance)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(
        changed, ["status", "hours", "absence_reason", "recorded_by", "recorded_at"]
    )
    record_event(
        action=AuditAction.UPDATE,
        request=request,
        actor=actor,
        target=session,
        detail={"attendance": len(entries)},
    )
    return new + changed


# ---------------------------------------------------------------- evaluations


@transaction.atomic
def evaluate_placement(
    *,
    actor,
    placement: Placement,
    evaluated_on: dt.date,
    scores: dict[str, int],
    comment: str = "",
    request=None,
) -> PlacementEvaluation:
    """The host's evaluation (挨拶, 時間を守る, 作業への集中, 協調性, 指示の理解 on 1–4) that the worker sees."""
    if not can_run_sessions(actor, placement.host):
        raise PermissionDenied
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The evaluation cannot be dated in the future.")})
    codes = [code for code, _label in EVALUATION_ITEMS]
    missing = [code for code in codes if scores.get(code) is None]
    if missing:
        raise ValidationError({code: _("Choose 1 to 4.") for code in missing})
    bad = [code for code in codes if not 1 <= int(scores[code]) <= 4]
    if bad:
        raise ValidationError({code: _("Choose 1 to 4.") for code in bad})
    evaluation = PlacementEvaluation(
        placement=placement, evaluated_on=evaluated_on, evaluator=actor, comment=comment,
        **{code: int(scores[code]) for code in codes},
    )  # fmt: skip
    evaluation.full_clean()
    evaluation.save()
    record_event(action=AuditAction.CREATE, request=request, actor=actor, target=evaluation)
    return evaluation
