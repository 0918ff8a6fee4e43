"""The demo's steps into work for the national statistics, written through the services after the caseload
and job placement: for the last six ended months, the municipality's decision (支援決定日) on the plans
approved then, a start of work for about one person in three with an approved plan (more often with an
employment-support plan) and a rise in income for some others, each dated after the plan's approval. The
statistician's page then shows figures for recent months beyond the intakes and plans."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from tsunagu.cases import services as cases
from tsunagu.cases.models import Plan, PlanStatus
from tsunagu.jobs import services as jobs
from tsunagu.jobs.models import WorkOutcome

SEED = 170
MONTHS = 6
EMPLOYERS = (
    "釧路港湾清掃株式会社",
    "ホテル幣舞",
    "スーパーいずみ 新橋大通店",
    "有限会社ぬさまい物流",
    "釧路水産加工協同組合",
)


def load_statistics() -> dict[str, int]:
    """Write the decisions and work outcomes; returns how many of each."""
    today = timezone.localdate()
    first = (today.replace(day=1) - dt.timedelta(days=31 * MONTHS)).replace(day=1)
    rng = random.Random(SEED)
    counts: Counter[str] = Counter()
    plans = (
        Plan.objects.filter(status=PlanStatus.APPROVED, approved_on__gte=first, decided_on__isnull=True)
        .select_related("case", "case__worker")
        .order_by("approved_on", "pk")
    )
    for plan in plans:
        decided = min(today, plan.approved_on + dt.timedelta(days=rng.randint(2, 10)))
        if plan.agreed_on and decided < plan.agreed_on:
            continue
        worker = plan.case.worker
        if not worker.has_perm("cases.work_on_case", plan.case):
            continue
        cases.record_service_decision(plan=plan, actor=worker, decided_on=decided)
        counts["decisions"] += 1
        if WorkOutcome.objects.filter(case=plan.case).exists():
            continue
        chance = 0.45 if plan.employment_support else 0.15
        roll = rng.random()
        on = min(today, decided + dt.timedelta(days=rng.randint(10, 75)))
        if roll < chance and worker.has_perm("jobs.work_on_case", plan.case):
            jobs.record_work_outcome(actor=worker, case=plan.case, fields={
                "kind": "started_work", "on": on, "employer_name": rng.choice(EMPLOYERS),
                "employment_form": rng.choice(("part_time", "part_time", "regular")), "route": "hello_work",
            })  # fmt: skip
            counts["starts"] += 1
        elif roll < chance + 0.12 and worker.has_perm("jobs.work_on_case", plan.case):
            before = rng.choice((40_000, 60_000, 80_000))
            jobs.record_work_outcome(actor=worker, case=plan.case, fields={
                "kind": "income_rise", "on": on, "income_before": before, "income_after": before + 30_000,
            })  # fmt: skip
            counts["rises"] += 1
    return dict(counts)
