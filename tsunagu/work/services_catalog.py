"""Every write to the work catalog: work types per host, their skill levels, the levels' dated pay rates,
the minimum-wage table and customer orders. Keyword-only, authorised by `work.manage_work_types`, one
transaction, one audit event.

Pay rates keep one promise: a new rate never rewrites pay already computed. A rate is never edited once
made; a rate whose period touches a month closed at the host is refused; the open-ended rate before a
new one is ended the day before it starts; a wrong rate may be removed only while it starts in an open
month and no work log falls in its period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.dates import local_date
from tsunagu.core.editing import claim_edit
from tsunagu.programs.models import ProgramHost
from tsunagu.work.models import (
    CustomerOrder,
    MinimumWage,
    PayBasis,
    PayMonth,
    PayRate,
    SkillLevel,
    WorkForm,
    WorkLog,
    WorkType,
)
from tsunagu.work.months import month_start

MANAGE_WORK_TYPES = "work.manage_work_types"

WORK_TYPE_FIELDS = ("name", "unit", "work_form", "pay_basis", "max_units_per_hour", "review_days", "active")
SKILL_LEVEL_FIELDS = ("rank", "name", "criteria", "units_per_hour_to_reach", "max_defect_rate")
CUSTOMER_ORDER_FIELDS = ("customer", "customer_name", "reference", "ordered_on", "due_on", "quantity")

# The ranges a typed number must fall in: beyond them it is a slip of the keyboard, not a fact.
MAX_UNITS_PER_HOUR = Decimal(10_000)
MAX_REVIEW_DAYS = 120
MAX_RANK = 20
MAX_RATE = Decimal(100_000)  # yen per unit or hour
MAX_MINIMUM_WAGE = Decimal(10_000)  # yen an hour
MAX_ORDER_QUANTITY = Decimal(10_000_000)


def _decimal(value: Any, field: str, *, low: Decimal, high: Decimal, low_inclusive: bool = True) -> Decimal:
    """A number within its range, else a refusal naming the field and the range."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValidationError({field: _("Enter a number.")}) from error
    if not number.is_finite() or number > high or (number < low if low_inclusive else number <= low):
        if low_inclusive:
            message = _("Enter a number from %(low)s to %(high)s.")
        else:
            message = _("Enter a number above %(low)s and at most %(high)s.")
        raise ValidationError({field: message % {"low": f"{low:,}", "high": f"{high:,}"}})
    return number


# ---------------------------------------------------------------- work types


def _check_work_type(work_type: WorkType) -> None:
    if work_type.work_form not in WorkForm.values:
        raise ValidationError({"work_form": _("Choose the form of the work.")})
    if work_type.pay_basis not in PayBasis.values:
        raise ValidationError({"pay_basis": _("Choose how the work is paid.")})
    if work_type.work_form == WorkForm.TRAINING and work_type.pay_basis == PayBasis.PER_HOUR:
        raise ValidationError(
            {"pay_basis": _(
                "Training (非雇用型) is never paid by the hour: an hourly wage makes it employment. Pay it by "
                "the unit, or make it employment (雇用型)."
            )}
        )  # fmt: skip
    if work_type.max_units_per_hour in (None, ""):
        raise ValidationError(
            {"max_units_per_hour": _(
                "Give the most units one person can do in an hour (1 when the work is counted in hours): a "
                "log above it is refused as impossible."
            )}
        )  # fmt: skip
    work_type.max_units_per_hour = _decimal(
        work_type.max_units_per_hour, "max_units_per_hour", low=Decimal(0), high=MAX_UNITS_PER_HOUR,
        low_inclusive=False,
    )  # fmt: skip
    if type(work_type.review_days) is not int or not 1 <= work_type.review_days <= MAX_REVIEW_DAYS:
        raise ValidationError(
            {"review_days": _("Enter a number of working days from 1 to %(n)s.") % {"n": MAX_REVIEW_DAYS}}
        )
    if not (work_type.name or "").strip():
        raise ValidationError({"name": _("Give the work a name.")})
    if not (work_type.unit or "").strip():
        raise ValidationError({"unit": _("Give the unit the work is counted in (枚, 束, 袋, 時間 ...).")})


def _save_work_type(work_type: WorkType) -> None:
    duplicate = ValidationError({"name": _("This host already has a work type of this name.")})
    taken = WorkType.objects.filter(host_id=work_type.host_id, name=work_type.name).exclude(pk=work_type.pk)
    if taken.exists():
        raise duplicate
    work_type.full_clean()
    try:
        with transaction.atomic():
            work_type.save()
    except IntegrityError as error:  # saved by someone else in the meantime
        raise duplicate from error


