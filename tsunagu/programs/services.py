"""Every write to the program ladder: keyword-only functions, authorised by the permissions of
programs/rules.py, one transaction, one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import jpholiday
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.selectors import visible_cases, visible_people
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Person
from tsunagu.people.scope import is_shown_by_name_only
from tsunagu.programs.attendance_checks import AttendanceChange, attendance_refusals
from tsunagu.programs.models import (
    ATTENDING_STATUSES,
    EVALUATION_ITEMS,
    OCCUPYING_STATUSES,
    OPEN_PLACEMENT_STATUSES,
    AbsenceCategory,
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    Program,
    ProgramHost,
    Session,
    SharedAbsence,
    shared_absence,
)
from tsunagu.programs.selectors import (
    forget_overview_counts_on_commit,
    free_places,
    places_taken,
    roll_call_placements,
    sees_absence_reasons,
    visible_placements,
)

PROGRAM_FIELDS = (
    "name", "stage", "category", "description", "place", "weekdays", "start_time", "end_time",
    "by_appointment", "eligibility", "contract", "active_from", "active_until", "sort_order",
)  # fmt: skip


MANAGE_CATALOG = "programs.manage_catalog"
PLACE_PEOPLE = "programs.place_people"
RUN_HOST_SESSIONS = "programs.run_host_sessions"  # of one host: takes the host


# ---------------------------------------------------------------- the catalog


@transaction.atomic
def save_program(
    *, actor: User, program: Program | None = None, edit_version: int | None = None, **fields: Any
) -> Program:
    """Create or change a program of the catalog (administrators). A change is made to the program as
    the administrator saw it (`edit_version`): someone else's newer save is never overwritten."""
    authorise(actor, MANAGE_CATALOG)
    refuse_unknown_fields(fields, PROGRAM_FIELDS, service="save_program")
    creating = program is None
    if program is not None:
        claim_edit(program, edit_version, fields=PROGRAM_FIELDS)
    program = program or Program()
    for name in PROGRAM_FIELDS:
        if name in fields:
            setattr(program, name, fields[name])
    weekdays = program.weekdays
    if not isinstance(weekdays, (list, tuple, set)) or any(
        type(day) is not int or day not in range(7) for day in weekdays
    ):
        raise ValidationError({"weekdays": _("Unknown weekday.")})
    program.weekdays = sorted(set(weekdays))
    # The database constraints say the same, but name the field so that the form shows it in place.
    if program.active_from and program.active_until and program.active_until < program.active_from:
        raise ValidationError({"active_until": _("A program cannot end before it starts.")})
    if program.start_time and program.end_time and program.end_time <= program.start_time:
        raise ValidationError({"end_time": _("The end time must be after the start time.")})
    program.full_clean()
    program._history_user = actor
    program.save()
    forget_overview_counts_on_commit()  # its name, stage or dates on offer change the overview
    record_event(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        actor=actor,
        target=program,
    )
    return program


@transaction.atomic
def end_program(*, actor: User, program: Program, last_day: dt.date, edit_version: int) -> Program:
    """A program no longer offered is ended, never deleted: its placements and attendance stay."""
    return save_program(actor=actor, program=program, edit_version=edit_version, active_until=last_day)


@transaction.atomic
def add_host(
    *, actor: User, program: Program, organisation: Organisation, capacity: int | None, place: str = "",
    note: str = "",
) -> ProgramHost:  # fmt: skip
    authorise(actor, MANAGE_CATALOG)
    duplicate = ValidationError({"organisation": _("This organisation already hosts this program.")})
    if ProgramHost.objects.filter(program=program, organisation=organisation).exists():
        raise duplicate
    host = ProgramHost(program=program, organisation=organisation, capacity=capacity, place=place, note=note)
    host.full_clean()
    try:
        with transaction.atomic():
            host.save()
    except IntegrityError as error:  # added by someone else in the meantime
        raise duplicate from error
    forget_overview_counts_on_commit()
    record_event(action=AuditAction.CREATE, actor=actor, target=host)
    return host


HOST_FIELDS = (
    "capacity",
    "weekdays",
    "closed_days",
    "place",
    "note",
    "is_local_assumption",
    "assumption_note",
)


