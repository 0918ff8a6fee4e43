"""Casework services: the closure (request, approval, sending back).

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services
from tsunagu.cases.models import (
    CaseStatus,
    Closure,
    ClosureReason,
    ClosureStatus,
)
from tsunagu.cases.tests.helpers import (
    assert_status,
    assess,
    at,
    days_ago,
    field_errors,
    request_closure,
    today,
)
from tsunagu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- closure


def test_a_closure_without_a_reason_is_refused_and_nothing_is_saved(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, reason="")
    assert field_errors(error.value) == {"reason"}
    assert not Closure.objects.exists()
    assert_status(case_in_support, CaseStatus.SUPPORT)


def test_a_closure_with_an_unknown_reason_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, reason="bored")
    assert field_errors(error.value) == {"reason"}
    assert not Closure.objects.exists()


def test_a_closure_before_intake_is_refused_and_nothing_is_saved(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, closed_on=days_ago(61))
    assert field_errors(error.value) == {"closed_on"}
    assert not Closure.objects.exists()
    assert_status(case_in_support, CaseStatus.SUPPORT)


def test_a_closure_dated_in_the_future_is_refused(case_in_support, consultation_worker):
    with pytest.raises(ValidationError) as error:
        request_closure(case_in_support, consultation_worker, closed_on=today() + dt.timedelta(days=1))
    assert field_errors(error.value) == {"closed_on"}
    assert not Closure.objects.exists()


def test_a_requested_closure_awaits_approval(case_in_support, consultation_worker):
    closure = request_closure(case_in_support, consultation_worker)
    assert (closure.status, closure.requested_by) == (ClosureStatus.REQUESTED, consultation_worker)
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)
    assert case_in_support.closed_on is None


def test_a_second_pending_closure_is_refused(case_in_support, consultation_worker):
    request_closure(case_in_support, consultation_worker)
    with pytest.raises(ValidationError):
        request_closure(case_in_support, consultation_worker, reason=ClosureReason.MOVED)
    assert Closure.objects.count() == 1


def test_a_supervisor_approval_closes_the_case_on_the_closure_date(
    case_in_support, consultation_worker, supervisor
):
    closure = request_closure(case_in_support, consultation_worker, closed_on=days_ago(3))
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    closure.refresh_from_db()
    assert (closure.status, closure.decided_by) == (ClosureStatus.APPROVED, supervisor)
    assert closure.decided_at is not None
    assert_status(case_in_support, CaseStatus.CLOSED)
    assert case_in_support.closed_on == days_ago(3)
    assert not case_in_support.is_open


def test_a_closed_case_takes_no_more_work_but_a_follow_up_said_to_be_one(
    case_in_support, consultation_worker, supervisor
):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    case_in_support.refresh_from_db()
    with pytest.raises(PermissionDenied):
        request_closure(case_in_support, consultation_worker)
    note = {"case": case_in_support, "actor": consultation_worker, "occurred_at": at(days_ago(0), 0),
            "method": "phone", "minutes": 5, "content": "終結後の近況確認"}  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.add_note(**note)
    assert field_errors(error.value) == {"after_closure"}
    assert not case_in_support.notes.exists()
    saved = services.add_note(**note, after_closure=True)
    assert list(case_in_support.notes.all()) == [saved]
    event = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="cases.note", object_id=str(saved.pk)
    )
    assert event.detail == {"after_closure": True}


def test_a_follow_up_on_a_closed_case_is_for_its_own_office_only(
    case_in_support, consultation_worker, supervisor, other_hub_office
):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    case_in_support.refresh_from_db()
    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    with pytest.raises(PermissionDenied):
        services.add_note(
            case=case_in_support, actor=onbetsu, occurred_at=at(days_ago(0), 0), method="phone", minutes=5,
            content="x", after_closure=True,
        )  # fmt: skip
    assert not case_in_support.notes.exists()


def test_sending_a_closure_back_needs_a_comment(case_in_support, consultation_worker, supervisor):
    closure = request_closure(case_in_support, consultation_worker)
    with pytest.raises(ValidationError) as error:
        services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="  ")
    assert field_errors(error.value) == {"comment"}
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.REQUESTED
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


@pytest.mark.parametrize("in_support", [True, False])
def test_a_closure_sent_back_returns_the_case_to_its_previous_status(
    request, consultation_worker, supervisor, in_support
):
    case = request.getfixturevalue("case_in_support" if in_support else "case")
    if not in_support:
        assess(case, consultation_worker)
    closure = request_closure(case, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="もう少し様子を見る")
    closure.refresh_from_db()
    assert (closure.status, closure.decision_comment) == (ClosureStatus.REJECTED, "もう少し様子を見る")
    assert_status(case, CaseStatus.SUPPORT if in_support else CaseStatus.ASSESSMENT)
    assert case.closed_on is None


def test_after_a_closure_is_sent_back_a_new_one_can_be_requested(
    case_in_support, consultation_worker, supervisor
):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="再検討")
    request_closure(case_in_support, consultation_worker, reason=ClosureReason.MOVED)
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


def test_a_closure_is_decided_once(case_in_support, consultation_worker, supervisor):
    closure = request_closure(case_in_support, consultation_worker)
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    with pytest.raises(ValidationError):
        services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="取り消し")
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.APPROVED


def test_a_consultation_worker_cannot_decide_a_closure(case_in_support, consultation_worker):
    closure = request_closure(case_in_support, consultation_worker)
    with pytest.raises(PermissionDenied):
        services.decide_closure(closure=closure, actor=consultation_worker, approve=True)
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)


def test_a_supervisor_of_another_office_cannot_decide_a_closure(
    case_in_support, consultation_worker, other_hub_office
):
    closure = request_closure(case_in_support, consultation_worker)
    with pytest.raises(PermissionDenied):
        services.decide_closure(
            closure=closure, actor=UserFactory(office=other_hub_office, roles=[Role.SUPERVISOR]), approve=True
        )
    assert_status(case_in_support, CaseStatus.CLOSURE_PENDING)
