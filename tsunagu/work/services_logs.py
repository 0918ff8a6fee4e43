"""Every write of work logs: a whole site's day sheet in one save, one log on an attendance already
recorded, and the correction of a log in an open month.

A log belongs to one attendance at the host's session of the day; its person, placement and date repeat
the attendance's (one table for a month's pay) and are only ever set from it here. Presence itself is
recorded by programs' roll-call service, never written here. What is refused (nothing saved, the whole
sheet at once): negative or impossible amounts (more units than `max_units_per_hour` allows in the
minutes logged; more minutes than the session or a day holds), someone not placed at the host or outside
their placement's dates, a day in the future, a day of a closed month (corrections of a closed month are
pay adjustments in a later month, never edits)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.dates import local_date
from tsunagu.core.editing import claim_edit
from tsunagu.programs.models import (
    ATTENDED_STATUSES,
    Attendance,
    AttendanceStatus,
    Placement,
    ProgramHost,
    Session,
)
from tsunagu.programs.selectors import roll_call_placements, sees_absence_reasons
from tsunagu.programs.services import RollCallEntry, record_roll_call
from tsunagu.work import months
from tsunagu.work.logs import (
    MINUTES_IN_A_DAY,
    log_errors,
    log_key,
    placement_refusal,
    row_key,
    session_minutes,
)
from tsunagu.work.models import CustomerOrder, WorkLog, WorkType
from tsunagu.work.selectors_logs import day_session

KEEP_DAY_SHEET = "work.keep_day_sheet"  # of one host: takes the host
# What a log holds beyond the attendance it belongs to; the forms use this list.
WORK_LOG_FIELDS = ("quantity", "minutes", "defects", "order")


def _check_day(host: ProgramHost, day: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": _("Work cannot be logged for a day that has not come yet.")})
    if months.is_closed(host_id=host.pk, day=day):
        raise ValidationError(
            {"date": _("The pay of %(month)s is closed at this site: its logs cannot change. A correction is "
                       "an adjustment in a later month.") % {"month": f"{day:%Y-%m}"}}
        )  # fmt: skip


def _check_order(order: CustomerOrder | None, work_type: WorkType) -> None:
    if order is not None and order.work_type_id != work_type.pk:
        raise ValidationError({"order": _("This order is for another work type.")})


# ---------------------------------------------------------------- one log


@transaction.atomic
def record_work_log(*, actor: User, attendance: Attendance, work_type: WorkType, **fields: Any) -> WorkLog:
    """One log on an attendance already recorded (present, late or left early), at a work type of the
    attendance's host. The day sheet does many at once; this is for one."""
    refuse_unknown_fields(fields, WORK_LOG_FIELDS, service="record_work_log")
    session = attendance.session
    host = session.host
    authorise(actor, KEEP_DAY_SHEET, host)
    _check_day(host, session.date)
    if work_type.host_id != host.pk:
        raise ValidationError({"work_type": _("This work type is not done at this site.")})
    if refusal := placement_refusal(attendance.placement, host, session.date):
        raise ValidationError({"attendance": refusal})
    if attendance.status not in ATTENDED_STATUSES:
        raise ValidationError({"attendance": _("An absent person has no work to log.")})
    if WorkLog.objects.filter(attendance=attendance, work_type=work_type).exists():
        raise ValidationError({"work_type": _("This work is already logged for the day: correct that log.")})
    values = {"quantity": Decimal(0), "defects": Decimal(0), "order": None, **fields}
    errors = log_errors(work_type=work_type, quantity=values["quantity"], minutes=values.get("minutes"),
                        defects=values["defects"], span=session_minutes(session))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    _check_order(values["order"], work_type)
    log = WorkLog.objects.create(
        attendance=attendance, placement=attendance.placement, person_id=attendance.placement.person_id,
        date=session.date, work_type=work_type, recorded_by=actor, **values,
    )  # fmt: skip
    record_event(action=AuditAction.CREATE, actor=actor, target=log)
    return log


