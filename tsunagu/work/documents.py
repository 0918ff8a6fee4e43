"""Pay statements as PDFs: 工賃明細 for training (非雇用型), 賃金明細 for employment (雇用型).

Rendered like the case PDFs (`cases.documents.render_pdf`: WeasyPrint, the IPAex font embedded). The
wording is the statement itself, so it is Japanese whatever the reader's language, with 和暦 dates.
A statement is printed from what was kept when the month closed, never recomputed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tsunagu.cases.documents import render_pdf
from tsunagu.core.dates import wareki
from tsunagu.work.models import PayBasis, PayStatement, WorkForm

TITLES = {WorkForm.TRAINING: "工賃明細書", WorkForm.EMPLOYMENT: "賃金明細書"}
PAY_NAMES = {WorkForm.TRAINING: "工賃", WorkForm.EMPLOYMENT: "賃金"}

# The rounding rule as the statement states it (the rule itself lives in pay.py).
ROUNDING_RULE = (
    "各日の金額は、その日の作業ごとの「数量×単価」（時間で支払う作業は「時間×時間単価」）の合計を、"
    "1円未満四捨五入したものです。月の合計は各日の金額の合計に、調整額を加えたものです。"
)
MINIMUM_WAGE_RULE = (
    "雇用型のため、各日の賃金を、その日に効力のある北海道最低賃金×勤務時間（1円未満切上げ）と比べ、"
    "下回る日はその差額を保障給として加えています（※印の日）。"
)
TRAINING_NOTE = "非雇用型（就労訓練）のため、作業量に応じた工賃であり、時間給・ノルマはありません。"


def wareki_month(month: dt.date) -> str:
    """令和8年10月: the month of a statement in 和暦."""
    return wareki(month.replace(day=1)).removesuffix("1日")


def _yen(amount: str | Decimal) -> Decimal:
    return Decimal(amount)


def _plain(amount: str | Decimal) -> str:
    """A quantity, a rate or an exact amount as typed: 12.5, 2.5, 750 (never 7.5E+2 nor 750.0000)."""
    text = f"{Decimal(amount).normalize():f}"
    whole, _dot, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "") if whole.lstrip("-").isdigit() else text


def _hours(minutes: int) -> str:
    return f"{minutes // 60}時間{minutes % 60:02d}分"


def statement_context(statement: PayStatement) -> dict:
    """What the statement prints: the days with their work, the adjustments and the totals, as kept."""
    lines = statement.lines or {}
    days = []
    for day in lines.get("days", []):
        work = [
            {
                **item,
                "quantity": _plain(item["quantity"]),
                "rate": _plain(item["rate"]),
                "amount": _plain(item["amount"]),
                "hourly": item["pay_basis"] == PayBasis.PER_HOUR,
                "hours": _hours(item["minutes"]),
            }
            for item in day["work"]
        ]
        days.append(
            {
                "date": dt.date.fromisoformat(day["date"]),
                "hours": _hours(day["minutes"]),
                "amount": _yen(day["amount"]),
                "minimum": None if day["minimum"] is None else _yen(day["minimum"]),
                "top_up": _yen(day["top_up"]),
                "work": work,
            }
        )
    adjustments = [
        {
            **item,
            "amount": _yen(item["amount"]),
            "corrects": wareki_month(dt.date.fromisoformat(item["corrects_month"])),
        }
        for item in lines.get("adjustments", [])
    ]
    pay_month = statement.pay_month
    return {
        "title": TITLES.get(statement.work_form, "工賃明細書"),
        "pay_name": PAY_NAMES.get(statement.work_form, "工賃"),
        "employment": statement.work_form == WorkForm.EMPLOYMENT,
        "statement": statement,
        "person": statement.person,
        "host": pay_month.host,
        "month": wareki_month(pay_month.month),
        "closed_on": timezone.localdate(pay_month.closed_at),
        "days": days,
        "adjustments": adjustments,
        "hours": _hours(statement.minutes),
        "rounding_rule": ROUNDING_RULE,
        "minimum_wage_rule": MINIMUM_WAGE_RULE,
        "training_note": TRAINING_NOTE,
        "printed_on": timezone.localdate(),
    }


def statement_pdf(statement: PayStatement) -> bytes:
    return render_pdf("work/pay/pdf/statement.html", statement_context(statement))
