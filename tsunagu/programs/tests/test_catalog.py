"""The program catalog pages per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.models import Contract
from tsunagu.people.models import Stage
from tsunagu.programs.models import Program, ProgramCategory
from tsunagu.testing.factories import (
    OrganisationFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
)

DAILY, SOCIAL, WORK = Stage.DAILY_LIFE, Stage.SOCIAL_LIFE, Stage.EMPLOYMENT

TODAY = timezone.localdate


@pytest.fixture
def zoo(zoo_program, partner_org) -> Program:
    """The zoo program with six places at the partner organisation."""
    ProgramHostFactory(program=zoo_program, organisation=partner_org, capacity=6)
    return zoo_program


@pytest.fixture
def lab(hub) -> Program:
    program = ProgramFactory(
        name="なんでもやってみるラボ",
        stage="",
        category=ProgramCategory.LEARNING,
        by_appointment=True,
        weekdays=[],
        start_time=None,
        end_time=None,
    )
    ProgramHostFactory(program=program, organisation=hub)
    return program


def _program_data(**overrides) -> dict:
    data = {
        "name": "整理収納プログラム",
        "stage": Stage.DAILY_LIFE,
        "category": ProgramCategory.DAILY_LIFE,
        "description": "住まいの片付けを一緒に進める。",
        "place": "家庭訪問",
        "weekdays": ["0", "2"],
        "start_time": "10:00",
        "end_time": "12:00",
        "eligibility": "生活保護受給者",
        "contract": Contract.WELFARE_SELF_RELIANCE,
        "active_from": "2004-04-01",
        "active_until": "",
        "sort_order": "50",
    }
    return data | overrides


@pytest.mark.parametrize(
    "role_fixture", ["consultation_worker", "supervisor", "statistician", "city_caseworker"]
)
def test_staff_the_city_and_statisticians_read_the_catalog_by_stage(
    request, client_as, role_fixture, zoo, lab
):
    response = client_as(request.getfixturevalue(role_fixture)).get("/programs/")
    assert response.status_code == 200
    text = response.text
    for heading in ("日常生活自立", "社会生活自立", "就労自立", "その他"):
        assert heading in text
    assert "動物園環境整備ボランティア体験事業" in text and "NPO法人 動物園協会（テスト）" in text
    assert "火・木" in text and "9:30" in text and "定員6人・空き6人" in text
    assert "予約制" in text
    assert "プログラムを追加" not in text  # only administrators keep the catalog


def test_programs_sit_in_their_stage_column(client_as, consultation_worker, zoo, lab):
    columns = {c.stage: c for c in client_as(consultation_worker).get("/programs/").context["columns"]}
    assert [card.program for card in columns[Stage.SOCIAL_LIFE].programs] == [zoo]
    assert [card.program for card in columns[""].programs] == [lab]
    assert columns[Stage.DAILY_LIFE].programs == []


def test_the_catalog_shows_free_places_per_host(client_as, consultation_worker, zoo):
    host = zoo.hosts.get()
    PlacementFactory(host=host, worker=consultation_worker, started_on=TODAY())
    assert "定員6人・空き5人" in client_as(consultation_worker).get("/programs/").text


def test_the_catalog_filter_answers_htmx_with_the_columns_only(client_as, consultation_worker, zoo):
    response = client_as(consultation_worker).get("/programs/?ended=1", HTTP_HX_REQUEST="true")
    assert "動物園環境整備ボランティア体験事業" in response.text and "<html" not in response.text


def test_a_worker_reads_a_program(client_as, consultation_worker, zoo):
    response = client_as(consultation_worker).get(f"/programs/{zoo.pk}/")
    assert response.status_code == 200
    assert "社会生活自立" in response.text and "NPO法人 動物園協会（テスト）" in response.text
    assert "プログラムを終了" not in response.text


def test_partner_staff_do_not_see_the_catalog(client_as, partner_staff, zoo):
    client = client_as(partner_staff)
    assert client.get("/programs/").status_code == 403
    assert client.get(f"/programs/{zoo.pk}/").status_code == 403


def test_an_unknown_program_is_not_found(client_as, consultation_worker, administrator):
    assert client_as(consultation_worker).get("/programs/999999/").status_code == 404
    assert client_as(administrator).get("/programs/999999/edit/").status_code == 404


@pytest.mark.parametrize(
    "role_fixture", ["consultation_worker", "supervisor", "statistician", "city_caseworker", "partner_staff"]
)
def test_only_administrators_keep_the_catalog(request, client_as, role_fixture, zoo, hub):
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get("/programs/new/").status_code == 403
    assert client.post("/programs/new/", _program_data()).status_code == 403
    assert client.post(f"/programs/{zoo.pk}/edit/", _program_data(name="x")).status_code == 403
    assert client.post(f"/programs/{zoo.pk}/end/", {"last_day": "2030-03-31"}).status_code == 403
    assert client.post(f"/programs/{zoo.pk}/hosts/", {"organisation": hub.pk}).status_code == 403
    assert Program.objects.count() == 1 and zoo.hosts.count() == 1
    assert Program.objects.get().active_until is None


def test_administrator_adds_a_program_with_weekdays_as_numbers(client_as, administrator):
    client = client_as(administrator)
    assert client.get("/programs/new/").status_code == 200
    response = client.post("/programs/new/", _program_data())
    program = Program.objects.get(name="整理収納プログラム")
    assert response.status_code == 302 and response.url == f"/programs/{program.pk}/"
    assert program.weekdays == [0, 2] and program.start_time == dt.time(10)
    assert program.stage == Stage.DAILY_LIFE and program.active_until is None
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="programs.program").exists()


def test_administrator_adds_a_cross_stage_program_by_appointment(client_as, administrator):
    data = _program_data(
        name="高校進学支援プログラム", stage="", category=ProgramCategory.CHILDREN, weekdays=[]
    )
    data |= {"by_appointment": "on", "start_time": "", "end_time": ""}
    assert client_as(administrator).post("/programs/new/", data).status_code == 302
    program = Program.objects.get(name="高校進学支援プログラム")
    assert program.stage == "" and program.by_appointment and program.weekdays == []


def test_administrator_edits_a_program(client_as, administrator, zoo):
    client = client_as(administrator)
    page = client.get(f"/programs/{zoo.pk}/edit/")
    assert page.status_code == 200 and 'value="1" id="id_weekdays_1" checked' in page.text
    data = _program_data(name=zoo.name, stage=Stage.SOCIAL_LIFE, category=ProgramCategory.WORK_EXPERIENCE)
    data |= {"weekdays": ["1", "3", "5"], "place": "釧路市動物園", "edit_version": zoo.edit_version}
    assert client.post(f"/programs/{zoo.pk}/edit/", data).status_code == 302
    zoo.refresh_from_db()
    assert zoo.weekdays == [1, 3, 5] and zoo.place == "釧路市動物園"
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="programs.program").exists()


def test_administrator_ends_a_program_which_stays_shown_as_ended(client_as, administrator, zoo):
    client = client_as(administrator)
    last_day = TODAY() - dt.timedelta(days=1)
    response = client.post(f"/programs/{zoo.pk}/end/", {"last_day": last_day.isoformat(), "edit_version": 1})
    assert response.status_code == 302
    zoo.refresh_from_db()
    assert zoo.active_until == last_day
    assert "の実施最終日を" in client.get(response.url).text
    assert zoo.name not in client.get("/programs/").text
    ended = client.get("/programs/?ended=1").text
    assert zoo.name in ended and "終了" in ended
    assert "終了" in client.get(f"/programs/{zoo.pk}/").text
    assert Program.objects.filter(pk=zoo.pk).exists() and zoo.hosts.count() == 1


def test_ending_is_a_post(client_as, administrator, zoo):
    assert client_as(administrator).get(f"/programs/{zoo.pk}/end/").status_code == 405
    zoo.refresh_from_db()
    assert zoo.active_until is None


def test_a_program_cannot_end_before_it_starts(client_as, administrator, zoo):
    response = client_as(administrator).post(
        f"/programs/{zoo.pk}/end/", {"last_day": "2003-03-31", "edit_version": 1}
    )
    assert response.status_code == 400
    assert response.context["end_form"].errors["last_day"] == ["プログラムの終了日が開始日より前です。"]
    assert "プログラムの終了日が開始日より前です。" in response.text
    zoo.refresh_from_db()
    assert zoo.active_until is None


def test_a_new_program_ending_before_it_starts_is_refused_next_to_the_field(client_as, administrator):
    data = _program_data(active_from="2024-04-01", active_until="2024-03-31")
    response = client_as(administrator).post("/programs/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["active_until"] == ["プログラムの終了日が開始日より前です。"]
    assert 'id="id_active_until_error"' in response.text
    assert not Program.objects.exists()


def test_an_end_time_before_the_start_time_is_refused(client_as, administrator, zoo):
    data = _program_data(name=zoo.name, start_time="12:00", end_time="09:30", edit_version=zoo.edit_version)
    response = client_as(administrator).post(f"/programs/{zoo.pk}/edit/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["end_time"] == ["終了時刻は開始時刻より後にしてください。"]
    zoo.refresh_from_db()
    assert zoo.start_time == dt.time(9, 30) and zoo.category == ProgramCategory.WORK_EXPERIENCE


def test_a_program_without_a_name_or_category_is_refused_in_japanese(client_as, administrator):
    response = client_as(administrator).post("/programs/new/", _program_data(name="", category=""))
    assert response.status_code == 400 and "このフィールドは必須です" in response.text
    assert not Program.objects.exists()


def test_a_duplicate_program_name_is_refused(client_as, administrator, zoo):
    response = client_as(administrator).post("/programs/new/", _program_data(name=zoo.name))
    assert response.status_code == 400 and "name" in response.context["form"].errors
    assert Program.objects.count() == 1


def test_administrator_adds_a_host(client_as, administrator, zoo):
    park = OrganisationFactory(name="公益財団法人 釧路市公園緑化協会（テスト）")
    response = client_as(administrator).post(
        f"/programs/{zoo.pk}/hosts/", {"organisation": park.pk, "capacity": "4", "place": "春採公園"}
    )
    assert response.status_code == 302
    host = zoo.hosts.get(organisation=park)
    assert host.capacity == 4 and host.place == "春採公園"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="programs.programhost").exists()


def test_a_duplicate_host_is_refused(client_as, administrator, zoo, partner_org):
    response = client_as(administrator).post(f"/programs/{zoo.pk}/hosts/", {"organisation": partner_org.pk})
    assert response.status_code == 400
    assert response.context["host_form"].errors["organisation"]  # the service's refusal, next to the field
    assert (
        zoo.hosts.count() == 1 and not AuditEvent.objects.filter(object_type="programs.programhost").exists()
    )


def test_a_host_capacity_must_be_positive(client_as, administrator, zoo, hub):
    response = client_as(administrator).post(
        f"/programs/{zoo.pk}/hosts/", {"organisation": hub.pk, "capacity": "0"}
    )
    assert response.status_code == 400 and "capacity" in response.context["host_form"].errors
    assert zoo.hosts.count() == 1
