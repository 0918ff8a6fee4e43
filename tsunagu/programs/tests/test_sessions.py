"""Sessions and the roll-call, role by role: generating from the schedule (public holidays skipped), adding
by hand, refusals that save nothing, and a 40-person roll-call saved in one request with fixed queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.programs.models import Attendance, Placement, ProgramHost, Session
from tsunagu.testing.factories import (
    CaseFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
)

TODAY = timezone.localdate()
STARTED = TODAY - dt.timedelta(days=30)


@pytest.fixture
def zoo_program(db):
    """Mondays 9:30–12:00, offered since April 2025."""
    return ProgramFactory(
        name="動物園環境整備ボランティア体験事業", active_from=dt.date(2025, 4, 1), weekdays=[0]
    )


def place_people(host: ProgramHost, worker, count: int, status: str = "active") -> list[Placement]:
    """People with a case of the worker's office, placed at the host (directly, as the data of a test)."""
    return [
        PlacementFactory(
            host=host,
            worker=worker,
            case=CaseFactory(worker=worker),
            status=status,
            started_on=STARTED if status == "active" else None,
            waiting_since=STARTED if status == "waiting" else None,
        )
        for _ in range(count)
    ]


@pytest.fixture
def today_session(zoo_host):
    return SessionFactory(host=zoo_host)


def roll_call_data(placements, status: str = "present", hours: str = "2.5", **extra) -> dict:
    data: dict = {"placement": [p.pk for p in placements]}
    for p in placements:
        data[f"p{p.pk}-status"] = status
        data[f"p{p.pk}-hours"] = hours
        data[f"p{p.pk}-absence_reason"] = ""
    data.update(extra)
    return data


# ---------------------------------------------------------------- who may open the pages

ALLOWED = ("consultation_worker", "employment_worker", "supervisor", "partner_staff")
FORBIDDEN = ("city_caseworker", "statistician", "administrator")