@transaction.atomic
def create_work_type(*, actor: User, host: ProgramHost, **fields: Any) -> WorkType:
    """A kind of work at a host (supervisors, administrators)."""
    authorise(actor, MANAGE_WORK_TYPES)
    refuse_unknown_fields(fields, WORK_TYPE_FIELDS, service="create_work_type")
    work_type = WorkType(host=host)
    for name, value in fields.items():
        setattr(work_type, name, value)
    _check_work_type(work_type)
    _save_work_type(work_type)
    record_event(action=AuditAction.CREATE, actor=actor, target=work_type, detail={"host": host.pk})
    return work_type


@transaction.atomic
def update_work_type(
    *, actor: User, work_type: WorkType, edit_version: int | None, **fields: Any
) -> WorkType:
    """Change a work type as the user saw it (`edit_version`). Its form and the way it is paid stay as
    they are once work is logged: the logs' rates were set for them (a new work type starts instead)."""
    authorise(actor, MANAGE_WORK_TYPES)
    refuse_unknown_fields(fields, WORK_TYPE_FIELDS, service="update_work_type")
    claim_edit(work_type, edit_version, fields=WORK_TYPE_FIELDS)
    before = {name: getattr(work_type, name) for name in ("work_form", "pay_basis")}
    for name, value in fields.items():
        setattr(work_type, name, value)
    changed = [name for name, value in before.items() if getattr(work_type, name) != value]
    if changed and WorkLog.objects.filter(work_type=work_type).exists():
        raise ValidationError(
            {changed[0]: _(
                "Work is already logged at this work type, so its form and the way it is paid stay as they "
                "are. Add a new work type for the new terms."
            )}
        )  # fmt: skip
    _check_work_type(work_type)
    _save_work_type(work_type)
    record_event(action=AuditAction.UPDATE, actor=actor, target=work_type, detail={"fields": sorted(fields)})
    return work_type


# ---------------------------------------------------------------- skill levels


def _check_level(level: SkillLevel) -> None:
    if type(level.rank) is not int or not 1 <= level.rank <= MAX_RANK:
        raise ValidationError({"rank": _("Enter a level from 1 to %(n)s.") % {"n": MAX_RANK}})
    if not (level.name or "").strip():
        raise ValidationError({"name": _("Give the level a name (見習い, 一人前 ...).")})
    if level.units_per_hour_to_reach is not None:
        level.units_per_hour_to_reach = _decimal(
            level.units_per_hour_to_reach, "units_per_hour_to_reach", low=Decimal(0),
            high=MAX_UNITS_PER_HOUR, low_inclusive=False,
        )  # fmt: skip
    if level.max_defect_rate is not None:
        level.max_defect_rate = _decimal(
            level.max_defect_rate, "max_defect_rate", low=Decimal(0), high=Decimal(1)
        )
    if level.rank == 1 and (level.units_per_hour_to_reach is not None or level.max_defect_rate is not None):
        raise ValidationError(
            {"units_per_hour_to_reach": _("Everyone starts at level 1: it has no threshold to reach.")}
        )
    taken = SkillLevel.objects.filter(work_type_id=level.work_type_id, rank=level.rank).exclude(pk=level.pk)
    if taken.exists():
        raise ValidationError(
            {"rank": _("This work type already has a level %(rank)s.") % {"rank": level.rank}}
        )


def _save_level(level: SkillLevel) -> None:
    level.full_clean()
    try:
        with transaction.atomic():
            level.save()
    except IntegrityError as error:  # the same rank added by someone else in the meantime
        raise ValidationError(
            {"rank": _("This work type already has a level %(rank)s.") % {"rank": level.rank}}
        ) from error


@transaction.atomic
def add_skill_level(*, actor: User, work_type: WorkType, **fields: Any) -> SkillLevel:
    """A step of the work type's ladder, with what it takes to reach it (its rates are added after)."""
    authorise(actor, MANAGE_WORK_TYPES)
    refuse_unknown_fields(fields, SKILL_LEVEL_FIELDS, service="add_skill_level")
    level = SkillLevel(work_type=work_type)
    for name, value in fields.items():
        setattr(level, name, value)
    _check_level(level)
    _save_level(level)
    record_event(action=AuditAction.CREATE, actor=actor, target=level, detail={"work_type": work_type.pk})
    return level


