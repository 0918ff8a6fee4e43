"""Hole 3 of issue 9 for the program ladder: a placement step and a program's edit or end are made only
from the version the user saw. Two real transactions at once: exactly one wins. A save without the
version, or from a stale one, is refused and nothing is saved; so is a host's change of capacity and days
(its page's refusals: test_host_edit.py)."""

import datetime as dt
from functools import partial

import pytest
from django.utils import timezone

from tsunagu.core.editing import EditConflict
from tsunagu.programs import services
from tsunagu.programs.models import Placement, PlacementStatus, Program, ProgramHost
from tsunagu.testing.concurrency import SAVED, save_at_once, save_while_first_is_open
from tsunagu.testing.factories import CaseFactory, PlacementFactory

TODAY = timezone.localdate()
CONFLICT_JA = "あなたの変更は保存されていません"


@pytest.fixture
def placement(consultation_worker, zoo_host) -> Placement:
    case = CaseFactory(worker=consultation_worker)
    return PlacementFactory(case=case, host=zoo_host, worker=consultation_worker)


def _step(placement: Placement, status: str, **extra):
    return partial(
        services.advance_placement,
        placement=Placement.objects.get(pk=placement.pk),
        status=status,
        on=TODAY,
        edit_version=placement.edit_version,
        **extra,
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_taking_a_step_on_the_same_placement_at_once_take_it_once(
    placement, consultation_worker, employment_worker
):
    outcomes = save_at_once(
        _step(placement, PlacementStatus.COMPLETED, actor=consultation_worker),
        _step(placement, PlacementStatus.INTERRUPTED, actor=employment_worker, reason="体調不良"),
    )
    assert sum(outcome == SAVED for outcome in outcomes) == 1, outcomes
    placement.refresh_from_db()
    winner = PlacementStatus.COMPLETED if outcomes[0] == SAVED else PlacementStatus.INTERRUPTED
    assert placement.status == winner and placement.edit_version == 2
    assert placement.history.count() == 2  # created, then the one step


@pytest.mark.django_db(transaction=True)
def test_a_step_taken_while_another_is_still_open_is_refused_once_it_commits(
    placement, consultation_worker, employment_worker
):
    outcomes = save_while_first_is_open(
        _step(placement, PlacementStatus.INTERRUPTED, actor=consultation_worker, reason="転居"),
        _step(placement, PlacementStatus.COMPLETED, actor=employment_worker),
    )
    assert outcomes[0] == SAVED and isinstance(outcomes[1], EditConflict)
    placement.refresh_from_db()
    assert (placement.status, placement.interruption_reason) == (PlacementStatus.INTERRUPTED, "転居")


@pytest.mark.django_db(transaction=True)
def test_two_administrators_saving_the_same_program_at_once_never_lose_a_change(zoo_program, administrator):
    mine, theirs = Program.objects.get(pk=zoo_program.pk), Program.objects.get(pk=zoo_program.pk)
    outcomes = save_at_once(
        partial(
            services.save_program, actor=administrator, program=mine, edit_version=1, place="釧路市動物園"
        ),
        partial(services.end_program, actor=administrator, program=theirs, edit_version=1, last_day=TODAY),
    )
    assert sum(outcome == SAVED for outcome in outcomes) == 1, outcomes
    zoo_program.refresh_from_db()
    assert (zoo_program.place == "釧路市動物園") is (outcomes[0] == SAVED)
    assert (zoo_program.active_until == TODAY) is (outcomes[1] == SAVED)


@pytest.mark.django_db(transaction=True)
def test_two_administrators_changing_the_same_host_at_once_never_lose_a_change(zoo_host, administrator):
    mine, theirs = ProgramHost.objects.get(pk=zoo_host.pk), ProgramHost.objects.get(pk=zoo_host.pk)
    outcomes = save_at_once(
        partial(services.update_host, actor=administrator, host=mine, edit_version=1, capacity=4),
        partial(services.update_host, actor=administrator, host=theirs, edit_version=1, weekdays=[0]),
    )
    assert sum(outcome == SAVED for outcome in outcomes) == 1, outcomes
    zoo_host.refresh_from_db()
    assert (zoo_host.capacity == 4) is (outcomes[0] == SAVED)
    assert (zoo_host.weekdays == [0]) is (outcomes[1] == SAVED)
    assert zoo_host.edit_version == 2


# ---------------------------------------------------------------- through the pages


def test_a_step_without_the_version_is_refused_and_the_placement_stays(
    client_as, consultation_worker, placement
):
    response = client_as(consultation_worker).post(
        f"/programs/placements/{placement.pk}/step/", {"status": "completed", "on": TODAY.isoformat()}
    )
    assert response.status_code == 400 and "読み込み直して" in response.text
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE


def test_a_step_from_a_stale_page_is_refused_with_the_placement_as_it_is_now(
    client_as, consultation_worker, employment_worker, placement
):
    stale = {"on": TODAY.isoformat(), "edit_version": 1}
    first = client_as(employment_worker).post(
        f"/programs/placements/{placement.pk}/step/", {"status": "interrupted", "reason": "転居", **stale}
    )
    assert first.status_code == 302
    response = client_as(consultation_worker).post(
        f"/programs/placements/{placement.pk}/step/", {"status": "completed", **stale}
    )
    assert response.status_code == 400
    assert "他の人がこのプログラム参加を先に保存しました" in response.text and CONFLICT_JA in response.text
    assert "転居" in response.text  # what the other worker recorded
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.INTERRUPTED and placement.completed_on is None


def _program_data(program: Program, **changes) -> dict:
    data = {
        "name": program.name,
        "stage": program.stage,
        "category": program.category,
        "weekdays": [str(day) for day in program.weekdays],
        "start_time": "09:30",
        "end_time": "12:00",
        "active_from": program.active_from.isoformat(),
        "sort_order": "0",
    }
    return data | changes


def _last_day() -> dt.date:
    """A last day the end form accepts (its window reaches two years ahead)."""
    return timezone.localdate() + dt.timedelta(days=300)


def test_a_program_saved_without_the_version_is_refused(client_as, administrator, zoo_program):
    response = client_as(administrator).post(
        f"/programs/{zoo_program.pk}/edit/", _program_data(zoo_program, place="別の場所")
    )
    assert response.status_code == 400 and "読み込み直して" in response.text
    zoo_program.refresh_from_db()
    assert zoo_program.place != "別の場所" and zoo_program.edit_version == 1


def test_a_program_saved_from_a_stale_version_is_refused_with_what_changed(
    client_as, administrator, zoo_program
):
    client = client_as(administrator)
    ended = client.post(
        f"/programs/{zoo_program.pk}/end/", {"last_day": _last_day().isoformat(), "edit_version": 1}
    )
    assert ended.status_code == 302
    response = client.post(
        f"/programs/{zoo_program.pk}/edit/", _program_data(zoo_program, place="別の場所", edit_version=1)
    )
    assert response.status_code == 400 and CONFLICT_JA in response.text
    assert 'value="別の場所"' in response.text
    zoo_program.refresh_from_db()
    assert zoo_program.place != "別の場所" and zoo_program.active_until == _last_day()


def test_a_program_ended_without_the_version_or_from_a_stale_one_is_refused(
    client_as, administrator, zoo_program
):
    client = client_as(administrator)
    assert (
        client.post(f"/programs/{zoo_program.pk}/end/", {"last_day": _last_day().isoformat()}).status_code
        == 400
    )
    Program.objects.filter(pk=zoo_program.pk).update(edit_version=2)
    stale = client.post(
        f"/programs/{zoo_program.pk}/end/", {"last_day": _last_day().isoformat(), "edit_version": 1}
    )
    assert stale.status_code == 400 and CONFLICT_JA in stale.text
    zoo_program.refresh_from_db()
    assert zoo_program.active_until is None
