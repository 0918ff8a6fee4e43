"""Program-ladder services: placing a person (見学 → 体験 → 参加 → 修了 / 中断) and moving a placement on.

Refusals are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction
from tsunagu.programs import selectors, services
from tsunagu.programs.models import (
    Placement,
)
from tsunagu.programs.tests.helpers import (
    NOT_CASEWORK,
    S,
    audited,
    days_ago,
    field_errors,
    make_placement,
    make_plan,
    make_program,
    place,
    today,
)
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    ProgramHostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


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
    assert selectors.free_places(small_host) == 0


@pytest.mark.parametrize("status", [S.WAITING, S.VISIT])
def test_a_full_host_still_takes_people_on_its_waiting_list_or_for_a_visit(
    consultation_worker, person, small_host, status
):
    make_placement(PersonFactory(), small_host, S.TRIAL, worker=consultation_worker)
    placement = place(consultation_worker, person, small_host, status)
    assert placement.status == status
    assert selectors.free_places(small_host) == 0


def test_visits_waiting_and_finished_placements_do_not_take_a_place(consultation_worker, person, small_host):
    for status in (S.VISIT, S.WAITING, S.COMPLETED, S.INTERRUPTED):
        make_placement(PersonFactory(), small_host, status, worker=consultation_worker)
    assert selectors.free_places(small_host) == 1
    assert place(consultation_worker, person, small_host, S.ACTIVE).status == S.ACTIVE


def test_a_host_without_capacity_takes_everyone(consultation_worker, person, host):
    for _ in range(5):
        make_placement(PersonFactory(), host, S.ACTIVE, worker=consultation_worker)
    assert selectors.free_places(host) is None
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
    assert selectors.free_places(small_host) == 0
    moved = services.advance_placement(actor=consultation_worker, placement=placement, edit_version=placement.edit_version, status=S.ACTIVE,
                                       on=days_ago(1))  # fmt: skip
    assert moved.status == S.ACTIVE
    assert selectors.free_places(small_host) == 0


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
