"""The overview (全体概況): counts per host, stage changes of a period, drill-down by role, query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.core.dates import fiscal_year_start, wareki
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import StageChange
from tsunagu.people.services import change_stage
from tsunagu.programs.forms_overview import OverviewPeriodForm, years_later
from tsunagu.programs.models import Placement, PlacementStatus, Program, ProgramCategory, ProgramHost
from tsunagu.programs.services import place_person
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
)

TODAY = timezone.localdate()
YEAR_START = fiscal_year_start(TODAY)
OVERVIEW = "/programs/overview/"


def make_program(name: str, stage: str = "social_life", **fields) -> Program:
    return ProgramFactory(name=name, stage=stage, **fields)


def make_host(program: Program, capacity: int | None = 5, name: str = "") -> ProgramHost:
    organisation = {"organisation__name": name} if name else {}
    return ProgramHostFactory(program=program, capacity=capacity, **organisation)


def place(host: ProgramHost, worker, status: str, *, person=None, **dates) -> Placement:
    dates.setdefault("started_on", TODAY - dt.timedelta(days=10))
    if status == PlacementStatus.INTERRUPTED:
        dates.setdefault("interruption_reason", "体調不良")
    return PlacementFactory(
        host=host, worker=worker, status=status, person=person or PersonFactory(), **dates
    )


def counts_of(html: str, host: ProgramHost) -> dict[str, int]:
    """The three numbers shown for a host on the overview page."""
    match = re.search(rf'<li data-host="{host.pk}">(.*?)</li>', html, flags=re.DOTALL)
    assert match, f"host {host.pk} not on the page"
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', match.group(1))}


def matrix_row(html: str, source: str) -> list[int]:
    match = re.search(rf'<tr data-from="{source}">(.*?)</tr>', html, flags=re.DOTALL)
    assert match, f"no matrix row for {source}"
    return [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", match.group(1))]


def counts_of_drill_down(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', html)}


@pytest.fixture
def zoo(zoo_program, partner_org, consultation_worker):
    """動物園環境整備 at the zoo society: people in every status, one finished last fiscal year."""
    host = ProgramHostFactory(program=zoo_program, organisation=partner_org, capacity=6)
    w = consultation_worker
    place(host, w, PlacementStatus.VISIT, visited_on=TODAY)
    place(host, w, PlacementStatus.TRIAL, trial_from=TODAY)
    place(host, w, PlacementStatus.ACTIVE)
    place(host, w, PlacementStatus.ACTIVE)
    place(host, w, PlacementStatus.WAITING, started_on=None, waiting_since=TODAY)
    place(host, w, PlacementStatus.COMPLETED, completed_on=YEAR_START)
    place(host, w, PlacementStatus.COMPLETED, completed_on=YEAR_START - dt.timedelta(days=1))
    place(host, w, PlacementStatus.INTERRUPTED, interrupted_on=TODAY)
    return host


# ---------------------------------------------------------------- counts


def test_counts_per_host_placed_waiting_and_finished_this_fiscal_year(client_as, statistician, zoo):
    response = client_as(statistician).get(OVERVIEW)
    assert response.status_code == 200
    # 見学・体験・参加 take part; one waits; one finished this fiscal year (the other last year); 中断 nowhere.
    assert counts_of(response.text, zoo) == {"placed": 4, "waiting": 1, "finished": 1}


def test_each_host_of_a_program_has_its_own_counts(client_as, statistician, consultation_worker):
    program = make_program("病院ボランティア体験事業")
    hoshigaura, shirakabadai = make_host(program, name="星が浦病院"), make_host(program, name="白樺台病院")
    place(hoshigaura, consultation_worker, PlacementStatus.ACTIVE)
    place(shirakabadai, consultation_worker, PlacementStatus.WAITING, waiting_since=TODAY)
    place(shirakabadai, consultation_worker, PlacementStatus.WAITING, waiting_since=TODAY)
    html = client_as(statistician).get(OVERVIEW).text
    assert counts_of(html, hoshigaura) == {"placed": 1, "waiting": 0, "finished": 0}
    assert counts_of(html, shirakabadai) == {"placed": 0, "waiting": 2, "finished": 0}
    assert html.count("病院ボランティア体験事業") == 1


def test_programs_stand_in_the_column_of_their_stage_and_cross_stage_programs_in_their_own(
    client_as, statistician
):
    for name, stage in (
        ("日常生活意欲向上支援プログラム", "daily_life"),
        ("公園管理ボランティア体験事業", "social_life"),
        ("生業扶助活用資格取得プログラム", "employment"),
        ("子ども学習支援（まじくる）", ""),
    ):
        make_host(make_program(name, stage, category=ProgramCategory.CHILDREN if not stage else "daily_life"))
    html = client_as(statistician).get(OVERVIEW).text
    sections = dict(re.findall(r'data-stage="(\w+)">(.*?)</section>', html, flags=re.DOTALL))
    assert "日常生活意欲向上支援プログラム" in sections["daily_life"]
    assert "公園管理ボランティア体験事業" in sections["social_life"]
    assert "生業扶助活用資格取得プログラム" in sections["employment"]
    assert "子ども学習支援（まじくる）" in sections["cross"]
    assert "日常生活自立" in sections["daily_life"] and "ステージ横断" in sections["cross"]


def test_ended_and_future_programs_are_not_shown(client_as, statistician, consultation_worker):
    ended = make_host(make_program("終わったプログラム", active_until=TODAY - dt.timedelta(days=1)))
    place(ended, consultation_worker, PlacementStatus.ACTIVE)
    make_host(make_program("来年度のプログラム", active_from=TODAY + dt.timedelta(days=30)))
    make_host(make_program("今日で終わるプログラム", active_until=TODAY))
    html = client_as(statistician).get(OVERVIEW).text
    assert "終わったプログラム" not in html
    assert "来年度のプログラム" not in html
    assert "今日で終わるプログラム" in html


def test_a_program_without_a_host_yet_is_shown_with_a_note(client_as, statistician):
    make_program("新しいプログラム", "daily_life")
    html = client_as(statistician).get(OVERVIEW).text
    assert "新しいプログラム" in html
    assert "受入先はまだ決まっていません" in html


def test_the_chart_is_an_inline_svg_with_a_title_and_the_numbers_per_stage(client_as, statistician, zoo):
    html = client_as(statistician).get(OVERVIEW).text
    svg = re.search(r"<svg .*?</svg>", html, flags=re.DOTALL).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="placed-chart-title"' in svg
    title = re.search(r'<title id="placed-chart-title">(.*?)</title>', svg).group(1)
    assert "社会生活自立 4" in title and "日常生活自立 0" in title
    assert "<?xml" not in html and "<metadata>" not in svg


# ---------------------------------------------------------------- stage changes


@pytest.fixture
def stage_changes(consultation_worker):
    def change(previous: str, stage: str, on: dt.date) -> None:
        StageChange.objects.create(
            person=PersonFactory(),
            previous_stage=previous,
            stage=stage,
            changed_on=on,
            reason="アセスメント",
            recorded_by=consultation_worker,
        )

    change("", "daily_life", YEAR_START)
    change("", "daily_life", TODAY)
    change("", "social_life", TODAY)
    change("daily_life", "social_life", TODAY)
    change("daily_life", "social_life", TODAY)
    change("social_life", "employment", TODAY)
    change("employment", "social_life", TODAY)  # the ladder goes both ways
    change("daily_life", "social_life", YEAR_START - dt.timedelta(days=1))  # last fiscal year


def test_the_matrix_counts_stage_changes_of_the_current_fiscal_year_by_default(
    client_as, supervisor, stage_changes
):
    html = client_as(supervisor).get(OVERVIEW).text
    # columns: 日常生活自立, 社会生活自立, 就労自立, total
    assert matrix_row(html, "none") == [2, 1, 0, 3]
    assert matrix_row(html, "daily_life") == [0, 2, 0, 2]
    assert matrix_row(html, "social_life") == [0, 0, 1, 1]
    assert matrix_row(html, "employment") == [0, 1, 0, 1]
    assert f"{wareki(YEAR_START)}から{wareki(TODAY)}" in html
    assert "未設定" in html


def test_the_matrix_follows_the_period_asked_for(client_as, supervisor, stage_changes):
    last_year = YEAR_START - dt.timedelta(days=1)
    response = client_as(supervisor).get(
        OVERVIEW, {"from": fiscal_year_start(last_year).isoformat(), "to": last_year.isoformat()}
    )
    assert matrix_row(response.text, "daily_life") == [0, 1, 0, 1]
    assert matrix_row(response.text, "none") == [0, 0, 0, 0]
    assert f'value="{last_year.isoformat()}"' in response.text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"from": TODAY.isoformat(), "to": (TODAY - dt.timedelta(days=1)).isoformat()},
            "期間の終わりが始まりより前です",
        ),
        ({"from": "2015-04-01", "to": "2021-03-31"}, "期間は5年以内で指定してください"),
        ({"from": "2026-02-30"}, "日付は 2026-11-28 または 令和8年11月28日 の形で入力してください"),
    ],
)
def test_a_bad_period_is_explained_in_japanese_and_the_current_fiscal_year_is_shown(
    client_as, supervisor, stage_changes, params, message
):
    response = client_as(supervisor).get(OVERVIEW, params)
    assert response.status_code == 400
    assert message in response.text
    assert "今年度" in response.text
    assert matrix_row(response.text, "none") == [2, 1, 0, 3]
    assert 'aria-invalid="true"' in response.text


def test_the_period_form_defaults_and_limits():
    form = OverviewPeriodForm({}, today=TODAY)
    assert form.period() == (YEAR_START, TODAY)
    form = OverviewPeriodForm({"to": "2024-03-31"}, today=TODAY)
    assert form.period() == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    exactly_five = OverviewPeriodForm({"from": "2019-04-01", "to": "2024-04-01"}, today=TODAY)
    assert exactly_five.is_valid()
    assert years_later(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)


# ---------------------------------------------------------------- speed


def test_the_overview_runs_the_same_number_of_queries_for_3_and_30_programs(
    client_as, statistician, consultation_worker
):
    def add_programs(start: int, end: int) -> None:
        for i in range(start, end):
            program = make_program(f"プログラム{i}", ("daily_life", "social_life", "employment", "")[i % 4])
            for _ in range(2):
                host = make_host(program)
                place(host, consultation_worker, PlacementStatus.ACTIVE)
                place(host, consultation_worker, PlacementStatus.WAITING, waiting_since=TODAY)

    client = client_as(statistician)
    add_programs(0, 3)
    client.get(OVERVIEW)  # warm up (imports, caches)
    cache.clear()  # both measured without the minute's cached counts
    with CaptureQueriesContext(connection) as few:
        assert client.get(OVERVIEW).status_code == 200
    add_programs(3, 30)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(OVERVIEW)
    assert "プログラム29" in response.text
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_a_new_placement_shows_on_the_overview_page_at_once(
    client_as, statistician, consultation_worker, zoo, django_capture_on_commit_callbacks
):
    client = client_as(statistician)
    assert counts_of(client.get(OVERVIEW).text, zoo)["placed"] == 4
    person = CaseFactory(worker=consultation_worker).person
    with django_capture_on_commit_callbacks(execute=True):  # as if committed (test_overview_cache commits)
        place_person(
            actor=consultation_worker, person=person, host=zoo, status=PlacementStatus.ACTIVE, on=TODAY
        )
    assert counts_of(client.get(OVERVIEW).text, zoo)["placed"] == 5


def test_a_renamed_host_organisation_shows_on_the_overview_at_once(client_as, statistician, zoo):
    client = client_as(statistician)
    client.get(OVERVIEW)
    Organisation.objects.filter(pk=zoo.organisation_id).update(name="公益社団法人 釧路動物園協会")
    assert "公益社団法人 釧路動物園協会" in client.get(OVERVIEW).text


def test_the_overview_is_shown_in_each_users_language_one_after_the_other(client_as, statistician, zoo):
    japanese, english = client_as(statistician), client_as(statistician)
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(2):
        assert "参加中" in japanese.get(OVERVIEW).text
        html = english.get(OVERVIEW).text
        assert "Taking part" in html and "参加中" not in html


def test_a_stage_change_shows_in_the_matrix_at_once(
    client_as, supervisor, consultation_worker, stage_changes, django_capture_on_commit_callbacks
):
    client = client_as(supervisor)
    assert matrix_row(client.get(OVERVIEW).text, "none") == [2, 1, 0, 3]
    with django_capture_on_commit_callbacks(execute=True):  # as if committed (test_overview_cache commits)
        change_stage(person=CaseFactory(worker=consultation_worker).person, actor=consultation_worker, stage="employment", changed_on=TODAY,
                     reason="就労開始")  # fmt: skip
    assert matrix_row(client.get(OVERVIEW).text, "none") == [2, 1, 1, 4]


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("consultation_worker", 200),
        ("employment_worker", 200),
        ("supervisor", 200),
        ("statistician", 200),
        ("administrator", 200),
        ("city_caseworker", 200),
        ("partner_staff", 403),
    ],
)
def test_who_may_see_the_overview(client_as, request, role, status, zoo):
    client = client_as(request.getfixturevalue(role))
    for response in (client.get(OVERVIEW), client.get(reverse("programs:overview_host", args=[zoo.pk]))):
        assert response.status_code == status
        # Those let in see the zoo's figures; partner staff see none of them.
        assert ("動物園環境整備ボランティア体験事業" in response.text) == (status == 200)


def test_the_overview_asks_for_a_login(client, zoo):
    response = client.get(OVERVIEW)
    assert response.status_code == 302 and "login" in response.url


def test_hosts_link_to_the_drill_down_only_for_those_who_may_see_people(
    client_as, consultation_worker, statistician, zoo
):
    link = reverse("programs:overview_host", args=[zoo.pk])
    assert link in client_as(consultation_worker).get(OVERVIEW).text
    assert link not in client_as(statistician).get(OVERVIEW).text


# ---------------------------------------------------------------- drill-down


@pytest.fixture
def people_at_zoo(zoo, consultation_worker, other_hub_office):
    """Three people at the zoo: one with a case in the worker's office, one in another office, one without
    a case (all open placements); and one finished, who is not listed."""
    mine = PersonFactory(family_name="釧路", given_name="花子")
    CaseFactory(worker=consultation_worker, person=mine)
    elsewhere = PersonFactory(family_name="音別", given_name="次郎")
    CaseFactory(person=elsewhere, worker__office=other_hub_office)
    nobody = PersonFactory(family_name="阿寒", given_name="三郎")
    finished = PersonFactory(family_name="厚岸", given_name="四郎")
    CaseFactory(worker=consultation_worker, person=finished)
    Placement.objects.filter(host=zoo).delete()
    return {
        "mine": place(zoo, consultation_worker, PlacementStatus.ACTIVE, person=mine),
        "elsewhere": place(zoo, consultation_worker, PlacementStatus.TRIAL, person=elsewhere),
        "nobody": place(zoo, consultation_worker, PlacementStatus.WAITING, person=nobody),
        "finished": place(zoo, consultation_worker, PlacementStatus.COMPLETED, person=finished,
                          completed_on=TODAY),
    }  # fmt: skip


def test_a_worker_sees_the_names_of_people_in_scope_only(client_as, consultation_worker, zoo, people_at_zoo):
    response = client_as(consultation_worker).get(reverse("programs:overview_host", args=[zoo.pk]))
    assert response.status_code == 200
    html = response.text
    assert "釧路 花子" in html
    assert reverse("programs:placement_detail", args=[people_at_zoo["mine"].pk]) in html
    for key in ("elsewhere", "nobody", "finished"):
        assert people_at_zoo[key].person.full_name not in html
    assert "担当範囲外" in html and "ほかに2人" in html
    assert counts_of_drill_down(html) == {"placed": 2, "waiting": 1, "finished": 1}


def test_the_drill_down_of_people_is_an_audit_event(client_as, consultation_worker, zoo, people_at_zoo):
    client_as(consultation_worker).get(reverse("programs:overview_host", args=[zoo.pk]))
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="programs.programhost")
    assert event.object_id == str(zoo.pk)
    assert event.actor == consultation_worker
    assert event.detail == {"page": "overview_host", "people": [people_at_zoo["mine"].person_id]}


@pytest.mark.parametrize("role", ["statistician", "administrator", "city_caseworker"])
def test_others_see_counts_only_and_no_names(client_as, request, role, zoo, people_at_zoo):
    response = client_as(request.getfixturevalue(role)).get(reverse("programs:overview_host", args=[zoo.pk]))
    assert response.status_code == 200
    html = response.text
    assert counts_of_drill_down(html) == {"placed": 2, "waiting": 1, "finished": 1}
    for placement in people_at_zoo.values():
        assert placement.person.full_name not in html
    assert "/programs/placements/" not in html
    assert not AuditEvent.objects.filter(object_type="programs.programhost").exists()


def test_the_drill_down_of_a_missing_or_ended_host_is_not_found(client_as, consultation_worker):
    ended = make_host(make_program("終わったプログラム", active_until=TODAY - dt.timedelta(days=1)))
    client = client_as(consultation_worker)
    assert client.get(reverse("programs:overview_host", args=[ended.pk])).status_code == 404
    assert client.get(reverse("programs:overview_host", args=[ended.pk + 1000])).status_code == 404
