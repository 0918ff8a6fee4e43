"""Placing people in programs, moving them up the steps, and the person's ladder, role by role."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.people.services import change_stage
from tsunagu.programs.models import Placement, PlacementEvaluation, PlacementStatus
from tsunagu.testing.factories import CaseFactory, PersonFactory, ProgramHostFactory, UserFactory

TODAY = timezone.localdate()


@pytest.fixture
def zoo_host(zoo_program, partner_org):
    """The zoo with a single place."""
    return ProgramHostFactory(program=zoo_program, organisation=partner_org, capacity=1)


@pytest.fixture
def person(consultation_worker):
    case = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="釧路", given_name="花子")
    )
    return case.person


def place(client, person, host, status="visit", on=TODAY):
    return client.post(
        f"/programs/placements/new/{person.pk}/",
        # No assessment or plan behind these people yet: the worker ticks past the warning.
        {
            "host": host.pk,
            "status": status,
            "on": on.isoformat(),
            "plan_support": "週2回のボランティア体験",
            "proceed": "on",
        },
    )


def test_a_worker_places_a_person_at_the_zoo_for_a_visit_then_taking_part(
    client_as, consultation_worker, person, zoo_host
):
    client = client_as(consultation_worker)
    response = place(client, person, zoo_host, "visit", TODAY - dt.timedelta(days=7))
    placement = Placement.objects.get()
    assert response.status_code == 302 and response.url == f"/programs/placements/{placement.pk}/"
    assert placement.status == PlacementStatus.VISIT and placement.worker == consultation_worker
    response = client.post(
        f"/programs/placements/{placement.pk}/step/",
        {"status": "active", "on": TODAY.isoformat(), "edit_version": placement.edit_version},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE and placement.started_on == TODAY
    page = client.get(f"/programs/placements/{placement.pk}/")
    assert "参加" in page.text
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="programs.placement").exists()


def test_a_full_host_offers_the_waiting_list_and_saves_nothing(
    client_as, consultation_worker, person, zoo_host
):
    other = CaseFactory(worker=consultation_worker).person
    client = client_as(consultation_worker)
    assert place(client, other, zoo_host, "active").status_code == 302
    response = place(client, person, zoo_host, "active")
    assert response.status_code == 400
    assert "空きがありません" in response.text and "待機" in response.text
    assert Placement.objects.filter(person=person).count() == 0
    assert place(client, person, zoo_host, "waiting").status_code == 302
    assert Placement.objects.get(person=person).status == PlacementStatus.WAITING


def test_stopping_a_placement_needs_a_reason(client_as, consultation_worker, person, zoo_host):
    client = client_as(consultation_worker)
    place(client, person, zoo_host, "visit", TODAY - dt.timedelta(days=3))
    placement = Placement.objects.get()
    response = client.post(
        f"/programs/placements/{placement.pk}/step/",
        {"status": "interrupted", "on": TODAY.isoformat(), "edit_version": placement.edit_version},
    )
    assert response.status_code == 400
    assert "中断の理由を入力してください" in response.text
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.VISIT


def test_a_future_placement_date_is_refused(client_as, consultation_worker, person, zoo_host):
    response = place(client_as(consultation_worker), person, zoo_host, "visit", TODAY + dt.timedelta(days=3))
    assert response.status_code == 400
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    "role_fixture", ["statistician", "administrator", "city_caseworker", "partner_staff"]
)
def test_only_casework_staff_place_people(request, client_as, role_fixture, person, zoo_host):
    client = client_as(request.getfixturevalue(role_fixture))
    assert place(client, person, zoo_host).status_code in (403, 404)
    assert not Placement.objects.exists()


def test_a_worker_of_another_office_cannot_see_the_placement(
    client_as, consultation_worker, person, zoo_host, other_hub_office
):
    place(client_as(consultation_worker), person, zoo_host)
    placement = Placement.objects.get()
    elsewhere = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    assert client_as(elsewhere).get(f"/programs/placements/{placement.pk}/").status_code == 404
    assert client_as(elsewhere).get(f"/programs/people/{person.pk}/ladder/").status_code == 404


def test_the_ladder_shows_each_stage_with_the_placements_begun_on_it(
    client_as, consultation_worker, person, zoo_host
):
    change_stage(
        person=person,
        actor=consultation_worker,
        stage="daily_life",
        changed_on=TODAY - dt.timedelta(days=60),
        reason="初回アセスメント",
    )
    change_stage(
        person=person,
        actor=consultation_worker,
        stage="social_life",
        changed_on=TODAY - dt.timedelta(days=10),
        reason="生活リズムが安定",
    )
    client = client_as(consultation_worker)
    place(client, person, zoo_host, "visit", TODAY - dt.timedelta(days=5))
    page = client.get(f"/programs/people/{person.pk}/ladder/")
    assert page.status_code == 200
    ladder = page.text.split('data-testid="ladder"', 1)[1]
    social, daily = ladder.split("日常生活自立", 1)
    assert "社会生活自立" in social and "動物園環境整備ボランティア体験事業" in social
    assert "動物園環境整備" not in daily


def test_the_worker_sees_the_hosts_evaluation_on_the_case(
    client_as, consultation_worker, partner_staff, person, zoo_host
):
    place(client_as(consultation_worker), person, zoo_host, "active", TODAY - dt.timedelta(days=5))
    placement = Placement.objects.get()
    PlacementEvaluation.objects.create(
        placement=placement, evaluated_on=TODAY, evaluator=partner_staff, greeting=4, punctuality=3,
        concentration=3, cooperation=4, understanding=2, comment="挨拶がとても良い",
    )  # fmt: skip
    case = person.cases.get()
    page = client_as(consultation_worker).get(f"/cases/{case.pk}/")
    assert "動物園環境整備ボランティア体験事業" in page.text
    assert "挨拶がとても良い" in page.text
