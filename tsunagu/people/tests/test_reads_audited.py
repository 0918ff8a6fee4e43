"""The person pages record one read per response, naming the people shown (ids only)."""

import pytest

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import CaseFactory


@pytest.fixture
def person(consultation_worker):
    return CaseFactory(worker=consultation_worker).person


def reads():
    return list(AuditEvent.objects.filter(action=AuditAction.VIEW))


def test_the_person_page_records_the_person(client_as, consultation_worker, person):
    client_as(consultation_worker).get(f"/people/{person.pk}/")
    (event,) = reads()
    assert (event.actor, event.object_type, event.object_id) == (
        consultation_worker,
        "people.person",
        str(person.pk),
    )
    assert event.detail == {"page": "person", "people": [person.pk]}


def test_the_household_partial_records_the_person_whose_household_it_shows(
    client_as, consultation_worker, person
):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/household/",
        {"household-name": "山田 花子", "household-relation": "母"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "山田 花子" in response.text
    (event,) = reads()
    assert event.detail == {"page": "person_household", "people": [person.pk]}


def test_the_merge_page_records_both_people_in_one_event(client_as, supervisor, person, consultation_worker):
    duplicate = CaseFactory(worker=consultation_worker).person
    response = client_as(supervisor).post(f"/people/{person.pk}/merge/", {"duplicate": str(duplicate.pk)})
    assert duplicate.full_name in response.text
    (event,) = reads()
    assert (event.object_type, event.object_id) == ("people.person", str(person.pk))
    assert event.detail == {"page": "person_merge", "people": sorted([person.pk, duplicate.pk])}
