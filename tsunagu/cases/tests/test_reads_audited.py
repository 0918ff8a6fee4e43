"""Every casework page that shows people records one read naming them (ids only): who saw whom, where."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services
from tsunagu.cases.models import Closure
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

TODAY = timezone.localdate()


def the_read(user) -> AuditEvent:
    """The one read the user's last request recorded (a test makes one request)."""
    (event,) = AuditEvent.objects.filter(actor=user, action=AuditAction.VIEW)
    return event


def plan_fields(case) -> dict:
    start = case.intake_date
    return {
        "period_start": start, "period_end": start + dt.timedelta(days=180), "long_term_goal": "自立",
        "short_term_goals": "通所", "agreed_on": start, "next_monitoring_on": TODAY + dt.timedelta(days=3),
    }  # fmt: skip


def submitted_plan(case):
    plan = services.create_plan(case=case, actor=case.worker, fields=plan_fields(case))
    return services.submit_plan(plan=plan, actor=case.worker)


def requested_closure(case) -> Closure:
    return services.request_closure(case=case, actor=case.worker, closed_on=TODAY, reason="employed")


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker)


@pytest.fixture
def elsewhere(other_hub_office):
    """A case of another office: never listed, never recorded as seen."""
    return CaseFactory(worker=UserFactory(office=other_hub_office, roles=["consultation_worker"]))


# ---------------------------------------------------------------- lists


def test_case_list_records_the_people_shown(client_as, consultation_worker, case, elsewhere):
    second = CaseFactory(worker=consultation_worker)
    response = client_as(consultation_worker).get("/cases/")
    assert case.person.full_name in response.text and second.person.full_name in response.text
    event = the_read(consultation_worker)
    assert event.detail == {"page": "case_list", "people": sorted([case.person_id, second.person_id])}


def test_search_results_record_only_the_people_found(client_as, consultation_worker, elsewhere):
    found = CaseFactory(worker=consultation_worker, person=PersonFactory(family_name_kana="わたぬき"))
    CaseFactory(worker=consultation_worker, person=PersonFactory(family_name_kana="さとう"))
    client_as(consultation_worker).get("/cases/?q=ﾜﾀﾇｷ")
    assert the_read(consultation_worker).detail == {"page": "case_search", "people": [found.person_id]}


def test_the_case_table_partial_records_the_people_shown(client_as, consultation_worker, case):
    response = client_as(consultation_worker).get("/cases/", headers={"HX-Request": "true"})
    assert "<html" not in response.text and case.person.full_name in response.text
    assert the_read(consultation_worker).detail["people"] == [case.person_id]


def test_a_search_that_finds_no_one_records_nothing(client_as, consultation_worker, case):
    client_as(consultation_worker).get("/cases/?q=ﾑﾑﾑﾑ")
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_caseload_records_the_people_shown(client_as, consultation_worker):
    quiet = CaseFactory(worker=consultation_worker, intake_date=TODAY - dt.timedelta(days=60))
    awaiting = CaseFactory(worker=consultation_worker, intake_date=TODAY - dt.timedelta(days=5))
    submitted_plan(awaiting)
    response = client_as(consultation_worker).get("/cases/caseload/")
    assert quiet.person.full_name in response.text and awaiting.person.full_name in response.text
    event = the_read(consultation_worker)
    assert event.detail["page"] == "caseload"
    assert set(event.detail["people"]) == {quiet.person_id, awaiting.person_id}


def test_approvals_queue_records_the_people_shown(client_as, supervisor, consultation_worker, elsewhere):
    plan_case, closure_case = CaseFactory(worker=consultation_worker), CaseFactory(worker=consultation_worker)
    submitted_plan(plan_case)
    requested_closure(closure_case)
    client_as(supervisor).get("/cases/approvals/")
    event = the_read(supervisor)
    assert event.detail == {
        "page": "approvals",
        "people": sorted([plan_case.person_id, closure_case.person_id]),
    }


