"""Months of pay: the first day as the month's key, and whether a host's month is closed."""

import datetime as dt

from tsunagu.work.models import PayMonth


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def is_closed(*, host_id: int, day: dt.date) -> bool:
    """Whether the month holding `day` is closed at the host: its logs and pay are locked."""
    return PayMonth.objects.filter(host_id=host_id, month=month_start(day)).exists()
