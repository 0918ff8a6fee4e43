"""Production totals per work type, month and customer order, on the page and in the Excel workbook a
user downloads (opened here with openpyxl, as a spreadsheet program would)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.programs.models import Session
from tsunagu.testing.factories import (
    AttendanceFactory,
    CustomerOrderFactory,
    PlacementFactory,
    SessionFactory,
    WorkLogFactory,
    WorkTypeFactory,
)
from tsunagu.work.production import production_rows

pytestmark = pytest.mark.django_db

EXPORT = "/work/catalog/production.xlsx"


def log(work_type, placement, day: dt.date, *, quantity, minutes, defects=0, order=None):
    # One session a day at the host, shared by everyone working that day.
    session = Session.objects.filter(host=placement.host, date=day).first() or SessionFactory(
        host=placement.host, date=day
    )
    attendance = AttendanceFactory(placement=placement, session=session)
    return WorkLogFactory(
        work_type=work_type,
        attendance=attendance,
        quantity=quantity,
        minutes=minutes,
        defects=defects,
        order=order,
    )


@pytest.fixture
def nets():
    """Two people mending nets in May 2025, one order of 300 枚 from a fishing-net company, and a June log."""
    work_type = WorkTypeFactory(name="漁網の整網作業", unit="枚")
    order = CustomerOrderFactory(work_type=work_type, customer_name="釧路漁網", reference="N-7", quantity=300)
    first, second = (PlacementFactory(host=work_type.host) for _ in range(2))
    log(work_type, first, dt.date(2025, 5, 7), quantity=10, minutes=120, defects=1, order=order)
    log(work_type, first, dt.date(2025, 5, 8), quantity=12, minutes=120, order=order)
    log(work_type, second, dt.date(2025, 5, 8), quantity=Decimal("7.5"), minutes=90, order=order)
    log(work_type, second, dt.date(2025, 5, 9), quantity=4, minutes=60)  # no order
    log(work_type, second, dt.date(2025, 6, 2), quantity=9, minutes=120, order=order)
    return work_type, order


def test_totals_are_per_work_type_month_and_order(nets):
    _work_type, order = nets
    rows = production_rows(first=dt.date(2025, 5, 1), last=dt.date(2025, 6, 1))
    summary = [(r.month, r.order, r.quantity, r.defects, r.minutes, r.people) for r in rows]
    assert summary == [
        (dt.date(2025, 5, 1), order, Decimal("29.5"), Decimal(1), 330, 2),
        (dt.date(2025, 5, 1), None, Decimal(4), Decimal(0), 60, 1),
        (dt.date(2025, 6, 1), order, Decimal(9), Decimal(0), 120, 1),
    ]


def test_the_excel_export_opens_and_its_figures_match_the_logs(client_as, supervisor, nets):
    response = client_as(supervisor).get(EXPORT, {"first": "2025-05", "last": "2025-06"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="production-202505-202506.xlsx"' in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[2], r[5], r[6], r[7], r[8]) for r in rows] == [
        ("漁網の整網作業", "枚", 29.5, 1, 5.5, 2),
        ("漁網の整網作業", "枚", 4, 0, 1, 1),
        ("漁網の整網作業", "枚", 9, 0, 2, 1),
    ]
    assert "釧路漁網 N-7" in rows[0][4]
    orders = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[4], r[5]) for r in orders] == [("釧路漁網 N-7", 300, 38.5)]


def test_the_export_is_audited_with_the_months_and_names_no_one(client_as, consultation_worker, nets):
    client_as(consultation_worker).get(EXPORT, {"first": "2025-05", "last": "2025-05"})
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=consultation_worker)
    assert event.detail["first"] == "2025-05-01" and event.detail["rows"] == 2
    assert "people" not in event.detail


def test_the_page_filters_by_work_type_and_refuses_a_month_that_cannot_be(client_as, supervisor, nets):
    work_type, _order = nets
    other = WorkTypeFactory(host=work_type.host, name="ごみ袋の封入作業", unit="袋")
    log(other, PlacementFactory(host=work_type.host), dt.date(2025, 5, 12), quantity=400, minutes=240)
    client = client_as(supervisor)
    page = client.get("/work/catalog/production/", {"first": "2025-05", "work_type": other.pk})
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [(r.work_type, r.quantity) for r in rows] == [(other, 400)]
    assert client.get("/work/catalog/production/", {"first": "2025-13"}).status_code == 400
    assert client.get(EXPORT, {"first": "令和99年99月"}).status_code == 400


def test_the_production_page_runs_as_many_queries_for_many_rows_as_for_one(client_as, supervisor, nets):
    work_type, _order = nets
    client = client_as(supervisor)
    query = {"first": "2025-05", "last": "2025-08"}

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/work/catalog/production/", query).status_code == 200
        return len(captured)

    before = count()
    for month in (7, 8):
        extra = WorkTypeFactory(host=work_type.host)
        extra_order = CustomerOrderFactory(work_type=extra)
        log(extra, PlacementFactory(host=work_type.host), dt.date(2025, month, 3), quantity=3, minutes=60,
            order=extra_order)  # fmt: skip
    assert count() == before
