"""The outcomes chapter: each case's dated steps into work (jobs.WorkOutcome), the 就労者 and 増収者 of the
national statistics (tsunagu/statistics/indicators.py).

As every chapter (stories.Chapter), it has three parts. The teller (the rules), after the person's cases:
in each period of an approved plan (from two weeks after its approval to the next plan's approval or the
case's end) a start of work (就労開始) or a rise in income (増収) happens at a rate set by the plan's
就労支援対象 flag (the assessment found employment support needed), in proportion to the period's length
up to five months (a period cut short by today has only its share); a later start in the same case is
rarer (a change of job). A case assessed but without an approved plan sometimes has a start of work too
(found through the consultation alone: counted in the 就労者数, not in its 「うち」). A case closed because the person found work (就職) or their income rose (増収)
has that step before its closure when the periods gave it none. It draws from its own random stream, so
adding it left every other story as it was.

The rates give figures near the national ones (../shared/NATIONAL.md: 就労・増収率 R4 43 %, H27–H29
就労者 about three quarters and 増収者 about a fifth of the 就労支援対象者数); the bench's S gives them
per month as `bench/statistics_report.py` prints (docs/statistics.md).

The demo's writer writes nothing: the demo's steps into work are written through the jobs services by
statistics.py, after the municipality's decisions on the recent plans. The bench's writer writes the
outcomes as bulk rows, each start with its three retention checks (定着確認, 1, 3 and 6 months on) as
the jobs service makes them, those already due answered on their day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from tsunagu.cases.models import ClosureReason
from tsunagu.jobs.models import (
    RETENTION_MONTHS,
    EmploymentForm,
    OutcomeKind,
    RetentionCheck,
    Route,
    WageKind,
    WorkOutcome,
    months_after,
)
from tsunagu.sampledata.stories import (
    Assessment,
    Chapter,
    Closure,
    Day,
    PersonStory,
    Storyteller,
    workday_between,
)

NAME = "outcomes"
SEED_OFFSET = 17  # the chapter's stream: the storyteller's seed + this
# Chance of a start of work / of a rise in income in one plan's period (flagged 就労支援対象, or not).
START = {True: 0.30, False: 0.12}
RISE = {True: 0.09, False: 0.06}
# A case assessed but with no approved plan (yet): the person may find work through the consultation alone.
UNPLANNED_START = 0.08
AGAIN = 0.35  # a second start in the same case (a change of job): this share of the chance above
# The chances are of a whole period: a period cut short (by the next plan, the closure or today) has its
# share of them, so that the plans approved in the last weeks do not crowd their steps into those weeks.
FULL_PERIOD = 150  # days
FIRST_AFTER = 14  # days after the plan's approval before a step into work is told
BEFORE_CLOSURE = 45  # the step a closure for work needs happens at most this many days before it
# Still working at the 1, 3 and 6 months' checks (of those still working at the one before).
STILL_WORKING = {1: 0.85, 3: 0.85, 6: 0.9}
EMPLOYERS = (
    "釧路港湾清掃株式会社", "ホテル幣舞", "スーパーいずみ 新橋大通店", "有限会社ぬさまい物流", "釧路水産加工協同組合",
    "株式会社くしろ介護サービス", "釧路中央青果株式会社", "有限会社鶴見台ビルメンテナンス", "道東リネンサプライ株式会社",
    "コンビニエンスストア 鳥取大通店", "株式会社阿寒観光", "白糠町漁業協同組合",
)  # fmt: skip
FORMS = (
    (EmploymentForm.PART_TIME, 0.6),
    (EmploymentForm.REGULAR, 0.33),
    (EmploymentForm.SELF_EMPLOYED, 0.07),
)
ROUTES = ((Route.HELLO_WORK, 0.55), (Route.OWN_SEARCH, 0.35), (Route.OTHER, 0.1))
INCOMES = (30_000, 45_000, 60_000, 80_000, 100_000)  # monthly income before a rise
RISES = (10_000, 20_000, 30_000, 50_000)


@dataclass(slots=True, eq=False)
class WorkStep:
    """A start of work (with its employer, form, route, hours and hourly wage) or a rise in income."""

    case: Any  # the CaseStory
    day: Day
    kind: str
    worker: int  # who recorded it: the case's employment worker once there is one, else its worker
    employer: str = ""
    form: str = ""
    route: str = ""
    hours: int | None = None
    wage: int | None = None
    income_before: int | None = None
    income_after: int | None = None


def _weighted(rnd, pairs) -> Any:
    roll, total = rnd(), 0.0
    for value, weight in pairs:
        total += weight
        if roll < total:
            return value
    return pairs[-1][0]


class Teller:
    """Tells each case's steps into work (see the module) into person.chapters[NAME]."""

    def __init__(self, teller: Storyteller) -> None:
        self.t = teller
        self.rnd = random.Random(teller.seed + SEED_OFFSET).random

    def __call__(self, person: PersonStory) -> None:
        steps: list[WorkStep] = []
        for case in person.cases:
            steps += self.case(case)
        if steps:
            person.chapters[NAME] = steps

    def case(self, case) -> list[WorkStep]:
        plans = [plan for plan in case.plans if plan.approved is not None]
        closure = next((step for step in reversed(case.events) if isinstance(step, Closure)), None)
        end = min(closure.day if closure else case.end, self.t.latest)
        steps: list[WorkStep] = []
        if not plans and any(isinstance(step, Assessment) for step in case.events):
            first, last = case.intake + FIRST_AFTER, end
            if first <= last and self.rnd() < UNPLANNED_START * min(1.0, (last - first + 1) / FULL_PERIOD):
                steps.append(self.start(case, self.day(first, last)))
        for index, plan in enumerate(plans):
            first = plan.approved + FIRST_AFTER
            last = min(plans[index + 1].approved - 1 if index + 1 < len(plans) else end, end)
            if first > last:
                continue
            started = any(step.kind == OutcomeKind.STARTED_WORK for step in steps)
            share = min(1.0, (last - first + 1) / FULL_PERIOD)
            start = START[plan.employment_support] * (AGAIN if started else 1) * share
            roll = self.rnd()
            if roll < start:
                steps.append(self.start(case, self.day(first, last)))
            elif roll < start + RISE[plan.employment_support] * share:
                steps.append(self.rise(case, self.day(first, last)))
        if closure and plans:
            kinds = {step.kind for step in steps}
            first = max(plans[-1].approved + 1, closure.day - BEFORE_CLOSURE)
            if closure.reason == ClosureReason.EMPLOYED and OutcomeKind.STARTED_WORK not in kinds:
                steps.append(self.start(case, self.day(first, closure.day)))
            elif closure.reason == ClosureReason.INCOME_ROSE and OutcomeKind.INCOME_RISE not in kinds:
                steps.append(self.rise(case, self.day(first, closure.day)))
        steps.sort(key=lambda step: step.day)
        return steps

    def day(self, low: Day, high: Day) -> Day:
        return workday_between(self.t.workdays, self.rnd, low, high)

    def worker(self, case, day: Day) -> int:
        employment = case.employment_worker
        return employment if employment and day >= case.employment_from else case.worker

    def start(self, case, day: Day) -> WorkStep:
        rnd = self.rnd
        form = _weighted(rnd, FORMS)
        hours = 40 if form == EmploymentForm.REGULAR else 15 + int(rnd() * 16)
        return WorkStep(
            case, day, OutcomeKind.STARTED_WORK, self.worker(case, day),
            employer=EMPLOYERS[int(rnd() * len(EMPLOYERS))], form=form, route=_weighted(rnd, ROUTES),
            hours=hours, wage=None if form == EmploymentForm.SELF_EMPLOYED else 1_075 + 5 * int(rnd() * 30),
        )  # fmt: skip

    def rise(self, case, day: Day) -> WorkStep:
        rnd = self.rnd
        before = INCOMES[int(rnd() * len(INCOMES))]
        return WorkStep(
            case, day, OutcomeKind.INCOME_RISE, self.worker(case, day),
            income_before=before, income_after=before + RISES[int(rnd() * len(RISES))],
        )  # fmt: skip