@pytest.mark.parametrize("role", ALLOWED)
def test_hub_staff_and_the_hosts_partner_open_the_host_sessions_and_the_roll_call(
    request, client_as, role, zoo_host, today_session
):
    client = client_as(request.getfixturevalue(role))
    for path in (
        f"/programs/hosts/{zoo_host.pk}/sessions/",
        f"/programs/sessions/{today_session.pk}/",
        "/programs/sessions/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "動物園環境整備ボランティア体験事業" in response.text, path


@pytest.mark.parametrize("role", FORBIDDEN)
def test_other_roles_are_refused_the_session_pages(request, client_as, role, zoo_host, today_session):
    client = client_as(request.getfixturevalue(role))
    assert client.get(f"/programs/hosts/{zoo_host.pk}/sessions/").status_code == 403
    assert client.get(f"/programs/sessions/{today_session.pk}/").status_code == 403
    assert client.get("/programs/sessions/").status_code == 403
    response = client.post(
        f"/programs/hosts/{zoo_host.pk}/sessions/generate/",
        {"generate-date_from": "2026-01-01", "generate-date_to": "2026-01-31"},
    )
    assert response.status_code == 403
    assert Session.objects.count() == 1


def test_partner_staff_of_another_organisation_get_404_for_the_host_and_its_sessions(
    client_as, other_partner, zoo_host, today_session, consultation_worker
):
    (placement,) = place_people(zoo_host, consultation_worker, 1)
    client = client_as(other_partner)
    assert client.get(f"/programs/hosts/{zoo_host.pk}/sessions/").status_code == 404
    assert client.get(f"/programs/sessions/{today_session.pk}/").status_code == 404
    assert (
        client.post(f"/programs/sessions/{today_session.pk}/", roll_call_data([placement])).status_code == 404
    )
    response = client.post(
        f"/programs/hosts/{zoo_host.pk}/sessions/generate/",
        {"generate-date_from": "2026-01-01", "generate-date_to": "2026-01-31"},
    )
    assert response.status_code == 404
    assert Attendance.objects.count() == 0 and Session.objects.count() == 1


def test_the_session_index_lists_only_the_partners_own_sessions(
    client_as, partner_staff, zoo_host, other_host, today_session
):
    Session.objects.create(host=other_host, date=TODAY, start_time=dt.time(13, 0), end_time=dt.time(15, 0))
    page = client_as(partner_staff).get("/programs/sessions/").content.decode()
    assert page.count(f"/programs/sessions/{today_session.pk}/") == 1
    assert "株式会社 水族館（テスト）" not in page


def test_the_session_index_shows_this_week_and_filters_by_host_and_period(
    client_as, consultation_worker, zoo_host, other_host, today_session
):
    in_ten_days = Session.objects.create(
        host=zoo_host, date=TODAY + dt.timedelta(days=10), start_time=dt.time(9)
    )
    tomorrow = Session.objects.create(host=zoo_host, date=TODAY + dt.timedelta(days=1), start_time=dt.time(9))
    aquarium = Session.objects.create(host=other_host, date=TODAY, start_time=dt.time(13))
    client = client_as(consultation_worker)

    def listed(query: str) -> set[int]:
        page = client.get(f"/programs/sessions/{query}").content.decode()
        return {
            s.pk for s in (today_session, in_ten_days, tomorrow, aquarium) if f"/sessions/{s.pk}/" in page
        }

    assert listed("") == {today_session.pk, tomorrow.pk, aquarium.pk}  # this week, every host
    assert listed(f"?host={zoo_host.pk}&period=today") == {today_session.pk}
    assert listed(f"?host={zoo_host.pk}&period=weeks") == {today_session.pk, tomorrow.pk, in_ten_days.pk}


def test_a_host_that_is_not_the_users_is_refused_on_the_session_index_with_a_message(
    client_as, partner_staff, zoo_host, other_host, today_session
):
    response = client_as(partner_staff).get(f"/programs/sessions/?host={other_host.pk}&period=today")
    assert response.status_code == 400
    assert "受入先: 正しく選択してください。選択したものは候補にありません。" in response.text
    assert f"/programs/sessions/{today_session.pk}/" in response.text  # the default list is still shown


# ---------------------------------------------------------------- generating and adding sessions


def test_generating_a_month_of_mondays_skips_coming_of_age_day(client_as, partner_staff, zoo_host):
    response = client_as(partner_staff).post(
        f"/programs/hosts/{zoo_host.pk}/sessions/generate/",
        {"generate-date_from": "2026-01-01", "generate-date_to": "2026-01-31"},
    )
    assert response.status_code == 302
    assert response.url == f"/programs/hosts/{zoo_host.pk}/sessions/?month=2026-01"
    dates = list(Session.objects.filter(host=zoo_host).values_list("date", flat=True))
    # 2026-01-12 is 成人の日 (a Monday public holiday): no session.
    assert dates == [dt.date(2026, 1, 5), dt.date(2026, 1, 19), dt.date(2026, 1, 26)]
    assert all(s.start_time == dt.time(9, 30) for s in Session.objects.all())
    page = client_as(partner_staff).get(response.url).content.decode()
    assert "成人の日" in page and "2026年1月19日" in page


def test_generating_again_keeps_existing_sessions(client_as, consultation_worker, zoo_host):
    client = client_as(consultation_worker)
    data = {"generate-date_from": "2026-01-01", "generate-date_to": "2026-01-31"}
    client.post(f"/programs/hosts/{zoo_host.pk}/sessions/generate/", data)
    response = client.post(f"/programs/hosts/{zoo_host.pk}/sessions/generate/", data, follow=True)
    assert Session.objects.count() == 3
    assert "新しい実施回はありません" in response.content.decode()


def test_generating_outside_the_active_period_is_refused_and_saves_nothing(
    client_as, partner_staff, zoo_host
):
    response = client_as(partner_staff).post(
        f"/programs/hosts/{zoo_host.pk}/sessions/generate/",
        {"generate-date_from": "2024-01-01", "generate-date_to": "2024-01-31"},
    )
    assert response.status_code == 400
    assert "この期間はプログラムの実施期間外です" in response.content.decode()
    assert Session.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="programs.programhost").exists()


def test_generating_a_range_that_ends_before_it_starts_is_refused(client_as, partner_staff, zoo_host):
    response = client_as(partner_staff).post(
        f"/programs/hosts/{zoo_host.pk}/sessions/generate/",
        {"generate-date_from": "2026-02-01", "generate-date_to": "2026-01-01"},
    )
    assert response.status_code == 400
    assert Session.objects.count() == 0


def test_a_program_by_appointment_is_not_generated_but_its_sessions_are_added_by_hand(
    client_as, partner_staff, zoo_host, zoo_program
):
    zoo_program.by_appointment, zoo_program.weekdays = True, []
    zoo_program.save()
    client = client_as(partner_staff)
    response = client.post(
        f"/programs/hosts/{zoo_host.pk}/sessions/generate/",
        {"generate-date_from": "2026-01-01", "generate-date_to": "2026-01-31"},
    )
    assert response.status_code == 400
    assert "このプログラムは予約制です。" in response.content.decode()
    assert Session.objects.count() == 0
    response = client.post(f"/programs/hosts/{zoo_host.pk}/sessions/", {"add-date": "2026-01-08"})
    assert response.status_code == 302 and Session.objects.count() == 1


