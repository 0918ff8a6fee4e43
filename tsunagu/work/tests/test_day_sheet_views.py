"""The day sheet's pages per role: hub staff and the host's own partner staff keep it, refusals come back
next to the field with nothing saved, a repeat saves nothing more, and the sheet's queries do not grow
with its people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.programs.models import Attendance
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    SessionFactory,
    WorkTypeFactory,
)
from tsunagu.work.models import CustomerOrder, WorkLog


@pytest.fixture
def client_as(client_as):
    """The shared client_as, reading the pages in English (the messages checked here are the English ones)."""

    def make(user):
        client = client_as(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


TODAY = timezone.localdate()


def place(host, worker, **person):
    case = CaseFactory(worker=worker, person=PersonFactory(**person))
    return PlacementFactory(host=host, case=case, worker=worker)


@pytest.fixture
def site(partner_org, consultation_worker):
    host = ProgramHostFactory(organisation=partner_org)
    work_type = WorkTypeFactory(host=host, levels=False, name="漁網の整網作業", unit="枚")
    SessionFactory(host=host)  # today, 9:30–12:00
    people = [
        place(host, consultation_worker, family_name="渡辺", family_name_kana="ワタナベ"),
        place(host, consultation_worker, family_name="阿部", family_name_kana="アベ"),
        place(host, consultation_worker, family_name="佐藤", family_name_kana="サトウ"),
    ]
    return host, work_type, people


def staff_url(host) -> str:
    return f"/work/day-sheets/{host.pk}/?date={TODAY:%Y-%m-%d}"


def partner_url(host) -> str:
    return f"/work/partner/day-sheets/{host.pk}/?date={TODAY:%Y-%m-%d}"


def sheet_body(people, work_type, **amounts) -> dict:
    body: dict = {"placement": [p.pk for p in people]}
    for p in people:
        body |= {f"p{p.pk}-status": "present", f"p{p.pk}-hours": "2.5",
                 f"p{p.pk}-w{work_type.pk}_quantity": amounts.get("quantity", "30"),
                 f"p{p.pk}-w{work_type.pk}_minutes": amounts.get("minutes", "120"),
                 f"p{p.pk}-w{work_type.pk}_defects": amounts.get("defects", "0")}  # fmt: skip
    return body


def test_hub_staff_see_everyone_expected_in_gojuon_order_and_the_read_is_recorded(
    client_as, consultation_worker, site
):
    host, _work_type, people = site
    response = client_as(consultation_worker).get(staff_url(host))
    assert response.status_code == 200
    body = response.content.decode()
    rows = body[
        body.index('data-testid="day-sheet-person"') :
    ]  # not the header, where a staff name may be 佐藤
    assert rows.index("阿部") < rows.index("佐藤") < rows.index("渡辺")
    assert 'inputmode="decimal"' in body and 'inputmode="numeric"' in body
    read = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("id")
    assert read.detail["page"] == "work_day_sheet"
    assert sorted(read.detail["people"]) == sorted(p.person_id for p in people)


def test_hub_staff_save_the_sheet_in_one_post_and_see_it_saved(client_as, consultation_worker, site):
    host, work_type, people = site
    client = client_as(consultation_worker)
    response = client.post(staff_url(host), sheet_body(people, work_type))
    assert response.status_code == 302
    assert WorkLog.objects.filter(quantity=30, minutes=120).count() == 3
    assert Attendance.objects.filter(status="present").count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "3 logs added" in page
    assert 'value="30"' in page


def test_entering_work_marks_the_person_present_and_one_work_types_minutes_default_to_the_hours(
    client_as, consultation_worker, site
):
    host, work_type, people = site
    p = people[0]
    body = {"placement": [p.pk], f"p{p.pk}-hours": "2", f"p{p.pk}-w{work_type.pk}_quantity": "20"}
    assert client_as(consultation_worker).post(staff_url(host), body).status_code == 302
    log = WorkLog.objects.get()
    assert (log.attendance.status, log.minutes, log.quantity) == ("present", 120, Decimal(20))


def test_a_negative_or_impossible_quantity_is_refused_next_to_the_field_and_nothing_is_saved(
    client_as, consultation_worker, site
):
    host, work_type, people = site
    client = client_as(consultation_worker)
    negative = client.post(staff_url(host), sheet_body(people, work_type, quantity="-3"))
    assert negative.status_code == 400
    assert "Cannot be less than 0." in negative.content.decode()
    too_many = client.post(staff_url(host), sheet_body(people, work_type, quantity="45"))
    assert too_many.status_code == 400
    page = too_many.content.decode()
    assert "More than anyone can do in 120 minutes" in page
    assert 'aria-invalid="true"' in page
    assert not WorkLog.objects.exists() and not Attendance.objects.exists()


def test_the_same_sheet_sent_twice_saves_once(client_as, consultation_worker, site):
    host, work_type, people = site
    client = client_as(consultation_worker)
    body = sheet_body(people, work_type) | {"sheet-form_token": "t" * 32}
    assert client.post(staff_url(host), body).status_code == 302
    again = client.post(staff_url(host), body)
    assert again.status_code == 302
    assert WorkLog.objects.count() == 3
    assert set(WorkLog.objects.values_list("edit_version", flat=True)) == {1}


def test_the_hosts_partner_staff_keep_their_own_sites_sheet_in_the_portal(client_as, partner_staff, site):
    host, work_type, people = site
    client = client_as(partner_staff)
    assert client.get(partner_url(host)).status_code == 200
    assert client.post(partner_url(host), sheet_body(people, work_type)).status_code == 302
    assert WorkLog.objects.count() == 3
    other = ProgramHostFactory()
    WorkTypeFactory(host=other, levels=False)
    assert client.get(partner_url(other)).status_code == 404
    assert client.get(staff_url(host)).status_code == 403
    index = client.get("/work/partner/day-sheets/").content.decode()
    assert f"/work/partner/day-sheets/{host.pk}/" in index
    assert f"/work/partner/day-sheets/{other.pk}/" not in index


def test_roles_without_the_sheet_are_refused(
    client_as, city_caseworker, statistician, consultation_worker, site
):
    host, _work_type, _people = site
    for user in (city_caseworker, statistician):
        assert client_as(user).get(staff_url(host)).status_code == 403
    assert client_as(consultation_worker).get(partner_url(host)).status_code == 403


def test_a_day_in_the_future_is_refused_and_today_shown(client_as, consultation_worker, site):
    host, _work_type, _people = site
    response = client_as(consultation_worker).get(f"/work/day-sheets/{host.pk}/?date=2999-01-01")
    assert response.status_code == 400
    assert response.context["day"] == TODAY


def _queries(client, method: str, path: str, data: dict | None = None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data)
    return response.status_code, len(captured)


@pytest.mark.parametrize("saved", [False, True])
def test_the_sheet_runs_14_queries_and_its_save_31_or_19_for_30_people_as_for_5(
    client_as, consultation_worker, partner_org, saved
):
    counts = []
    for size in (5, 30):
        host = ProgramHostFactory(organisation=partner_org)
        work_types = [WorkTypeFactory(host=host, levels=False) for _ in range(2)]
        SessionFactory(host=host)
        people = [place(host, consultation_worker) for _ in range(size)]
        client = client_as(consultation_worker)
        client.get(staff_url(host))  # warm: the session
        body = sheet_body(people, work_types[0], quantity="15", minutes="60") | sheet_body(
            people, work_types[1], quantity="15", minutes="60"
        )
        if saved:
            client.post(staff_url(host), body)
        get = _queries(client, "get", staff_url(host))
        post = _queries(client, "post", staff_url(host), body)
        assert (get[0], post[0]) == (200, 302)
        counts.append((get[1], post[1]))
    # The page: 4 for the session and user, the host, its work types, the session, the people, their
    # attendance, their logs, the orders, the closed month, the audit row (2: the chain's newest hash and
    # the row). The first save writes the presence and logs in bulk (the roll-call asking work's attendance
    # check once more whether the month is closed); a repeat compares and writes only its audit row.
    assert counts == [(14, 19 if saved else 31)] * 2, counts


def test_the_days_customer_order_goes_on_every_log_of_its_work_type(client_as, consultation_worker, site):
    host, work_type, people = site
    order = CustomerOrder.objects.create(
        work_type=work_type,
        customer_name="釧路漁網株式会社",
        reference="A-12",
        ordered_on=TODAY,
        quantity=500,
    )
    client = client_as(consultation_worker)
    assert "A-12 釧路漁網株式会社" in client.get(staff_url(host)).content.decode()
    body = sheet_body(people, work_type) | {f"sheet-order_{work_type.pk}": str(order.pk)}
    assert client.post(staff_url(host), body).status_code == 302
    assert set(WorkLog.objects.values_list("order_id", flat=True)) == {order.pk}


def test_an_overdue_order_a_log_already_fills_stays_when_the_sheet_is_saved_again(
    client_as, consultation_worker, site
):
    host, work_type, people = site
    old = CustomerOrder.objects.create(
        work_type=work_type, reference="Z-1", ordered_on=TODAY - dt.timedelta(days=200),
        due_on=TODAY - dt.timedelta(days=100), quantity=10,
    )  # fmt: skip
    client = client_as(consultation_worker)
    assert "Z-1" not in client.get(staff_url(host)).content.decode()  # not offered for new work
    client.post(staff_url(host), sheet_body(people, work_type))
    WorkLog.objects.update(order=old)  # filled before it fell due
    page = client.get(staff_url(host)).content.decode()
    assert "Z-1" in page
    body = sheet_body(people, work_type) | {f"sheet-order_{work_type.pk}": str(old.pk)}
    assert client.post(staff_url(host), body).status_code == 302
    assert set(WorkLog.objects.values_list("order_id", flat=True)) == {old.pk}
