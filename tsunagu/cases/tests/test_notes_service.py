"""Casework services: notes and the last contact date.

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tsunagu.cases import services
from tsunagu.cases.models import (
    Note,
)
from tsunagu.cases.tests.helpers import (
    at,
    days_ago,
    field_errors,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- notes


def test_a_note_is_saved_and_moves_the_last_contact_date(case, consultation_worker):
    note = services.add_note(
        case=case, actor=consultation_worker, occurred_at=at(days_ago(3)), method="phone", minutes=15,
        content="求人票を一緒に確認した",
    )  # fmt: skip
    assert note.worker == consultation_worker
    case.refresh_from_db()
    assert case.last_contact_on == days_ago(3)


def test_an_older_note_does_not_move_the_last_contact_back(case, consultation_worker):
    for day in (3, 10):
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(day)), method="visit_in", minutes=30,
            content="面談",
        )  # fmt: skip
    case.refresh_from_db()
    assert case.last_contact_on == days_ago(3)


def test_a_meeting_about_the_person_is_not_contact_with_them(case, consultation_worker):
    services.add_note(
        case=case, actor=consultation_worker, occurred_at=at(days_ago(2)), method="meeting", minutes=60,
        content="ケース会議で方針を確認",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.last_contact_on is None


def test_a_note_dated_in_the_future_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=timezone.now() + dt.timedelta(days=1),
            method="phone", minutes=5, content="予定",
        )  # fmt: skip
    assert field_errors(error.value) == {"occurred_at"}
    assert not Note.objects.exists()
    case.refresh_from_db()
    assert case.last_contact_on is None


def test_a_note_dated_before_intake_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(61)), method="phone", minutes=5,
            content="受付前",
        )  # fmt: skip
    assert field_errors(error.value) == {"occurred_at"}
    assert not Note.objects.exists()


@pytest.mark.parametrize("content", ["", "  \n "])
def test_an_empty_note_is_refused(case, consultation_worker, content):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(1)), method="phone", minutes=5,
            content=content,
        )  # fmt: skip
    assert field_errors(error.value) == {"content"}
    assert not Note.objects.exists()


def test_a_note_with_an_unknown_method_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.add_note(
            case=case, actor=consultation_worker, occurred_at=at(days_ago(1)), method="pigeon", minutes=5,
            content="伝書鳩",
        )  # fmt: skip
    assert field_errors(error.value) == {"method"}
    case.refresh_from_db()
    assert case.last_contact_on is None


@pytest.mark.parametrize("role_fixture", ["city_caseworker", "partner_staff", "statistician"])
def test_only_casework_staff_write_notes(request, case, role_fixture):
    with pytest.raises(PermissionDenied):
        services.add_note(
            case=case, actor=request.getfixturevalue(role_fixture), occurred_at=at(days_ago(1)),
            method="phone", minutes=5, content="x",
        )  # fmt: skip
    assert not Note.objects.exists()