@transaction.atomic
def update_skill_level(
    *, actor: User, level: SkillLevel, edit_version: int | None, **fields: Any
) -> SkillLevel:
    """Change a level's rank, name, criteria or threshold, as the user saw it (`edit_version`)."""
    authorise(actor, MANAGE_WORK_TYPES)
    refuse_unknown_fields(fields, SKILL_LEVEL_FIELDS, service="update_skill_level")
    claim_edit(level, edit_version, fields=SKILL_LEVEL_FIELDS)
    for name, value in fields.items():
        setattr(level, name, value)
    _check_level(level)
    _save_level(level)
    record_event(action=AuditAction.UPDATE, actor=actor, target=level, detail={"fields": sorted(fields)})
    return level


# ---------------------------------------------------------------- pay rates


def _closed_month_in(*, host_id: int, first: dt.date, last: dt.date | None) -> dt.date | None:
    """The earliest month closed at the host that the period from `first` to `last` (None: open-ended)
    touches, if any."""
    months = PayMonth.objects.filter(host_id=host_id, month__gte=month_start(first))
    if last is not None:
        months = months.filter(month__lte=month_start(last))
    return months.order_by("month").values_list("month", flat=True).first()


def _refuse_closed(host_id: int, first: dt.date, last: dt.date | None, field: str) -> None:
    closed = _closed_month_in(host_id=host_id, first=first, last=last)
    if closed is not None:
        raise ValidationError(
            {field: _(
                "The pay of %(month)s is closed at this host: a rate for it would rewrite pay already "
                "computed. Start the rate in a month still open; a correction of a closed month is an "
                "adjustment."
            ) % {"month": f"{closed:%Y-%m}"}}
        )  # fmt: skip


def _overlap(level: SkillLevel, first: dt.date, last: dt.date | None, exclude: list[int]) -> PayRate | None:
    """The level's rate whose period meets the one given, other than those in `exclude`."""
    rates = PayRate.objects.filter(level=level).exclude(pk__in=exclude)
    rates = rates.filter(Q(effective_until__isnull=True) | Q(effective_until__gte=first))
    if last is not None:
        rates = rates.filter(effective_from__lte=last)
    return rates.order_by("effective_from").first()


def _period(rate: PayRate) -> str:
    if rate.effective_until is None:
        return _("from %(start)s") % {"start": local_date(rate.effective_from)}
    return _("%(start)s to %(end)s") % {
        "start": local_date(rate.effective_from),
        "end": local_date(rate.effective_until),
    }


@transaction.atomic
def add_pay_rate(
    *,
    actor: User,
    level: SkillLevel,
    amount: Any,
    effective_from: dt.date | None,
    effective_until: dt.date | None = None,
) -> PayRate:
    """What a level pays from a date (per unit, or per hour where the work type pays by the hour).

    Refused: no start, a negative or absurd amount, an end before the start, a period that meets another
    rate of the level, a period that touches a month closed at the host. A new rate that starts after the
    level's open-ended rate ends that rate the day before (so one rate is in force on each day); it must
    then be open-ended itself, or the days after it would have no rate."""
    authorise(actor, MANAGE_WORK_TYPES)
    if not isinstance(effective_from, dt.date):
        raise ValidationError({"effective_from": _("Give the date the rate takes effect.")})
    if effective_until is not None and effective_until < effective_from:
        raise ValidationError({"effective_until": _("A rate cannot end before it starts.")})
    amount = _decimal(amount, "amount", low=Decimal(0), high=MAX_RATE)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"amount": _("Give the amount to the sen at most (two decimals).")})
    work_type = level.work_type
    SkillLevel.objects.select_for_update().filter(pk=level.pk).first()  # one rate change of a level at a time
    _refuse_closed(work_type.host_id, effective_from, effective_until, "effective_from")
    ended = (
        PayRate.objects.filter(level=level, effective_until__isnull=True, effective_from__lt=effective_from)
        .order_by("effective_from")
        .first()
    )
    if ended is not None and effective_until is not None:
        raise ValidationError(
            {"effective_until": _(
                "The rate %(period)s goes on: a rate that starts after it has no end date, or the days after "
                "it would have no rate. Leave the end date empty."
            ) % {"period": _period(ended)}}
        )  # fmt: skip
    clash = _overlap(level, effective_from, effective_until, exclude=[ended.pk] if ended else [])
    if clash is not None:
        raise ValidationError(
            {"effective_from": _(
                "This level already has the rate of %(amount)s yen %(period)s: the periods of a level's rates "
                "may not overlap."
            ) % {"amount": f"{clash.amount:,}", "period": _period(clash)}}
        )  # fmt: skip
    if ended is not None:
        ended.effective_until = effective_from - dt.timedelta(days=1)
        ended.save(update_fields=["effective_until"])
    rate = PayRate(
        level=level, amount=amount, effective_from=effective_from, effective_until=effective_until,
        created_by=actor,
    )  # fmt: skip
    rate.full_clean()
    rate.save()
    detail = {"level": level.pk, "ended_rate": ended.pk if ended else None}
    record_event(action=AuditAction.CREATE, actor=actor, target=rate, detail=detail)
    return rate


