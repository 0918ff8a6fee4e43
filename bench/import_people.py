"""Importing people from an .xlsx ledger, timed: 10,000 made-up people (the sample ledger's layout: Japanese
headers, 和暦 dates, household members in columns) uploaded, previewed and imported by a supervisor through
the import services (each person by the intake service, so its rules and audit hold), on an empty office.

    TSUNAGU_VAR_DIR=bench/data/import .venv/bin/python bench/import_people.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_import .venv/bin/python bench/import_people.py

Target: under 60 s for 10,000 people on PostgreSQL, memory steady (the workbook is streamed). The database
must be migrated (`tsunagu migrate`); the run is rolled back at the end, so it can be repeated. Prints one
line per figure, and with --json the figures as JSON. process_cpu_s is this process's CPU time for the upload,
preview and import (the database's own work is not in it): on a shared machine it moves less than the wall
time, which follows the load average printed beside it. Peak memory: the process's maximum resident size
(getrusage), and with --tracemalloc the peak of Python's allocations (slower).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.settings")
os.environ.pop("DEBUG", None)

TARGET_SECONDS = 60.0


class Rollback(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also the peak of Python's allocations")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction

    from tsunagu.accounts.roles import Role
    from tsunagu.accounts.services import ensure_role_groups
    from tsunagu.imports import services
    from tsunagu.imports.sample import ledger_xlsx
    from tsunagu.testing.factories import AreaFactory, OfficeFactory, UserFactory

    figures: dict[str, float | int | str] = {"people": args.people, "database": connection.vendor}
    started = time.perf_counter()
    content = ledger_xlsx(args.people, areas=["鳥取", "大楽毛", "愛国"], seed=18)
    figures["workbook_bytes"] = len(content)
    figures["generate_s"] = round(time.perf_counter() - started, 2)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss_before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    if args.tracemalloc:
        tracemalloc.start()
    try:
        with transaction.atomic():
            ensure_role_groups()
            for name in ("鳥取", "大楽毛", "愛国"):
                AreaFactory(name=name)
            supervisor = UserFactory(username="bench_import", office=OfficeFactory(), roles=[Role.SUPERVISOR])
            started = time.perf_counter()
            upload = services.upload_file(
                actor=supervisor, source_name="bench", kind="people", file_name="bench.xlsx", content=content
            )
            check = services.preview(actor=supervisor, upload=upload)
            figures["preview_s"] = round(time.perf_counter() - started, 2)
            assert check.ok, check.errors[:5]
            started = time.perf_counter()
            run = services.import_upload(actor=supervisor, upload=upload)
            figures["import_s"] = round(time.perf_counter() - started, 2)
            figures["created"] = run.created_count
            raise Rollback
    except Rollback:
        pass
    if args.tracemalloc:
        figures["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures["process_cpu_s"] = round(usage.ru_utime + usage.ru_stime - cpu_before, 2)
    rss_after = usage.ru_maxrss
    figures["max_rss_mb"] = round(rss_after / 1024, 1)
    figures["rss_growth_mb"] = round((rss_after - rss_before) / 1024, 1)
    figures["total_s"] = round(figures["preview_s"] + figures["import_s"], 2)
    figures["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())  # 1, 5, 15 min; 2 cores
    figures["target_s"] = TARGET_SECONDS
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for name, value in figures.items():
            print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
