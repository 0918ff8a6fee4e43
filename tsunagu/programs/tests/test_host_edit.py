"""A host's capacity, days and closed days: changed by an administrator from the version they saw, never
below the places taken; sessions are generated on the host's days, skipping its closed days."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.audit.models import AuditAction
from tsunagu.core.editing import EditConflict
from tsunagu.programs import services
from tsunagu.programs.forms_catalog import ClosedDaysField
from tsunagu.programs.models import ProgramHost, Session
from tsunagu.testing.factories import PersonFactory, ProgramHostFactory

from .helpers import NOT_ADMINISTRATOR, S, audited, field_errors, make_placement, make_program


@pytest.fixture
def zoo(partner_org) -> ProgramHost:
    """Mondays and Wednesdays (the program's days), 3 places."""
    return ProgramHostFactory(program=make_program(), organisation=partner_org, capacity=3)


def _update(actor, host, **fields):
    return services.update_host(actor=actor, host=host, edit_version=host.edit_version, **fields)


def _form_data(host, **changes) -> dict:
    return {
        "capacity": str(host.capacity or ""),
        "weekdays": [str(day) for day in host.weekdays],
        "closed_days": "12/29-1/3",
        "place": host.place,
        "note": host.note,
        "edit_version": str(host.edit_version),
    } | changes


# ---------------------------------------------------------------- the service


def test_a_new_host_is_closed_over_the_new_year_by_default(zoo):
    assert zoo.closed_days == [["12-29", "01-03"]]
    assert zoo.is_closed_on(dt.date(2026, 12, 31)) and zoo.is_closed_on(dt.date(2027, 1, 3))
    assert not zoo.is_closed_on(dt.date(2026, 12, 28)) and not zoo.is_closed_on(dt.date(2027, 1, 4))


def test_an_administrator_changes_a_hosts_capacity_days_and_closed_days(administrator, zoo):
    saved = _update(administrator, zoo, capacity=5, weekdays=[4, 1, 1], closed_days=[["08-13", "08-16"]])
    zoo.refresh_from_db()
    assert (zoo.capacity, zoo.weekdays, zoo.closed_days) == (5, [1, 4], [["08-13", "08-16"]])
    assert zoo.edit_version == 2 and saved.weekday_labels == ["火", "金"]
    assert audited(zoo, AuditAction.UPDATE)


@pytest.mark.parametrize("role", NOT_ADMINISTRATOR)
def test_only_an_administrator_changes_a_host(request, role, zoo):
    with pytest.raises(PermissionDenied):
        _update(request.getfixturevalue(role), zoo, capacity=9)
    zoo.refresh_from_db()
    assert zoo.capacity == 3


def test_the_capacity_cannot_be_lowered_below_the_people_holding_a_place(
    administrator, consultation_worker, zoo
):
    for status in (S.VISIT, S.TRIAL, S.ACTIVE, S.WAITING):
        make_placement(PersonFactory(), zoo, status, worker=consultation_worker)
    with pytest.raises(ValidationError) as caught:
        _update(administrator, zoo, capacity=2)
    assert field_errors(caught.value) == {"capacity"}
    assert "3" in caught.value.message_dict["capacity"][0]
    zoo.refresh_from_db()
    assert zoo.capacity == 3
    assert _update(administrator, zoo, capacity=4).capacity == 4  # raising it is another matter


def test_a_host_already_over_capacity_can_still_have_its_days_changed(
    administrator, consultation_worker, zoo
):
    """Hosts filled before visits took a place may hold more people than places: the capacity stays as it
    was while other things change, and only lowering it further is refused."""
    for _ in range(4):
        make_placement(PersonFactory(), zoo, S.ACTIVE, worker=consultation_worker)
    _update(administrator, zoo, capacity=3, weekdays=[3])
    zoo.refresh_from_db()
    assert (zoo.capacity, zoo.weekdays) == (3, [3])


def test_a_host_changed_from_a_stale_version_is_refused(administrator, zoo):
    stale = zoo.edit_version
    _update(administrator, zoo, capacity=4)
    with pytest.raises(EditConflict):
        services.update_host(
            actor=administrator, host=ProgramHost.objects.get(pk=zoo.pk), edit_version=stale, capacity=8
        )
    zoo.refresh_from_db()
    assert zoo.capacity == 4


@pytest.mark.parametrize(
    "closed", [[["13-01", "01-03"]], [["02-30", "03-01"]], [["12-29"]], "12-29", [["1-3", "01-05"]]]
)
def test_a_closed_period_that_is_not_two_days_of_the_year_is_refused(administrator, zoo, closed):
    with pytest.raises(ValidationError) as caught:
        _update(administrator, zoo, closed_days=closed)
    assert field_errors(caught.value) == {"closed_days"}


# ---------------------------------------------------------------- the closed days as typed


@pytest.mark.parametrize(
    ("typed", "periods"),
    [
        ("12/29-1/3", [["12-29", "01-03"]]),
        ("12月29日〜1月3日", [["12-29", "01-03"]]),
        ("１２/２９ ～ １/３、8/13-8/16", [["12-29", "01-03"], ["08-13", "08-16"]]),
        ("5/1, 2/29", [["05-01", "05-01"], ["02-29", "02-29"]]),
        ("", []),
    ],
)
def test_closed_days_are_typed_as_months_and_days(typed, periods):
    assert ClosedDaysField(required=False).clean(typed) == periods


@pytest.mark.parametrize("typed", ["12/32-1/3", "年末年始", "12/29-1/3-1/5", "2/30"])
def test_closed_days_that_are_not_days_of_the_year_are_refused(typed):
    with pytest.raises(ValidationError):
        ClosedDaysField(required=False).clean(typed)


# ---------------------------------------------------------------- generation


def test_sessions_are_not_generated_over_the_new_year_closure(consultation_worker, zoo):
    # Mondays and Wednesdays from 21 Dec 2026 to 13 Jan 2027: 12/21, 12/23, 12/28 | 1/4, 1/6, 1/11 (成人の日), 1/13
    sessions = services.generate_sessions(
        actor=consultation_worker, host=zoo, date_from=dt.date(2026, 12, 21), date_to=dt.date(2027, 1, 13)
    )
    assert [s.date for s in sessions] == [
        dt.date(2026, 12, 21), dt.date(2026, 12, 23), dt.date(2026, 12, 28),
        dt.date(2027, 1, 4), dt.date(2027, 1, 6), dt.date(2027, 1, 13),
    ]  # fmt: skip


def test_sessions_follow_the_hosts_own_days_and_closed_days(administrator, consultation_worker, zoo):
    _update(administrator, zoo, weekdays=[4], closed_days=[["08-13", "08-16"]])
    zoo.refresh_from_db()
    sessions = services.generate_sessions(
        actor=consultation_worker, host=zoo, date_from=dt.date(2026, 8, 1), date_to=dt.date(2026, 8, 31)
    )
    # Fridays of August 2026 but the 14th (お盆)
    assert [s.date.day for s in sessions] == [7, 21, 28]


# ---------------------------------------------------------------- the page


def test_an_administrator_changes_the_capacity_and_days_on_the_hosts_page(client_as, administrator, zoo):
    client = client_as(administrator)
    page = client.get(f"/programs/hosts/{zoo.pk}/edit/")
    assert page.status_code == 200
    assert 'value="12/29〜1/3"' in page.text and "月・水" in page.text  # the program's days, as a hint
    response = client.post(
        f"/programs/hosts/{zoo.pk}/edit/",
        _form_data(zoo, capacity="6", weekdays=["1", "3"], closed_days="12/28-1/4"),
    )
    assert response.status_code == 302 and response.url == f"/programs/{zoo.program_id}/"
    zoo.refresh_from_db()
    assert (zoo.capacity, zoo.weekdays, zoo.closed_days) == (6, [1, 3], [["12-28", "01-04"]])
    detail = client.get(response.url).text
    assert "火・木" in detail and "休業 12/28〜1/4" in detail


def test_a_capacity_below_the_places_taken_comes_back_with_the_reason_and_nothing_saved(
    client_as, administrator, consultation_worker, zoo
):
    for _ in range(2):
        make_placement(PersonFactory(), zoo, S.VISIT, worker=consultation_worker)
    response = client_as(administrator).post(f"/programs/hosts/{zoo.pk}/edit/", _form_data(zoo, capacity="1"))
    assert response.status_code == 400
    assert "現在2人がこの受入先の枠を使っています" in response.text
    zoo.refresh_from_db()
    assert zoo.capacity == 3 and zoo.edit_version == 1


def test_a_host_saved_from_a_stale_page_is_refused_with_what_changed(client_as, administrator, zoo):
    client = client_as(administrator)
    assert client.post(f"/programs/hosts/{zoo.pk}/edit/", _form_data(zoo, capacity="5")).status_code == 302
    response = client.post(f"/programs/hosts/{zoo.pk}/edit/", _form_data(zoo, capacity="7", edit_version="1"))
    assert response.status_code == 400 and "あなたの変更は保存されていません" in response.text
    zoo.refresh_from_db()
    assert zoo.capacity == 5


def test_the_sessions_page_shows_the_places_taken_and_the_closed_days(client_as, consultation_worker, zoo):
    for status in (
        S.VISIT,
        S.ACTIVE,
        S.ACTIVE,
        S.ACTIVE,
    ):  # one more than the places: filled before visits counted
        make_placement(PersonFactory(), zoo, status, worker=consultation_worker)
    page = client_as(consultation_worker).get(f"/programs/hosts/{zoo.pk}/sessions/").text
    assert "定員3人中4人（見学・体験・参加）" in page and "定員超過" in page
    assert "12/29〜1/3" in page
    assert Session.objects.count() == 0
