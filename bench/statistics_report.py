"""The monthly national report (tsunagu/statistics), timed against a generated database: the counts of
one month for the whole organisation, for one reporting body (釧路市) and for a fiscal year.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_bench_m .venv/bin/python bench/statistics_report.py
    TSUNAGU_VAR_DIR=bench/data/S .venv/bin/python bench/statistics_report.py --month 2026-10 --repeat 3

Targets (issue 17): under 2 s for 100,000 people (M) and under 10 s for 1,000,000 (L) on PostgreSQL. The
month defaults to the last ended month. The bench data's stories have their dated work outcomes and plans
flagged 就労支援対象 (tsunagu/sampledata/outcomes.py). A database generated before they did has none:
`--synthesise` adds them for the run (half the plans flagged; a start of work for one case in eight with an
approved plan, a rise in income for one in sixteen), inside a transaction that is rolled back after the
timing, so the database is left as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.settings")
os.environ.pop("DEBUG", None)

TARGETS = {"M": 2.0, "L": 10.0}  # seconds, by size
M_PEOPLE = 100_000


def _timed(function, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return times, result


def _synthesise() -> dict[str, int]:
    """Flag half the plans and add dated work outcomes (rolled back by the caller)."""
    import datetime as dt

    from django.db.models import F
    from django.db.models.functions import Mod

    from tsunagu.accounts.models import User
    from tsunagu.cases.models import Plan
    from tsunagu.jobs.models import WorkOutcome

    flagged = Plan.objects.annotate(half=Mod(F("id"), 2)).filter(half=0).update(employment_support=True)
    recorder = User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True).first()
    rows = []
    plans = Plan.objects.filter(approved_on__isnull=False).annotate(eighth=Mod(F("case_id"), 16))
    for case_id, approved_on, eighth in plans.filter(eighth__in=(0, 8, 3)).values_list(
        "case_id", "approved_on", "eighth"
    ):
        on = approved_on + dt.timedelta(days=case_id % 120)
        if eighth == 3:
            rows.append(WorkOutcome(case_id=case_id, kind="income_rise", on=on, income_before=60_000,
                                    income_after=90_000, recorded_by_id=recorder))  # fmt: skip
        else:
            rows.append(WorkOutcome(case_id=case_id, kind="started_work", on=on, employer_name="ベンチ商店",
                                    employment_form="part_time", route="own_search", recorded_by_id=recorder))  # fmt: skip
    WorkOutcome.objects.bulk_create(rows, batch_size=5_000)
    return {"plans_flagged": flagged, "outcomes_added": len(rows)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--month", help="2026-10 (default: the last ended month)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each report (the least and median shown)"
    )
    parser.add_argument(
        "--synthesise",
        action="store_true",
        help="for a database generated before the stories had work outcomes: add outcomes and flags for the run only",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from tsunagu.core.dates import fiscal_year_of
    from tsunagu.organisations.models import Organisation
    from tsunagu.people.models import Person
    from tsunagu.statistics.indicators import Scope, fiscal_year_period, month_period, national_report

    today = timezone.localdate()
    if args.month:
        year, number = (int(part) for part in args.month.split("-"))
        month = dt.date(year, number, 1)
    else:
        month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    people = Person.objects.count()
    size = "L" if people > 5 * M_PEOPLE else "M" if people > M_PEOPLE // 2 else "S"
    target = TARGETS.get(size)
    organisation = Organisation.objects.filter(type="hub").order_by("pk").first()
    if organisation is None:
        print("No hub organisation: generate the bench data first.")
        return 1
    figures: dict = {"database": connection.vendor, "people": people, "size": size, "month": f"{month:%Y-%m}"}
    from tsunagu.jobs.models import WorkOutcome

    figures["work_outcomes"] = WorkOutcome.objects.count()
    if not figures["work_outcomes"] and not args.synthesise:
        print("No work outcomes: a database generated before the stories had them; add --synthesise.")
    with transaction.atomic():
        if args.synthesise:
            figures |= _synthesise()
        everyone = Scope(organisation_id=organisation.pk)
        city = Scope(organisation_id=organisation.pk, reporter="釧路市")
        for name, period, scope in (
            ("month", month_period(month), everyone),
            ("month_kushiro", month_period(month), city),
            ("fiscal_year", fiscal_year_period(fiscal_year_of(month)), everyone),
        ):
            times, report = _timed(lambda p=period, s=scope: national_report(p, s), args.repeat)
            figures[f"{name}_seconds_min"] = round(min(times), 3)
            figures[f"{name}_seconds_median"] = round(statistics.median(times), 3)
            f = report.figures
            figures[f"{name}_figures"] = (
                f"新規相談 {f.new_consultations}, プラン {f.first_plans}+{f.replans}, 就労支援対象 {f.employment_support}, "
                f"就労 {f.started_work} (うち {f.started_work_supported}), 増収 {f.income_rise} (うち {f.income_rise_supported}), "
                f"評価 {f.evaluated} (変化あり {f.stepped_up})"
            )
        transaction.set_rollback(True)  # timed, never kept
    if target is not None:
        figures |= {"target_seconds": target, "within_target": figures["month_seconds_min"] < target}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>28}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
