"""The rules of one work log, pure: how long a session lasts, the most units a time allows, what is wrong
with a log's amounts, whether a placement may log work on a day, and the keys refusals are given under.
The services (services_logs.py) and the day sheet's form both ask them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tsunagu.core.dates import local_date
from tsunagu.programs.models import Placement, ProgramHost, Session
from tsunagu.programs.services import first_day
from tsunagu.work.models import WorkType

MINUTES_IN_A_DAY = 24 * 60
LARGEST_AMOUNT = Decimal("999999.99")  # the columns' 8 digits, 2 after the point


def session_minutes(session: Session) -> int:
    """The minutes a session spans (a day's when it has no times): no one works longer there."""
    if not (session.start_time and session.end_time):
        return MINUTES_IN_A_DAY
    start = dt.datetime.combine(session.date, session.start_time)
    end = dt.datetime.combine(session.date, session.end_time)
    return max(int((end - start).total_seconds() // 60), 0)


def most_units(work_type: WorkType, minutes: int) -> Decimal:
    """The most units anyone can do in these minutes (every work type states its most units an hour)."""
    return (Decimal(work_type.max_units_per_hour) * minutes / 60).quantize(Decimal("0.01"))


def log_errors(
    *, work_type: WorkType, quantity: Any, minutes: Any, defects: Any, span: int
) -> dict[str, str]:
    """What is wrong with one log's amounts, by field ("quantity", "minutes", "defects"); empty if
    nothing. `span` is the minutes of the session the work was done at."""
    errors: dict[str, str] = {}
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        errors["minutes"] = _("Enter the minutes worked as a whole number, 0 or more.")
    elif minutes > MINUTES_IN_A_DAY:
        errors["minutes"] = _("A day has no more than %(n)s minutes.") % {"n": MINUTES_IN_A_DAY}
    elif minutes > span:
        errors["minutes"] = _("More minutes than the session lasts (%(n)s minutes).") % {"n": span}
    for name, value in (("quantity", quantity), ("defects", defects)):
        if not isinstance(value, Decimal) or not value.is_finite():
            errors[name] = _("Enter a number.")
        elif value < 0:
            errors[name] = _("Cannot be less than 0.")
        elif value > LARGEST_AMOUNT:
            errors[name] = _("Too large a number.")
    if errors:
        return errors
    if defects > quantity and work_type.pay_basis == "per_unit":
        errors["defects"] = _("More defects than units done.")
    limit = most_units(work_type, minutes)
    if quantity > limit:
        errors["quantity"] = _(
            "More than anyone can do in %(minutes)s minutes (at most %(limit)s %(unit)s at %(rate)s an hour)."
        ) % {"minutes": minutes, "limit": _number(limit), "unit": work_type.unit,
             "rate": _number(work_type.max_units_per_hour)}  # fmt: skip
    return errors


def _number(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def placement_refusal(placement: Placement | None, host: ProgramHost, day: dt.date) -> str:
    """Why this placement may not log work at the host on the day ("" when it may)."""
    if placement is None or placement.host_id != host.pk:
        return _("This person is not placed at this site.")
    begun = first_day(placement)
    ended = min(filter(None, [placement.completed_on, placement.interrupted_on]), default=None)
    if begun is None or begun > day or (ended is not None and ended < day):
        period = local_date(begun) if begun else "—"
        if ended is not None:
            period = f"{period} – {local_date(ended)}"
        return _("%(day)s is outside this person's placement here (%(period)s).") % {
            "day": local_date(day),
            "period": period,
        }
    return ""


def row_key(placement_id: int) -> str:
    """The key of a refusal about one person's line (as programs' roll-call names it)."""
    return f"placement_{placement_id}"


def log_key(placement_id: int, work_type_id: int, name: str) -> str:
    """The key of a refusal about one amount of one person's work type."""
    return f"placement_{placement_id}.{work_type_id}.{name}"