def test_a_refused_approval_records_the_people_shown_again(client_as, supervisor, case):
    submitted_plan(case)
    response = client_as(supervisor).post("/cases/approvals/", {"plans": ["99999999"]})
    assert response.status_code == 400
    assert the_read(supervisor).detail == {"page": "approvals", "people": [case.person_id]}


# ---------------------------------------------------------------- the case and its forms


def test_the_case_page_records_the_person_about_the_case(client_as, consultation_worker, case):
    client_as(consultation_worker).get(f"/cases/{case.pk}/")
    event = the_read(consultation_worker)
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert event.detail == {"page": "case", "people": [case.person_id]}


def test_refused_note_post_records_the_notes_shown(client_as, consultation_worker, case):
    client = client_as(consultation_worker)
    response = client.post(f"/cases/{case.pk}/notes/", {"content": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    event = the_read(consultation_worker)
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert event.detail == {"page": "case_notes", "people": [case.person_id]}


def test_a_refused_note_post_without_htmx_records_the_case_page_shown_again(
    client_as, consultation_worker, case
):
    response = client_as(consultation_worker).post(f"/cases/{case.pk}/notes/", {"content": ""})
    assert response.status_code == 400 and case.person.full_name in response.text
    assert the_read(consultation_worker).detail == {"page": "case_notes", "people": [case.person_id]}


def test_a_saved_note_records_the_timeline_it_shows_but_a_redirect_records_nothing(
    client_as, consultation_worker, case
):
    client = client_as(consultation_worker)
    note = {"occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M"), "method": "phone", "minutes": "5",
            "content": "電話"}  # fmt: skip
    assert client.post(f"/cases/{case.pk}/notes/", note).status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()
    assert client.post(f"/cases/{case.pk}/notes/", note, headers={"HX-Request": "true"}).status_code == 200
    assert the_read(consultation_worker).detail["people"] == [case.person_id]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("assessment/", "assessment_create"),
        ("plans/new/", "plan_create"),
        ("monitoring/", "monitoring_create"),
        ("evaluation/", "evaluation_create"),
        ("closure/", "closure_request"),
    ],
)
def test_assessment_and_other_case_forms_record_the_person_shown(
    client_as, consultation_worker, case, path, page
):
    client = client_as(consultation_worker)
    response = client.get(f"/cases/{case.pk}/{path}")
    assert response.status_code == 200 and case.person.full_name in response.text
    event = the_read(consultation_worker)
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert event.detail == {"page": page, "people": [case.person_id]}
    assert client.post(f"/cases/{case.pk}/{path}", {"x": ""}).status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page=page).count() == 2


def test_plan_page_records_the_people_shown(client_as, consultation_worker, case):
    plan = submitted_plan(case)
    client_as(consultation_worker).get(f"/cases/plans/{plan.pk}/")
    event = the_read(consultation_worker)
    assert (event.object_type, event.object_id) == ("cases.plan", str(plan.pk))
    assert event.detail == {"page": "plan_edit", "people": [case.person_id]}


def test_closure_decision_records_the_person_shown(client_as, supervisor, case):
    closure = requested_closure(case)
    client_as(supervisor).get(f"/cases/closures/{closure.pk}/decide/")
    event = the_read(supervisor)
    assert (event.object_type, event.object_id) == ("cases.closure", str(closure.pk))
    assert event.detail == {"page": "closure_decide", "people": [case.person_id]}


def test_reassignment_records_the_person_shown(client_as, supervisor, case):
    client_as(supervisor).get(f"/cases/{case.pk}/reassign/")
    event = the_read(supervisor)
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert event.detail == {"page": "reassign", "people": [case.person_id]}


def test_a_refused_page_outside_ones_scope_records_nothing(client_as, consultation_worker, elsewhere):
    assert client_as(consultation_worker).get(f"/cases/{elsewhere.pk}/reassign/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()
