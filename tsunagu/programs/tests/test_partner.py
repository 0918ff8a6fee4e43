"""The partner portal, role by role: partner staff see only the people placed with their own organisation
and only what they need (never the case, its notes, the welfare status, the address or the phone); they
evaluate placements, and the worker sees the evaluation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.models import Note
from tsunagu.programs import selectors
from tsunagu.programs.models import Attendance, Placement, PlacementEvaluation, ProgramHost, Session
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory, SessionFactory

TODAY = timezone.localdate()


def placed(host: ProgramHost, worker, **person_fields) -> Placement:
    """Taking part for 60 days, with a case of the worker's office."""
    case = CaseFactory(worker=worker, person=PersonFactory(**person_fields), welfare_status="receiving")
    return PlacementFactory(host=host, worker=worker, case=case)


@pytest.fixture
def hanako(zoo_host, consultation_worker) -> Placement:
    """Placed at the zoo, with a case that holds everything the partner must never see."""
    placement = placed(
        zoo_host,
        consultation_worker,
        family_name="釧路",
        given_name="花子",
        family_name_kana="クシロ",
        given_name_kana="ハナコ",
        address="北海道釧路市幣舞町1-2-3",
        phone="0154-99-8877",
        mobile_phone="090-1111-2222",
        emergency_contact="釧路 太郎（父） 0154-11-2233",
    )
    Note.objects.create(
        case=placement.case,
        occurred_at=timezone.now(),
        method="visit",
        worker=consultation_worker,
        content="家賃の滞納について相談。内密に。",
    )
    return placement


@pytest.fixture
def taro(other_host, consultation_worker) -> Placement:
    """Placed with another organisation."""
    return placed(other_host, consultation_worker, family_name="水島", given_name="太郎")


def evaluation_data(**overrides) -> dict:
    data = {
        "greeting": "4",
        "punctuality": "3",
        "concentration": "3",
        "cooperation": "2",
        "understanding": "4",
        "evaluated_on": TODAY.isoformat(),
        "comment": "挨拶がとても良い。",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- who may open the portal

NOT_PARTNERS = (
    "consultation_worker",
    "employment_worker",
    "supervisor",
    "city_caseworker",
    "statistician",
    "administrator",
)


def test_partner_staff_open_their_portal(client_as, partner_staff, hanako):
    response = client_as(partner_staff).get("/programs/partner/")
    assert response.status_code == 200
    assert "釧路 花子" in response.text  # the person placed with them


@pytest.mark.parametrize("role", NOT_PARTNERS)
def test_everyone_else_is_refused_the_portal_and_the_evaluation(request, client_as, role, hanako):
    client = client_as(request.getfixturevalue(role))
    assert client.get("/programs/partner/").status_code == 403
    assert client.get(f"/programs/partner/placements/{hanako.pk}/evaluate/").status_code == 403
    assert (
        client.post(f"/programs/partner/placements/{hanako.pk}/evaluate/", evaluation_data()).status_code
        == 403
    )
    assert not PlacementEvaluation.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, hanako):
    response = client.get("/programs/partner/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


# ---------------------------------------------------------------- what the portal shows


def test_the_portal_shows_only_own_people_and_only_what_the_partner_needs(
    client_as, partner_staff, hanako, taro
):
    page = client_as(partner_staff).get("/programs/partner/").content.decode()
    assert "釧路 花子" in page and "クシロ ハナコ" in page
    assert "釧路 太郎（父） 0154-11-2233" in page  # emergency contact
    assert "動物園環境整備ボランティア体験事業" in page
    assert "火・木 09:30〜12:00" in page  # schedule
    assert "参加" in page  # placement status
    assert "水島" not in page  # placed with another organisation
    for secret in (
        "幣舞町",  # address
        "0154-99-8877",  # phone
        "090-1111-2222",  # mobile
        "家賃の滞納",  # a support note
        hanako.case.reference,  # the case
        f"/cases/{hanako.case.pk}/",
        "生活保護",  # welfare status (受給中 etc.)
        "受給",
        "相談内容",
    ):
        assert secret not in page, secret
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor=partner_staff)
    assert event.detail == {"page": "partner_home", "people": [hanako.person_id]}


