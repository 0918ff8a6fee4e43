"""Program-ladder selectors: who sees which placement and session, the partner portal, attendance rates,
a person's ladder, the overview (全体概況) and the stage-change matrix."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import ROLE_FIXTURES
from tsunagu.accounts.roles import Role
from tsunagu.core.dates import fiscal_year_start
from tsunagu.people.models import StageChange
from tsunagu.programs import selectors
from tsunagu.programs.models import (
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    Session,
)
from tsunagu.programs.services import STEP_DATE_FIELD
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    ProgramFactory,
    ProgramHostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = PlacementStatus
A = AttendanceStatus
CASEWORK = ("consultation_worker", "employment_worker", "supervisor")
NO_PEOPLE = ("city_caseworker", "statistician", "administrator")


def today() -> dt.date:
    return timezone.localdate()


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def make_placement(person, host, status, *, worker, on=None, **extra) -> Placement:
    extra[STEP_DATE_FIELD[status]] = on or days_ago(30)
    if status in (S.COMPLETED, S.INTERRUPTED):
        extra.setdefault("started_on", (on or days_ago(30)) - dt.timedelta(days=30))
    if status == S.INTERRUPTED:
        extra.setdefault("interruption_reason", "体調不良")
    return Placement.objects.create(person=person, host=host, status=status, worker=worker, **extra)


def attend(session, placement, status=A.PRESENT, hours="3", *, by) -> Attendance:
    hours = "0" if status == A.ABSENT else hours
    return Attendance.objects.create(
        session=session, placement=placement, status=status, hours=Decimal(hours), recorded_by=by
    )


def stage_change(person, previous, stage, on, *, by, reason="アセスメント") -> StageChange:
    return StageChange.objects.create(
        person=person, previous_stage=previous, stage=stage, changed_on=on, reason=reason, recorded_by=by
    )


# ---------------------------------------------------------------- scope


@pytest.fixture
def world(consultation_worker, partner_org, other_hub_office):
    """The zoo program at the partner organisation and at another host; people of the worker's office
    and of another office placed there."""
    zoo = ProgramHostFactory(organisation=partner_org)
    park = ProgramHostFactory(
        program__name="公園管理ボランティア体験事業", organisation__name="公園協会（テスト）"
    )
    elsewhere_worker = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    own = CaseFactory(worker=consultation_worker).person
    waiting = CaseFactory(worker=consultation_worker).person
    elsewhere = CaseFactory(worker=elsewhere_worker).person
    w = consultation_worker
    return SimpleNamespace(
        zoo=zoo,
        park=park,
        elsewhere_worker=elsewhere_worker,
        own_at_zoo=make_placement(own, zoo, S.ACTIVE, worker=w),
        own_at_park=make_placement(own, park, S.VISIT, worker=w),
        waiting_at_zoo=make_placement(waiting, zoo, S.WAITING, worker=w),
        elsewhere_at_zoo=make_placement(elsewhere, zoo, S.TRIAL, worker=elsewhere_worker),
        zoo_session=Session.objects.create(host=zoo, date=days_ago(2), start_time=dt.time(9)),
        park_session=Session.objects.create(host=park, date=days_ago(2), start_time=dt.time(9)),
    )


ALL_PLACEMENTS = ("own_at_zoo", "own_at_park", "waiting_at_zoo", "elsewhere_at_zoo")
PLACEMENT_SCOPE = {
    "consultation_worker": {"own_at_zoo", "own_at_park", "waiting_at_zoo"},
    "employment_worker": {"own_at_zoo", "own_at_park", "waiting_at_zoo"},
    "supervisor": {"own_at_zoo", "own_at_park", "waiting_at_zoo"},
    # Partner staff: the people placed with their own organisation, whoever's case; not its waiting list.
    "partner_staff": {"own_at_zoo", "elsewhere_at_zoo"},
    "city_caseworker": set(),
    "statistician": set(),
    "administrator": set(),
}


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_each_role_sees_exactly_the_placements_in_its_scope(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    expected = {getattr(world, name) for name in PLACEMENT_SCOPE[role_fixture]}
    assert set(selectors.visible_placements(user)) == expected


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_a_placement_out_of_scope_is_not_found_and_one_in_scope_opens(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    for name in ALL_PLACEMENTS:
        placement = getattr(world, name)
        if name in PLACEMENT_SCOPE[role_fixture]:
            found = selectors.get_placement(user, placement.pk)
            assert found == placement
            assert (found.person, found.host.program, found.host.organisation) == (
                placement.person, placement.host.program, placement.host.organisation,
            )  # fmt: skip
        else:
            with pytest.raises(Http404):
                selectors.get_placement(user, placement.pk)


def test_a_worker_of_another_office_sees_only_the_placements_of_their_own_people(world):
    assert set(selectors.visible_placements(world.elsewhere_worker)) == {world.elsewhere_at_zoo}
    with pytest.raises(Http404):
        selectors.get_placement(world.elsewhere_worker, world.own_at_zoo.pk)


def test_a_placement_that_does_not_exist_is_not_found(consultation_worker):
    with pytest.raises(Http404):
        selectors.get_placement(consultation_worker, 999_999)


def test_partner_staff_of_another_organisation_see_none_of_these_placements(world, other_partner):
    stranger = other_partner
    assert not selectors.visible_placements(stranger).exists()
    with pytest.raises(Http404):
        selectors.get_placement(stranger, world.own_at_zoo.pk)


def test_partner_staff_keep_seeing_people_who_finished_with_them(world, partner_staff, consultation_worker):
    finished = make_placement(
        CaseFactory(worker=consultation_worker).person, world.zoo, S.COMPLETED, worker=consultation_worker
    )
    stopped_waiting = make_placement(
        CaseFactory(worker=consultation_worker).person, world.zoo, S.INTERRUPTED, worker=consultation_worker,
        started_on=None,
    )  # fmt: skip
    visible = set(selectors.visible_placements(partner_staff))
    assert finished in visible
    assert stopped_waiting not in visible


SESSION_SCOPE = {
    **{role: {"zoo_session", "park_session"} for role in CASEWORK},
    "partner_staff": {"zoo_session"},
    **{role: set() for role in NO_PEOPLE},
}


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_each_role_sees_the_sessions_it_runs(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    expected = {getattr(world, name) for name in SESSION_SCOPE[role_fixture]}
    assert set(selectors.visible_sessions(user)) == expected
    for name in ("zoo_session", "park_session"):
        session = getattr(world, name)
        if name in SESSION_SCOPE[role_fixture]:
            assert selectors.get_session(user, session.pk).host.program == session.host.program
        else:
            with pytest.raises(Http404):
                selectors.get_session(user, session.pk)


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_each_role_is_offered_the_hosts_whose_sessions_it_runs(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    expected = {getattr(world, name.removesuffix("_session")) for name in SESSION_SCOPE[role_fixture]}
    assert set(selectors.hosts_for(user)) == expected


# ---------------------------------------------------------------- partner portal


def test_the_partner_portal_lists_the_people_taking_part_with_the_organisation(
    partner_staff, partner_org, consultation_worker
):
    zoo = ProgramHostFactory(program__name="動物園環境整備", organisation=partner_org)
    aquarium = ProgramHostFactory(program__name="あおぞら作業", organisation=partner_org)
    elsewhere = ProgramHostFactory(program__name="公園管理")
    w = consultation_worker

    def person(kana):
        return PersonFactory(family_name_kana=kana, given_name_kana="はなこ")

    watanabe = make_placement(person("わたなべ"), zoo, S.ACTIVE, worker=w)
    aida = make_placement(person("あいだ"), zoo, S.VISIT, worker=w)
    kato = make_placement(person("かとう"), aquarium, S.TRIAL, worker=w)
    make_placement(person("さとう"), zoo, S.WAITING, worker=w)
    make_placement(person("すずき"), zoo, S.COMPLETED, worker=w)
    make_placement(person("たなか"), zoo, S.INTERRUPTED, worker=w)
    make_placement(person("いとう"), elsewhere, S.ACTIVE, worker=w)
    assert list(selectors.partner_placements(partner_staff)) == [kato, aida, watanabe]


@pytest.mark.parametrize("role_fixture", [*CASEWORK, *NO_PEOPLE])
def test_only_partner_staff_have_a_partner_portal(request, world, role_fixture):
    assert not selectors.partner_placements(request.getfixturevalue(role_fixture)).exists()


def test_upcoming_sessions_run_from_a_week_back_to_two_weeks_ahead_with_the_roll_call_count(
    partner_staff, partner_org, consultation_worker
):
    zoo = ProgramHostFactory(organisation=partner_org)
    elsewhere = ProgramHostFactory(program__name="公園管理")

    def session(host, days_from_today):
        return Session.objects.create(host=host, date=today() + dt.timedelta(days=days_from_today))

    session(zoo, -8)
    week_ago, todays, fortnight = session(zoo, -7), session(zoo, 0), session(zoo, 14)
    session(zoo, 15)
    session(elsewhere, 0)
    for _ in range(2):
        attend(week_ago, make_placement(PersonFactory(), zoo, S.ACTIVE, worker=consultation_worker),
               by=partner_staff)  # fmt: skip
    upcoming = list(selectors.upcoming_sessions(partner_staff))
    assert upcoming == [week_ago, todays, fortnight]
    assert [s.recorded for s in upcoming] == [2, 0, 0]
    assert len(selectors.upcoming_sessions(consultation_worker)) == 4
    assert not selectors.upcoming_sessions(UserFactory(roles=[Role.STATISTICIAN])).exists()


# ---------------------------------------------------------------- attendance rates


def test_the_attendance_rate_counts_present_late_and_left_early_as_attended(consultation_worker, partner_org):
    host = ProgramHostFactory(organisation=partner_org)
    keen = make_placement(PersonFactory(), host, S.ACTIVE, worker=consultation_worker)
    new = make_placement(PersonFactory(), host, S.VISIT, worker=consultation_worker)
    for i, status in enumerate((A.PRESENT, A.LATE, A.LEFT_EARLY, A.ABSENT)):
        session = Session.objects.create(host=host, date=days_ago(10 - i))
        attend(session, keen, status, by=consultation_worker)
    counted = {p.pk: p for p in selectors.with_attendance_rate(Placement.objects.all())}
    assert (counted[keen.pk].sessions_recorded, counted[keen.pk].sessions_attended) == (4, 3)
    assert selectors.rate(counted[keen.pk].sessions_attended, counted[keen.pk].sessions_recorded) == 75
    assert (counted[new.pk].sessions_recorded, counted[new.pk].sessions_attended) == (0, 0)
    assert selectors.rate(0, 0) is None


@pytest.mark.parametrize(
    ("attended", "recorded", "percent"),
    [(0, 5, 0), (5, 5, 100), (1, 3, 33), (2, 3, 67), (1, 8, 13), (3, 8, 38), (1, 200, 1)],
)
def test_the_rate_is_a_whole_percentage_rounded_half_up(attended, recorded, percent):
    assert selectors.rate(attended, recorded) == percent


# ---------------------------------------------------------------- a person's ladder


def test_the_ladder_shows_each_stage_with_the_placements_that_began_on_it(consultation_worker, partner_org):
    person = CaseFactory(worker=consultation_worker).person
    w = consultation_worker
    stage_change(person, "", "daily_life", days_ago(300), by=w, reason="初回アセスメント")
    stage_change(person, "daily_life", "social_life", days_ago(100), by=w, reason="通所が安定")
    host = ProgramHostFactory(organisation=partner_org)
    other_host = ProgramHostFactory(program__name="公園管理")
    before = make_placement(
        person, ProgramHostFactory(program__name="相談前"), S.COMPLETED, worker=w, on=days_ago(330)
    )
    daily = make_placement(person, host, S.COMPLETED, worker=w, on=days_ago(150), started_on=days_ago(200))
    on_the_day = make_placement(person, other_host, S.VISIT, worker=w, on=days_ago(100))
    waiting = make_placement(person, host, S.WAITING, worker=w, on=days_ago(50))
    make_placement(PersonFactory(), host, S.ACTIVE, worker=w)  # someone else's
    steps, unplaced = selectors.person_ladder(w, person)
    assert [(s.stage, s.since, s.until, s.reason) for s in steps] == [
        ("daily_life", days_ago(300), days_ago(100), "初回アセスメント"),
        ("social_life", days_ago(100), None, "通所が安定"),
    ]
    assert [s.label for s in steps] == ["日常生活自立", "社会生活自立"]
    assert steps[0].placements == [daily]
    assert set(steps[1].placements) == {on_the_day, waiting}
    assert unplaced == [before]


def test_the_ladder_of_someone_never_given_a_stage_has_only_unplaced_placements(
    consultation_worker, partner_org
):
    person = CaseFactory(worker=consultation_worker).person
    placement = make_placement(
        person, ProgramHostFactory(organisation=partner_org), S.ACTIVE, worker=consultation_worker
    )
    steps, unplaced = selectors.person_ladder(consultation_worker, person)
    assert steps == []
    assert unplaced == [placement]


def test_the_ladders_placements_carry_their_attendance_and_evaluations(consultation_worker, partner_org):
    person = CaseFactory(worker=consultation_worker).person
    stage_change(person, "", "social_life", days_ago(300), by=consultation_worker)
    host = ProgramHostFactory(organisation=partner_org)
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker, on=days_ago(60))
    session = Session.objects.create(host=host, date=days_ago(3))
    attend(session, placement, by=consultation_worker)
    PlacementEvaluation.objects.create(
        placement=placement, evaluated_on=days_ago(1), evaluator=consultation_worker,
        greeting=4, punctuality=3, concentration=3, cooperation=2, understanding=4,
    )  # fmt: skip
    steps, _unplaced = selectors.person_ladder(consultation_worker, person)
    (shown,) = steps[0].placements
    assert (shown.sessions_recorded, shown.sessions_attended) == (1, 1)
    assert [e.greeting for e in shown.evaluations.all()] == [4]


def test_the_case_page_lists_the_persons_placements_newest_first(world, consultation_worker):
    person = world.own_at_zoo.person
    shown = selectors.placements_on_case_page(consultation_worker, person)
    assert shown == [world.own_at_park, world.own_at_zoo]
    assert all(hasattr(p, "sessions_recorded") for p in shown)
    assert selectors.placements_on_case_page(world.elsewhere_worker, person) == []


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_the_case_page_shows_placements_to_casework_staff_in_scope_only(request, world, role_fixture):
    shown = selectors.placements_on_case_page(request.getfixturevalue(role_fixture), world.own_at_zoo.person)
    expected = [world.own_at_park, world.own_at_zoo] if role_fixture in CASEWORK else []
    assert shown == expected


def test_the_case_page_reads_the_placements_in_one_query_with_all_it_shows(world, consultation_worker):
    consultation_worker.role_codes  # noqa: B018 -- read once, as a request would
    attend(world.zoo_session, world.own_at_zoo, by=consultation_worker)
    with CaptureQueriesContext(connection) as queries:
        shown = selectors.placements_on_case_page(consultation_worker, world.own_at_zoo.person)
        lines = [
            (p.pk, p.host.program.name, p.host.organisation.name, p.get_status_display(), p.sessions_recorded,
             p.sessions_attended, list(p.evaluations.all()))
            for p in shown
        ]  # fmt: skip
    assert len(queries) == 1
    assert lines[0][1:] == ("公園管理ボランティア体験事業", "公園協会（テスト）", "見学", 0, 0, [])
    assert lines[1][4:] == (1, 1, [])


def test_a_host_evaluation_on_the_case_page_costs_one_more_query_whatever_the_number(
    world, consultation_worker, partner_staff
):
    consultation_worker.role_codes  # noqa: B018 -- read once, as a request would
    for placement, greeting in ((world.own_at_zoo, 4), (world.own_at_park, 2)):
        PlacementEvaluation.objects.create(
            placement=placement, evaluated_on=days_ago(1), evaluator=partner_staff,
            greeting=greeting, punctuality=3, concentration=3, cooperation=2, understanding=4,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        shown = selectors.placements_on_case_page(consultation_worker, world.own_at_zoo.person)
        latest = [
            (p.evaluations.all()[0].greeting, p.evaluations.all()[0].evaluator.display_name) for p in shown
        ]
    assert len(queries) == 2
    assert latest == [(2, partner_staff.display_name), (4, partner_staff.display_name)]


# ---------------------------------------------------------------- the overview (全体概況)

FY2026_DAY = dt.date(2026, 6, 1)


def host_counts(columns) -> dict[int, tuple[int, int, int]]:
    return {
        h.host.pk: (h.placed, h.waiting, h.finished_this_year)
        for column in columns
        for row in column.programs
        for h in row.hosts
    }


def programs_by_column(columns) -> dict[str, list[str]]:
    return {column.stage: [row.program.name for row in column.programs] for column in columns}


def test_the_fiscal_year_starts_on_the_first_of_april():
    assert fiscal_year_start(dt.date(2026, 3, 31)) == dt.date(2025, 4, 1)
    assert fiscal_year_start(dt.date(2026, 4, 1)) == dt.date(2026, 4, 1)
    assert fiscal_year_start(dt.date(2026, 12, 31)) == dt.date(2026, 4, 1)


def test_the_overview_counts_people_placed_waiting_and_finished_this_fiscal_year(consultation_worker):
    zoo = ProgramHostFactory(capacity=6)
    w = consultation_worker
    for status in (S.VISIT, S.TRIAL, S.ACTIVE, S.ACTIVE, S.WAITING):
        make_placement(PersonFactory(), zoo, status, worker=w, on=dt.date(2026, 5, 1))
    make_placement(PersonFactory(), zoo, S.COMPLETED, worker=w, on=dt.date(2026, 4, 1))
    make_placement(PersonFactory(), zoo, S.COMPLETED, worker=w, on=dt.date(2026, 3, 31))  # last fiscal year
    make_placement(PersonFactory(), zoo, S.INTERRUPTED, worker=w, on=dt.date(2026, 5, 1))
    make_placement(PersonFactory(), zoo, S.COMPLETED, worker=w, on=dt.date(2026, 6, 2))  # after "today"
    columns = selectors.overview(today=FY2026_DAY)
    assert host_counts(columns) == {zoo.pk: (4, 1, 1)}
    (row,) = [row for column in columns for row in column.programs]
    assert (row.placed, row.waiting, row.finished_this_year) == (4, 1, 1)


def test_a_person_finishing_twice_at_a_host_in_a_year_counts_once(consultation_worker):
    zoo = ProgramHostFactory()
    person = PersonFactory()
    make_placement(person, zoo, S.COMPLETED, worker=consultation_worker, on=dt.date(2026, 4, 20))
    make_placement(person, zoo, S.COMPLETED, worker=consultation_worker, on=dt.date(2026, 5, 20))
    assert host_counts(selectors.overview(today=FY2026_DAY)) == {zoo.pk: (0, 0, 1)}


def test_each_host_of_a_program_has_its_own_counts_and_the_program_their_sum(consultation_worker):
    program = ProgramFactory(name="病院ボランティア体験事業")
    hoshigaura = ProgramHostFactory(program=program, organisation__name="星が浦病院")
    shirakabadai = ProgramHostFactory(program=program, organisation__name="白樺台病院")
    make_placement(PersonFactory(), hoshigaura, S.ACTIVE, worker=consultation_worker)
    make_placement(PersonFactory(), shirakabadai, S.TRIAL, worker=consultation_worker)
    make_placement(PersonFactory(), shirakabadai, S.WAITING, worker=consultation_worker)
    columns = selectors.overview(today=FY2026_DAY)
    assert host_counts(columns) == {hoshigaura.pk: (1, 0, 0), shirakabadai.pk: (1, 1, 0)}
    (row,) = [row for column in columns for row in column.programs]
    assert [h.host for h in row.hosts] == [hoshigaura, shirakabadai]
    assert (row.placed, row.waiting) == (2, 1)


def test_programs_stand_in_their_stages_column_and_cross_stage_programs_in_the_empty_one():
    for name, stage in (
        ("日常生活意欲向上支援プログラム", "daily_life"),
        ("公園管理ボランティア体験事業", "social_life"),
        ("生業扶助活用資格取得プログラム", "employment"),
        ("子ども学習支援（まじくる）", ""),
    ):
        ProgramHostFactory(
            program__name=name,
            program__stage=stage,
            program__category="children" if not stage else "daily_life",
        )
    columns = selectors.overview(today=FY2026_DAY)
    assert [c.stage for c in columns] == ["daily_life", "social_life", "employment", ""]
    assert [c.label for c in columns][:3] == ["日常生活自立", "社会生活自立", "就労自立"]
    assert programs_by_column(columns) == {
        "daily_life": ["日常生活意欲向上支援プログラム"],
        "social_life": ["公園管理ボランティア体験事業"],
        "employment": ["生業扶助活用資格取得プログラム"],
        "": ["子ども学習支援（まじくる）"],
    }


def test_ended_and_future_programs_are_not_in_the_overview_and_a_program_without_hosts_is(
    consultation_worker,
):
    ended = ProgramHostFactory(program__name="終わったプログラム", program__active_until=dt.date(2026, 5, 31))
    make_placement(PersonFactory(), ended, S.ACTIVE, worker=consultation_worker)
    ProgramHostFactory(program__name="来年度のプログラム", program__active_from=dt.date(2026, 6, 2))
    ProgramHostFactory(program__name="今日で終わるプログラム", program__active_until=FY2026_DAY)
    ProgramFactory(name="受入先募集中のプログラム")
    names = [
        name for names in programs_by_column(selectors.overview(today=FY2026_DAY)).values() for name in names
    ]
    assert sorted(names) == sorted(["今日で終わるプログラム", "受入先募集中のプログラム"])


def test_the_overview_runs_the_same_number_of_queries_for_3_and_30_programs(consultation_worker):
    def add_programs(start, end):
        for i in range(start, end):
            program = ProgramFactory(
                name=f"プログラム{i:02d}", stage=("daily_life", "social_life", "employment", "")[i % 4]
            )
            for _ in range(2):
                host = ProgramHostFactory(program=program, capacity=5)
                make_placement(PersonFactory(), host, S.ACTIVE, worker=consultation_worker)
                make_placement(PersonFactory(), host, S.WAITING, worker=consultation_worker)

    def shown() -> tuple[int, list]:
        cache.clear()  # the uncounted path: the per-host counts are cached for a minute
        with CaptureQueriesContext(connection) as queries:
            columns = selectors.overview(today=FY2026_DAY)
            seen = [
                (row.program.name, h.host.organisation.name, h.host.capacity, h.placed, h.waiting)
                for column in columns
                for row in column.programs
                for h in row.hosts
            ]
        return len(queries), seen

    add_programs(0, 3)
    few, seen_few = shown()
    add_programs(3, 30)
    many, seen_many = shown()
    assert (len(seen_few), len(seen_many)) == (6, 60)
    assert {(placed, waiting) for *_names, placed, waiting in seen_many} == {(1, 1)}
    assert many == few <= 3


# ---------------------------------------------------------------- stage changes


def test_the_stage_matrix_counts_moves_between_stages_in_the_period_both_ends_included(consultation_worker):
    start, end = dt.date(2025, 4, 1), dt.date(2026, 3, 31)

    def change(previous, stage, on):
        stage_change(PersonFactory(), previous, stage, on, by=consultation_worker)

    change("", "daily_life", start)
    change("", "daily_life", end)
    change("", "social_life", dt.date(2025, 10, 1))
    change("daily_life", "social_life", dt.date(2025, 6, 1))
    change("daily_life", "social_life", dt.date(2025, 7, 1))
    change("social_life", "employment", dt.date(2025, 8, 1))
    change("employment", "social_life", dt.date(2025, 9, 1))  # the ladder goes both ways
    change("daily_life", "social_life", start - dt.timedelta(days=1))
    change("social_life", "employment", end + dt.timedelta(days=1))
    assert selectors.stage_transitions(start, end) == {
        ("", "daily_life"): 2,
        ("", "social_life"): 1,
        ("daily_life", "social_life"): 2,
        ("social_life", "employment"): 1,
        ("employment", "social_life"): 1,
    }
    assert selectors.stage_transitions(end, end) == {("", "daily_life"): 1}
    assert selectors.stage_transitions(dt.date(2024, 4, 1), dt.date(2024, 4, 30)) == {}


# ---------------------------------------------------------------- drill-down


def test_the_drill_down_lists_the_hosts_open_placements_in_scope(world, consultation_worker):
    make_placement(
        CaseFactory(worker=consultation_worker).person, world.zoo, S.COMPLETED, worker=consultation_worker
    )
    shown = list(selectors.host_people(consultation_worker, world.zoo))
    assert shown == [world.own_at_zoo, world.waiting_at_zoo]
    assert shown[0].worker == consultation_worker
    assert list(selectors.host_people(world.elsewhere_worker, world.zoo)) == [world.elsewhere_at_zoo]


@pytest.mark.parametrize("role_fixture", NO_PEOPLE)
def test_the_drill_down_shows_no_one_to_roles_that_see_only_counts(request, world, role_fixture):
    assert not selectors.host_people(request.getfixturevalue(role_fixture), world.zoo).exists()


# ---------------------------------------------------------------- the catalog


def test_the_catalog_shows_programs_on_offer_unless_asked_for_ended_ones():
    on_offer = ProgramFactory(name="提供中")
    ended = ProgramFactory(name="終了", active_until=days_ago(1))
    future = ProgramFactory(name="来年度", active_from=today() + dt.timedelta(days=1))
    assert set(selectors.active_programs()) == {on_offer}
    assert set(selectors.catalog()) == {on_offer}
    assert set(selectors.catalog(include_ended=True)) == {on_offer, ended, future}
    assert selectors.get_program(ended.pk) == ended
    with pytest.raises(Http404):
        selectors.get_program(999_999)
