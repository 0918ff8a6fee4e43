"""Warnings that a 非雇用型 (training) month looks like paid labour.

非雇用型 work is training: no hourly wage, no productivity quota, no fixed hours. Logs that show fixed
hours or a daily quota are a sign the training has become employment in all but name, which the law
then treats as employment (a contract, the minimum wage, insurance). The pay page shows each warning
with why it matters; nothing is refused, since the logs may still be right.

Pure functions of a month's computed pay (`pay.MonthPay`): no queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from tsunagu.work.models import PayBasis, WorkForm
from tsunagu.work.pay import MonthPay

# A pattern counts once the person worked at least this many days in the month ...
PATTERN_MIN_DAYS = 8
# ... and the same value was logged on at least this share of them.
PATTERN_SHARE = Decimal("0.8")


class WarningKind:
    FIXED_HOURS = "fixed_hours"
    QUOTA = "quota"
    HOURLY_PAY = "hourly_pay"


WHY = {
    WarningKind.FIXED_HOURS: _(
        "Training (非雇用型) has no fixed hours: the person comes and goes as their plan says. The same "
        "minutes nearly every day look like working hours set by the host, that is employment."
    ),
    WarningKind.QUOTA: _(
        "Training (非雇用型) has no productivity quota. The same quantity day after day looks like a quota "
        "the person must meet, that is employment."
    ),
    WarningKind.HOURLY_PAY: _(
        "Training (非雇用型) is never paid by the hour: an hourly wage makes it employment, with the minimum "
        "wage and a contract. Pay it by the piece, or set the work up as employment (雇用型)."
    ),
}


@dataclass(frozen=True)
class PayWarning:
    kind: str
    message: str  # what was seen, with the figures
    days: int  # the days showing the pattern
    of_days: int  # the days worked

    @property
    def why(self) -> str:
        return str(WHY[self.kind])


def _repeated(values: list, *, of_days: int) -> tuple[object, int] | None:
    """The value repeated on at least PATTERN_SHARE of at least PATTERN_MIN_DAYS days, with its count."""
    if of_days < PATTERN_MIN_DAYS or not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return (value, count) if Decimal(count) >= PATTERN_SHARE * of_days else None


def month_warnings(month: MonthPay) -> list[PayWarning]:
    """The signs of paid labour in one person's training month (none for employment, which may have them)."""
    if month.work_form != WorkForm.TRAINING:
        return []
    found: list[PayWarning] = []
    worked = [day for day in month.days if day.minutes]
    fixed = _repeated([day.minutes for day in worked], of_days=len(worked))
    if fixed is not None:
        minutes, count = fixed
        message = _("%(minutes)s minutes on %(count)s of %(days)s days.") % {
            "minutes": minutes,
            "count": count,
            "days": len(worked),
        }
        found.append(PayWarning(WarningKind.FIXED_HOURS, message, count, len(worked)))
    quantities: dict[int, list[Decimal]] = defaultdict(list)
    for day in month.days:
        for log in day.logs:
            if log.quantity > 0:
                quantities[log.work_type_id].append(log.quantity.normalize())
    for values in quantities.values():
        quota = _repeated(values, of_days=len(values))
        if quota is not None:
            quantity, count = quota
            message = _("The same quantity (%(quantity)s) on %(count)s of %(days)s days.") % {
                "quantity": f"{quantity:f}",
                "count": count,
                "days": len(values),
            }
            found.append(PayWarning(WarningKind.QUOTA, message, count, len(values)))
    hourly_days = sum(1 for day in month.days if any(log.pay_basis == PayBasis.PER_HOUR for log in day.logs))
    if hourly_days:
        message = _("Paid by the hour on %(count)s days.") % {"count": hourly_days}
        found.append(PayWarning(WarningKind.HOURLY_PAY, message, hourly_days, len(month.days)))
    return found
