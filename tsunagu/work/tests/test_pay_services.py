"""Closing a month and adjusting a closed one: what is saved, what is refused (nothing saved), the audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import CaseFactory, PlacementFactory, WorkTypeFactory, log_work
from tsunagu.work.models import PayAdjustment, PayMonth, PayRate, PayStatement
from tsunagu.work.months import is_closed, month_start
from tsunagu.work.services_pay import MAX_ADJUSTMENT, add_pay_adjustment, close_pay_month

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2025, 10, 1)
NOVEMBER = dt.date(2025, 11, 1)
DECEMBER = dt.date(2025, 12, 1)


@pytest.fixture
def work_type():
    return WorkTypeFactory(name="整網", unit="枚")


@pytest.fixture
def placement(work_type, consultation_worker):
    case = CaseFactory(worker=consultation_worker)
    return PlacementFactory(
        host=work_type.host, case=case, worker=consultation_worker, started_on=dt.date(2025, 4, 1)
    )


def _refusal(call) -> dict:
    """The messages of a refusal, in English (as written here)."""
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        call()
    with translation.override("en"):
        return refused.value.message_dict


def test_closing_a_month_keeps_one_statement_per_person_locks_the_month_and_is_audited(
    work_type, placement, consultation_worker, supervisor
):
    other = PlacementFactory(host=work_type.host, case=CaseFactory(worker=consultation_worker))
    log_work(placement=placement, work_type=work_type, day=dt.date(2025, 11, 4), quantity=12, minutes=120)
    log_work(placement=placement, work_type=work_type, day=dt.date(2025, 11, 5), quantity=8, minutes=100)
    log_work(placement=other, work_type=work_type, day=dt.date(2025, 11, 5), quantity=3, minutes=60)

    pay_month = close_pay_month(actor=supervisor, host=work_type.host, month=dt.date(2025, 11, 18))

    assert pay_month.month == NOVEMBER and pay_month.closed_by == supervisor
    statements = {s.person_id: s for s in PayStatement.objects.filter(pay_month=pay_month)}
    assert set(statements) == {placement.person_id, other.person_id}
    mine = statements[placement.person_id]
    assert (mine.days, mine.minutes, mine.earned, mine.total) == (2, 220, 2000, 2000)
    assert [day["date"] for day in mine.lines["days"]] == ["2025-11-04", "2025-11-05"]
    first_work = mine.lines["days"][0]["work"][0]
    assert (Decimal(first_work["quantity"]), first_work["rate"], first_work["level"]) == (12, "100.00", 1)
    assert is_closed(host_id=work_type.host_id, day=dt.date(2025, 11, 30))
    assert not is_closed(host_id=work_type.host_id, day=dt.date(2025, 12, 1))
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="work.paymonth")
    assert event.actor == supervisor
    assert event.detail == {"host": work_type.host_id, "month": "2025-11-01", "statements": 2}


def test_the_current_month_a_future_month_and_a_closed_month_are_refused(work_type, supervisor):
    this_month = month_start(timezone.localdate())
    assert "month" in _refusal(
        lambda: close_pay_month(actor=supervisor, host=work_type.host, month=this_month)
    )
    future = this_month + dt.timedelta(days=40)
    assert "month" in _refusal(lambda: close_pay_month(actor=supervisor, host=work_type.host, month=future))
    close_pay_month(actor=supervisor, host=work_type.host, month=NOVEMBER)
    refused = _refusal(lambda: close_pay_month(actor=supervisor, host=work_type.host, month=NOVEMBER))
    assert refused["month"] == ["This month is already closed."]
    assert PayMonth.objects.count() == 1


def test_a_month_whose_logs_lack_a_rate_is_refused_naming_the_level_and_the_date(
    work_type, placement, supervisor
):
    PayRate.objects.filter(level__work_type=work_type).update(effective_from=dt.date(2025, 11, 10))
    log_work(placement=placement, work_type=work_type, day=dt.date(2025, 11, 4))

    refused = _refusal(lambda: close_pay_month(actor=supervisor, host=work_type.host, month=NOVEMBER))

    (message,) = refused["month"]
    assert "1 見習い" in message and "整網" in message and "令和7年11月4日" in message
    assert not PayMonth.objects.exists() and not PayStatement.objects.exists()


def test_only_a_supervisor_closes_a_month(work_type, consultation_worker, employment_worker):
    for actor in (consultation_worker, employment_worker):
        with pytest.raises(PermissionDenied):
            close_pay_month(actor=actor, host=work_type.host, month=NOVEMBER)
    assert not PayMonth.objects.exists()


def _adjust(actor, placement, **changes):
    fields = {
        "person": placement.person, "host": placement.host, "month": DECEMBER, "corrects_month": NOVEMBER,
        "amount": 300, "reason": "11月4日の記入漏れ",
    } | changes  # fmt: skip
    return add_pay_adjustment(actor=actor, **fields)


def test_an_adjustment_corrects_a_closed_month_in_a_later_open_one_and_is_audited(placement, supervisor):
    close_pay_month(actor=supervisor, host=placement.host, month=NOVEMBER)

    adjustment = _adjust(supervisor, placement, amount=-250, month=dt.date(2025, 12, 15))

    assert (adjustment.month, adjustment.corrects_month, adjustment.amount) == (DECEMBER, NOVEMBER, -250)
    assert adjustment.created_by == supervisor
    event = AuditEvent.objects.get(object_type="work.payadjustment")
    assert event.detail == {
        "person": placement.person_id, "host": placement.host_id, "month": "2025-12-01",
        "corrects_month": "2025-11-01",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"corrects_month": OCTOBER}, "corrects_month"),  # October is open: correct its logs instead
        ({"month": NOVEMBER}, "month"),  # paid in the closed month itself
        ({"amount": 0}, "amount"),
        ({"amount": MAX_ADJUSTMENT + 1}, "amount"),
        ({"amount": -(MAX_ADJUSTMENT + 1)}, "amount"),
        ({"amount": Decimal("10.5")}, "amount"),
        ({"reason": "   "}, "reason"),
        ({"reason": "あ" * 301}, "reason"),
    ],
)
def test_a_wrong_adjustment_is_refused_next_to_its_field_and_nothing_is_saved(
    placement, supervisor, changes, field
):
    close_pay_month(actor=supervisor, host=placement.host, month=NOVEMBER)
    refused = _refusal(lambda: _adjust(supervisor, placement, **changes))
    assert field in refused
    assert not PayAdjustment.objects.exists()


def test_an_adjustment_paid_in_a_month_closed_since_is_refused(placement, supervisor):
    close_pay_month(actor=supervisor, host=placement.host, month=NOVEMBER)
    close_pay_month(actor=supervisor, host=placement.host, month=DECEMBER)
    assert "month" in _refusal(lambda: _adjust(supervisor, placement))


def test_an_adjustment_for_someone_not_placed_at_the_host_is_refused(
    placement, supervisor, consultation_worker
):
    close_pay_month(actor=supervisor, host=placement.host, month=NOVEMBER)
    stranger = CaseFactory(worker=consultation_worker).person
    assert "person" in _refusal(lambda: _adjust(supervisor, placement, person=stranger))


def test_only_a_supervisor_adjusts(placement, supervisor, consultation_worker):
    close_pay_month(actor=supervisor, host=placement.host, month=NOVEMBER)
    with pytest.raises(PermissionDenied):
        _adjust(consultation_worker, placement)
    assert not PayAdjustment.objects.exists()
