"""A person's earnings by month, across hosts: the kept statement where a host's month is closed, the
pay computed from the logs where it is still open. The one source for the income summary (収入申告),
the ladder chart and the projection."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from tsunagu.work.models import PayMonth, PayStatement
from tsunagu.work.months import next_month
from tsunagu.work.pay import compute_months


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months from `first`'s to `last`'s, both included."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def monthly_earnings(
    *, person_ids: Iterable[int], first: dt.date, last: dt.date
) -> dict[tuple[int, dt.date], Decimal]:
    """{(person id, month): total yen} for the months from `first` to `last`; months without work are
    left out. Closed months come from their statements, so a later rate or level never changes them."""
    person_ids = list(person_ids)
    months = months_between(first, last)
    earnings: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    closed: set[tuple[int, dt.date]] = set(
        PayMonth.objects.filter(month__in=months).values_list("host_id", "month")
    )
    for person_id, month, total in PayStatement.objects.filter(
        person_id__in=person_ids, pay_month__month__in=months
    ).values_list("person_id", "pay_month__month", "total"):
        earnings[(person_id, month)] += total
    for month in months:
        for pay in compute_months(month=month, person_ids=person_ids):
            if (pay.host_id, month) not in closed:
                earnings[(pay.person_id, month)] += pay.total
    return dict(earnings)
