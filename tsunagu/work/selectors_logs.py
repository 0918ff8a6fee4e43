"""Reads of the day sheet, scoped like the roll-call: the sites a user keeps day sheets for, and one site's
day (its session, the people expected in あいうえお順, their presence and their logs). A fixed number of
queries whatever the number of people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tsunagu.programs import selectors as programs
from tsunagu.programs.models import Attendance, Placement, ProgramHost, Session
from tsunagu.work.models import CustomerOrder, WorkLog, WorkType

# Orders offered for a day: ordered by then, and not due more than this long before it.
ORDER_DAYS_AFTER_DUE = 31


def day_sheet_hosts(user) -> QuerySet[ProgramHost]:
    """The sites whose day sheets the user keeps: the hosts whose sessions they run (hub staff every one,
    partner staff their own organisation's) that have a work type in use."""
    in_use = WorkType.objects.filter(host=OuterRef("pk"), active=True)
    return (
        programs.hosts_for(user).filter(Exists(in_use)).order_by("organisation__name", "program__name", "pk")
    )


def get_day_sheet_host(user, host_id: int) -> ProgramHost:
    """One host whose sessions the user runs (404 otherwise), work types or not."""
    try:
        return programs.hosts_for(user).get(pk=host_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error


def day_session(host: ProgramHost, day: dt.date) -> Session | None:
    """The host's session of the day the sheet belongs to: the first one not cancelled (a cancelled one
    when every one was, so that the sheet can say so)."""
    sessions = sorted(
        Session.objects.filter(host=host, date=day),
        key=lambda s: (s.is_cancelled, s.start_time or dt.time.min, s.pk),
    )
    return sessions[0] if sessions else None


def host_work_types(host: ProgramHost) -> list[WorkType]:
    return list(WorkType.objects.filter(host=host, active=True).order_by("name", "pk"))


def day_orders(work_types: list[WorkType], day: dt.date, session: Session) -> dict[int, list[CustomerOrder]]:
    """The customer orders each work type may fill on the day (newest first): ordered by then and not long
    overdue, and any a log of the session already fills (else saving the sheet again would drop it)."""
    orders: dict[int, list[CustomerOrder]] = {work_type.pk: [] for work_type in work_types}
    if not work_types:
        return orders
    recent = Q(due_on__isnull=True) | Q(due_on__gte=day - dt.timedelta(days=ORDER_DAYS_AFTER_DUE))
    logged = WorkLog.objects.filter(attendance__session=session, order=OuterRef("pk"))
    offered = Q(ordered_on__lte=day) & recent | Q(Exists(logged))
    for order in CustomerOrder.objects.filter(work_type__in=work_types).filter(offered):
        orders[order.work_type_id].append(order)
    return orders


@dataclass
class DaySheet:
    """One site's day as the user may see it."""

    host: ProgramHost
    date: dt.date
    session: Session | None
    work_types: list[WorkType]
    placements: list[Placement] = field(default_factory=list)
    attendance: dict[int, Attendance] = field(default_factory=dict)  # by placement id
    logs: dict[tuple[int, int], WorkLog] = field(default_factory=dict)  # by (placement id, work type id)
    orders: dict[int, list[CustomerOrder]] = field(default_factory=dict)  # by work type id

    @property
    def person_ids(self) -> list[int]:
        return [placement.person_id for placement in self.placements]


def day_sheet(user, host: ProgramHost, day: dt.date, *, saving: bool = False) -> DaySheet:
    """The people on the user's roll-call of the host's session that day (the roll-call's selector and
    order), what is recorded of them, and their logs; an empty sheet when there is no session. A sheet
    being saved needs only its people and orders (what is recorded is read again by the service)."""
    work_types = host_work_types(host)
    sheet = DaySheet(host=host, date=day, session=day_session(host, day), work_types=work_types)
    if sheet.session is None:
        return sheet
    sheet.placements = programs.roll_call(user, sheet.session)
    if saving:
        sheet.orders = day_orders(work_types, day, sheet.session)
        return sheet
    sheet.attendance = programs.recorded_attendance(user, sheet.session, sheet.placements)
    if work_types:
        sheet.logs = {
            (log.placement_id, log.work_type_id): log
            for log in WorkLog.objects.filter(
                attendance__session=sheet.session, placement__in=sheet.placements
            ).order_by()
        }
        sheet.orders = day_orders(work_types, day, sheet.session)
    return sheet


def recorded(user, sheet: DaySheet) -> dict[int, Attendance]:
    """The attendance recorded for the sheet's people (as the roll-call shows it to this user)."""
    if sheet.session is None:
        return {}
    return programs.recorded_attendance(user, sheet.session, sheet.placements)
