"""The report of continuing cases to the municipality (自治体への継続支援ケース報告): scoped reads.

Who reports: a city (市) runs its own 自立相談支援 and is told of its residents' cases; the towns and
villages (町村) have no welfare office of their own, so the prefecture (北海道) is told of theirs. A case
is reported to the body of its person's area (Area.municipality).

Which cases (継続支援ケース, CONTINUING_DEFINITION on the page): the intake judged that support continues
(not information only, not handed over); the intake was on or before the month's last day; the case had
not ended before the month began; and by the month's end an assessment had been made or a plan approved.
A case that ended during the month is listed with its 終結 or 中断, so the municipality learns it ended.

Each case's stage is the one it had at the month's end, from the dates of its records (not today's status),
so that last month's report reads the same next month. Three queries whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import (
    Assessment,
    Case,
    Closure,
    ClosureKind,
    ClosureStatus,
    Plan,
    PlanKind,
    PlanStatus,
    ScreeningOutcome,
    StatutoryService,
)
from tsunagu.cases.selectors import scope_filter
from tsunagu.core.dates import wareki
from tsunagu.organisations.models import Area

# The prefecture that is told of the towns' and villages' cases.
PREFECTURE = "北海道"
# The choice for cases whose person has no area yet: they cannot be reported until one is recorded.
NO_AREA = "-"

CONTINUING_DEFINITION = _(
    "Cases in continuing support during the month: the intake judged that support continues (not "
    "information only or handed over), the intake was on or before the month's last day, the case had not "
    "ended before the month began, and by the month's end an assessment had been made or a plan approved. "
    "A case that ended during the month is listed with its conclusion (終結) or interruption (中断)."
)


class ReportStage:
    ASSESSING = "assessing"
    PLANNING = "planning"
    SUPPORT = "support"
    CONCLUDED = "concluded"
    INTERRUPTED = "interrupted"

    LABELS = {
        ASSESSING: _("In assessment"),
        PLANNING: _("Plan being prepared"),
        SUPPORT: _("In support under an approved plan"),
        CONCLUDED: _("Concluded this month (終結)"),
        INTERRUPTED: _("Interrupted this month (中断)"),
    }
    ORDER = (ASSESSING, PLANNING, SUPPORT, CONCLUDED, INTERRUPTED)


def reporter_of(municipality: str) -> str:
    """The body a case of this municipality is reported to: a city itself, a town or village its prefecture."""
    if not municipality:
        return NO_AREA
    return municipality if municipality.endswith("市") else PREFECTURE


def reporters() -> list[tuple[str, str]]:
    """The bodies cases are reported to, as (value, label): the cities first, then the prefecture."""
    municipalities = Area.objects.filter(is_active=True).values_list("municipality", flat=True).distinct()
    bodies = sorted({reporter_of(m) for m in municipalities}, key=lambda body: (body == PREFECTURE, body))
    choices = [
        (
            body,
            _("%(prefecture)s (the towns and villages)") % {"prefecture": body}
            if body == PREFECTURE
            else body,
        )
        for body in bodies
    ]
    return [*choices, (NO_AREA, _("Area not recorded"))]


def municipalities_of(reporter: str) -> list[str]:
    municipalities = Area.objects.values_list("municipality", flat=True).distinct()
    return sorted({m for m in municipalities if reporter_of(m) == reporter})


@dataclass(slots=True)
class ReportRow:
    pk: int
    reference: str
    name: str  # empty for a role that may not see it
    person_id: int
    municipality: str
    intake_date: dt.date
    stage: str
    ended_on: dt.date | None = None
    plan_version: int | None = None
    plan_kind: str = ""
    plan_status: str = ""
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    approved_on: dt.date | None = None
    decided_on: dt.date | None = None
    service_codes: list[str] = field(default_factory=list)

    @property
    def services(self) -> list[str]:
        labels = dict(StatutoryService.choices)
        return [str(labels.get(code, code)) for code in self.service_codes]

    @property
    def stage_label(self) -> str:
        return str(ReportStage.LABELS[self.stage])

    @property
    def plan_kind_label(self) -> str:
        return str(dict(PlanKind.choices).get(self.plan_kind, ""))

    @property
    def plan_status_label(self) -> str:
        return str(dict(PlanStatus.choices).get(self.plan_status, ""))


@dataclass
class MunicipalReport:
    month: dt.date
    month_end: dt.date
    reporter: str
    reporter_label: Any  # a lazy label: the PDF shows it in Japanese whatever the reader's language
    rows: list[ReportRow]  # empty when counts_only
    stage_counts: list[tuple[Any, int]]
    municipality_counts: list[tuple[str, int]]
    total: int
    counts_only: bool

    @property
    def month_label(self) -> str:
        """令和8年1月（2026年1月）: the month as the national forms date it, with 西暦 beside it."""
        return f"{wareki(self.month).removesuffix('1日')}（{self.month.year}年{self.month.month}月）"

    @property
    def people(self) -> list[int]:
        return [row.person_id for row in self.rows]


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def sees_names(user: User) -> bool:
    """Casework staff (their office's cases) and city case workers (the cases they referred) see who the
    cases are; a statistician counts them only."""
    return bool(user.role_codes & CASEWORK_ROLES or user.has_role(Role.CITY_CASEWORKER))


def _report_scope(user: User) -> Q:
    if sees_names(user):
        return scope_filter(user)
    if user.has_role(Role.STATISTICIAN):
        # Counts of the whole organisation's cases, never a case itself.
        return Q(office__organisation_id=user.organisation_id)
    return Q(pk__in=[])


def _stage(plans: list[tuple], closure_kind: str | None, ended_in_month: bool) -> tuple[str, tuple | None]:
    """The stage at the month's end and the plan to show: the last approved by then, else the last drafted."""
    approved = [p for p in plans if p[6] is not None]
    plan = (
        max(approved, key=lambda p: p[0]) if approved else (max(plans, key=lambda p: p[0]) if plans else None)
    )
    if ended_in_month:
        stage = ReportStage.INTERRUPTED if closure_kind == ClosureKind.INTERRUPTED else ReportStage.CONCLUDED
    elif approved:
        stage = ReportStage.SUPPORT
    elif plans:
        stage = ReportStage.PLANNING
    else:
        stage = ReportStage.ASSESSING
    return stage, plan


def municipal_report(user: User, *, month: dt.date, reporter: str) -> MunicipalReport:
    """The continuing cases of `reporter` in `month` (its first day) that the user may see."""
    last = _month_end(month)
    counts_only = not sees_names(user)
    if reporter == NO_AREA:
        area_condition = Q(person__area__isnull=True)
        label = _("Area not recorded")
    else:
        area_condition = Q(person__area__municipality__in=municipalities_of(reporter))
        label = dict(reporters()).get(reporter, reporter)
    assessed = Assessment.objects.filter(case=OuterRef("pk"), assessed_on__lte=last)
    approved = Plan.objects.filter(case=OuterRef("pk"), approved_on__lte=last)
    cases = (
        Case.objects.filter(_report_scope(user), area_condition)
        .filter(screening_outcome=ScreeningOutcome.CONTINUING, intake_date__lte=last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=month))
        .filter(Exists(assessed) | Exists(approved))
        .order_by("reference", "pk")
        .values_list(
            "pk", "reference", "person_id", "person__family_name", "person__given_name",
            "person__area__municipality", "intake_date", "closed_on",
        )
    )  # fmt: skip
    cases = list(cases)
    keys = [row[0] for row in cases]
    plans: dict[int, list[tuple]] = {}
    # Plans that existed at the month's end (drafted, sent or approved by then): version, kind, status, from, to, the
    # services, approved on, decided on.
    for case_id, *values in (
        Plan.objects.filter(case_id__in=keys)
        .filter(Q(created_at__date__lte=last) | Q(submitted_at__date__lte=last) | Q(approved_on__lte=last))
        .order_by()
        .values_list(
            "case_id", "version", "kind", "status", "period_start", "period_end", "statutory_services",
            "approved_on", "decided_on",
        )
    ):  # fmt: skip
        if values[6] is not None and values[6] > last:
            values[6] = None  # approved after the month: still in preparation then
        if values[7] is not None and values[7] > last:
            values[7] = None  # decided after the month: not yet known then
        plans.setdefault(case_id, []).append(tuple(values))
    kinds = dict(
        Closure.objects.filter(
            case_id__in=keys, status=ClosureStatus.APPROVED, closed_on__range=(month, last)
        )
        .order_by("requested_at")
        .values_list("case_id", "kind")
    )
    rows = []
    for pk, reference, person_id, family, given, municipality, intake_date, closed_on in cases:
        ended = closed_on is not None and closed_on <= last
        stage, plan = _stage(plans.get(pk, []), kinds.get(pk), ended)
        row = ReportRow(
            pk=pk, reference=reference, name="" if counts_only else f"{family} {given}", person_id=person_id,
            municipality=municipality or "", intake_date=intake_date, stage=stage,
            ended_on=closed_on if ended else None,
        )  # fmt: skip
        if plan:
            version, kind, status, start, end, chosen, approved_on, decided_on = plan
            row.plan_version, row.plan_kind, row.plan_start, row.plan_end = version, kind, start, end
            row.plan_status = PlanStatus.APPROVED if approved_on else status
            row.approved_on, row.decided_on = approved_on, decided_on
            row.service_codes = list(chosen)
        rows.append(row)
    by_stage = Counter(row.stage for row in rows)
    by_municipality = Counter(row.municipality for row in rows)
    return MunicipalReport(
        month=month,
        month_end=last,
        reporter=reporter,
        reporter_label=label,
        rows=[] if counts_only else rows,
        stage_counts=[(ReportStage.LABELS[s], by_stage[s]) for s in ReportStage.ORDER],
        municipality_counts=sorted(by_municipality.items()),
        total=len(rows),
        counts_only=counts_only,
    )
