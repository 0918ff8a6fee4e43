"""Every program page that shows people records one read naming them (ids only): who saw whom, where."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import CaseFactory, PlacementFactory, SessionFactory, UserFactory

TODAY = timezone.localdate()


def the_read(user) -> AuditEvent:
    (event,) = AuditEvent.objects.filter(actor=user, action=AuditAction.VIEW)
    return event


@pytest.fixture
def placed(zoo_host, employment_worker):
    """Two people of the worker's office taking part at the zoo."""
    return [
        PlacementFactory(host=zoo_host, worker=employment_worker, case=CaseFactory(worker=employment_worker),
                         started_on=TODAY - dt.timedelta(days=30))
        for _ in range(2)
    ]  # fmt: skip


def test_placement_form_records_the_person_shown(client_as, employment_worker):
    person = CaseFactory(worker=employment_worker).person
    client = client_as(employment_worker)
    client.get(f"/programs/placements/new/{person.pk}/")
    event = the_read(employment_worker)
    assert (event.object_type, event.object_id) == ("people.person", str(person.pk))
    assert event.detail == {"page": "placement_form", "people": [person.pk]}
    assert client.post(f"/programs/placements/new/{person.pk}/", {"host": "x"}).status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="placement_form").count() == 2


def test_a_refused_placement_step_records_the_placement_page_shown_again(
    client_as, employment_worker, placed
):
    placement = placed[0]
    response = client_as(employment_worker).post(
        f"/programs/placements/{placement.pk}/step/", {"status": "x"}
    )
    assert response.status_code == 400
    event = the_read(employment_worker)
    assert (event.object_type, event.object_id) == ("programs.placement", str(placement.pk))
    assert event.detail == {"page": "placement", "people": [placement.person_id]}


def test_host_sessions_page_records_the_people_placed(client_as, partner_staff, zoo_host, placed):
    client_as(partner_staff).get(f"/programs/hosts/{zoo_host.pk}/sessions/")
    event = the_read(partner_staff)
    assert (event.object_type, event.object_id) == ("programs.programhost", str(zoo_host.pk))
    assert event.detail == {"page": "host_sessions", "people": sorted(p.person_id for p in placed)}


def test_a_host_without_people_records_nothing(client_as, partner_staff, zoo_host):
    assert client_as(partner_staff).get(f"/programs/hosts/{zoo_host.pk}/sessions/").status_code == 200
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_the_roll_call_records_the_people_expected_also_when_a_save_is_refused(
    client_as, partner_staff, zoo_host, placed
):
    session = SessionFactory(host=zoo_host)
    client = client_as(partner_staff)
    client.get(f"/programs/sessions/{session.pk}/")
    event = the_read(partner_staff)
    assert (event.object_type, event.object_id) == ("programs.session", str(session.pk))
    assert event.detail == {"page": "roll_call", "people": sorted(p.person_id for p in placed)}
    refused = {"placement": [placed[0].pk], f"p{placed[0].pk}-status": "nonsense"}
    assert client.post(f"/programs/sessions/{session.pk}/", refused).status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="roll_call").count() == 2


def test_the_partner_evaluation_form_records_the_person_also_when_refused(client_as, partner_staff, placed):
    placement = placed[0]
    client = client_as(partner_staff)
    client.get(f"/programs/partner/placements/{placement.pk}/evaluate/")
    assert the_read(partner_staff).detail == {"page": "partner_evaluate", "people": [placement.person_id]}
    assert client.post(f"/programs/partner/placements/{placement.pk}/evaluate/", {}).status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="partner_evaluate").count() == 2


def test_the_ladder_records_the_person(client_as, employment_worker, placed):
    person = placed[0].person
    client_as(employment_worker).get(f"/programs/people/{person.pk}/ladder/")
    event = the_read(employment_worker)
    assert (event.object_type, event.object_id) == ("people.person", str(person.pk))
    assert event.detail == {"page": "ladder", "people": [person.pk]}


def test_the_overview_drill_down_records_only_the_people_in_scope(
    client_as, consultation_worker, zoo_host, placed, other_hub_office
):
    outsider = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    PlacementFactory(host=zoo_host, worker=outsider, case=CaseFactory(worker=outsider))
    client_as(consultation_worker).get(f"/programs/overview/hosts/{zoo_host.pk}/")
    assert the_read(consultation_worker).detail == {
        "page": "overview_host",
        "people": sorted(p.person_id for p in placed),
    }
