"""Reads of pay, scoped to who asks: a host's month (its people in the user's scope), the statements, and
the earned income for the 収入申告. Casework staff see every host with work; the people of a host they see
are those of their own office's cases, as on the roll-call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import WelfareStatus
from tsunagu.cases.selectors import visible_cases, visible_people
from tsunagu.core.dates import wareki
from tsunagu.people.models import ConsentScope, Person
from tsunagu.programs.models import Placement, ProgramHost
from tsunagu.work.income import monthly_earnings, months_between
from tsunagu.work.models import PayMonth, PayStatement, SkillLevel, WorkLog, WorkType
from tsunagu.work.months import month_end, month_start
from tsunagu.work.pay import AdjustmentPay, DayPay, LogPay, MissingRate, MonthPay, compute_months
from tsunagu.work.warnings import PayWarning, month_warnings

PERSON_NAME_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "reading_key")
INCOME_MONTHS = 6


def missing_rate_message(missing: MissingRate) -> str:
    """Why a month cannot be reckoned: the level and the date without a rate."""
    level = SkillLevel.objects.select_related("work_type").filter(pk=missing.level_id).first()
    return _(
        "No pay rate is in force for level %(level)s of %(work_type)s on %(date)s: add the rate, then close "
        "the month."
    ) % {
        "level": str(level) if level else missing.level_id,
        "work_type": level.work_type.name if level else "—",
        "date": wareki(missing.day),
    }


def previous_month(month: dt.date) -> dt.date:
    return month_start(month_start(month) - dt.timedelta(days=1))


# ---------------------------------------------------------------- hosts


def pay_hosts(month: dt.date) -> list[ProgramHost]:
    """The hosts with work types, each with `closed` (the month's PayMonth or None) and `people` (how many
    logged work in the month): three queries."""
    first = month_start(month)
    hosts = list(
        ProgramHost.objects.filter(Exists(WorkType.objects.filter(host=OuterRef("pk"))))
        .select_related("program", "organisation")
        .order_by("program__name", "organisation__name", "pk")
    )
    closed = {pm.host_id: pm for pm in PayMonth.objects.filter(month=first, host__in=[h.pk for h in hosts])}
    people = dict(
        WorkLog.objects.filter(date__range=(first, month_end(first)))
        .values("placement__host_id")
        .annotate(people=Count("person", distinct=True))
        .values_list("placement__host_id", "people")
    )
    for host in hosts:
        host.closed = closed.get(host.pk)
        host.people = people.get(host.pk, 0)
    return hosts


def get_pay_host(host_id: int) -> ProgramHost:
    """A host of the catalog (no scope: whoever may see pay sees every host; its people are scoped); else 404."""
    try:
        return ProgramHost.objects.select_related("program", "organisation").get(pk=host_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error


# ---------------------------------------------------------------- a host's month


@dataclass
class PersonPay:
    person: Person
    pay: MonthPay
    statement_id: int | None
    warnings: list[PayWarning]

    @property
    def topped_up_days(self) -> int:
        return sum(1 for day in self.pay.days if day.topped_up)


@dataclass
class HostPay:
    host: ProgramHost
    month: dt.date
    closed: PayMonth | None
    rows: list[PersonPay] = field(default_factory=list)
    not_shown: int = 0  # people paid here whose cases are another office's
    missing_rate: str = ""  # an open month that cannot be computed, and why

    @property
    def total(self) -> Decimal:
        return sum((row.pay.total for row in self.rows), Decimal(0))

    @property
    def warning_count(self) -> int:
        return sum(len(row.warnings) for row in self.rows)


def month_pay_from_statement(statement: PayStatement, *, host_id: int, month: dt.date) -> MonthPay:
    """A kept statement read back as the computation it was (for its page, its PDF and its warnings)."""
    pay = MonthPay(person_id=statement.person_id, host_id=host_id, month=month, work_form=statement.work_form)
    lines = statement.lines or {}
    for line in lines.get("days", []):
        day = DayPay(
            date=dt.date.fromisoformat(line["date"]),
            minutes=line["minutes"],
            amount=Decimal(line["amount"]),
            minimum=None if line["minimum"] is None else Decimal(line["minimum"]),
            top_up=Decimal(line["top_up"]),
        )
        for work in line["work"]:
            day.logs.append(
                LogPay(
                    log_id=0,
                    work_type_id=work["work_type"],
                    level_id=0,
                    level_rank=work["level"],
                    pay_basis=work["pay_basis"],
                    quantity=Decimal(work["quantity"]),
                    minutes=work["minutes"],
                    rate=Decimal(work["rate"]),
                    amount=Decimal(work["amount"]),
                )
            )
        pay.days.append(day)
    for line in lines.get("adjustments", []):
        pay.adjustments.append(
            AdjustmentPay(
                line["id"],
                dt.date.fromisoformat(line["corrects_month"]),
                Decimal(line["amount"]),
                line["reason"],
            )
        )
    return pay


def _people_in_scope(user, person_ids: set[int]) -> dict[int, Person]:
    people = visible_people(user).filter(pk__in=person_ids).only(*PERSON_NAME_FIELDS)
    return {person.pk: person for person in people}


def host_pay(user, host: ProgramHost, month: dt.date) -> HostPay:
    """The host's month: each person's pay in the user's scope, from the statements when the month is
    closed, computed from the logs when open; a fixed number of queries whatever the number of people."""
    first = month_start(month)
    closed = PayMonth.objects.filter(host=host, month=first).select_related("closed_by").first()
    result = HostPay(host=host, month=first, closed=closed)
    if closed is not None:
        statements = list(closed.statements.all())
        pays = {
            s.person_id: (month_pay_from_statement(s, host_id=host.pk, month=first), s.pk) for s in statements
        }
    else:
        try:
            pays = {pay.person_id: (pay, None) for pay in compute_months(month=first, host_ids=[host.pk])}
        except MissingRate as missing:
            result.missing_rate = missing_rate_message(missing)
            return result
    people = _people_in_scope(user, set(pays))
    result.not_shown = len(pays) - len(people)
    for person in sorted(people.values(), key=lambda p: (p.reading_key, p.pk)):
        pay, statement_id = pays[person.pk]
        result.rows.append(PersonPay(person, pay, statement_id, month_warnings(pay)))
    return result


def adjustable_people(user, host: ProgramHost) -> QuerySet[Person]:
    """The people an adjustment at the host may be for: placed there, in the user's scope."""
    return (
        visible_people(user)
        .filter(Exists(Placement.objects.filter(person=OuterRef("pk"), host=host)))
        .order_by("reading_key", "pk")
    )