def _check_weekdays(weekdays: Any) -> list[int]:
    if not isinstance(weekdays, (list, tuple, set)) or any(
        type(day) is not int or day not in range(7) for day in weekdays
    ):
        raise ValidationError({"weekdays": _("Unknown weekday.")})
    return sorted(set(weekdays))


def _check_closed_days(periods: Any) -> list[list[str]]:
    """Closed periods as ["MM-DD", "MM-DD"] pairs of real days (29 February allowed)."""
    bad = ValidationError({"closed_days": _("Give each closed period as month/day, for example 12/29-1/3.")})
    if not isinstance(periods, (list, tuple)):
        raise bad
    checked = []
    for period in periods:
        if not isinstance(period, (list, tuple)) or len(period) != 2:
            raise bad
        for month_day in period:
            try:
                dt.date.fromisoformat(f"2024-{month_day}")  # a leap year: 02-29 is a day
            except (TypeError, ValueError) as error:
                raise bad from error
            if len(month_day) != 5:
                raise bad
        checked.append([period[0], period[1]])
    return checked


@transaction.atomic
def update_host(*, actor: User, host: ProgramHost, edit_version: int | None, **fields: Any) -> ProgramHost:
    """Change a host's capacity, days, closed days, place, note or whether it is a local assumption
    (administrators), as the administrator saw it (`edit_version`). The capacity is not lowered below
    the people who hold a place there now."""
    authorise(actor, MANAGE_CATALOG)
    refuse_unknown_fields(fields, HOST_FIELDS, service="update_host")
    _lock(host)  # no one takes a place while the capacity changes
    claim_edit(host, edit_version, fields=HOST_FIELDS)
    previous_capacity = host.capacity
    for name, value in fields.items():
        setattr(host, name, value)
    host.weekdays = _check_weekdays(host.weekdays)
    host.closed_days = _check_closed_days(host.closed_days)
    capacity = host.capacity
    if capacity is not None and capacity != previous_capacity:
        taken = places_taken(host)
        if capacity < taken:
            raise ValidationError(
                {"capacity": _(
                    "%(taken)s people hold a place here now (見学, 体験 or 参加): the capacity cannot be "
                    "set below that."
                ) % {"taken": taken}}
            )  # fmt: skip
    host.full_clean()
    host._history_user = actor
    host.save()
    forget_overview_counts_on_commit()  # the overview shows each host's capacity
    record_event(action=AuditAction.UPDATE, actor=actor, target=host, detail={"fields": sorted(fields)})
    return host


# ---------------------------------------------------------------- placements


class HostFull(ValidationError):
    """The host has no free place; the caller may offer the waiting list instead."""


def _lock(host: ProgramHost) -> None:
    """Lock the host row until the end of the transaction: its places and sessions change one at a time."""
    ProgramHost.objects.select_for_update().filter(pk=host.pk).first()