@transaction.atomic
def correct_work_log(*, actor: User, log: WorkLog, edit_version: int | None, **fields: Any) -> WorkLog:
    """Correct a log of an open month, as the user saw it (`edit_version`): someone else's newer save is
    never overwritten. A log of a closed month is never edited (an adjustment in a later month instead)."""
    refuse_unknown_fields(fields, WORK_LOG_FIELDS, service="correct_work_log")
    host = log.work_type.host
    authorise(actor, KEEP_DAY_SHEET, host)
    _check_day(host, log.date)
    claim_edit(log, edit_version, fields=WORK_LOG_FIELDS)
    for name in WORK_LOG_FIELDS:
        if name in fields:
            setattr(log, name, fields[name])
    session = Session.objects.only("date", "start_time", "end_time").get(attendances=log.attendance_id)
    errors = log_errors(work_type=log.work_type, quantity=log.quantity, minutes=log.minutes,
                        defects=log.defects, span=session_minutes(session))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    _check_order(log.order, log.work_type)
    log.recorded_by = actor
    log.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=log, detail={"fields": sorted(fields)})
    return log


# ---------------------------------------------------------------- the day sheet


@dataclass(frozen=True)
class DaySheetLog:
    """One work type's line of a person on the sheet. All amounts None: no log (an existing one, shown at
    `edit_version`, is removed)."""

    work_type_id: int
    quantity: Decimal | None = None
    minutes: int | None = None
    defects: Decimal | None = None
    order_id: int | None = None
    edit_version: int | None = None  # of the log the sheet showed; None when it showed none

    @property
    def is_empty(self) -> bool:
        return self.quantity is None and self.minutes is None and self.defects is None


@dataclass(frozen=True)
class DaySheetRow:
    """One person's line: presence ("" leaves it as recorded), hours, and a line per work type."""

    placement_id: int
    status: str = ""
    hours: Decimal | None = None
    logs: tuple[DaySheetLog, ...] = ()


@dataclass
class DaySheetSaved:
    session: Session
    created: int = 0
    changed: int = 0
    removed: int = 0
    presence: int = 0
    people: set[int] = field(default_factory=set)


def _same(log: WorkLog, line: DaySheetLog) -> bool:
    return (log.quantity, log.minutes, log.defects, log.order_id) == (
        line.quantity if line.quantity is not None else Decimal(0),
        line.minutes,
        line.defects if line.defects is not None else Decimal(0),
        line.order_id,
    )


