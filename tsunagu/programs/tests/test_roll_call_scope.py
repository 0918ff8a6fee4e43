"""Issue 9, hole 2: a host's session gathers people of several offices. A worker sees, and records the
attendance of, only the people of their own office's cases; partner staff everyone placed with their own
organisation. Walking the session ids as the 音別 worker showed 64 main-office people before."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagu.accounts.roles import Role
from tsunagu.programs import selectors, services
from tsunagu.programs.models import Attendance, AttendanceStatus, Placement, ProgramHost, Session
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    SessionFactory,
    UserFactory,
)

from .test_sessions import roll_call_data

TODAY = timezone.localdate()
LAST_WEEK = TODAY - dt.timedelta(days=7)


@pytest.fixture
def onbetsu_worker(other_hub_office):
    """A consultation worker of the 音別 satellite (the other office of the same hub)."""
    return UserFactory(username="onbetsu", office=other_hub_office, roles=[Role.CONSULTATION_WORKER.value])


def placed(host: ProgramHost, worker, family_name: str) -> Placement:
    """Someone with a case of the worker's office, taking part at the host for 30 days."""
    case = CaseFactory(worker=worker, person=PersonFactory(family_name=family_name))
    return PlacementFactory(host=host, case=case, worker=worker, started_on=TODAY - dt.timedelta(days=30))


class Mixed(NamedTuple):
    session: Session
    main_office: Placement
    onbetsu: Placement


@pytest.fixture
def mixed(zoo_host, consultation_worker, onbetsu_worker):
    """Last week's session at the zoo, with one main-office person and one 音別 person expected."""
    return Mixed(
        session=SessionFactory(host=zoo_host, date=LAST_WEEK),
        main_office=placed(zoo_host, consultation_worker, "本所太郎"),
        onbetsu=placed(zoo_host, onbetsu_worker, "音別花子"),
    )


def test_other_office_worker_cannot_see_main_office_people_in_roll_call(client_as, onbetsu_worker, mixed):
    response = client_as(onbetsu_worker).get(f"/programs/sessions/{mixed.session.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "音別花子" in page
    assert "本所太郎" not in page
    assert f"p{mixed.main_office.pk}-status" not in page  # no card, not even a hidden one


def test_main_office_worker_cannot_see_other_office_people_in_roll_call(
    client_as, consultation_worker, mixed
):
    page = client_as(consultation_worker).get(f"/programs/sessions/{mixed.session.pk}/").content.decode()
    assert "本所太郎" in page
    assert "音別花子" not in page


def test_other_office_worker_cannot_save_attendance_for_main_office_people(client_as, onbetsu_worker, mixed):
    response = client_as(onbetsu_worker).post(
        f"/programs/sessions/{mixed.session.pk}/", roll_call_data([mixed.onbetsu, mixed.main_office])
    )
    assert response.status_code == 400
    assert "本所太郎" not in response.content.decode()
    assert not Attendance.objects.exists()  # the whole roll-call is refused, the worker's own line too


def test_other_office_worker_saves_attendance_for_their_own_people_only(client_as, onbetsu_worker, mixed):
    response = client_as(onbetsu_worker).post(
        f"/programs/sessions/{mixed.session.pk}/", roll_call_data([mixed.onbetsu])
    )
    assert response.status_code == 302
    assert list(Attendance.objects.values_list("placement", flat=True)) == [mixed.onbetsu.pk]


def test_the_recorded_count_counts_only_the_workers_own_people(
    client_as, consultation_worker, onbetsu_worker, mixed
):
    services.record_roll_call(
        actor=consultation_worker,
        session=mixed.session,
        entries=[services.RollCallEntry(mixed.main_office.pk, "present", 2)],
    )
    page = client_as(onbetsu_worker).get(f"/programs/sessions/{mixed.session.pk}/").content.decode()
    assert '<dd data-testid="recorded-count">1人中0人</dd>' in page  # 1 expected (their own), 0 recorded


def test_the_service_refuses_another_offices_person_as_if_not_placed_there(onbetsu_worker, mixed):
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(
            actor=onbetsu_worker,
            session=mixed.session,
            entries=[services.RollCallEntry(mixed.main_office.pk, AttendanceStatus.PRESENT, 2)],
        )
    assert set(caught.value.message_dict) == {f"placement_{mixed.main_office.pk}"}
    assert not Attendance.objects.exists()


def test_partner_staff_see_and_record_everyone_placed_with_their_organisation(
    client_as, partner_staff, mixed
):
    client = client_as(partner_staff)
    page = client.get(f"/programs/sessions/{mixed.session.pk}/").content.decode()
    assert "本所太郎" in page and "音別花子" in page
    response = client.post(
        f"/programs/sessions/{mixed.session.pk}/", roll_call_data([mixed.main_office, mixed.onbetsu])
    )
    assert response.status_code == 302
    assert Attendance.objects.count() == 2


def test_the_roll_call_of_a_person_with_cases_in_both_offices_is_shown_to_both(
    consultation_worker, onbetsu_worker, partner_staff, zoo_host, mixed
):
    CaseFactory(worker=consultation_worker, person=mixed.onbetsu.person)
    assert set(selectors.roll_call(consultation_worker, mixed.session)) == {mixed.main_office, mixed.onbetsu}
    assert set(selectors.roll_call(onbetsu_worker, mixed.session)) == {mixed.onbetsu}
    assert set(selectors.roll_call(partner_staff, mixed.session)) == {mixed.main_office, mixed.onbetsu}