def _check_capacity(host: ProgramHost, placement: Placement | None = None) -> None:
    # Lock the host row so that two workers cannot both take its last place.
    _lock(host)
    if placement is not None and placement.status in OCCUPYING_STATUSES:
        return  # already holds a place
    remaining = free_places(host)
    if remaining is not None and remaining <= 0:
        raise HostFull(
            {
                "host": _(
                    "%(host)s has no free place (capacity %(capacity)s; visits, trials and people taking "
                    "part each take one). Put the person on the waiting list instead."
                )
                % {"host": host, "capacity": host.capacity}
            }
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


PLACEMENT_STEP_FIELDS = ("status", *STEP_DATE_FIELD.values(), "interruption_reason")


@transaction.atomic
def place_person(
    *, actor: User, person: Person, host: ProgramHost, status: str, on: dt.date, case=None, plan=None,
    plan_support: str = "",
) -> Placement:  # fmt: skip
    """Start a placement at any first step (見学, 体験, 参加) or on the waiting list."""
    authorise(actor, PLACE_PEOPLE)
    if not visible_people(actor).filter(pk=person.pk).exists():
        raise PermissionDenied
    if status not in (PlacementStatus.WAITING, PlacementStatus.VISIT, *OCCUPYING_STATUSES):
        raise ValidationError(
            {"status": _("A placement starts with a visit, a trial, taking part or the waiting list.")}
        )
    if not host.program.is_active_on(on):
        raise ValidationError({"host": _("The program is not offered on that date.")})
    _check_step_date(None, on)
    if case is not None and (
        case.person_id != person.pk or not visible_cases(actor).filter(pk=case.pk).exists()
    ):
        raise ValidationError({"case": _("The case is not one of this person's.")})
    if plan is not None:
        if case is None:
            case = plan.case
            if case.person_id != person.pk or not visible_cases(actor).filter(pk=case.pk).exists():
                raise ValidationError({"plan": _("The plan belongs to another case.")})
        elif plan.case_id != case.pk:
            raise ValidationError({"plan": _("The plan belongs to another case.")})
    if Placement.objects.filter(person=person, host=host, status__in=OPEN_PLACEMENT_STATUSES).exists():
        raise ValidationError({"host": _("This person already has an open placement with this host.")})
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
        raise ValidationError(
            {"host": _("This person already has an open placement with this host.")}
        ) from error
    forget_overview_counts_on_commit()
    record_event(action=AuditAction.CREATE, actor=actor, target=placement, detail={"status": status})
    return placement


@transaction.atomic
def advance_placement(
    *,
    actor: User,
    placement: Placement,
    status: str,
    on: dt.date,
    edit_version: int,
    reason: str = "",
) -> Placement:
    """Move a placement one step on: 見学 → 体験 → 参加 → 修了, or 中断 with a reason. The step is taken
    from the placement as the worker saw it (`edit_version`): a step someone else took first is not
    taken again over it."""
    authorise(actor, PLACE_PEOPLE)
    if not Placement.objects.filter(pk=placement.pk, person__in=visible_people(actor).values("pk")).exists():
        raise PermissionDenied
    placement = Placement.objects.select_related("host__program").get(pk=placement.pk)
    claim_edit(placement, edit_version, fields=PLACEMENT_STEP_FIELDS)
    if status not in NEXT_STEPS.get(placement.status, ()):
        to = PlacementStatus(status).label if status in PlacementStatus.values else status
        raise ValidationError(
            {"status": _("A placement cannot go from %(from)s to %(to)s.")
             % {"from": placement.get_status_display(), "to": to}}
        )  # fmt: skip
    reason = reason.strip() if status == PlacementStatus.INTERRUPTED else ""
    if status == PlacementStatus.INTERRUPTED and not reason:
        raise ValidationError({"reason": _("Give the reason for stopping.")})
    reason_length = Placement._meta.get_field("interruption_reason").max_length
    if len(reason) > reason_length:
        raise ValidationError({"reason": _("Keep the reason to %(n)s characters.") % {"n": reason_length}})
    _check_step_date(placement, on)
    if status in ATTENDING_STATUSES and not placement.host.program.is_active_on(on):
        raise ValidationError({"on": _("The program is not offered on that date.")})
    if status in OCCUPYING_STATUSES:
        _check_capacity(placement.host, placement)
    placement.status = status
    setattr(placement, STEP_DATE_FIELD[status], on)
    if status == PlacementStatus.INTERRUPTED:
        placement.interruption_reason = reason
    placement._history_user = actor
    placement.save()
    forget_overview_counts_on_commit()
    record_event(action=AuditAction.UPDATE, actor=actor, target=placement, detail={"status": status})
    return placement


# ---------------------------------------------------------------- sessions


def _check_session_date(host: ProgramHost, day: dt.date) -> None:
    if not host.program.is_active_on(day):
        raise ValidationError({"date": _("The program is not offered on that date.")})


@transaction.atomic
def add_session(
    *, actor: User, host: ProgramHost, date: dt.date, start_time: dt.time | None = None,
    end_time: dt.time | None = None, note: str = "",
) -> Session:  # fmt: skip
    authorise(actor, RUN_HOST_SESSIONS, host)
    _check_session_date(host, date)
    _lock(host)  # the duplicate check below holds until the insert (no database help when there is no time)
    start_time = start_time or host.program.start_time
    end_time = end_time or host.program.end_time
    if start_time and end_time and end_time <= start_time:
        raise ValidationError({"end_time": _("The end time must be after the start time.")})
    if Session.objects.filter(host=host, date=date, start_time=start_time).exists():
        raise ValidationError({"date": _("There is already a session at that date and time.")})
    session = Session(host=host, date=date, start_time=start_time, end_time=end_time, note=note)
    session.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as error:  # added by someone else in the meantime
        raise ValidationError({"date": _("There is already a session at that date and time.")}) from error
    record_event(action=AuditAction.CREATE, actor=actor, target=session)
    return session


def scheduled_days(host: ProgramHost, date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    """The host's weekdays (its own, else the program's) between two dates, inside the program's active
    period; public holidays and the host's closed days (年末年始 by default) skipped."""
    program = host.program
    weekdays = host.schedule_weekdays
    days = []
    day = max(date_from, program.active_from)
    last = min(date_to, program.active_until or date_to)
    while day <= last:
        if day.weekday() in weekdays and not jpholiday.is_holiday(day) and not host.is_closed_on(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@transaction.atomic
def generate_sessions(
    *, actor: User, host: ProgramHost, date_from: dt.date, date_to: dt.date
) -> list[Session]:
    """Sessions from the schedule (public holidays and the host's closed days skipped); existing sessions,
    cancelled ones too, are kept as they are."""
    authorise(actor, RUN_HOST_SESSIONS, host)
    program = host.program
    if date_to < date_from:
        raise ValidationError({"date_to": _("The end date is before the start date.")})
    if (date_to - date_from).days > 366:
        raise ValidationError({"date_to": _("Generate at most a year of sessions at once.")})
    if program.by_appointment or not host.schedule_weekdays:
        raise ValidationError({"host": _("This program runs by appointment: add its sessions by hand.")})
    _lock(host)
    existing = set(
        Session.objects.filter(
            host=host, date__range=(date_from, date_to), start_time=program.start_time
        ).values_list("date", flat=True)
    )
    sessions = Session.objects.bulk_create(
        Session(host=host, date=day, start_time=program.start_time, end_time=program.end_time)
        for day in scheduled_days(host, date_from, date_to)
        if day not in existing
    )
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=host,
        detail={"sessions": len(sessions)},
    )
    return sessions


@transaction.atomic
def cancel_session(*, actor: User, session: Session, reason: str) -> Session:
    """Call a session off (snow, the host's staff away ...), with the reason: it stays on the calendar as
    cancelled, takes no attendance, and is not generated again."""
    authorise(actor, RUN_HOST_SESSIONS, session.host)
    session = Session.objects.select_for_update().get(pk=session.pk)  # against a roll-call at the same time
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    reason_length = Session._meta.get_field("cancellation_reason").max_length
    if len(reason) > reason_length:
        raise ValidationError({"reason": _("Keep the reason to %(n)s characters.") % {"n": reason_length}})
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    if session.attendances.exists():
        raise ValidationError(_("Attendance has been recorded for this session, so it cannot be cancelled."))
    session.cancelled_at = timezone.now()
    session.cancelled_by = actor
    session.cancellation_reason = reason
    session.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=session, detail={"cancelled": True})
    return session


# ---------------------------------------------------------------- roll-call


@dataclass(frozen=True)
class RollCallEntry:
    placement_id: int
    status: str
    hours: Decimal
    absence_reason: str = ""  # the hub's private note
    absence_category: str = ""


def first_day(placement: Placement) -> dt.date | None:
    return min(filter(None, [placement.visited_on, placement.trial_from, placement.started_on]), default=None)


@transaction.atomic
def record_roll_call(*, actor: User, session: Session, entries: Sequence[RollCallEntry]) -> int:
    """Take a whole session's roll-call in one go: one validation pass, then one insert and one update.
    Returns the number of people recorded."""
    authorise(actor, RUN_HOST_SESSIONS, session.host)
    if session.date > timezone.localdate():
        raise ValidationError(
            {"session": _("Attendance cannot be recorded for a session that has not happened yet.")}
        )
    # Lock the session row: two roll-calls of the same session are taken one after the other.
    locked = Session.objects.select_for_update().filter(pk=session.pk).only("cancelled_at").first()
    if locked is not None and locked.is_cancelled:
        raise ValidationError({"session": _("This session was cancelled: no attendance is taken.")})
    # The host's staff see and give only whether an absence was notified, never the reason or the note.
    private = sees_absence_reasons(actor)
    categories = AbsenceCategory.values if private else SharedAbsence.values
    # Only the people on the actor's own roll-call: a worker may not record (nor learn, so the refusal is the
    # one for someone not placed here) the attendance of another office's people at the same session.
    expected = dict(roll_call_placements(actor, session).order_by().values_list("pk", "person_id"))
    reason_length = Attendance._meta.get_field("absence_reason").max_length
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    hours: dict[int, Decimal] = {}
    for entry in entries:
        key = f"placement_{entry.placement_id}"
        if entry.placement_id not in expected:
            errors.setdefault(key, []).append(_("This person is not placed in this session's program."))
        if entry.placement_id in seen:
            errors.setdefault(key, []).append(_("This person is listed twice."))
        seen.add(entry.placement_id)
        if entry.status not in AttendanceStatus.values:
            errors.setdefault(key, []).append(_("Choose present, late, left early or absent."))
        try:
            entry_hours = Decimal(str(entry.hours)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if not Decimal(0) <= entry_hours <= Decimal(24):
                entry_hours = None
        except (InvalidOperation, ValueError):  # not a number, NaN or infinite
            entry_hours = None
        if entry_hours is None:
            errors.setdefault(key, []).append(_("Hours run from 0 to 24."))
        elif entry.status == AttendanceStatus.ABSENT and entry_hours:
            errors.setdefault(key, []).append(_("An absent person has no hours."))
        if entry.status == AttendanceStatus.ABSENT and len(entry.absence_reason.strip()) > reason_length:
            errors.setdefault(key, []).append(
                _("Keep the reason to %(n)s characters.") % {"n": reason_length}
            )
        if entry.status == AttendanceStatus.ABSENT and entry.absence_category not in ("", *categories):
            errors.setdefault(key, []).append(_("Choose a reason for the absence from the list."))
        if not private and entry.absence_reason.strip():
            errors.setdefault(key, []).append(_("Only the hub's staff write a note on an absence."))
        hours[entry.placement_id] = entry_hours
    if errors:
        raise ValidationError(errors)
    current = {
        placement_id: (pk, status, category, note, recorded_hours)
        for placement_id, pk, status, category, note, recorded_hours in Attendance.objects.filter(
            session=session
        )
        .order_by()
        .values_list("placement_id", "pk", "status", "absence_category", "absence_reason", "hours")
    }
    _refuse_what_higher_apps_forbid(session, entries, current, hours, people=expected)
    new: list[Attendance] = []
    updates: dict[int, dict[str, Any]] = {}  # attendance id → its new values
    for entry in entries:
        absent = entry.status == AttendanceStatus.ABSENT
        values = {
            "status": entry.status,
            "hours": hours[entry.placement_id],
            "absence_category": entry.absence_category if absent else "",
            "absence_reason": entry.absence_reason.strip() if absent else "",
        }
        if absent and not private and entry.placement_id in current:
            # What the host saw and sent back keeps what the hub recorded behind it: 連絡あり over
            # 体調不良 stays 体調不良, and the hub's note stays while the person is still absent.
            _pk, was, category, note, _hours = current[entry.placement_id]
            if was == AttendanceStatus.ABSENT:
                values["absence_reason"] = note
                if shared_absence(category) == entry.absence_category:
                    values["absence_category"] = category
        if entry.placement_id in current:
            updates[current[entry.placement_id][0]] = values
        else:
            new.append(
                Attendance(session=session, placement_id=entry.placement_id, recorded_by=actor, **values)
            )
    Attendance.objects.bulk_create(new)
    if updates:
        # One UPDATE with a CASE per field naming each distinct value once (a roll-call has a handful):
        # bulk_update's CASE of a branch per row and field costs more to build than the database takes.
        Attendance.objects.filter(pk__in=updates).update(
            **{name: _by_value(Attendance, name, {pk: v[name] for pk, v in updates.items()})
               for name in ("status", "hours", "absence_category", "absence_reason")},
            recorded_by=actor,
            recorded_at=timezone.now(),  # update() leaves auto_now alone
        )  # fmt: skip
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=session,
        detail={"attendance": len(entries)},
    )
    return len(entries)


def _refuse_what_higher_apps_forbid(
    session: Session,
    entries: Sequence[RollCallEntry],
    current: dict[int, tuple],
    hours: dict[int, Decimal],
    *,
    people: dict[int, int],
) -> None:
    """Ask the checks higher apps register (attendance_checks.py) about the entries that change presence or
    hours (`people`: placement id → person id), and refuse the roll-call, nothing saved, when any is refused: work refuses an absence on a day
    with a work log, and any change in a month whose pay is closed."""
    changed = [
        entry
        for entry in entries
        if entry.placement_id not in current
        or (current[entry.placement_id][1], current[entry.placement_id][4])
        != (entry.status, hours[entry.placement_id])
    ]
    if not changed:
        return
    refusals = attendance_refusals(
        [
            AttendanceChange(
                placement_id=entry.placement_id,
                person_id=people[entry.placement_id],
                host_id=session.host_id,
                date=session.date,
                was=current[entry.placement_id][1] if entry.placement_id in current else None,
                status=entry.status,
            )
            for entry in changed
        ]
    )
    if refusals:
        raise ValidationError({f"placement_{pk}": reasons for pk, reasons in refusals.items()})


def _by_value(model: type[models.Model], name: str, by_id: dict[int, Any]) -> Value | Case | Cast:
    """The new value of a field for rows by id: the value itself when all rows take the same, otherwise a
    CASE with one branch per distinct value."""
    field = model._meta.get_field(name)
    ids_by_value: dict[Any, list[int]] = {}
    for row_id, value in by_id.items():
        ids_by_value.setdefault(value, []).append(row_id)
    if len(ids_by_value) == 1:
        return Value(next(iter(ids_by_value)), output_field=field)
    case = Case(
        *(When(pk__in=ids, then=Value(value, output_field=field)) for value, ids in ids_by_value.items()),
        output_field=field,
    )
    # As bulk_update does: PostgreSQL types a CASE of parameters as text unless told.
    return Cast(case, output_field=field) if connection.features.requires_casted_case_in_updates else case


# ---------------------------------------------------------------- evaluations

# A placement whose person the host sees by name and schedule only (a child: people/scope.py).
NOT_EVALUATED_BY_HOST = gettext_lazy(
    "The host does not evaluate this placement: partners see this person's name and schedule only."
)


@transaction.atomic
def evaluate_placement(
    *,
    actor: User,
    placement: Placement,
    evaluated_on: dt.date,
    scores: dict[str, int],
    comment: str = "",
) -> PlacementEvaluation:
    """The host's evaluation (挨拶, 時間を守る, 作業への集中, 協調性, 指示の理解 on 1–4) that the worker sees."""
    authorise(actor, RUN_HOST_SESSIONS, placement.host)
    if not visible_placements(actor).filter(pk=placement.pk).exists():
        raise PermissionDenied
    if not actor.role_codes & CASEWORK_ROLES and is_shown_by_name_only(placement.person_id):
        raise ValidationError(NOT_EVALUATED_BY_HOST)  # a child: the partner sees the name and schedule only
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The evaluation cannot be dated in the future.")})
    began = first_day(placement)
    if began is None or evaluated_on < began:
        raise ValidationError(
            {"evaluated_on": _("A placement can be evaluated only once the person has begun there.")}
        )
    codes = [code for code, _label in EVALUATION_ITEMS]
    values: dict[str, int] = {}
    for code in codes:
        value = scores.get(code)
        if isinstance(value, str) and value.strip().isdecimal():
            value = int(value)
        if type(value) is int and 1 <= value <= 4:
            values[code] = value
    bad = [code for code in codes if code not in values]
    if bad:
        raise ValidationError({code: _("Choose 1 to 4.") for code in bad})
    evaluation = PlacementEvaluation(
        placement=placement, evaluated_on=evaluated_on, evaluator=actor, comment=comment, **values,
    )  # fmt: skip
    evaluation.full_clean()
    evaluation.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=evaluation)
    return evaluation


def move_placements_on_merge(*, keep: Person, duplicate: Person) -> dict[str, Any]:
    """programs' merge step (see people/merging.py): the duplicate's placements go to the record kept,
    with their sessions' attendance and evaluations (which hang on the placement)."""
    # No signal for .update(): merge_people announces the ladder change, which clears the overview counts.
    moved = Placement.objects.filter(person=duplicate).update(person=keep)
    return {"placements_moved": moved}
