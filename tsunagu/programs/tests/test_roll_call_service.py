"""Program-ladder services: the roll-call.

Refusals are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tsunagu.audit.models import AuditAction
from tsunagu.programs import selectors, services
from tsunagu.programs.models import (
    Attendance,
    Placement,
    Session,
)
from tsunagu.programs.tests.helpers import (
    A,
    S,
    audited,
    days_ago,
    field_errors,
    make_placement,
    today,
)
from tsunagu.testing.factories import (
    CaseFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the roll-call


def person_of(worker):
    """A person with a case of the worker's office: on that worker's roll-call."""
    return CaseFactory(worker=worker).person


def entry(placement, status=A.PRESENT, hours="3", reason="", category=""):
    return services.RollCallEntry(placement.pk, status, Decimal(hours), reason, category)


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
        entries=[entry(first, A.ABSENT, "0", category="no_contact"), entry(second, A.LATE, "2")],
    )
    assert Attendance.objects.count() == 2
    assert Attendance.objects.get(placement=first).status == A.ABSENT
    assert Attendance.objects.get(placement=first).absence_category == "no_contact"
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