class _Sheet:
    """One save of a day sheet: what is posted, what is stored, and the refusals gathered on the way."""

    def __init__(self, actor: User, host: ProgramHost, session: Session, rows: Sequence[DaySheetRow]) -> None:
        self.actor, self.host, self.session, self.rows = actor, host, session, rows
        self.errors: dict[str, list[str]] = {}
        self.span = session_minutes(session)
        self.work_types = {wt.pk: wt for wt in WorkType.objects.filter(host=host, active=True)}
        ids = [row.placement_id for row in rows]
        # placement id → person id, for everyone on the actor's roll-call of the session that the sheet names
        self.expected = dict(
            roll_call_placements(actor, session).filter(pk__in=ids).order_by().values_list("pk", "person_id")
        )
        # placement id → (attendance id, status, hours, reason)
        self.attendance = {
            row[0]: row[1:]
            for row in Attendance.objects.filter(session=session, placement_id__in=ids)
            .order_by()
            .values_list("placement_id", "pk", "status", "hours", "absence_category")
        }
        self.logs = {
            (log.placement_id, log.work_type_id): log
            for log in WorkLog.objects.filter(attendance__session=session, placement_id__in=ids).order_by()
        }
        order_ids = {line.order_id for row in rows for line in row.logs if line.order_id is not None}
        self.orders = (
            {o.pk: o for o in CustomerOrder.objects.filter(pk__in=order_ids, work_type__in=self.work_types)}
            if order_ids
            else {}
        )

    def refuse(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def check(self) -> None:
        self._check_people()
        for row in self.rows:
            if row.placement_id in self.expected:
                self._check_row(row)

    def _check_people(self) -> None:
        seen: set[int] = set()
        unknown = [row.placement_id for row in self.rows if row.placement_id not in self.expected]
        # Someone else's placement, or one outside its dates: said apart (one query, only when it happens).
        placements = Placement.objects.in_bulk(unknown) if unknown else {}
        for row in self.rows:
            key = row_key(row.placement_id)
            if row.placement_id in seen:
                self.refuse(key, _("This person is listed twice."))
            seen.add(row.placement_id)
            if row.placement_id not in self.expected:
                placement = placements.get(row.placement_id)
                refusal = placement_refusal(placement, self.host, self.session.date)
                self.refuse(key, refusal or _("This person is not placed at this site."))

    def _status(self, row: DaySheetRow) -> str:
        """The presence the day will have: the one posted, else the one recorded."""
        if row.status:
            return row.status
        recorded = self.attendance.get(row.placement_id)
        return recorded[1] if recorded is not None else ""

    def _check_row(self, row: DaySheetRow) -> None:
        key = row_key(row.placement_id)
        if row.status and row.status not in AttendanceStatus.values:
            self.refuse(key, _("Choose present, late, left early or absent."))
        status = self._status(row)
        filled = [line for line in row.logs if not line.is_empty]
        if filled and status == AttendanceStatus.ABSENT:
            self.refuse(key, _("An absent person has no work to log."))
        elif filled and not status:
            self.refuse(key, _("Say whether the person came before logging their work."))
        total = 0
        for line in row.logs:
            work_type = self.work_types.get(line.work_type_id)
            if work_type is None:
                self.refuse(key, _("This work type is not done at this site."))
                continue
            self._check_version(row.placement_id, line)
            if line.is_empty:
                continue
            for name, message in self._line_errors(work_type, line).items():
                self.refuse(log_key(row.placement_id, work_type.pk, name), message)
            total += line.minutes if isinstance(line.minutes, int) else 0
        if total > min(self.span, MINUTES_IN_A_DAY) and len(filled) > 1:
            self.refuse(key, _("The minutes of all the work add up to more than the session lasts (%(n)s "
                               "minutes).") % {"n": self.span})  # fmt: skip

    def _line_errors(self, work_type: WorkType, line: DaySheetLog) -> dict[str, str]:
        errors = log_errors(
            work_type=work_type,
            quantity=line.quantity if line.quantity is not None else Decimal(0),
            minutes=line.minutes,
            defects=line.defects if line.defects is not None else Decimal(0),
            span=self.span,
        )
        if line.minutes is None:
            errors["minutes"] = _("Enter the minutes worked.")
        order = self.orders.get(line.order_id) if line.order_id is not None else None
        if line.order_id is not None and (order is None or order.work_type_id != work_type.pk):
            errors["order"] = _("This order is for another work type.")
        return errors

    def _check_version(self, placement_id: int, line: DaySheetLog) -> None:
        """A log someone else saved after this sheet was opened is never overwritten (nor removed); the same
        values sent again (a repeat) are no conflict."""
        log = self.logs.get((placement_id, line.work_type_id))
        if log is None or log.edit_version == line.edit_version:
            return
        if line.is_empty and line.edit_version is None:
            return  # the sheet showed none: someone else's new log stays
        if not line.is_empty and _same(log, line):
            return
        self.refuse(
            row_key(placement_id),
            _("Someone else saved this person's work after you opened the sheet. Nothing was saved: reload "
              "the sheet to see it."),
        )  # fmt: skip

    # -------------------------------------------------------- the writes

    def record_presence(self, saved: DaySheetSaved) -> None:
        """Presence through programs' roll-call service: only the lines whose presence or hours changed,
        so that what the roll-call recorded behind them (the reason of an absence) stays."""
        entries = []
        for row in self.rows:
            if not row.status:
                continue
            hours = Decimal(0) if row.status == AttendanceStatus.ABSENT else row.hours
            recorded = self.attendance.get(row.placement_id)
            if recorded is not None and (recorded[1], recorded[2]) == (row.status, hours):
                continue
            category = recorded[3] if recorded is not None else ""
            if recorded is not None and not sees_absence_reasons(self.actor):
                category = ""  # the host's staff give none; the service keeps the hub's behind it
            entries.append(
                RollCallEntry(
                    placement_id=row.placement_id, status=row.status, hours=hours,
                    absence_category=category if row.status == AttendanceStatus.ABSENT else "",
                )
            )  # fmt: skip
        if entries:
            saved.presence = record_roll_call(actor=self.actor, session=self.session, entries=entries)
            self.attendance = {
                row[0]: row[1:]
                for row in Attendance.objects.filter(
                    session=self.session, placement_id__in=[row.placement_id for row in self.rows]
                )
                .order_by()
                .values_list("placement_id", "pk", "status", "hours", "absence_category")
            }

    def remove_logs(self, saved: DaySheetSaved) -> None:
        """Remove the logs whose lines were emptied, before presence is recorded: the roll-call refuses an
        absence on a day that still has a work log (work's attendance check)."""
        removed: list[int] = []
        for row in self.rows:
            for line in row.logs:
                log = self.logs.get((row.placement_id, line.work_type_id))
                if line.is_empty and log is not None and line.edit_version == log.edit_version:
                    removed.append(log.pk)
                    saved.people.add(self.expected[row.placement_id])
        if removed:
            WorkLog.objects.filter(pk__in=removed).delete()
        saved.removed = len(removed)

    def write_logs(self, saved: DaySheetSaved) -> None:
        new: list[WorkLog] = []
        for row in self.rows:
            attendance_id = (
                self.attendance[row.placement_id][0] if row.placement_id in self.attendance else None
            )
            person_id = self.expected[row.placement_id]
            for line in row.logs:
                log = self.logs.get((row.placement_id, line.work_type_id))
                if line.is_empty:
                    continue
                values = {
                    "quantity": line.quantity if line.quantity is not None else Decimal(0),
                    "minutes": line.minutes,
                    "defects": line.defects if line.defects is not None else Decimal(0),
                    "order_id": line.order_id,
                }
                saved.people.add(person_id)
                if log is None:
                    new.append(
                        WorkLog(attendance_id=attendance_id, placement_id=row.placement_id, person_id=person_id,
                                date=self.session.date, work_type_id=line.work_type_id,
                                recorded_by=self.actor, **values)
                    )  # fmt: skip
                elif not _same(log, line):
                    for name, value in values.items():
                        setattr(log, name, value)
                    log.edit_version += 1
                    log.recorded_by = self.actor
                    log.save(update_fields=[*values, "edit_version", "recorded_by", "recorded_at"])
                    saved.changed += 1
        WorkLog.objects.bulk_create(new)
        saved.created = len(new)


@transaction.atomic
def record_day_sheet(
    *, actor: User, host: ProgramHost, date: dt.date, rows: Sequence[DaySheetRow]
) -> DaySheetSaved:
    """Save a whole site's day: each person's presence (through the roll-call service) and their work per
    work type. One check of every line first; any refusal refuses the whole sheet (keys: `date`,
    `placement_<id>` for a person's line, `placement_<id>.<work type id>.<field>` for an amount). Sent
    twice, the second save changes nothing."""
    authorise(actor, KEEP_DAY_SHEET, host)
    _check_day(host, date)
    session = day_session(host, date)
    if session is None:
        raise ValidationError({"date": _("There is no session at this site on %(day)s: add it to the site's "
                                          "sessions first.") % {"day": local_date(date)}})  # fmt: skip
    if session.is_cancelled:
        raise ValidationError({"date": _("This session was cancelled: no attendance is taken.")})
    sheet = _Sheet(actor, host, session, rows)
    sheet.check()
    if sheet.errors:
        raise ValidationError(sheet.errors)
    saved = DaySheetSaved(session=session)
    sheet.remove_logs(saved)
    sheet.record_presence(saved)
    sheet.write_logs(saved)
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=session,
        detail={"day_sheet": True, "created": saved.created, "changed": saved.changed,
                "removed": saved.removed, "presence": saved.presence},
    )  # fmt: skip
    return saved
