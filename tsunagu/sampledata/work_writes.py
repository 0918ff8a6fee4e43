"""The work chapter's writes, one function per service of tsunagu.work that records the same thing.

TODO(merge issue 12): the work services are written in parallel (services_catalog.py, services_logs.py,
services_skills.py, services_pay.py). Until they are merged, each function below writes the rows
itself, as the service would, without the validation and the audit event; after the merge, each body
becomes one call of the service named in its docstring (same keyword arguments, actor first), so that
the demo exercises the services as every other chapter does. Nothing else in sampledata/work.py writes
work rows for the demo; the bench's bulk rows (work.BulkWriter) stay hand-built on purpose.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.people.models import Person
from tsunagu.programs.models import Attendance, ProgramHost
from tsunagu.work.models import (
    CustomerOrder,
    PayAdjustment,
    PayMonth,
    PayRate,
    PayStatement,
    SkillAssessment,
    SkillLevel,
    WorkLog,
    WorkType,
)
from tsunagu.work.pay import MonthPay, compute_months


def _write_work_type(*, actor: User, host: ProgramHost, **fields) -> WorkType:
    """TODO(merge): services_catalog.create_work_type(actor=, host=, **fields)."""
    return WorkType.objects.create(host=host, **fields)


def _write_skill_level(*, actor: User, work_type: WorkType, **fields) -> SkillLevel:
    """TODO(merge): services_catalog.add_skill_level(actor=, work_type=, **fields)."""
    return SkillLevel.objects.create(work_type=work_type, **fields)


def _write_pay_rate(*, actor: User, level: SkillLevel, amount: Decimal, effective_from: dt.date) -> PayRate:
    """TODO(merge): services_catalog.add_pay_rate(actor=, level=, amount=, effective_from=). A new rate
    starts the day the previous one ends, as the service closes it."""
    PayRate.objects.filter(
        level=level, effective_until__isnull=True, effective_from__lt=effective_from
    ).update(effective_until=effective_from - dt.timedelta(days=1))
    return PayRate.objects.create(level=level, amount=amount, effective_from=effective_from, created_by=actor)


def _write_customer_order(*, actor: User, work_type: WorkType, **fields) -> CustomerOrder:
    """TODO(merge): services_catalog.add_customer_order(actor=, work_type=, **fields)."""
    return CustomerOrder.objects.create(work_type=work_type, **fields)


def _write_work_log(
    *, actor: User, attendance: Attendance, work_type: WorkType, quantity: Decimal, minutes: int,
    defects: Decimal, order: CustomerOrder | None,
) -> WorkLog:  # fmt: skip
    """TODO(merge): services_logs.record_work_log(actor=, attendance=, work_type=, quantity=, minutes=,
    defects=, order=) (or one services_logs.record_day_sheet per site and day)."""
    placement = attendance.placement
    return WorkLog.objects.create(
        attendance=attendance, placement=placement, person_id=placement.person_id, date=attendance.session.date,
        work_type=work_type, order=order, quantity=quantity, minutes=minutes, defects=defects, recorded_by=actor,
    )  # fmt: skip


def _write_skill_confirmation(
    *, actor: User, person: Person, work_type: WorkType, level: SkillLevel, effective_from: dt.date,
    units_per_hour: Decimal, defect_rate: Decimal, note: str,
) -> SkillAssessment:  # fmt: skip
    """TODO(merge): services_skills.confirm_skill_level(actor=, person=, work_type=, level=,
    effective_from=, ...): the supervisor confirms the level the rule proposed, with its evidence."""
    return SkillAssessment.objects.create(
        person=person, work_type=work_type, level=level, effective_from=effective_from, assessed_by=actor,
        units_per_hour=units_per_hour, defect_rate=defect_rate, note=note, proposed_by_rule=True,
    )  # fmt: skip


def _write_close_pay_month(*, actor: User, host: ProgramHost, month: dt.date) -> PayMonth:
    """TODO(merge): services_pay.close_pay_month(actor=, host=, month=): the month's pay as pay.py reckons
    it, kept as statements."""
    pay_month = PayMonth.objects.create(host=host, month=month, closed_at=timezone.now(), closed_by=actor)
    PayStatement.objects.bulk_create(
        [_statement(pay_month, pay) for pay in compute_months(month=month, host_ids=[host.pk])],
        batch_size=500,
    )
    return pay_month


def _statement(pay_month: PayMonth, pay: MonthPay) -> PayStatement:
    lines = [
        {"date": day.date.isoformat(), "minutes": day.minutes, "amount": str(day.amount), "top_up": str(day.top_up)}
        for day in pay.days
    ] + [
        {"corrects": a.corrects_month.isoformat(), "amount": str(a.amount), "reason": a.reason}
        for a in pay.adjustments
    ]  # fmt: skip
    return PayStatement(
        pay_month=pay_month, person_id=pay.person_id, work_form=pay.work_form, days=pay.days_worked,
        minutes=pay.minutes, earned=pay.earned, minimum_wage_top_up=pay.minimum_wage_top_up,
        adjustments=pay.adjustments_total, total=pay.total, lines=lines,
    )  # fmt: skip


def _write_pay_adjustment(
    *, actor: User, person: Person | int, host: ProgramHost, month: dt.date, corrects_month: dt.date,
    amount: Decimal, reason: str,
) -> PayAdjustment:  # fmt: skip
    """TODO(merge): services_pay.add_pay_adjustment(actor=, person=, host=, month=, corrects_month=,
    amount=, reason=): a correction of a closed month, paid in a later open one."""
    person_id = person if isinstance(person, int) else person.pk
    return PayAdjustment.objects.create(
        person_id=person_id, host=host, month=month, corrects_month=corrects_month, amount=amount, reason=reason,
        created_by=actor,
    )  # fmt: skip
