"""The eight server errors (500) the probe of issue 9 found, each now a refusal in Japanese (400), and the
date windows that stop a date of year 1 or 1800 from entering a record at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.cases import services as case_services
from tsunagu.cases.models import Case, Plan
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.programs.models import Program, ProgramHost
from tsunagu.testing.factories import AreaFactory, CaseFactory, ProgramHostFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # 10^20: more than a 64-bit id


def today() -> dt.date:
    return timezone.localdate()


def intake_form(**overrides) -> dict:
    data = {
        "family_name": "山田", "given_name": "太郎", "family_name_kana": "やまだ", "given_name_kana": "たろう",
        "date_of_birth": "1980-04-01", "sex": "male", "phone": "0154-22-1234",
        "intake_date": today().isoformat(), "route": "self", "concerns": ["income"], "most_pressing": "income",
        "application_signed_on": today().isoformat(), "screening_outcome": "continuing",
        "contract": "consultation", "welfare_status": "not_receiving",
    }  # fmt: skip
    data.update(overrides)
    return data


def plan_form(start: dt.date, **overrides) -> dict:
    data = {
        "period_start": start.isoformat(), "period_end": (start + dt.timedelta(days=180)).isoformat(),
        "long_term_goal": "自立", "short_term_goals": "通所", "own_actions": "", "supports": "",
        "statutory_services": ["consultation"], "agreed_on": start.isoformat(), "next_monitoring_on": "",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=today() - dt.timedelta(days=60))


@pytest.fixture
def host(partner_org):
    return ProgramHostFactory(organisation=partner_org)


# ---------------------------------------------------------------- the eight reported cases


def test_approvals_with_a_huge_plan_id_is_refused_not_500(client_as, supervisor, case):
    start = case.intake_date
    plan = case_services.create_plan(
        case=case,
        actor=case.worker,
        fields={
            "period_start": start,
            "period_end": start + dt.timedelta(days=180),
            "long_term_goal": "自立",
            "short_term_goals": "通所",
            "agreed_on": start,
        },
    )
    case_services.submit_plan(plan=plan, actor=case.worker)
    response = client_as(supervisor).post(
        "/cases/approvals/",
        {"plans": [HUGE, plan.pk], "method": "meeting", "approved_on": today().isoformat()},
    )
    assert response.status_code == 400
    assert f"“{HUGE}” は無効な値です" in response.text
    plan.refresh_from_db()
    assert plan.approved_on is None


def test_organisations_filtered_by_a_huge_area_id_is_refused_not_500(client_as, administrator):
    response = client_as(administrator).get("/organisations/", {"area": HUGE})
    assert response.status_code == 400
    assert "地区" in response.text


def test_users_filtered_by_a_huge_organisation_id_is_refused_not_500(client_as, administrator):
    response = client_as(administrator).get("/accounts/users/", {"organisation": HUGE})
    assert response.status_code == 400
    assert administrator.display_name in response.text  # the list itself is still shown, unfiltered


@pytest.mark.parametrize("month", ["9999-12", "1-1", "0001-01", "2026-13", "令和99年1月"])
def test_a_sessions_month_out_of_range_is_refused_and_this_month_shown_not_500(
    client_as, consultation_worker, host, month
):
    response = client_as(consultation_worker).get(f"/programs/hosts/{host.pk}/sessions/", {"month": month})
    assert response.status_code == 400
    assert f"{today().year}年{today().month}月" in response.text


def test_a_sessions_month_in_range_is_shown(client_as, consultation_worker, host):
    response = client_as(consultation_worker).get(
        f"/programs/hosts/{host.pk}/sessions/", {"month": "2025-04"}
    )
    assert response.status_code == 200
    assert "2025年4月" in response.text


@pytest.mark.parametrize("to", ["9999-12-31", "0001-01-01", "1867-12-31"])
def test_the_overview_to_a_date_out_of_range_is_refused_not_500(client_as, supervisor, to):
    response = client_as(supervisor).get("/programs/overview/", {"to": to})
    assert response.status_code == 400
    assert "以降の日付" in response.text or "以前の日付" in response.text


def test_a_date_of_birth_before_meiji_is_refused_at_intake(client_as, consultation_worker):
    response = client_as(consultation_worker).post("/cases/new/", intake_form(date_of_birth="1867-12-31"))
    assert response.status_code == 400
    assert "1900年1月1日以降の日付" in response.text
    assert not Person.objects.exists()


def test_an_intake_dated_year_one_is_refused(client_as, consultation_worker):
    response = client_as(consultation_worker).post("/cases/new/", intake_form(intake_date="0001-01-01"))
    assert response.status_code == 400
    assert "2000年1月1日以降の日付" in response.text
    assert not Case.objects.exists()


def test_pdf_of_a_plan_dated_1800_cannot_happen_because_dates_are_range_checked(
    client_as, consultation_worker, case
):
    client = client_as(consultation_worker)
    response = client.post(f"/cases/{case.pk}/plans/new/", plan_form(dt.date(1800, 1, 1)))
    assert response.status_code == 400
    assert "2000年1月1日以降の日付" in response.text
    assert not Plan.objects.exists()
    note = {"occurred_at": "1800-01-01T10:00", "method": "visit", "minutes": "30", "content": "面談"}
    assert client.post(f"/cases/{case.pk}/notes/", note).status_code == 400
    assert not case.notes.exists()


def test_a_pdf_of_records_dated_before_meiji_still_prints_in_western_years(
    client_as, consultation_worker, case
):
    """Records written before the windows existed (or by a data fix) print, rather than fail the PDF."""
    plan = case_services.create_plan(
        case=case,
        actor=consultation_worker,
        fields={
            "period_start": today(),
            "period_end": today(),
            "long_term_goal": "自立",
            "short_term_goals": "通所",
        },
    )
    Plan.objects.filter(pk=plan.pk).update(agreed_on=dt.date(1800, 1, 1))
    Case.objects.filter(pk=case.pk).update(intake_date=dt.date(1800, 1, 1))
    response = client_as(consultation_worker).get(f"/cases/plans/{plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


# ---------------------------------------------------------------- the windows, per field


def test_a_case_event_before_the_intake_date_is_refused_with_the_intake_date_named(
    client_as, consultation_worker, case
):
    before = case.intake_date - dt.timedelta(days=1)
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/monitoring/",
        {"monitored_on": before.isoformat(), "progress": "on_track", "notes": "順調"},
    )
    assert response.status_code == 400
    assert "受付日" in response.text
    assert not case.monitorings.exists()


def test_a_case_event_on_the_intake_date_is_accepted(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/closure/", {"closed_on": case.intake_date.isoformat(), "reason": "moved"}
    )
    assert response.status_code == 302
    assert list(case.closures.values_list("closed_on", "reason")) == [(case.intake_date, "moved")]


def test_a_plan_may_end_a_year_ahead_but_not_ten(client_as, consultation_worker, case):
    client = client_as(consultation_worker)
    far = plan_form(today(), period_end=(today() + dt.timedelta(days=3650)).isoformat())
    assert client.post(f"/cases/{case.pk}/plans/new/", far).status_code == 400
    assert not case.plans.exists()
    near = plan_form(today(), period_end=(today() + dt.timedelta(days=365)).isoformat())
    assert client.post(f"/cases/{case.pk}/plans/new/", near).status_code == 302
    assert list(case.plans.values_list("period_end", flat=True)) == [today() + dt.timedelta(days=365)]


def test_a_birth_date_in_wareki_within_the_window_is_accepted(client_as, consultation_worker):
    response = client_as(consultation_worker).post("/cases/new/", intake_form(date_of_birth="昭和50年1月2日"))
    assert response.status_code == 302
    assert Person.objects.get().date_of_birth == dt.date(1975, 1, 2)


def test_a_household_member_aged_9999_is_refused(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(
        f"/people/{case.person_id}/household/",
        {"household-name": "山田 花子", "household-relation": "母", "household-age": "9999"},
    )
    assert response.status_code == 400
    assert not HouseholdMember.objects.exists()


def test_a_program_offered_from_year_9999_is_refused(client_as, administrator):
    response = client_as(administrator).post(
        "/programs/new/",
        {"name": "未来の事業", "category": "work_experience", "active_from": "9999-04-01", "sort_order": "0"},
    )
    assert response.status_code == 400  # the form again, with the message
    assert "以前の日付を入力してください" in response.text
    assert not Program.objects.filter(name="未来の事業").exists()


def test_a_host_with_ten_thousand_places_is_refused(client_as, administrator, partner_org, host):
    response = client_as(administrator).post(
        f"/programs/{host.program_id}/hosts/", {"organisation": partner_org.pk, "capacity": "10000"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["capacity"]  # the message is on the field
    assert not ProgramHost.objects.filter(capacity=10000).exists()


def test_reassigning_to_a_huge_worker_id_is_refused_not_500(client_as, supervisor, case):
    response = client_as(supervisor).post(f"/cases/{case.pk}/reassign/", {"worker": HUGE})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.worker_id != int(HUGE[:5])


def test_a_user_saved_with_a_huge_office_id_is_refused_not_500(client_as, administrator, hub_office):
    other = UserFactory(office=hub_office, roles=["consultation_worker"])
    response = client_as(administrator).post(
        f"/accounts/users/{other.pk}/",
        {
            "display_name": "x",
            "organisation": hub_office.organisation_id,
            "office": HUGE,
            "is_active": "on",
            "edit_version": other.edit_version,
        },
    )
    assert response.status_code == 400  # the form again, with the message
    other.refresh_from_db()
    assert other.display_name != "x"


def test_a_case_list_filtered_by_a_huge_area_is_refused_not_500(client_as, consultation_worker):
    AreaFactory()
    response = client_as(consultation_worker).get("/cases/", {"area": HUGE, "opened_from": "0001-01-01"})
    assert response.status_code == 400
    assert response.context["form"].errors["area"]  # the filter names what is wrong


def test_a_login_with_a_user_name_of_3000_characters_is_refused_not_500(client, consultation_worker):
    """The lock-out stores the name tried in 255 characters: on PostgreSQL a longer one was a 500."""
    response = client.post("/accounts/login/", {"username": "x" * 3000, "password": "wrong"})
    assert response.status_code in (200, 400)  # the login page again, as for any failed login
    assert "ユーザー名またはパスワードが正しくありません" in response.text


def test_a_placement_dated_before_the_case_intake_is_refused(client_as, consultation_worker, case, host):
    before = case.intake_date - dt.timedelta(days=1)
    response = client_as(consultation_worker).post(
        f"/programs/placements/new/{case.person_id}/",
        {"host": host.pk, "status": "visit", "on": before.isoformat()},
    )
    assert response.status_code == 400
    assert "受付日" in response.text
    assert not case.person.placements.exists()