class DemoWriter:
    """Nothing: the demo's steps into work come from statistics.py, through the jobs services."""

    def __init__(self, writer: Any) -> None:
        pass

    def start(self) -> None:
        pass

    def write(self, person: PersonStory) -> None:
        pass

    def finish(self) -> None:
        pass


OUTCOME_COLUMNS = (
    "id", "case_id", "kind", "on", "employer_id", "employer_name", "employment_form", "hours_per_week",
    "wage_kind", "wage", "route", "income_before", "income_after", "note", "introduction_id", "recorded_by_id",
    "created_at",
)  # fmt: skip
CHECK_COLUMNS = (
    "id",
    "outcome_id",
    "months",
    "due_on",
    "checked_on",
    "still_working",
    "note",
    "checked_by_id",
)


class BulkWriter:
    """Rows of the outcomes and their retention checks (the cases' rows are written before the chapters)."""

    def __init__(self, writer: Any) -> None:
        self.w = writer
        self.outcomes, self.checks = writer.t["work outcomes"], writer.t["retention checks"]

    def start(self) -> None:
        self.rnd = random.Random(self.w.teller.seed + SEED_OFFSET + 1).random

    def write(self, person: PersonStory) -> None:
        steps = person.chapters.get(NAME)
        if not steps:
            return
        w, rnd = self.w, self.rnd
        ds, base, latest = w.ds, w.base, w.teller.latest
        outcomes, checks = self.outcomes, self.checks
        for step in steps:
            outcome_id = outcomes.next_id
            outcomes.next_id += 1
            start = step.kind == OutcomeKind.STARTED_WORK
            outcomes.rows.append((
                outcome_id, step.case.ref, step.kind, ds[step.day - base], None, step.employer, step.form,
                step.hours, WageKind.HOURLY if step.wage else "", step.wage, step.route, step.income_before,
                step.income_after, "", None, step.worker, w.moment(step.day, outcome_id),
            ))  # fmt: skip
            if not start:
                continue
            working, started_on = True, dt.date.fromordinal(step.day)
            for months in RETENTION_MONTHS:
                due = months_after(started_on, months).toordinal()
                answered = due <= latest  # once the person has left the work, the later checks say so
                if answered and working:
                    working = rnd() < STILL_WORKING[months]
                checks.rows.append((
                    checks.next_id, outcome_id, months, ds[due - base], ds[due - base] if answered else None,
                    working if answered else None, "", step.worker if answered else None,
                ))  # fmt: skip
                checks.next_id += 1

    def finish(self) -> None:
        pass


CHAPTER = Chapter(
    name=NAME,
    teller=Teller,
    demo=DemoWriter,
    bulk=BulkWriter,
    tables=(
        ("work outcomes", WorkOutcome, OUTCOME_COLUMNS, 0.15),
        ("retention checks", RetentionCheck, CHECK_COLUMNS, 0.3),
    ),
)