def closed_months(host: ProgramHost, *, limit: int = 24) -> list[dt.date]:
    return list(PayMonth.objects.filter(host=host).values_list("month", flat=True)[:limit])


# ---------------------------------------------------------------- statements


def get_statement(user, statement_id: int) -> PayStatement:
    """A kept statement of a person in the user's scope, with its month, host and person; else 404."""
    try:
        return PayStatement.objects.select_related(
            "person", "pay_month__host__program", "pay_month__host__organisation", "pay_month__closed_by"
        ).get(pk=statement_id, person__in=visible_people(user).values("pk"))
    except PayStatement.DoesNotExist as error:
        raise Http404 from error


# ---------------------------------------------------------------- earned income (収入申告)


@dataclass
class IncomeMonth:
    month: dt.date
    amount: Decimal
    rose: bool  # more than the month before (which may have had none): a 増収 month


@dataclass
class IncomeRow:
    person: Person
    months: list[IncomeMonth]
    shared: bool  # a city case worker sees the figures only with the consent to share with the city
    # A case of theirs that the user sees records 生活保護受給中: the 収入申告 is theirs.
    on_assistance: bool = False

    @property
    def rose_in(self) -> list[dt.date]:
        return [m.month for m in self.months if m.rose]


@dataclass
class IncomeSummary:
    months: list[dt.date]
    rows: list[IncomeRow]
    missing_rate: str = ""


def income_people(user, first: dt.date, last: dt.date, *, assisted_only: bool = False) -> QuerySet[Person]:
    """The people in the user's scope (their office's cases; a city case worker the cases they referred)
    with work logged or a statement kept in the months from `first` to `last`, each with `on_assistance`:
    whether a case of theirs that the user sees records them as receiving public assistance (as the
    statistics count 被保護者). `assisted_only` keeps only those."""
    logs = WorkLog.objects.filter(person=OuterRef("pk"), date__range=(first, month_end(last)))
    statements = PayStatement.objects.filter(person=OuterRef("pk"), pay_month__month__range=(first, last))
    receiving = visible_cases(user).filter(person=OuterRef("pk"), welfare_status=WelfareStatus.RECEIVING)
    people = (
        visible_people(user)
        .filter(Exists(logs) | Exists(statements))
        .annotate(on_assistance=Exists(receiving))
        .only(*PERSON_NAME_FIELDS)
    )
    return people.filter(on_assistance=True) if assisted_only else people


def _shared_with_city(user, person_ids: list[int]) -> set[int]:
    """The people whose figures the user may see: all for casework staff of their office; for a city case
    worker, those who consented to share with the city (as for the support notes)."""
    if user.role_codes & CASEWORK_ROLES:
        return set(person_ids)
    if not user.has_role(Role.CITY_CASEWORKER):
        return set()
    return set(
        visible_cases(user)
        .filter(
            person_id__in=person_ids,
            person__consents__scope=ConsentScope.SHARE_CITY,
            person__consents__withdrawn_on__isnull=True,
        )
        .values_list("person_id", flat=True)
    )


def earned_income(
    user, *, today: dt.date, months: int = INCOME_MONTHS, assisted_only: bool = False
) -> IncomeSummary:
    """Each person's earned income over the last `months` ended months, and the months it rose against
    the month before; each person marked when on public assistance (`assisted_only`: only those). A fixed
    number of queries whatever the number of people."""
    last = previous_month(today)
    first = month_start(last)
    for _month in range(months - 1):
        first = previous_month(first)
    before = previous_month(first)
    shown = months_between(first, last)
    people = sorted(
        income_people(user, first, last, assisted_only=assisted_only), key=lambda p: (p.reading_key, p.pk)
    )
    ids = [p.pk for p in people]
    shared = _shared_with_city(user, ids)
    summary = IncomeSummary(months=shown, rows=[])
    try:
        earnings = monthly_earnings(person_ids=sorted(shared), first=before, last=last) if shared else {}
    except MissingRate as missing:
        summary.missing_rate = missing_rate_message(missing)
        earnings = {}
    for person in people:
        row = IncomeRow(
            person=person, months=[], shared=person.pk in shared, on_assistance=person.on_assistance
        )
        earlier = earnings.get((person.pk, before), Decimal(0))
        for month in shown:
            amount = earnings.get((person.pk, month), Decimal(0))
            row.months.append(IncomeMonth(month, amount, row.shared and amount > earlier))
            earlier = amount
        summary.rows.append(row)
    return summary


def rose_months(user, *, today: dt.date) -> dict[int, list[dt.date]]:
    """{person id: the months their earned income rose}: what the national 増収 figure will count."""
    return {row.person.pk: row.rose_in for row in earned_income(user, today=today).rows if row.rose_in}