def test_the_session_lists_do_not_grow_in_queries_with_the_rows_shown(
    client_as, consultation_worker, zoo_host
):
    client = client_as(consultation_worker)
    pages = (f"/programs/hosts/{zoo_host.pk}/sessions/", "/programs/sessions/")

    def counts() -> list[int]:
        result = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    Session.objects.create(host=zoo_host, date=TODAY, start_time=dt.time(9, 30))
    place_people(zoo_host, consultation_worker, 1)
    few = counts()
    for days in range(1, 8):
        Session.objects.create(host=zoo_host, date=TODAY + dt.timedelta(days=days), start_time=dt.time(9, 30))
    place_people(zoo_host, consultation_worker, 8)
    assert counts() == few


def test_a_session_is_added_by_hand_with_the_programs_hours(client_as, partner_staff, zoo_host):
    response = client_as(partner_staff).post(
        f"/programs/hosts/{zoo_host.pk}/sessions/",
        {"add-date": "令和8年2月4日", "add-start_time": "", "add-end_time": "", "add-note": "特別清掃"},
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.date, session.start_time, session.end_time, session.note) == (
        dt.date(2026, 2, 4),
        dt.time(9, 30),
        dt.time(12, 0),
        "特別清掃",
    )
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="programs.session").exists()


def test_a_duplicate_session_is_refused_in_japanese_and_nothing_is_saved(
    client_as, consultation_worker, zoo_host
):
    Session.objects.create(host=zoo_host, date=dt.date(2026, 2, 2), start_time=dt.time(9, 30))
    response = client_as(consultation_worker).post(
        f"/programs/hosts/{zoo_host.pk}/sessions/", {"add-date": "2026-02-02", "add-start_time": "09:30"}
    )
    assert response.status_code == 400
    assert "その日時の実施回は既にあります。" in response.content.decode()
    assert Session.objects.count() == 1


def test_a_session_outside_the_active_period_is_refused_and_nothing_is_saved(
    client_as, partner_staff, zoo_host
):
    response = client_as(partner_staff).post(
        f"/programs/hosts/{zoo_host.pk}/sessions/", {"add-date": "2025-03-31"}
    )
    assert response.status_code == 400
    assert "その日はプログラムの実施期間外です。" in response.content.decode()
    assert Session.objects.count() == 0


# ---------------------------------------------------------------- the roll-call


def test_the_roll_call_lists_everyone_expected_with_the_sessions_hours(
    client_as, partner_staff, consultation_worker, zoo_host, other_host, today_session
):
    expected = place_people(zoo_host, consultation_worker, 2)
    waiting = place_people(zoo_host, consultation_worker, 1, status="waiting")
    elsewhere = place_people(other_host, consultation_worker, 1)
    page = client_as(partner_staff).get(f"/programs/sessions/{today_session.pk}/").content.decode()
    for p in expected:
        assert p.person.full_name in page
        assert f'name="p{p.pk}-status"' in page
        assert f'name="p{p.pk}-hours" value="2.5"' in page
    for p in waiting + elsewhere:
        assert f'name="p{p.pk}-status"' not in page
    for label in ("出席", "遅刻", "早退", "欠席"):
        assert label in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="programs.session").exists()


def test_a_partner_saves_the_whole_roll_call_and_sees_it_prefilled(
    client_as, partner_staff, consultation_worker, zoo_host, today_session
):
    present, late, absent = place_people(zoo_host, consultation_worker, 3)
    data = roll_call_data([present, late, absent])
    data[f"p{late.pk}-status"] = "late"
    data[f"p{late.pk}-hours"] = "１．５"  # full-width, as a phone keyboard may type it
    data[f"p{absent.pk}-status"] = "absent"  # the hours box still says 2.5: an absence has none
    data[f"p{absent.pk}-absence_category"] = "no_contact"
    client = client_as(partner_staff)
    response = client.post(f"/programs/sessions/{today_session.pk}/", data)
    assert response.status_code == 302 and response.url == f"/programs/sessions/{today_session.pk}/"
    rows = {a.placement_id: a for a in Attendance.objects.all()}
    assert (rows[present.pk].status, rows[present.pk].hours) == ("present", Decimal("2.5"))
    assert (rows[late.pk].status, rows[late.pk].hours) == ("late", Decimal("1.5"))
    assert (rows[absent.pk].status, rows[absent.pk].hours, rows[absent.pk].absence_category) == (
        "absent",
        Decimal(0),
        "no_contact",
    )
    assert all(a.recorded_by == partner_staff for a in rows.values())
    page = client.get(response.url).content.decode()
    assert "3人の出欠を保存しました。" in page
    assert f'value="late" id="id_p{late.pk}-status_1" required checked' in page
    assert f'name="p{late.pk}-hours" value="1.5"' in page
    assert '<option value="no_contact" selected>' in page


