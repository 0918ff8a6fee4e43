"""Production: what the work turned out, per work type, month and customer order, from the work logs; and
its Excel export (.xlsx, openpyxl). Aggregates only: people are counted, never named."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tsunagu.work.models import CustomerOrder, WorkLog, WorkType
from tsunagu.work.months import month_end

ZERO = Decimal(0)


@dataclass(frozen=True)
class ProductionRow:
    work_type: WorkType
    month: dt.date
    order: CustomerOrder | None
    quantity: Decimal
    defects: Decimal
    minutes: int
    people: int

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))

    @property
    def month_label(self) -> str:
        return month_label(self.month)

    @property
    def order_label(self) -> str:
        return customer_label(self.order)


@dataclass(frozen=True)
class OrderProgress:
    order: CustomerOrder
    done: Decimal  # in the months asked for

    @property
    def label(self) -> str:
        return customer_label(self.order)


def month_label(month: dt.date) -> str:
    """2026年1月 (2026/1 in English)."""
    return _("%(year)s/%(month)s") % {"year": month.year, "month": month.month}


def _month(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def production_rows(
    *, first: dt.date, last: dt.date, work_type_id: int | None = None, host_id: int | None = None
) -> list[ProductionRow]:
    """The totals of the months from `first` to `last` (first days), one row per work type, month and
    order (logs without an order make a row of their own). Three queries, whatever the number of rows."""
    logs = WorkLog.objects.filter(date__gte=first, date__lte=month_end(last))
    if work_type_id is not None:
        logs = logs.filter(work_type_id=work_type_id)
    if host_id is not None:
        logs = logs.filter(work_type__host_id=host_id)
    totals = list(
        logs.annotate(month=TruncMonth("date"))
        .values("work_type_id", "month", "order_id")
        .annotate(
            quantity=Sum("quantity"),
            defects=Sum("defects"),
            minutes=Sum("minutes"),
            people=Count("person_id", distinct=True),
        )
        .order_by()
    )
    types = WorkType.objects.select_related("host__program", "host__organisation").in_bulk(
        {t["work_type_id"] for t in totals}
    )
    orders = CustomerOrder.objects.select_related("customer").in_bulk(
        {t["order_id"] for t in totals if t["order_id"]}
    )
    rows = [
        ProductionRow(
            work_type=types[t["work_type_id"]],
            month=_month(t["month"]),
            order=orders.get(t["order_id"]),
            quantity=t["quantity"] or ZERO,
            defects=t["defects"] or ZERO,
            minutes=t["minutes"] or 0,
            people=t["people"],
        )
        for t in totals
    ]
    rows.sort(
        key=lambda r: (
            r.work_type.host_id,
            r.work_type.name,
            r.month,
            r.order is None,
            r.order and r.order.pk,
        )
    )
    return rows


def order_progress(*, first: dt.date, last: dt.date, work_type_id: int | None = None,
                   host_id: int | None = None) -> list[OrderProgress]:  # fmt: skip
    """The orders placed or worked on in the months asked for, each with the quantity done in them (two
    queries)."""
    logs = WorkLog.objects.filter(date__gte=first, date__lte=month_end(last), order__isnull=False)
    done = dict(
        logs.values("order_id").annotate(done=Sum("quantity")).values_list("order_id", "done").order_by()
    )
    orders = CustomerOrder.objects.select_related("customer", "work_type").filter(
        Q(pk__in=list(done)) | Q(ordered_on__gte=first, ordered_on__lte=month_end(last))
    )
    if work_type_id is not None:
        orders = orders.filter(work_type_id=work_type_id)
    if host_id is not None:
        orders = orders.filter(work_type__host_id=host_id)
    return [OrderProgress(order=o, done=done.get(o.pk) or ZERO) for o in orders.order_by("ordered_on", "pk")]


def customer_label(order: CustomerOrder | None) -> str:
    if order is None:
        return _("No order")
    customer = order.customer.name if order.customer_id else order.customer_name
    return f"{customer} {order.reference}".strip()


def workbook(
    rows: list[ProductionRow], orders: list[OrderProgress], *, first: dt.date, last: dt.date
) -> bytes:
    """The production totals as an Excel workbook: one sheet of the rows, one of the orders. Numbers are
    numbers (not text), so that the sheet adds them up."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Production")[:31]
    sheet.append(
        [_("Production %(first)s to %(last)s") % {"first": month_label(first), "last": month_label(last)}]
    )
    sheet["A1"].font = Font(bold=True)
    header = [_("Host"), _("Work type"), _("Unit"), _("Month"), _("Customer order"), _("Quantity done"),
              _("Defects or rework"), _("Hours worked"), _("People")]  # fmt: skip
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([
            str(row.work_type.host), row.work_type.name, row.work_type.unit, row.month_label,
            customer_label(row.order), row.quantity, row.defects, row.hours, row.people,
        ])  # fmt: skip
    for column, width in zip("ABCDEFGHI", (36, 24, 8, 10, 30, 14, 14, 12, 8), strict=True):
        sheet.column_dimensions[column].width = width
    order_sheet = book.create_sheet(_("Customer orders")[:31])
    order_sheet.append([_("Work type"), _("Customer order"), _("Ordered on"), _("Due on"), _("Quantity ordered"),
                        _("Quantity done")])  # fmt: skip
    for cell in order_sheet[1]:
        cell.font = Font(bold=True)
    for progress in orders:
        order = progress.order
        order_sheet.append([order.work_type.name, customer_label(order), order.ordered_on, order.due_on,
                            order.quantity, progress.done])  # fmt: skip
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
