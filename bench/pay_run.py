"""The month's pay run, timed against a generated database: `compute_months` for every host of a month
(every person's pay), and closing the month at the busiest host (rolled back, so nothing is kept).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_bench_m .venv/bin/python bench/pay_run.py
    TSUNAGU_VAR_DIR=bench/data/S .venv/bin/python bench/pay_run.py --month 2026-10 --repeat 3

Target: the pay run under 2 s at the M size on PostgreSQL. The month defaults to the latest ended month
with work logs. Works on whatever WorkLog rows exist (none: it says so). Prints one line per figure and,
with --json, the figures as JSON.
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

TARGET_SECONDS = 2.0


def _timed(function, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--month", help="2026-10 (default: the latest ended month with work logs)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of the pay run (the least and median shown)"
    )
    parser.add_argument("--no-close", action="store_true", help="skip timing the close at the busiest host")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    import datetime as dt

    from django.db import connection, transaction
    from django.db.models import Count
    from django.utils import timezone

    from tsunagu.accounts.models import User
    from tsunagu.work.models import PayMonth, WorkLog
    from tsunagu.work.months import month_end, month_start
    from tsunagu.work.pay import compute_months
    from tsunagu.work.services_pay import close_pay_month

    this_month = month_start(timezone.localdate())
    if args.month:
        year, month_number = (int(part) for part in args.month.split("-"))
        month = dt.date(year, month_number, 1)
    else:
        latest = (
            WorkLog.objects.filter(date__lt=this_month)
            .order_by("-date")
            .values_list("date", flat=True)
            .first()
        )
        month = month_start(latest) if latest else month_start(this_month - dt.timedelta(days=1))
    logs = WorkLog.objects.filter(date__range=(month, month_end(month)))
    log_count = logs.count()
    figures: dict = {"database": connection.vendor, "month": f"{month:%Y-%m}", "work_logs": log_count}
    if not log_count:
        print(f"No work logs in {month:%Y-%m}: generate work data first (nothing to time).")
        return 1

    times, pays = _timed(lambda: compute_months(month=month), args.repeat)
    figures |= {
        "people_paid": len(pays),
        "hosts": len({pay.host_id for pay in pays}),
        "pay_run_seconds_min": round(min(times), 3),
        "pay_run_seconds_median": round(statistics.median(times), 3),
        "target_seconds": TARGET_SECONDS,
        "within_target": min(times) < TARGET_SECONDS,
    }

    if not args.no_close and month < this_month:
        busiest = logs.values("placement__host_id").annotate(n=Count("id")).order_by("-n").first()
        host_id = busiest["placement__host_id"]
        actor = User.objects.filter(groups__name="supervisor", is_active=True).first()
        if actor is None:
            figures["close"] = "no supervisor user to close with"
        elif PayMonth.objects.filter(host_id=host_id, month=month).exists():
            figures["close"] = "the month is already closed at the busiest host"
        else:
            from tsunagu.programs.models import ProgramHost

            host = ProgramHost.objects.get(pk=host_id)
            started = time.perf_counter()
            with transaction.atomic():
                pay_month = close_pay_month(actor=actor, host=host, month=month)
                figures["close_statements"] = pay_month.statements.count()
                transaction.set_rollback(True)  # timed, never kept
            figures["close_seconds"] = round(time.perf_counter() - started, 3)
            figures["close_host_logs"] = busiest["n"]

    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>26}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
