"""The meetings pages per role, the 支援調整会議 approving two plans from its page, the minutes PDF in
Japanese, and the query counts of the list and the meeting page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import PlanStatus
from tsunagu.cases.tests.helpers import days_ago
from tsunagu.core.dates import local_date
from tsunagu.network import services
from tsunagu.network.models import MeetingKind
from tsunagu.testing.factories import CaseFactory, PersonFactory
from tsunagu.testing.pdf import pdf_fonts, pdf_missing_glyphs, pdf_text

from .conftest import coordination, in_english


def test_a_supervisor_approves_two_plans_at_once_from_the_meeting_page(
    world, supervisor, consultation_worker, client_as
):
    meeting = coordination(supervisor, consultation_worker)
    client = in_english(client_as(supervisor))
    response = client.post(
        f"/network/meetings/{meeting.pk}/agenda/", {"cases": [world.first.pk, world.second.pk]}
    )
    assert response.status_code == 302
    page = client.get(f"/network/meetings/{meeting.pk}/").content.decode()
    assert "会議" in page and "調整" in page  # both people on the agenda, their plans to decide

    response = client.post(
        f"/network/meetings/{meeting.pk}/coordination/",
        {
            "plans": [world.first_plan.pk, world.second_plan.pk],
            f"version-{world.first_plan.pk}": world.first_plan.edit_version,
            f"version-{world.second_plan.pk}": world.second_plan.edit_version,
            "decided_on": days_ago(1).isoformat(),
        },
    )
    assert response.status_code == 302
    for case, plan in ((world.first, world.first_plan), (world.second, world.second_plan)):
        plan.refresh_from_db()
        assert plan.status == PlanStatus.APPROVED and plan.decided_on == days_ago(1)
        case_page = client.get(f"/cases/{case.pk}/").content.decode()
        assert 'data-testid="case-meeting-decisions"' in case_page
        with translation.override("en"):  # the page is English (in_english); a request resets the language
            assert local_date(days_ago(1)) in case_page  # the 支援決定日 beside the decision
    meeting_page = client.get(f"/network/meetings/{meeting.pk}/").content.decode()
    assert meeting_page.count("Plan approved") == 2


def test_a_refused_decision_is_shown_with_its_reason_and_status_400(
    world, supervisor, consultation_worker, client_as
):
    meeting = services.create_meeting(
        actor=consultation_worker, fields={"kind": "coordination", "body": None, "held_on": days_ago(2)}
    )
    services.add_cases_to_agenda(actor=consultation_worker, meeting=meeting, cases=[world.first])
    response = in_english(client_as(supervisor)).post(
        f"/network/meetings/{meeting.pk}/coordination/",
        {"plans": [world.first_plan.pk], f"version-{world.first_plan.pk}": world.first_plan.edit_version},
    )
    assert response.status_code == 400
    assert "Only an attendee of this meeting" in response.content.decode()
    world.first_plan.refresh_from_db()
    assert world.first_plan.status == PlanStatus.SUBMITTED


def test_a_support_council_is_seen_only_by_its_attendees_and_supervisors(
    world, supervisor, consultation_worker, employment_worker, client_as
):
    meeting = services.create_meeting(
        actor=consultation_worker,
        fields={"kind": MeetingKind.SUPPORT_COUNCIL, "body": None, "held_on": days_ago(1)},
    )
    path = f"/network/meetings/{meeting.pk}/"
    assert client_as(consultation_worker).get(path).status_code == 200
    assert client_as(supervisor).get(path).status_code == 200
    assert client_as(employment_worker).get(path).status_code == 404
    assert client_as(employment_worker).get(f"{path}minutes.pdf").status_code == 404
    listed = client_as(employment_worker).get("/network/meetings/").content.decode()
    assert path not in listed
    assert path in client_as(consultation_worker).get("/network/meetings/").content.decode()


def test_a_meeting_of_another_office_is_not_found(world, consultation_worker, client_as):
    other = services.create_meeting(
        actor=world.onbetsu, fields={"kind": "case_conference", "body": None, "held_on": days_ago(1)}
    )
    assert client_as(consultation_worker).get(f"/network/meetings/{other.pk}/").status_code == 404


def test_the_minutes_pdf_is_japanese_with_wareki_dates_and_its_download_is_audited(
    world, supervisor, consultation_worker, client_as
):
    meeting = coordination(supervisor, consultation_worker, contacts=[world.contact])
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    services.record_coordination_decisions(
        actor=supervisor, meeting=meeting, plans=[world.first_plan], decided_on=days_ago(1)
    )
    services.update_minutes(
        actor=supervisor, meeting=meeting, edit_version=meeting.edit_version,
        fields={"place": "本所 会議室", "minutes": "プランの目標と支援内容を確認した。"},
    )  # fmt: skip

    response = client_as(consultation_worker).get(f"/network/meetings/{meeting.pk}/minutes.pdf")

    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    for expected in ("議事録", "支援調整会議", "令和", "本所 会議室", "包括 和子", "プラン承認", "支援決定日",
                     "プランの目標と支援内容を確認した", world.first.person.family_name):  # fmt: skip
        assert expected in text.replace(" ", "") or expected in text, expected
    assert pdf_missing_glyphs(response.content) == 0
    assert all(font.embedded for font in pdf_fonts(response.content))
    event = AuditEvent.objects.filter(action="export", actor=consultation_worker).latest("id")
    assert event.detail["page"] == "meeting_minutes_pdf" and event.detail["people"] == [world.first.person_id]


def test_the_meeting_page_records_the_people_it_shows(world, supervisor, client_as):
    meeting = coordination(supervisor)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first, world.second])
    client_as(supervisor).get(f"/network/meetings/{meeting.pk}/")
    event = AuditEvent.objects.filter(action="view", actor=supervisor).latest("id")
    assert sorted(event.detail["people"]) == sorted([world.first.person_id, world.second.person_id])


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_meeting_list_costs_the_same_for_three_meetings_or_twelve(
    supervisor, consultation_worker, client_as
):
    client = client_as(supervisor)
    for _ in range(3):
        coordination(supervisor, consultation_worker)
    few = _queries(client, "/network/meetings/")
    for _ in range(9):
        coordination(supervisor, consultation_worker)
    assert _queries(client, "/network/meetings/") == few


def test_the_meeting_page_costs_the_same_for_two_cases_or_eight(
    world, supervisor, consultation_worker, client_as
):
    client = client_as(supervisor)
    meeting = coordination(supervisor, consultation_worker)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first, world.second])
    path = f"/network/meetings/{meeting.pk}/"
    few = _queries(client, path)
    more = [
        CaseFactory(worker=consultation_worker, person=PersonFactory(), intake_date=days_ago(30))
        for _ in range(6)
    ]
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=more)
    for case in more:
        services.add_action_item(
            actor=supervisor, meeting=meeting,
            fields={"text": "見守り", "owner": consultation_worker, "due_on": days_ago(0), "case": case},
        )  # fmt: skip
        services.record_decision(actor=supervisor, meeting=meeting, case=case, text="継続")
    assert _queries(client, path) == few