def test_a_second_save_corrects_the_roll_call(client_as, consultation_worker, zoo_host, today_session):
    placements = place_people(zoo_host, consultation_worker, 2)
    client = client_as(consultation_worker)
    client.post(f"/programs/sessions/{today_session.pk}/", roll_call_data(placements))
    data = roll_call_data(placements)
    data[f"p{placements[0].pk}-status"] = "left_early"
    data[f"p{placements[0].pk}-hours"] = "1"
    assert client.post(f"/programs/sessions/{today_session.pk}/", data).status_code == 302
    assert Attendance.objects.count() == 2
    assert Attendance.objects.get(placement=placements[0]).status == "left_early"


def test_a_person_left_without_a_status_is_shown_and_nothing_is_saved(
    client_as, partner_staff, consultation_worker, zoo_host, today_session
):
    placements = place_people(zoo_host, consultation_worker, 2)
    data = roll_call_data(placements)
    del data[f"p{placements[1].pk}-status"]
    response = client_as(partner_staff).post(f"/programs/sessions/{today_session.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "出席・遅刻・早退・欠席のいずれかを選んでください。" in page
    assert f'id="person-{placements[1].pk}" data-testid="roll-call-person"' in page
    assert Attendance.objects.count() == 0


def test_attendance_for_someone_not_placed_in_the_program_is_refused_and_nothing_is_saved(
    client_as, partner_staff, consultation_worker, zoo_host, other_host, today_session
):
    placed = place_people(zoo_host, consultation_worker, 2)
    elsewhere = place_people(other_host, consultation_worker, 1)
    response = client_as(partner_staff).post(
        f"/programs/sessions/{today_session.pk}/", roll_call_data(placed + elsewhere)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "この方はこの実施回のプログラムに参加していません。" in page
    assert elsewhere[0].person.full_name not in page  # nothing about the other host's person is shown
    assert Attendance.objects.count() == 0


def test_a_future_session_shows_who_is_expected_and_refuses_attendance(
    client_as, partner_staff, consultation_worker, zoo_host
):
    (placement,) = place_people(zoo_host, consultation_worker, 1)
    future = Session.objects.create(
        host=zoo_host, date=TODAY + dt.timedelta(days=3), start_time=dt.time(9, 30)
    )
    client = client_as(partner_staff)
    page = client.get(f"/programs/sessions/{future.pk}/").content.decode()
    assert placement.person.full_name in page and "当日から" in page
    response = client.post(f"/programs/sessions/{future.pk}/", roll_call_data([placement]))
    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_a_roll_call_of_40_people_saves_in_one_request_with_the_same_queries_as_5(
    client_as, partner_staff, consultation_worker, partner_org, zoo_host
):
    small_host = zoo_host
    large_host = ProgramHostFactory(program__name="動物園の売店手伝い", organisation=partner_org)
    small = place_people(small_host, consultation_worker, 5)
    large = place_people(large_host, consultation_worker, 40)
    small_session = Session.objects.create(host=small_host, date=TODAY, start_time=dt.time(9, 30))
    large_session = Session.objects.create(host=large_host, date=TODAY, start_time=dt.time(9, 30))
    client = client_as(partner_staff)

    def save(session, placements, status="present") -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"/programs/sessions/{session.pk}/", roll_call_data(placements, status))
        assert response.status_code == 302
        return len(queries)

    first = (save(small_session, small), save(large_session, large))  # inserts
    again = (save(small_session, small, "late"), save(large_session, large, "late"))  # updates
    print(f"roll-call queries: insert 5={first[0]} 40={first[1]}; update 5={again[0]} 40={again[1]}")
    assert first[0] == first[1]
    assert again[0] == again[1]
    assert max(*first, *again) <= 20
    assert Attendance.objects.filter(session=large_session, status="late").count() == 40

    with CaptureQueriesContext(connection) as small_page:
        client.get(f"/programs/sessions/{small_session.pk}/")
    with CaptureQueriesContext(connection) as large_page:
        client.get(f"/programs/sessions/{large_session.pk}/")
    assert len(small_page) == len(large_page)
