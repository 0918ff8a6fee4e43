"""Program-ladder services: the catalog (programs and their hosts).

Refusals are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tsunagu.audit.models import AuditAction
from tsunagu.programs import selectors, services
from tsunagu.programs.models import (
    Program,
    ProgramHost,
)
from tsunagu.programs.tests.helpers import (
    NOT_ADMINISTRATOR,
    audited,
    days_ago,
    field_errors,
    today,
)

pytestmark = pytest.mark.django_db


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
    assert selectors.free_places(host) == 3
    assert audited(host, AuditAction.CREATE)


def test_the_same_organisation_cannot_host_a_program_twice(administrator, host):
    with pytest.raises(ValidationError) as caught:
        services.add_host(
            actor=administrator, program=host.program, organisation=host.organisation, capacity=5
        )
    assert field_errors(caught.value) == {"organisation"}
    assert ProgramHost.objects.count() == 1