@transaction.atomic
def remove_pay_rate(*, actor: User, rate: PayRate) -> None:
    """Take back a rate entered by mistake: only while it starts in a month still open at the host and no
    work log of its work type falls in its period (a log may be paid by it). The rate it ended the day
    before it started goes on again as before."""
    authorise(actor, MANAGE_WORK_TYPES)
    level = rate.level
    work_type = level.work_type
    SkillLevel.objects.select_for_update().filter(pk=level.pk).first()
    _refuse_closed(work_type.host_id, rate.effective_from, rate.effective_until, "rate")
    logs = WorkLog.objects.filter(work_type=work_type, date__gte=rate.effective_from)
    if rate.effective_until is not None:
        logs = logs.filter(date__lte=rate.effective_until)
    if logs.exists():
        raise ValidationError(
            {"rate": _(
                "Work is already logged in this rate's period, so it may be in use: it stays. Add a new rate "
                "from the next day instead."
            )}
        )  # fmt: skip
    previous = PayRate.objects.filter(
        level=level, effective_until=rate.effective_from - dt.timedelta(days=1)
    ).first()
    rate_id = rate.pk
    rate.delete()
    if previous is not None:
        previous.effective_until = rate.effective_until
        previous.save(update_fields=["effective_until"])
    detail = {"level": level.pk, "resumed_rate": previous.pk if previous else None}
    record_event(
        action=AuditAction.DELETE, actor=actor, object_type="work.payrate", object_id=rate_id, detail=detail
    )


# ---------------------------------------------------------------- the minimum wage


@transaction.atomic
def add_minimum_wage(
    *, actor: User, hourly: Any, effective_from: dt.date | None, region: str = "北海道"
) -> MinimumWage:
    """A new regional minimum wage (北海道最低賃金) in force from a date; the pay of 雇用型 work is topped up
    to it from that day. Closed months keep the statements computed when they closed."""
    authorise(actor, MANAGE_WORK_TYPES)
    if not isinstance(effective_from, dt.date):
        raise ValidationError({"effective_from": _("Give the date the minimum wage takes effect.")})
    hourly = _decimal(hourly, "hourly", low=Decimal(0), high=MAX_MINIMUM_WAGE, low_inclusive=False)
    duplicate = ValidationError(
        {
            "effective_from": _("A minimum wage already takes effect on %(day)s.")
            % {"day": local_date(effective_from)}
        }
    )
    if MinimumWage.objects.filter(region=region, effective_from=effective_from).exists():
        raise duplicate
    wage = MinimumWage(region=region, hourly=hourly, effective_from=effective_from)
    wage.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            wage.save()
    except IntegrityError as error:
        raise duplicate from error
    record_event(action=AuditAction.CREATE, actor=actor, target=wage)
    return wage


# ---------------------------------------------------------------- customer orders


@transaction.atomic
def add_customer_order(*, actor: User, work_type: WorkType, **fields: Any) -> CustomerOrder:
    """An order the work fills (nets mended for a fishing-net company), for the production totals."""
    authorise(actor, MANAGE_WORK_TYPES)
    refuse_unknown_fields(fields, CUSTOMER_ORDER_FIELDS, service="add_customer_order")
    order = CustomerOrder(work_type=work_type)
    for name, value in fields.items():
        setattr(order, name, value)
    order.customer_name = (order.customer_name or "").strip()
    if order.customer is None and not order.customer_name:
        raise ValidationError({"customer_name": _("Choose the customer organisation or give its name.")})
    if not isinstance(order.ordered_on, dt.date):
        raise ValidationError({"ordered_on": _("Give the date of the order.")})
    if order.due_on is not None and order.due_on < order.ordered_on:
        raise ValidationError({"due_on": _("An order cannot be due before it was placed.")})
    order.quantity = _decimal(
        order.quantity, "quantity", low=Decimal(0), high=MAX_ORDER_QUANTITY, low_inclusive=False
    )
    order.full_clean()
    order.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=order, detail={"work_type": work_type.pk})
    return order
