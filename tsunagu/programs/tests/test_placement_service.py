"""Program-ladder services: the catalog, placements (見学 → 体験 → 参加 → 修了 / 中断), sessions, the
roll-call and the hosts' evaluations.

Refusals are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.models import Plan
from tsunagu.programs import selectors, services
from tsunagu.programs.models import (
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    Program,
    ProgramHost,
    Session,
)
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = PlacementStatus
A = AttendanceStatus
CASEWORK = ("consultation_worker", "employment_worker", "supervisor")
NOT_CASEWORK = ("city_caseworker", "partner_staff", "statistician", "administrator")
NOT_ADMINISTRATOR = (*CASEWORK, "city_caseworker", "partner_staff", "statistician")


# ---------------------------------------------------------------- helpers


def today() -> dt.date:
    return timezone.localdate()


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def field_errors(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def audited(target, action: str) -> bool:
    return AuditEvent.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk), action=action
    ).exists()


def make_program(**overrides) -> Program:
    """Mondays and Wednesdays 9:00–12:00, offered since April 2024."""
    return ProgramFactory(**{
        "name": "ボランティア体験（動物園）", "active_from": dt.date(2024, 4, 1), "weekdays": [0, 2],
        "start_time": dt.time(9), **overrides,
    })  # fmt: skip


def make_placement(person, host, status, *, worker, on=None, case=None, **extra) -> Placement:
    """A placement straight into the database, its step dated `on` (30 days ago by default)."""
    extra[services.STEP_DATE_FIELD[status]] = on or days_ago(30)
    if status == S.COMPLETED:
        extra.setdefault("started_on", (on or days_ago(30)) - dt.timedelta(days=30))
    if status == S.INTERRUPTED:
        extra.setdefault("interruption_reason", "体調不良")
    return Placement.objects.create(
        person=person, host=host, status=status, worker=worker, case=case, **extra
    )


def make_plan(case, author) -> Plan:
    start = days_ago(40)
    return Plan.objects.create(
        case=case, version=1, period_start=start, period_end=start + dt.timedelta(days=180),
        long_term_goal="地域の活動に参加する", short_term_goals="週2回通う", author=author,
    )  # fmt: skip


@pytest.fixture
def program() -> Program:
    return make_program()


@pytest.fixture
def host(program, partner_org) -> ProgramHost:
    """The program at the partner organisation, no capacity limit."""
    return ProgramHostFactory(program=program, organisation=partner_org)


@pytest.fixture
def small_host(program) -> ProgramHost:
    """The same program at a second host with a single place."""
    return ProgramHostFactory(program=program, capacity=1)


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker)


@pytest.fixture
def person(case):
    return case.person


@pytest.fixture
def other_partner_staff(other_partner):
    """Partner staff of an organisation that hosts nothing here (the aquarium)."""
    return other_partner


def place(actor, person, host, status=S.VISIT, on=None, **kwargs) -> Placement:
    return services.place_person(actor=actor, person=person, host=host, status=status, on=on or days_ago(30),
                                 **kwargs)  # fmt: skip


# ---------------------------------------------------------------- the catalog


def test_an_administrator_adds_a_program_with_its_weekdays_in_order(administrator):
    program = services.save_program(
        actor=administrator, name="ごみ袋封入作業", stage="employment", category="intermediate_work",
        active_from=days_ago(10), weekdays=[4, 0, 2, 0], start_time=dt.time(13), end_time=dt.time(15),
    )  # fmt: skip
    program.refresh_from_db()
    assert program.name == "ごみ袋封入作業"
    assert program.weekdays == [0, 2, 4]
    with translation.override("en"):
        assert program.weekday_labels == ["Mon", "Wed", "Fri"]
    assert audited(program, AuditAction.CREATE)


def test_an_administrator_changes_a_program(administrator, program):
    services.save_program(
        actor=administrator,
        program=program,
        edit_version=program.edit_version,
        place="釧路市動物園",
        weekdays=[1],
    )
    program.refresh_from_db()
    assert (program.place, program.weekdays) == ("釧路市動物園", [1])
    assert program.name == "ボランティア体験（動物園）"
    assert audited(program, AuditAction.UPDATE)


@pytest.mark.parametrize("role_fixture", NOT_ADMINISTRATOR)
def test_only_an_administrator_edits_the_catalog(request, role_fixture, program, partner_org):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.save_program(
            actor=user, name="新しいプログラム", category="learning", active_from=days_ago(1)
        )
    with pytest.raises(PermissionDenied):
        services.save_program(actor=user, program=program, edit_version=1, name="改名")
    with pytest.raises(PermissionDenied):
        services.end_program(actor=user, program=program, edit_version=1, last_day=today())
    with pytest.raises(PermissionDenied):
        services.add_host(actor=user, program=program, organisation=partner_org, capacity=3)
    program.refresh_from_db()
    assert (Program.objects.count(), program.name, program.active_until) == (
        1,
        "ボランティア体験（動物園）",
        None,
    )
    assert not ProgramHost.objects.exists()


@pytest.mark.parametrize("weekdays", [[7], [-1], [0, 9], ["月"], ["0"], [1.5], [True], "月水", None])
def test_an_unknown_weekday_is_refused(administrator, weekdays):
    with pytest.raises(ValidationError) as caught:
        services.save_program(
            actor=administrator, name="新しいプログラム", category="learning", active_from=days_ago(1),
            weekdays=weekdays,
        )  # fmt: skip
    assert field_errors(caught.value) == {"weekdays"}
    assert not Program.objects.exists()


def test_a_program_ending_before_it_starts_is_refused(administrator):
    with pytest.raises(ValidationError) as caught:
        services.save_program(
            actor=administrator, name="新しいプログラム", category="learning", active_from=days_ago(1),
            active_until=days_ago(2),
        )  # fmt: skip
    assert "active_until" in field_errors(caught.value)
    assert not Program.objects.exists()


def test_a_program_whose_hours_end_before_they_start_is_refused(administrator):
    with pytest.raises(ValidationError) as caught:
        services.save_program(
            actor=administrator, name="新しいプログラム", category="learning", active_from=days_ago(1),
            start_time=dt.time(13), end_time=dt.time(12),
        )  # fmt: skip
    assert "end_time" in field_errors(caught.value)
    assert not Program.objects.exists()


def test_two_programs_with_the_same_name_are_refused(administrator, program):
    with pytest.raises(ValidationError) as caught:
        services.save_program(
            actor=administrator, name=program.name, category="learning", active_from=days_ago(1)
        )
    assert "name" in field_errors(caught.value)
    assert Program.objects.count() == 1


def test_an_ended_program_stays_in_the_catalog_with_its_last_day(administrator, program):
    services.end_program(actor=administrator, program=program, edit_version=1, last_day=days_ago(1))
    program.refresh_from_db()
    assert program.active_until == days_ago(1)
    assert not program.is_active_on(today())
    assert audited(program, AuditAction.UPDATE)


def test_a_program_cannot_end_before_it_started(administrator, program):
    with pytest.raises(ValidationError) as caught:
        services.end_program(
            actor=administrator,
            program=program,
            edit_version=1,
            last_day=program.active_from - dt.timedelta(1),
        )
    assert field_errors(caught.value) == {"active_until"}
    program.refresh_from_db()
    assert program.active_until is None


def test_an_administrator_adds_a_host_with_its_capacity(administrator, program, partner_org):
    host = services.add_host(actor=administrator, program=program, organisation=partner_org, capacity=3,
                             place="動物園 管理棟")  # fmt: skip
    host.refresh_from_db()
    assert (host.program, host.organisation, host.capacity, host.place) == (
        program,
        partner_org,
        3,
        "動物園 管理棟",
    )
    assert services.free_places(host) == 3
    assert audited(host, AuditAction.CREATE)


def test_the_same_organisation_cannot_host_a_program_twice(administrator, host):
    with pytest.raises(ValidationError) as caught:
        services.add_host(
            actor=administrator, program=host.program, organisation=host.organisation, capacity=5
        )
    assert field_errors(caught.value) == {"organisation"}
    assert ProgramHost.objects.count() == 1


# ---------------------------------------------------------------- placing a person


@pytest.mark.parametrize(
    ("status", "date_field"),
    [
        (S.VISIT, "visited_on"),
        (S.TRIAL, "trial_from"),
        (S.ACTIVE, "started_on"),
        (S.WAITING, "waiting_since"),
    ],
)
def test_a_placement_starts_at_any_first_step_dated_and_with_its_worker(
    employment_worker, person, case, host, status, date_field
):
    plan = make_plan(case, employment_worker)
    placement = place(employment_worker, person, host, status, on=days_ago(3), case=case, plan=plan,
                      plan_support="ボランティア体験 週2回")  # fmt: skip
    placement.refresh_from_db()
    assert placement.status == status
    assert getattr(placement, date_field) == days_ago(3)
    assert placement.last_step_on == days_ago(3)
    assert (placement.worker, placement.case, placement.plan) == (employment_worker, case, plan)
    assert placement.plan_support == "ボランティア体験 週2回"
    assert audited(placement, AuditAction.CREATE)


@pytest.mark.parametrize("status", [S.COMPLETED, S.INTERRUPTED, "bogus"])
def test_a_placement_cannot_start_completed_or_stopped(consultation_worker, person, host, status):
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, host, status)
    assert field_errors(caught.value) == {"status"}
    assert not Placement.objects.exists()


@pytest.mark.parametrize("status", [S.TRIAL, S.ACTIVE])
def test_a_placement_beyond_capacity_is_refused_and_nothing_is_saved(
    consultation_worker, person, small_host, status
):
    make_placement(PersonFactory(), small_host, S.ACTIVE, worker=consultation_worker)
    with pytest.raises(services.HostFull) as caught:
        place(consultation_worker, person, small_host, status)
    assert isinstance(caught.value, ValidationError)
    assert field_errors(caught.value) == {"host"}
    assert list(Placement.objects.filter(person=person)) == []
    assert services.free_places(small_host) == 0


@pytest.mark.parametrize("status", [S.WAITING, S.VISIT])
def test_a_full_host_still_takes_people_on_its_waiting_list_or_for_a_visit(
    consultation_worker, person, small_host, status
):
    make_placement(PersonFactory(), small_host, S.TRIAL, worker=consultation_worker)
    placement = place(consultation_worker, person, small_host, status)
    assert placement.status == status
    assert services.free_places(small_host) == 0


def test_visits_waiting_and_finished_placements_do_not_take_a_place(consultation_worker, person, small_host):
    for status in (S.VISIT, S.WAITING, S.COMPLETED, S.INTERRUPTED):
        make_placement(PersonFactory(), small_host, status, worker=consultation_worker)
    assert services.free_places(small_host) == 1
    assert place(consultation_worker, person, small_host, S.ACTIVE).status == S.ACTIVE


def test_a_host_without_capacity_takes_everyone(consultation_worker, person, host):
    for _ in range(5):
        make_placement(PersonFactory(), host, S.ACTIVE, worker=consultation_worker)
    assert services.free_places(host) is None
    assert place(consultation_worker, person, host, S.ACTIVE).status == S.ACTIVE


@pytest.mark.parametrize(
    ("active_from", "active_until", "on"),
    [(5, None, 10), (400, 20, 10)],
    ids=["before-the-program-starts", "after-the-program-ended"],
)
def test_a_placement_on_a_day_the_program_is_not_offered_is_refused(
    consultation_worker, person, partner_org, active_from, active_until, on
):
    program = make_program(
        active_from=days_ago(active_from), active_until=active_until and days_ago(active_until)
    )
    host = ProgramHostFactory(program=program, organisation=partner_org)
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, host, S.VISIT, on=days_ago(on))
    assert field_errors(caught.value) == {"host"}
    assert not Placement.objects.exists()


def test_a_placement_dated_in_the_future_is_refused(consultation_worker, person, host):
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, host, S.VISIT, on=today() + dt.timedelta(days=1))
    assert field_errors(caught.value) == {"on"}
    assert not Placement.objects.exists()


def test_a_placement_today_is_accepted(consultation_worker, person, host):
    assert place(consultation_worker, person, host, S.VISIT, on=today()).visited_on == today()


def test_a_plan_from_another_case_is_refused(consultation_worker, person, case, host):
    other_case = CaseFactory(worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, host, case=case, plan=make_plan(other_case, consultation_worker))
    assert field_errors(caught.value) == {"plan"}
    assert not Placement.objects.exists()


def test_a_plan_of_another_persons_case_is_refused_even_without_the_case(consultation_worker, person, host):
    other_case = CaseFactory(worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, host, plan=make_plan(other_case, consultation_worker))
    assert field_errors(caught.value) == {"plan"}
    assert not Placement.objects.exists()


def test_a_plan_given_alone_brings_its_case(consultation_worker, person, case, host):
    plan = make_plan(case, consultation_worker)
    placement = place(consultation_worker, person, host, plan=plan)
    assert (placement.case, placement.plan) == (case, plan)


def test_a_case_of_another_person_is_refused(consultation_worker, person, host):
    other_case = CaseFactory(worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, host, case=other_case)
    assert field_errors(caught.value) == {"case"}
    assert not Placement.objects.exists()


@pytest.mark.parametrize("first", [S.WAITING, S.VISIT, S.TRIAL, S.ACTIVE])
def test_a_second_open_placement_at_the_same_host_is_refused(consultation_worker, person, small_host, first):
    place(consultation_worker, person, small_host, first)
    with pytest.raises(ValidationError) as caught:
        place(consultation_worker, person, small_host, S.WAITING)
    assert not isinstance(caught.value, services.HostFull)
    assert field_errors(caught.value) == {"host"}
    assert Placement.objects.filter(person=person).count() == 1


def test_after_a_finished_placement_the_person_may_be_placed_at_the_host_again(
    consultation_worker, person, host
):
    make_placement(person, host, S.INTERRUPTED, worker=consultation_worker, on=days_ago(60))
    placement = place(consultation_worker, person, host, S.VISIT)
    assert placement.status == S.VISIT
    assert Placement.objects.filter(person=person).count() == 2


def test_the_same_person_may_be_placed_at_two_hosts(consultation_worker, person, host, small_host):
    place(consultation_worker, person, host, S.ACTIVE)
    place(consultation_worker, person, small_host, S.ACTIVE)
    assert Placement.objects.filter(person=person).count() == 2


@pytest.mark.parametrize("role_fixture", NOT_CASEWORK)
def test_only_casework_staff_place_people(request, role_fixture, person, host):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        place(user, person, host, S.VISIT)
    assert not Placement.objects.exists()


def test_a_worker_of_another_office_cannot_place_a_person_outside_their_office(
    other_hub_office, person, host
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    with pytest.raises(PermissionDenied):
        place(elsewhere, person, host, S.VISIT)
    assert not Placement.objects.exists()


# ---------------------------------------------------------------- moving a placement on

ALLOWED_STEPS = [
    (S.WAITING, S.VISIT), (S.WAITING, S.TRIAL), (S.WAITING, S.ACTIVE), (S.WAITING, S.INTERRUPTED),
    (S.VISIT, S.TRIAL), (S.VISIT, S.ACTIVE), (S.VISIT, S.INTERRUPTED),
    (S.TRIAL, S.ACTIVE), (S.TRIAL, S.INTERRUPTED),
    (S.ACTIVE, S.COMPLETED), (S.ACTIVE, S.INTERRUPTED),
]  # fmt: skip
REFUSED_STEPS = [(a, b) for a in S for b in S if (a, b) not in ALLOWED_STEPS]


@pytest.mark.parametrize(("start", "step"), ALLOWED_STEPS)
def test_a_placement_moves_on_with_the_date_of_each_step_kept(
    employment_worker, consultation_worker, person, host, start, step
):
    placement = make_placement(person, host, start, worker=consultation_worker, on=days_ago(30))
    moved = services.advance_placement(
        actor=employment_worker,
        placement=placement,
        edit_version=placement.edit_version,
        status=step,
        on=days_ago(10),
        reason=" 本人の希望 ",
    )
    placement.refresh_from_db()
    assert moved.status == placement.status == step
    assert getattr(placement, services.STEP_DATE_FIELD[step]) == days_ago(10)
    assert getattr(placement, services.STEP_DATE_FIELD[start]) == days_ago(30)
    assert placement.interruption_reason == ("本人の希望" if step == S.INTERRUPTED else "")
    assert audited(placement, AuditAction.UPDATE)


def test_a_placement_goes_up_the_whole_ladder(consultation_worker, person, host):
    placement = place(consultation_worker, person, host, S.VISIT, on=days_ago(40))
    for status, days in ((S.TRIAL, 30), (S.ACTIVE, 20), (S.COMPLETED, 1)):
        placement = services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=status,
            on=days_ago(days),
        )
    placement.refresh_from_db()
    assert (placement.visited_on, placement.trial_from, placement.started_on, placement.completed_on) == (
        days_ago(40),
        days_ago(30),
        days_ago(20),
        days_ago(1),
    )
    assert placement.status == S.COMPLETED
    assert not placement.is_open


@pytest.mark.parametrize(("start", "step"), [*REFUSED_STEPS, (S.ACTIVE, "bogus")])
def test_a_step_the_ladder_does_not_allow_is_refused(consultation_worker, person, host, start, step):
    placement = make_placement(person, host, start, worker=consultation_worker, on=days_ago(30))
    with pytest.raises(ValidationError) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=step,
            on=days_ago(10),
            reason="理由",
        )
    assert field_errors(caught.value) == {"status"}
    placement.refresh_from_db()
    assert placement.status == start
    assert placement.last_step_on == days_ago(30)


@pytest.mark.parametrize("reason", ["", "   "])
def test_stopping_without_a_reason_is_refused(consultation_worker, person, host, reason):
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.INTERRUPTED,
            on=days_ago(1),
            reason=reason,
        )
    assert field_errors(caught.value) == {"reason"}
    placement.refresh_from_db()
    assert (placement.status, placement.interrupted_on) == (S.ACTIVE, None)


def test_a_reason_longer_than_the_record_holds_is_refused(consultation_worker, person, host):
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.INTERRUPTED,
            on=days_ago(1),
            reason="長" * 301,
        )
    assert field_errors(caught.value) == {"reason"}
    placement.refresh_from_db()
    assert placement.status == S.ACTIVE


def test_a_step_dated_before_the_previous_step_is_refused(consultation_worker, person, host):
    placement = make_placement(person, host, S.TRIAL, worker=consultation_worker, on=days_ago(10))
    with pytest.raises(ValidationError) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.ACTIVE,
            on=days_ago(11),
        )
    assert field_errors(caught.value) == {"on"}
    placement.refresh_from_db()
    assert (placement.status, placement.started_on) == (S.TRIAL, None)


def test_a_step_on_the_same_day_as_the_previous_one_is_accepted(consultation_worker, person, host):
    placement = make_placement(person, host, S.VISIT, worker=consultation_worker, on=days_ago(10))
    moved = services.advance_placement(actor=consultation_worker, placement=placement, edit_version=placement.edit_version, status=S.TRIAL,
                                       on=days_ago(10))  # fmt: skip
    assert moved.trial_from == days_ago(10)


def test_a_step_dated_in_the_future_is_refused(consultation_worker, person, host):
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.COMPLETED,
            on=today() + dt.timedelta(days=1),
        )
    assert field_errors(caught.value) == {"on"}
    placement.refresh_from_db()
    assert placement.status == S.ACTIVE


@pytest.mark.parametrize(
    ("start", "step"), [(S.VISIT, S.TRIAL), (S.VISIT, S.ACTIVE), (S.WAITING, S.TRIAL), (S.WAITING, S.ACTIVE)]
)
def test_taking_a_place_is_refused_when_the_host_is_full(
    consultation_worker, person, small_host, start, step
):
    make_placement(PersonFactory(), small_host, S.ACTIVE, worker=consultation_worker)
    placement = make_placement(person, small_host, start, worker=consultation_worker)
    with pytest.raises(services.HostFull) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=step,
            on=days_ago(1),
        )
    assert field_errors(caught.value) == {"host"}
    placement.refresh_from_db()
    assert placement.status == start


def test_a_place_freed_by_someone_finishing_can_be_taken(consultation_worker, person, small_host):
    someone_else = CaseFactory(worker=consultation_worker).person
    other = make_placement(someone_else, small_host, S.ACTIVE, worker=consultation_worker)
    placement = make_placement(person, small_host, S.WAITING, worker=consultation_worker)
    services.advance_placement(
        actor=consultation_worker,
        placement=other,
        edit_version=other.edit_version,
        status=S.COMPLETED,
        on=days_ago(2),
    )
    moved = services.advance_placement(actor=consultation_worker, placement=placement, edit_version=placement.edit_version, status=S.ACTIVE,
                                       on=days_ago(1))  # fmt: skip
    assert moved.status == S.ACTIVE


def test_a_trial_already_holding_a_place_moves_to_taking_part_at_a_full_host(
    consultation_worker, person, small_host
):
    placement = make_placement(person, small_host, S.TRIAL, worker=consultation_worker)
    assert services.free_places(small_host) == 0
    moved = services.advance_placement(actor=consultation_worker, placement=placement, edit_version=placement.edit_version, status=S.ACTIVE,
                                       on=days_ago(1))  # fmt: skip
    assert moved.status == S.ACTIVE
    assert services.free_places(small_host) == 0


def test_taking_a_place_after_the_program_ended_is_refused(consultation_worker, person, partner_org):
    program = make_program(active_until=days_ago(15))
    host = ProgramHostFactory(program=program, organisation=partner_org)
    placement = make_placement(person, host, S.VISIT, worker=consultation_worker, on=days_ago(30))
    with pytest.raises(ValidationError) as caught:
        services.advance_placement(
            actor=consultation_worker,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.TRIAL,
            on=days_ago(10),
        )
    assert field_errors(caught.value) == {"on"}
    placement.refresh_from_db()
    assert placement.status == S.VISIT


def test_a_placement_can_be_completed_after_the_program_ended(consultation_worker, person, partner_org):
    program = make_program(active_until=days_ago(15))
    host = ProgramHostFactory(program=program, organisation=partner_org)
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker, on=days_ago(30))
    moved = services.advance_placement(actor=consultation_worker, placement=placement, edit_version=placement.edit_version, status=S.COMPLETED,
                                       on=days_ago(10))  # fmt: skip
    assert moved.completed_on == days_ago(10)


@pytest.mark.parametrize("role_fixture", NOT_CASEWORK)
def test_only_casework_staff_move_a_placement_on(request, role_fixture, consultation_worker, person, host):
    user = request.getfixturevalue(role_fixture)
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker)
    with pytest.raises(PermissionDenied):
        services.advance_placement(
            actor=user,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.COMPLETED,
            on=days_ago(1),
        )
    placement.refresh_from_db()
    assert placement.status == S.ACTIVE


def test_a_worker_of_another_office_cannot_move_a_placement_of_a_person_outside_their_office(
    consultation_worker, other_hub_office, person, host
):
    placement = make_placement(person, host, S.ACTIVE, worker=consultation_worker)
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.EMPLOYMENT_WORKER])
    with pytest.raises(PermissionDenied):
        services.advance_placement(
            actor=elsewhere,
            placement=placement,
            edit_version=placement.edit_version,
            status=S.COMPLETED,
            on=days_ago(1),
        )
    placement.refresh_from_db()
    assert placement.status == S.ACTIVE


# ---------------------------------------------------------------- sessions by hand


def test_a_session_added_by_hand_takes_the_programs_hours(consultation_worker, host):
    session = services.add_session(actor=consultation_worker, host=host, date=days_ago(2), note="振替")
    session.refresh_from_db()
    assert (session.date, session.start_time, session.end_time, session.note) == (
        days_ago(2),
        dt.time(9),
        dt.time(12),
        "振替",
    )
    assert audited(session, AuditAction.CREATE)


def test_a_session_added_by_hand_may_have_its_own_hours(consultation_worker, host):
    session = services.add_session(actor=consultation_worker, host=host, date=days_ago(2),
                                   start_time=dt.time(13), end_time=dt.time(16))  # fmt: skip
    assert (session.start_time, session.end_time) == (dt.time(13), dt.time(16))


@pytest.mark.parametrize(("active_from", "active_until", "day"), [(10, None, 11), (400, 20, 19)])
def test_a_session_outside_the_programs_active_period_is_refused(
    consultation_worker, partner_org, active_from, active_until, day
):
    program = make_program(
        active_from=days_ago(active_from), active_until=active_until and days_ago(active_until)
    )
    host = ProgramHostFactory(program=program, organisation=partner_org)
    with pytest.raises(ValidationError) as caught:
        services.add_session(actor=consultation_worker, host=host, date=days_ago(day))
    assert field_errors(caught.value) == {"date"}
    assert not Session.objects.exists()


def test_a_duplicate_session_is_refused(consultation_worker, host):
    services.add_session(actor=consultation_worker, host=host, date=days_ago(2))
    with pytest.raises(ValidationError) as caught:
        services.add_session(actor=consultation_worker, host=host, date=days_ago(2), start_time=dt.time(9))
    assert field_errors(caught.value) == {"date"}
    assert Session.objects.count() == 1


def test_a_duplicate_session_without_hours_is_refused(consultation_worker, partner_org):
    program = make_program(start_time=None, end_time=None, by_appointment=True, weekdays=[])
    host = ProgramHostFactory(program=program, organisation=partner_org)
    services.add_session(actor=consultation_worker, host=host, date=days_ago(2))
    with pytest.raises(ValidationError) as caught:
        services.add_session(actor=consultation_worker, host=host, date=days_ago(2))
    assert field_errors(caught.value) == {"date"}
    assert Session.objects.count() == 1


def test_a_second_session_on_the_same_day_at_another_time_is_accepted(consultation_worker, host):
    services.add_session(actor=consultation_worker, host=host, date=days_ago(2))
    services.add_session(actor=consultation_worker, host=host, date=days_ago(2), start_time=dt.time(13),
                         end_time=dt.time(15))  # fmt: skip
    assert Session.objects.count() == 2


def test_a_session_ending_before_it_starts_is_refused(consultation_worker, host):
    with pytest.raises(ValidationError) as caught:
        services.add_session(actor=consultation_worker, host=host, date=days_ago(2), start_time=dt.time(13),
                             end_time=dt.time(12))  # fmt: skip
    assert field_errors(caught.value) == {"end_time"}
    assert not Session.objects.exists()


def test_partner_staff_of_the_host_add_its_sessions(partner_staff, host):
    session = services.add_session(actor=partner_staff, host=host, date=days_ago(2))
    assert session.host == host


@pytest.mark.parametrize(
    "role_fixture", ["other_partner_staff", "statistician", "administrator", "city_caseworker"]
)
def test_partner_staff_of_another_organisation_and_non_casework_roles_cannot_add_sessions(
    request, role_fixture, host
):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.add_session(actor=user, host=host, date=days_ago(2))
    assert not Session.objects.exists()


# ---------------------------------------------------------------- sessions from the schedule


def session_dates(host) -> list[dt.date]:
    return list(Session.objects.filter(host=host).order_by("date").values_list("date", flat=True))


def test_sessions_are_generated_on_the_programs_weekdays_with_public_holidays_skipped(
    consultation_worker, host
):
    Program.objects.filter(pk=host.program_id).update(weekdays=[0])
    host.program.refresh_from_db()
    sessions = services.generate_sessions(
        actor=consultation_worker, host=host, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 1, 19)
    )
    # 2026-01-12 is 成人の日.
    assert sorted(s.date for s in sessions) == [dt.date(2026, 1, 5), dt.date(2026, 1, 19)]
    assert session_dates(host) == [dt.date(2026, 1, 5), dt.date(2026, 1, 19)]
    assert all((s.start_time, s.end_time) == (dt.time(9), dt.time(12)) for s in Session.objects.all())
    assert AuditEvent.objects.filter(object_type="programs.programhost", object_id=str(host.pk)).exists()


def test_generated_sessions_fall_only_on_the_programs_weekdays(consultation_worker, host):
    # Monday and Wednesday; 2026-02-11 (Wednesday) is 建国記念の日.
    services.generate_sessions(
        actor=consultation_worker, host=host, date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 15)
    )
    assert session_dates(host) == [dt.date(2026, 2, 2), dt.date(2026, 2, 4), dt.date(2026, 2, 9)]
    assert {d.weekday() for d in session_dates(host)} == {0, 2}


def test_generating_again_keeps_the_sessions_already_there(consultation_worker, host):
    kept = services.add_session(actor=consultation_worker, host=host, date=dt.date(2026, 2, 4), note="特別回")
    first = services.generate_sessions(
        actor=consultation_worker, host=host, date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 8)
    )
    again = services.generate_sessions(
        actor=consultation_worker, host=host, date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 8)
    )
    assert [s.date for s in first] == [dt.date(2026, 2, 2)]
    assert again == []
    assert session_dates(host) == [dt.date(2026, 2, 2), dt.date(2026, 2, 4)]
    kept.refresh_from_db()
    assert kept.note == "特別回"


def test_generated_sessions_stay_inside_the_programs_active_period(consultation_worker, partner_org):
    program = make_program(active_from=dt.date(2026, 2, 3), active_until=dt.date(2026, 2, 9))
    host = ProgramHostFactory(program=program, organisation=partner_org)
    services.generate_sessions(
        actor=consultation_worker, host=host, date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28)
    )
    assert session_dates(host) == [dt.date(2026, 2, 4), dt.date(2026, 2, 9)]


@pytest.mark.parametrize("overrides", [{"by_appointment": True}, {"weekdays": []}])
def test_a_program_by_appointment_has_no_sessions_generated(consultation_worker, partner_org, overrides):
    program = make_program(**overrides)
    host = ProgramHostFactory(program=program, organisation=partner_org)
    with pytest.raises(ValidationError) as caught:
        services.generate_sessions(
            actor=consultation_worker, host=host, date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 8)
        )
    assert field_errors(caught.value) == {"host"}
    assert not Session.objects.exists()


def test_generating_more_than_a_year_at_once_is_refused(consultation_worker, host):
    with pytest.raises(ValidationError) as caught:
        services.generate_sessions(
            actor=consultation_worker, host=host, date_from=dt.date(2026, 1, 5), date_to=dt.date(2027, 2, 1)
        )
    assert field_errors(caught.value) == {"date_to"}
    assert not Session.objects.exists()


def test_a_full_fiscal_year_can_be_generated(consultation_worker, host):
    sessions = services.generate_sessions(
        actor=consultation_worker, host=host, date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31)
    )
    assert 90 < len(sessions) < 105
    assert not any(s.date.weekday() not in (0, 2) for s in sessions)


def test_generating_backwards_is_refused(consultation_worker, host):
    with pytest.raises(ValidationError) as caught:
        services.generate_sessions(
            actor=consultation_worker, host=host, date_from=dt.date(2026, 2, 8), date_to=dt.date(2026, 2, 2)
        )
    assert field_errors(caught.value) == {"date_to"}
    assert not Session.objects.exists()


def test_partner_staff_generate_their_own_hosts_sessions_only(partner_staff, other_partner_staff, host):
    with pytest.raises(PermissionDenied):
        services.generate_sessions(
            actor=other_partner_staff, host=host, date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 8)
        )
    assert not Session.objects.exists()
    services.generate_sessions(
        actor=partner_staff, host=host, date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 8)
    )
    assert session_dates(host) == [dt.date(2026, 2, 2), dt.date(2026, 2, 4)]


# ---------------------------------------------------------------- the roll-call


def person_of(worker):
    """A person with a case of the worker's office: on that worker's roll-call."""
    return CaseFactory(worker=worker).person


def entry(placement, status=A.PRESENT, hours="3", reason=""):
    return services.RollCallEntry(placement.pk, status, Decimal(hours), reason)


def placed_people(host, worker, count: int, *, status=S.ACTIVE, on=None) -> list[Placement]:
    return [
        make_placement(person_of(worker), host, status, worker=worker, on=on or days_ago(60))
        for _ in range(count)
    ]


@pytest.fixture
def session(host) -> Session:
    return SessionFactory(host=host, date=days_ago(7))


def test_the_roll_call_records_all_four_statuses_with_hours(consultation_worker, host, session):
    present, late, early, absent = placed_people(host, consultation_worker, 4)
    services.record_roll_call(
        actor=consultation_worker, session=session,
        entries=[
            entry(present, A.PRESENT, "3", reason="ignored"), entry(late, A.LATE, "2.5"),
            entry(early, A.LEFT_EARLY, "1.25"), entry(absent, A.ABSENT, "0", reason=" 通院 "),
        ],
    )  # fmt: skip
    recorded = {a.placement_id: (a.status, a.hours, a.absence_reason) for a in Attendance.objects.all()}
    assert recorded == {
        present.pk: (A.PRESENT, Decimal("3.00"), ""),
        late.pk: (A.LATE, Decimal("2.50"), ""),
        early.pk: (A.LEFT_EARLY, Decimal("1.25"), ""),
        absent.pk: (A.ABSENT, Decimal("0.00"), "通院"),
    }
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {consultation_worker.pk}
    assert audited(session, AuditAction.UPDATE)


def test_visits_and_trials_are_on_the_roll_call(consultation_worker, host, session):
    visit = make_placement(
        person_of(consultation_worker), host, S.VISIT, worker=consultation_worker, on=days_ago(7)
    )
    trial = make_placement(
        person_of(consultation_worker), host, S.TRIAL, worker=consultation_worker, on=days_ago(20)
    )
    services.record_roll_call(
        actor=consultation_worker, session=session, entries=[entry(visit), entry(trial)]
    )
    assert Attendance.objects.count() == 2


def test_an_absent_person_with_hours_is_refused(consultation_worker, host, session):
    fine, absent = placed_people(host, consultation_worker, 2)
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=session,
                                  entries=[entry(fine), entry(absent, A.ABSENT, "1")])  # fmt: skip
    assert field_errors(caught.value) == {f"placement_{absent.pk}"}
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("hours", ["24.5", "25", "-1", "NaN", "Infinity"])
def test_hours_outside_a_day_are_refused(consultation_worker, host, session, hours):
    (placement,) = placed_people(host, consultation_worker, 1)
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(
            actor=consultation_worker, session=session, entries=[entry(placement, hours=hours)]
        )
    assert field_errors(caught.value) == {f"placement_{placement.pk}"}
    assert not Attendance.objects.exists()


def test_an_unknown_attendance_status_is_refused(consultation_worker, host, session):
    (placement,) = placed_people(host, consultation_worker, 1)
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=session,
                                  entries=[entry(placement, status="sleeping")])  # fmt: skip
    assert field_errors(caught.value) == {f"placement_{placement.pk}"}
    assert not Attendance.objects.exists()


def test_an_absence_reason_longer_than_the_record_holds_is_refused(consultation_worker, host, session):
    (placement,) = placed_people(host, consultation_worker, 1)
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=session,
                                  entries=[entry(placement, A.ABSENT, "0", reason="長" * 201)])  # fmt: skip
    assert field_errors(caught.value) == {f"placement_{placement.pk}"}
    assert not Attendance.objects.exists()


def test_attendance_for_someone_not_placed_in_that_sessions_program_is_refused_and_nothing_is_saved(
    consultation_worker, host, small_host, session
):
    placed = placed_people(host, consultation_worker, 2)
    elsewhere = make_placement(
        person_of(consultation_worker), small_host, S.ACTIVE, worker=consultation_worker, on=days_ago(60)
    )
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=session,
                                  entries=[entry(placed[0]), entry(elsewhere), entry(placed[1])])  # fmt: skip
    assert field_errors(caught.value) == {f"placement_{elsewhere.pk}"}
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("status", "on"),
    [(S.WAITING, 60), (S.ACTIVE, 3), (S.VISIT, 6), (S.INTERRUPTED, 10)],
    ids=["waiting", "began-after-the-session", "visit-after-the-session", "stopped-before-the-session"],
)
def test_someone_not_placed_on_the_sessions_date_is_refused(consultation_worker, host, session, status, on):
    placement = make_placement(
        person_of(consultation_worker), host, status, worker=consultation_worker, on=days_ago(on)
    )
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=session, entries=[entry(placement)])
    assert field_errors(caught.value) == {f"placement_{placement.pk}"}
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [S.COMPLETED, S.INTERRUPTED])
def test_someone_who_finished_after_the_session_is_still_on_its_roll_call(
    consultation_worker, host, session, status
):
    placement = make_placement(person_of(consultation_worker), host, status, worker=consultation_worker, on=days_ago(2),
                               started_on=days_ago(60))  # fmt: skip
    services.record_roll_call(actor=consultation_worker, session=session, entries=[entry(placement)])
    assert Attendance.objects.get().placement == placement
    assert placement in selectors.expected_at(session)


def test_the_people_expected_at_a_session_are_those_placed_on_its_date(consultation_worker, host, session):
    expected = placed_people(host, consultation_worker, 2)
    make_placement(
        person_of(consultation_worker), host, S.WAITING, worker=consultation_worker, on=days_ago(60)
    )
    make_placement(person_of(consultation_worker), host, S.ACTIVE, worker=consultation_worker, on=days_ago(1))
    make_placement(
        person_of(consultation_worker), host, S.COMPLETED, worker=consultation_worker, on=days_ago(8)
    )
    assert set(selectors.expected_at(session)) == set(expected)


def test_someone_listed_twice_is_refused(consultation_worker, host, session):
    (placement,) = placed_people(host, consultation_worker, 1)
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=session,
                                  entries=[entry(placement), entry(placement, A.LATE, "2")])  # fmt: skip
    assert field_errors(caught.value) == {f"placement_{placement.pk}"}
    assert not Attendance.objects.exists()


def test_a_roll_call_for_a_session_that_has_not_happened_yet_is_refused(consultation_worker, host):
    (placement,) = placed_people(host, consultation_worker, 1)
    tomorrow = Session.objects.create(host=host, date=today() + dt.timedelta(days=1), start_time=dt.time(9))
    with pytest.raises(ValidationError) as caught:
        services.record_roll_call(actor=consultation_worker, session=tomorrow, entries=[entry(placement)])
    assert field_errors(caught.value) == {"session"}
    assert not Attendance.objects.exists()


def test_todays_roll_call_is_accepted(consultation_worker, host):
    (placement,) = placed_people(host, consultation_worker, 1)
    todays = Session.objects.create(host=host, date=today(), start_time=dt.time(9))
    services.record_roll_call(actor=consultation_worker, session=todays, entries=[entry(placement)])
    assert Attendance.objects.count() == 1


def test_recording_the_roll_call_again_updates_it_rather_than_duplicating(
    consultation_worker, partner_staff, host, session
):
    first, second = placed_people(host, consultation_worker, 2)
    services.record_roll_call(
        actor=consultation_worker, session=session, entries=[entry(first), entry(second)]
    )
    services.record_roll_call(
        actor=partner_staff,
        session=session,
        entries=[entry(first, A.ABSENT, "0", "風邪"), entry(second, A.LATE, "2")],
    )
    assert Attendance.objects.count() == 2
    assert Attendance.objects.get(placement=first).status == A.ABSENT
    assert Attendance.objects.get(placement=first).absence_reason == "風邪"
    assert Attendance.objects.get(placement=first).hours == 0
    assert Attendance.objects.get(placement=second).hours == Decimal("2.00")
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {partner_staff.pk}


def test_a_roll_call_saved_again_with_someone_new_adds_them_and_updates_the_others(
    consultation_worker, partner_staff, host, session
):
    first, second = placed_people(host, consultation_worker, 2)
    services.record_roll_call(actor=consultation_worker, session=session, entries=[entry(first)])
    recorded_at = Attendance.objects.get().recorded_at
    saved = services.record_roll_call(
        actor=partner_staff, session=session, entries=[entry(first, A.LATE, "2"), entry(second)]
    )
    assert saved == 2
    recorded = {a.placement_id: (a.status, a.hours, a.recorded_by_id) for a in Attendance.objects.all()}
    assert recorded == {
        first.pk: (A.LATE, Decimal("2.00"), partner_staff.pk),
        second.pk: (A.PRESENT, Decimal("3.00"), partner_staff.pk),
    }
    assert Attendance.objects.get(placement=first).recorded_at > recorded_at


def test_every_persons_own_values_are_saved_when_a_40_person_roll_call_is_changed(consultation_worker, host):
    placements = placed_people(host, consultation_worker, 40)
    session = Session.objects.create(host=host, date=days_ago(7), start_time=dt.time(9))

    def roll_call(shift: int) -> dict[int, tuple[str, Decimal, str]]:
        """Each person a status, hours and a reason of their own, in a mix that moves with `shift`."""
        wanted = {}
        for i, p in enumerate(placements):
            status = (A.PRESENT, A.LATE, A.LEFT_EARLY, A.ABSENT)[(i + shift) % 4]
            hours = Decimal(0) if status == A.ABSENT else Decimal((i + shift) % 7 + 1) / 2
            wanted[p.pk] = (
                status,
                hours.quantize(Decimal("0.01")),
                f"理由{i + shift}" if status == A.ABSENT else "",
            )
        services.record_roll_call(actor=consultation_worker, session=session, entries=[
            services.RollCallEntry(pk, status, hours, reason) for pk, (status, hours, reason) in wanted.items()
        ])  # fmt: skip
        return wanted

    for shift in (0, 1, 6):  # an insert, then two updates
        wanted = roll_call(shift)
        saved = {a.placement_id: (a.status, a.hours, a.absence_reason) for a in session.attendances.all()}
        assert saved == wanted


def test_partner_staff_of_the_host_take_the_roll_call(partner_staff, consultation_worker, host, session):
    (placement,) = placed_people(host, consultation_worker, 1)
    services.record_roll_call(actor=partner_staff, session=session, entries=[entry(placement)])
    assert Attendance.objects.get().recorded_by == partner_staff


@pytest.mark.parametrize(
    "role_fixture", ["other_partner_staff", "statistician", "administrator", "city_caseworker"]
)
def test_only_the_hub_and_the_hosts_own_staff_take_the_roll_call(
    request, role_fixture, consultation_worker, host, session
):
    user = request.getfixturevalue(role_fixture)
    (placement,) = placed_people(host, consultation_worker, 1)
    with pytest.raises(PermissionDenied):
        services.record_roll_call(actor=user, session=session, entries=[entry(placement)])
    assert not Attendance.objects.exists()


def _roll_call_queries(actor, session, placements, status=A.PRESENT) -> int:
    session = Session.objects.select_related("host__program").get(pk=session.pk)
    with CaptureQueriesContext(connection) as queries:
        services.record_roll_call(
            actor=actor, session=session, entries=[entry(p, status) for p in placements]
        )
    return len(queries)


def test_the_roll_call_costs_the_same_queries_for_5_and_for_40_people(consultation_worker, host):
    placements = placed_people(host, consultation_worker, 40)
    small = Session.objects.create(host=host, date=days_ago(9), start_time=dt.time(9))
    large = Session.objects.create(host=host, date=days_ago(7), start_time=dt.time(9))
    consultation_worker.role_codes  # noqa: B018 -- read once, as a request would
    new_5 = _roll_call_queries(consultation_worker, small, placements[:5])
    new_40 = _roll_call_queries(consultation_worker, large, placements)
    again_5 = _roll_call_queries(consultation_worker, small, placements[:5], A.LATE)
    again_40 = _roll_call_queries(consultation_worker, large, placements, A.LATE)
    assert new_5 == new_40
    assert again_5 == again_40
    assert Attendance.objects.filter(session=large, status=A.LATE).count() == 40


# ---------------------------------------------------------------- the hosts' evaluations

GOOD_SCORES = {"greeting": 4, "punctuality": 3, "concentration": 3, "cooperation": 2, "understanding": 4}


@pytest.fixture
def active_placement(consultation_worker, person, host) -> Placement:
    return make_placement(person, host, S.ACTIVE, worker=consultation_worker, on=days_ago(60))


def test_partner_staff_of_the_host_evaluate_a_placement(partner_staff, active_placement):
    evaluation = services.evaluate_placement(
        actor=partner_staff, placement=active_placement, evaluated_on=days_ago(1), scores=GOOD_SCORES,
        comment="挨拶がしっかりできる",
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert [(code, score) for code, _label, score in evaluation.items()] == list(GOOD_SCORES.items())
    assert (evaluation.evaluator, evaluation.comment) == (partner_staff, "挨拶がしっかりできる")
    assert list(active_placement.evaluations.all()) == [evaluation]
    assert audited(evaluation, AuditAction.CREATE)


def test_a_worker_may_record_the_hosts_evaluation(consultation_worker, active_placement):
    services.evaluate_placement(actor=consultation_worker, placement=active_placement, evaluated_on=days_ago(1),
                                scores={k: str(v) for k, v in GOOD_SCORES.items()})  # fmt: skip
    assert PlacementEvaluation.objects.get().greeting == 4


@pytest.mark.parametrize("bad", [0, 5, -1, "x", 2.5])
def test_scores_outside_1_to_4_are_refused(partner_staff, active_placement, bad):
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement, evaluated_on=days_ago(1),
                                    scores={**GOOD_SCORES, "cooperation": bad})  # fmt: skip
    assert field_errors(caught.value) == {"cooperation"}
    assert not PlacementEvaluation.objects.exists()


def test_a_missing_item_is_refused(partner_staff, active_placement):
    scores = {k: v for k, v in GOOD_SCORES.items() if k != "understanding"}
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement, evaluated_on=days_ago(1),
                                    scores={**scores, "greeting": None})  # fmt: skip
    assert field_errors(caught.value) == {"understanding", "greeting"}
    assert not PlacementEvaluation.objects.exists()


def test_an_evaluation_dated_in_the_future_is_refused(partner_staff, active_placement):
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement,
                                    evaluated_on=today() + dt.timedelta(days=1), scores=GOOD_SCORES)  # fmt: skip
    assert field_errors(caught.value) == {"evaluated_on"}
    assert not PlacementEvaluation.objects.exists()


def test_an_evaluation_before_the_placement_began_is_refused(partner_staff, active_placement):
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement, evaluated_on=days_ago(61),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert field_errors(caught.value) == {"evaluated_on"}
    assert not PlacementEvaluation.objects.exists()


def test_someone_still_on_the_waiting_list_cannot_be_evaluated(
    partner_staff, consultation_worker, person, host
):
    waiting = make_placement(person, host, S.WAITING, worker=consultation_worker, on=days_ago(60))
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=consultation_worker, placement=waiting, evaluated_on=days_ago(1),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert field_errors(caught.value) == {"evaluated_on"}
    # The host does not see its waiting list at all.
    with pytest.raises(PermissionDenied):
        services.evaluate_placement(actor=partner_staff, placement=waiting, evaluated_on=days_ago(1),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert not PlacementEvaluation.objects.exists()


@pytest.mark.parametrize(
    "role_fixture", ["other_partner_staff", "statistician", "administrator", "city_caseworker"]
)
def test_partner_staff_of_another_organisation_cannot_evaluate(request, role_fixture, active_placement):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.evaluate_placement(actor=user, placement=active_placement, evaluated_on=days_ago(1),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert not PlacementEvaluation.objects.exists()


def test_a_worker_of_another_office_cannot_evaluate_a_placement_outside_their_office(
    other_hub_office, active_placement
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.EMPLOYMENT_WORKER])
    with pytest.raises(PermissionDenied):
        services.evaluate_placement(
            actor=elsewhere, placement=active_placement, evaluated_on=days_ago(1), scores=GOOD_SCORES
        )
    assert not PlacementEvaluation.objects.exists()
