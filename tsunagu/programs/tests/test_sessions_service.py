"""Program-ladder services: sessions by hand and from the schedule.

Refusals are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.programs import services
from tsunagu.programs.models import (
    Program,
    Session,
)
from tsunagu.programs.tests.helpers import (
    audited,
    days_ago,
    field_errors,
    make_program,
)
from tsunagu.testing.factories import (
    ProgramHostFactory,
)

pytestmark = pytest.mark.django_db


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
