"""Closing a host's month of pay, and correcting a closed month by an adjustment paid in a later one.

A closed month is kept as it was computed (one `PayStatement` per person, with its lines) and locked:
the day sheet refuses logs in it (`months.is_closed`), and a correction is never an edit but a
`PayAdjustment` paid in a later, open month.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise
from tsunagu.people.models import Person
from tsunagu.programs.models import Placement, ProgramHost
from tsunagu.work.models import PayAdjustment, PayMonth, PayStatement, SkillLevel, WorkType
from tsunagu.work.months import month_start
from tsunagu.work.pay import MissingRate, MonthPay, compute_months
from tsunagu.work.selectors_pay import missing_rate_message

CLOSE_PAY_MONTHS = "work.close_pay_months"

# The fields of an adjustment, as its form hands them over (the host comes from the page).
ADJUSTMENT_FIELDS = ("person", "corrects_month", "month", "amount", "reason")
# An adjustment larger than this either way is a typing error, not a correction of a month's 工賃 or wage.
MAX_ADJUSTMENT = Decimal(300_000)


@transaction.atomic
def close_pay_month(*, actor: User, host: ProgramHost, month: dt.date) -> PayMonth:
    """Close a past month at the host: keep each person's statement as computed now, and lock the month."""
    authorise(actor, CLOSE_PAY_MONTHS, host)
    month = month_start(month)
    if month >= month_start(timezone.localdate()):
        raise ValidationError({"month": _("Only a month that has ended can be closed.")})
    if PayMonth.objects.filter(host=host, month=month).exists():
        raise ValidationError({"month": _("This month is already closed.")})
    try:
        pays = compute_months(month=month, host_ids=[host.pk])
    except MissingRate as missing:
        raise ValidationError({"month": missing_rate_message(missing)}) from missing
    try:
        with transaction.atomic():
            pay_month = PayMonth.objects.create(
                host=host, month=month, closed_at=timezone.now(), closed_by=actor
            )
    except IntegrityError as error:  # closed by someone else a moment ago
        raise ValidationError({"month": _("This month is already closed.")}) from error
    names = _names(pays)
    PayStatement.objects.bulk_create(
        PayStatement(
            pay_month=pay_month,
            person_id=pay.person_id,
            work_form=pay.work_form,
            days=pay.days_worked,
            minutes=pay.minutes,
            earned=pay.earned,
            minimum_wage_top_up=pay.minimum_wage_top_up,
            adjustments=pay.adjustments_total,
            total=pay.total,
            lines=_statement_lines(pay, names),
        )
        for pay in pays
    )
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=pay_month,
        detail={"host": host.pk, "month": month.isoformat(), "statements": len(pays)},
    )
    return pay_month


def _names(pays: list[MonthPay]) -> dict[str, dict[int, tuple]]:
    """The work types' and levels' names as they are when the month closes: a statement keeps them."""
    type_ids = {log.work_type_id for pay in pays for day in pay.days for log in day.logs}
    level_ids = {log.level_id for pay in pays for day in pay.days for log in day.logs}
    return {
        "work_types": {
            pk: (name, unit, form)
            for pk, name, unit, form in WorkType.objects.filter(pk__in=type_ids).values_list(
                "pk", "name", "unit", "work_form"
            )
        },
        "levels": {
            pk: (rank, name)
            for pk, rank, name in SkillLevel.objects.filter(pk__in=level_ids).values_list(
                "pk", "rank", "name"
            )
        },
    }


def _statement_lines(pay: MonthPay, names: dict[str, dict[int, tuple]]) -> dict:
    """A month's pay as the statement keeps it (JSON): each day with its work, then the adjustments.
    Amounts are strings of Decimals, so that nothing is lost to floats."""
    days = []
    for day in pay.days:
        work = []
        for log in day.logs:
            type_name, unit, form = names["work_types"].get(log.work_type_id, ("", "", ""))
            rank, level_name = names["levels"].get(log.level_id, (log.level_rank, ""))
            work.append(
                {
                    "work_type": log.work_type_id,
                    "work_type_name": type_name,
                    "unit": unit,
                    "work_form": form,
                    "level": rank,
                    "level_name": level_name,
                    "pay_basis": log.pay_basis,
                    "quantity": str(log.quantity),
                    "minutes": log.minutes,
                    "rate": str(log.rate),
                    "amount": str(log.amount),
                }
            )
        days.append(
            {
                "date": day.date.isoformat(),
                "minutes": day.minutes,
                "amount": str(day.amount),
                "minimum": None if day.minimum is None else str(day.minimum),
                "top_up": str(day.top_up),
                "work": work,
            }
        )
    adjustments = [
        {
            "id": adjustment.adjustment_id,
            "corrects_month": adjustment.corrects_month.isoformat(),
            "amount": str(adjustment.amount),
            "reason": adjustment.reason,
        }
        for adjustment in pay.adjustments
    ]
    return {"days": days, "adjustments": adjustments}


@transaction.atomic
def add_pay_adjustment(
    *,
    actor: User,
    person: Person,
    host: ProgramHost,
    month: dt.date,
    corrects_month: dt.date,
    amount: Decimal | int,
    reason: str,
) -> PayAdjustment:
    """Correct a closed month by an amount paid (or taken back) in a later month still open."""
    authorise(actor, CLOSE_PAY_MONTHS, host)
    month, corrects_month = month_start(month), month_start(corrects_month)
    amount, reason = Decimal(amount), (reason or "").strip()
    errors: dict[str, str] = {}
    closed = set(
        PayMonth.objects.filter(host=host, month__in=[month, corrects_month]).values_list("month", flat=True)
    )
    if corrects_month not in closed:
        errors["corrects_month"] = _(
            "Only a closed month is corrected by an adjustment: correct an open month's logs."
        )
    if month in closed:
        errors["month"] = _("That month is closed: an adjustment is paid in a month still open.")
    elif month <= corrects_month:
        errors["month"] = _("An adjustment is paid in a month after the one it corrects.")
    if amount == 0:
        errors["amount"] = _("An adjustment of 0 yen corrects nothing.")
    elif amount != amount.to_integral_value():
        errors["amount"] = _("Enter whole yen.")
    elif abs(amount) > MAX_ADJUSTMENT:
        errors["amount"] = _("An adjustment is at most %(limit)s yen either way.") % {
            "limit": f"{MAX_ADJUSTMENT:,}"
        }
    if not reason:
        errors["reason"] = _("Say why the month is corrected.")
    elif len(reason) > PayAdjustment._meta.get_field("reason").max_length:
        errors["reason"] = _("Keep the reason to 300 characters.")
    if not Placement.objects.filter(person=person, host=host).exists():
        errors["person"] = _("This person has no placement at this host.")
    if errors:
        raise ValidationError(errors)
    adjustment = PayAdjustment.objects.create(
        person=person,
        host=host,
        month=month,
        corrects_month=corrects_month,
        amount=amount,
        reason=reason,
        created_by=actor,
    )
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=adjustment,
        detail={
            "person": person.pk,
            "host": host.pk,
            "month": month.isoformat(),
            "corrects_month": corrects_month.isoformat(),
        },
    )
    return adjustment
