"""Cancelling a session (snow, the host's staff away): with a reason, by whoever runs it; a cancelled
session stays on the calendar marked as such, takes no attendance and is not generated again."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.audit.models import AuditAction
from tsunagu.programs import services
from tsunagu.programs.models import Attendance, Session
from tsunagu.testing.factories import CaseFactory, PlacementFactory, SessionFactory

from .helpers import audited, field_errors


@pytest.fixture
def session(zoo_host) -> Session:
    return SessionFactory(host=zoo_host)


@pytest.fixture
def placement(zoo_host, consultation_worker):
    return PlacementFactory(
        host=zoo_host, case=CaseFactory(worker=consultation_worker), worker=consultation_worker
    )


def test_the_hosts_partner_staff_cancel_a_session_with_the_reason(partner_staff, session):
    services.cancel_session(actor=partner_staff, session=session, reason="  大雪のため ")
    session.refresh_from_db()
    assert session.is_cancelled and session.cancelled_by == partner_staff
    assert session.cancellation_reason == "大雪のため"
    assert audited(session, AuditAction.UPDATE)


def test_a_session_is_not_cancelled_without_a_reason(consultation_worker, session):
    with pytest.raises(ValidationError) as caught:
        services.cancel_session(actor=consultation_worker, session=session, reason="   ")
    assert field_errors(caught.value) == {"reason"}
    session.refresh_from_db()
    assert not session.is_cancelled


def test_another_organisations_partner_staff_cannot_cancel_the_session(other_partner, session):
    with pytest.raises(PermissionDenied):
        services.cancel_session(actor=other_partner, session=session, reason="休館日")
    session.refresh_from_db()
    assert not session.is_cancelled


def test_a_session_with_attendance_recorded_is_not_cancelled(consultation_worker, session, placement):
    services.record_roll_call(
        actor=consultation_worker,
        session=session,
        entries=[services.RollCallEntry(placement.pk, "present", Decimal(2))],
    )
    with pytest.raises(ValidationError):
        services.cancel_session(actor=consultation_worker, session=session, reason="大雪のため")
    session.refresh_from_db()
    assert not session.is_cancelled


def test_a_cancelled_session_takes_no_attendance(consultation_worker, session, placement):
    services.cancel_session(actor=consultation_worker, session=session, reason="大雪のため")
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(
            actor=consultation_worker,
            session=session,
            entries=[services.RollCallEntry(placement.pk, "present", Decimal(2))],
        )
    assert field_errors(caught.value) == {"session"}
    assert not Attendance.objects.exists()


def test_a_cancelled_session_is_not_generated_again(consultation_worker, zoo_host):
    tuesday = dt.date(2026, 12, 8)  # the zoo runs on Tuesdays and Thursdays
    (first,) = services.generate_sessions(
        actor=consultation_worker, host=zoo_host, date_from=tuesday, date_to=tuesday
    )
    services.cancel_session(actor=consultation_worker, session=first, reason="職員研修")
    again = services.generate_sessions(
        actor=consultation_worker, host=zoo_host, date_from=tuesday, date_to=tuesday
    )
    assert again == [] and Session.objects.get().is_cancelled


# ---------------------------------------------------------------- the pages


def test_a_worker_cancels_a_session_from_its_roll_call_and_sees_it_marked_on_the_calendar(
    client_as, consultation_worker, session, placement
):
    client = client_as(consultation_worker)
    roll_call = client.get(f"/programs/sessions/{session.pk}/").text
    assert "この実施回を中止する" in roll_call
    response = client.post(f"/programs/sessions/{session.pk}/cancel/", {"cancel-reason": "大雪のため"})
    assert response.status_code == 302 and response.url.startswith(
        f"/programs/hosts/{session.host_id}/sessions/"
    )
    calendar = client.get(response.url).text
    assert "中止" in calendar and "大雪のため" in calendar
    assert "出欠を記録する" not in calendar  # no roll-call to take
    page = client.get(f"/programs/sessions/{session.pk}/").text
    assert "この実施回は中止になりました（大雪のため）" in page
    assert f'name="p{placement.pk}-status"' not in page  # no form
    assert placement.person.full_name in page  # who was expected, to let them know


def test_a_cancellation_without_a_reason_comes_back_on_the_roll_call_page(
    client_as, partner_staff, session, placement
):
    response = client_as(partner_staff).post(
        f"/programs/sessions/{session.pk}/cancel/", {"cancel-reason": ""}
    )
    assert response.status_code == 400
    assert 'data-testid="cancel-session"' in response.text and "errorlist" in response.text
    session.refresh_from_db()
    assert not session.is_cancelled


def test_a_roll_call_sent_to_a_cancelled_session_is_refused_and_nothing_is_saved(
    client_as, partner_staff, session, placement
):
    services.cancel_session(actor=partner_staff, session=session, reason="大雪のため")
    response = client_as(partner_staff).post(
        f"/programs/sessions/{session.pk}/",
        {"placement": [placement.pk], f"p{placement.pk}-status": "present", f"p{placement.pk}-hours": "2"},
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_partner_portal_shows_todays_cancelled_session_without_a_roll_call(
    client_as, partner_staff, session, placement
):
    services.cancel_session(actor=partner_staff, session=session, reason="大雪のため")
    page = client_as(partner_staff).get("/programs/partner/").text
    assert "大雪のため" in page and "中止" in page
    assert "出欠を記録する" not in page
