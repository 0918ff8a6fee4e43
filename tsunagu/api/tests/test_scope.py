"""Through the API a user sees exactly what the pages show them: every endpoint, per role, in and out of
scope; and each response that shows people records who saw them."""

from __future__ import annotations

import pytest

from tsunagu.audit.models import AuditEvent

LISTS = ("people", "cases", "notes", "plans", "placements", "attendance", "referrals", "work-logs")


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_worker_sees_only_cases_in_scope_through_the_api(api_world, consultation_worker, token_client):
    client = token_client(consultation_worker)
    assert ids(client.get("/api/v1/cases/")) == {api_world.inside.case.pk}
    assert client.get(f"/api/v1/cases/{api_world.outside.case.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/cases/{api_world.inside.case.pk}/").json()["person"]
        == api_world.inside.person.pk
    )


@pytest.mark.parametrize("kind", ["people", "notes", "plans", "placements", "attendance", "work_log"])
def test_worker_sees_every_kind_of_record_of_their_office_and_none_of_another(
    api_world, consultation_worker, token_client, kind
):
    client = token_client(consultation_worker)
    route = {"people": "people", "work_log": "work-logs"}.get(kind, kind)
    attribute = {"people": "person"}.get(kind, kind.rstrip("s") if kind != "attendance" else kind)
    inside, outside = getattr(api_world.inside, attribute), getattr(api_world.outside, attribute)
    assert ids(client.get(f"/api/v1/{route}/")) == {inside.pk}
    assert client.get(f"/api/v1/{route}/{inside.pk}/").status_code == 200
    assert client.get(f"/api/v1/{route}/{outside.pk}/").status_code == 404


def test_partner_staff_cannot_list_people(api_world, partner_staff, token_client):
    client = token_client(partner_staff)
    for route in ("people", "cases", "notes", "plans"):
        response = client.get(f"/api/v1/{route}/")
        assert response.status_code == 403, route
        assert "圏内" not in response.content.decode()


def test_partner_staff_see_the_placements_attendance_and_referrals_with_their_organisation(
    api_world, partner_staff, token_client
):
    client = token_client(partner_staff)
    assert ids(client.get("/api/v1/placements/")) == {api_world.inside.placement.pk}
    assert ids(client.get("/api/v1/attendance/")) == {api_world.inside.attendance.pk}
    assert ids(client.get("/api/v1/work-logs/")) == {api_world.inside.work_log.pk}
    (referral,) = client.get("/api/v1/referrals/").json()["results"]
    assert referral["id"] == api_world.inside.referral.pk
    assert referral["case"] is None, "a receiver sees the referral's minimum, never the case"
    assert client.get(f"/api/v1/placements/{api_world.outside.placement.pk}/").status_code == 404


def test_the_city_worker_reads_the_notes_of_a_referred_case_while_consent_stands(
    api_world, city_caseworker, token_client
):
    client = token_client(city_caseworker)
    assert ids(client.get("/api/v1/cases/")) == {api_world.inside.case.pk}
    assert ids(client.get("/api/v1/notes/")) == {api_world.inside.note.pk}
    api_world.inside.person.consents.filter(scope="share_city").update(
        withdrawn_on=api_world.inside.case.intake_date
    )
    assert ids(client.get("/api/v1/notes/")) == set()
    assert client.get("/api/v1/placements/").status_code == 403


def test_a_dv_protected_persons_contact_is_withheld_from_those_not_assigned(
    api_world, supervisor, consultation_worker, token_client
):
    api_world.inside.case.contact_access_confirmed = True
    api_world.inside.case.save()
    (shown,) = token_client(consultation_worker).get("/api/v1/people/").json()["results"]
    assert shown["phone"] and shown["contact_withheld"] is False
    (withheld,) = token_client(supervisor).get("/api/v1/people/").json()["results"]
    assert withheld["phone"] is None and withheld["address"] is None and withheld["contact_withheld"] is True


def test_the_statistician_reads_the_figures_and_no_person(api_world, statistician, token_client):
    client = token_client(statistician)
    for route in LISTS:
        assert client.get(f"/api/v1/{route}/").status_code == 403, route
    figures = client.get("/api/v1/statistics/", {"month": "2026-10"})
    assert figures.status_code == 200
    assert figures.json()["first_day"] == "2026-10-01" and figures.json()["lines"]
    assert "圏内" not in figures.content.decode()


def test_the_hosts_staff_see_whether_an_absence_was_notified_never_the_reason(
    api_world, partner_staff, consultation_worker, token_client
):
    attendance = api_world.inside.attendance
    attendance.status, attendance.absence_category, attendance.absence_reason = (
        "absent",
        "illness",
        "通院のため",
    )
    attendance.save()
    (hub,) = token_client(consultation_worker).get("/api/v1/attendance/").json()["results"]
    (host,) = token_client(partner_staff).get("/api/v1/attendance/").json()["results"]
    assert hub["absence_reason"] == "通院のため"
    assert host["absence_reason"] == "" and host["absence_category"] != "illness"


@pytest.mark.parametrize("route", LISTS)
def test_every_list_and_detail_records_the_people_it_shows(
    api_world, consultation_worker, token_client, route
):
    client = token_client(consultation_worker)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    first = client.get(f"/api/v1/{route}/").json()["results"][0]
    (event,) = AuditEvent.objects.filter(id__gt=before, action="view")
    assert event.actor == consultation_worker
    assert event.detail["people"] == [api_world.inside.person.pk] and event.detail["page"].startswith("api.")
    assert "圏内" not in str(event.detail)
    client.get(f"/api/v1/{route}/{first['id']}/")
    latest = AuditEvent.objects.filter(action="view").latest("id")
    assert latest.detail["people"] == [api_world.inside.person.pk] and latest.object_id == str(first["id"])