def test_the_portal_of_another_organisation_shows_none_of_ours(client_as, other_partner, hanako, taro):
    page = client_as(other_partner).get("/programs/partner/").content.decode()
    assert "水島 太郎" in page
    assert "釧路 花子" not in page and "釧路 太郎（父）" not in page


def test_the_portal_shows_attendance_rates_and_todays_sessions_with_a_roll_call_link(
    client_as, partner_staff, zoo_host, hanako, consultation_worker
):
    for days_ago, status in ((7, "present"), (5, "late"), (3, "absent"), (1, "present")):
        session = Session.objects.create(host=zoo_host, date=TODAY - dt.timedelta(days=days_ago))
        Attendance.objects.create(
            session=session,
            placement=hanako,
            status=status,
            hours=Decimal(0 if status == "absent" else 2),
            recorded_by=consultation_worker,
        )
    today = SessionFactory(host=zoo_host)
    page = client_as(partner_staff).get("/programs/partner/").content.decode()
    assert "75%（4回中3回出席）" in page
    assert f'href="/programs/sessions/{today.pk}/"' in page
    assert "出欠を記録する" in page


def test_the_portal_query_count_does_not_grow_with_the_people_shown(
    client_as, partner_staff, zoo_host, consultation_worker
):
    client = client_as(partner_staff)
    placed(zoo_host, consultation_worker)
    with CaptureQueriesContext(connection) as few:
        client.get("/programs/partner/")
    for _ in range(10):
        placed(zoo_host, consultation_worker)
    with CaptureQueriesContext(connection) as many:
        client.get("/programs/partner/")
    assert len(few) == len(many)


# ---------------------------------------------------------------- evaluations


def test_a_partner_evaluates_a_placement_and_the_worker_sees_it(
    client_as, partner_staff, consultation_worker, hanako
):
    client = client_as(partner_staff)
    page = client.get(f"/programs/partner/placements/{hanako.pk}/evaluate/").content.decode()
    for label in ("挨拶", "時間を守る", "作業への集中", "協調性", "指示の理解"):
        assert label in page
    assert "家賃の滞納" not in page and "幣舞町" not in page
    response = client.post(f"/programs/partner/placements/{hanako.pk}/evaluate/", evaluation_data())
    assert response.status_code == 302 and response.url == "/programs/partner/"
    evaluation = PlacementEvaluation.objects.get()
    assert (evaluation.greeting, evaluation.punctuality, evaluation.concentration) == (4, 3, 3)
    assert (evaluation.cooperation, evaluation.understanding) == (2, 4)
    assert evaluation.evaluator == partner_staff and evaluation.comment == "挨拶がとても良い。"
    seen_by_worker = selectors.get_placement(consultation_worker, hanako.pk)
    assert list(seen_by_worker.evaluations.all()) == [evaluation]
    follow = client.get(response.url).content.decode()
    assert "釧路 花子 さんの評価を保存しました。" in follow


def test_an_evaluation_with_a_missing_or_bad_score_saves_nothing(client_as, partner_staff, hanako):
    client = client_as(partner_staff)
    data = evaluation_data(cooperation="5")
    del data["greeting"]
    response = client.post(f"/programs/partner/placements/{hanako.pk}/evaluate/", data)
    assert response.status_code == 400
    assert response.content.decode().count("1から4で選んでください。") == 2
    assert not PlacementEvaluation.objects.exists()


def test_an_evaluation_dated_in_the_future_is_refused_by_the_service(client_as, partner_staff, hanako):
    response = client_as(partner_staff).post(
        f"/programs/partner/placements/{hanako.pk}/evaluate/",
        evaluation_data(evaluated_on=(TODAY + dt.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert not PlacementEvaluation.objects.exists()


def test_another_organisations_person_is_404_by_url_and_nothing_is_saved(
    client_as, partner_staff, other_partner, hanako, taro
):
    client = client_as(partner_staff)
    assert client.get(f"/programs/partner/placements/{taro.pk}/evaluate/").status_code == 404
    assert (
        client.post(f"/programs/partner/placements/{taro.pk}/evaluate/", evaluation_data()).status_code == 404
    )
    other = client_as(other_partner)
    assert other.get(f"/programs/partner/placements/{hanako.pk}/evaluate/").status_code == 404
    assert not PlacementEvaluation.objects.exists()
