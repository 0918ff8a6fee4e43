"""CPU cost of pages, in process, against a generated database: the tool for finding what to speed up.

    TSUNAGU_VAR_DIR=bench/data/S .venv/bin/python bench/profile_page.py /cases/ /cases/CASE/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_bench_m .venv/bin/python bench/profile_page.py \
        --queries --profile 40 /cases/caseload/

For each path: CPU milliseconds per request in this process and wall milliseconds (which add the
database's own work; the least of five batches of 20, since a shared machine is noisy), the Python function calls of one request (steady whatever else runs), the response size and the
number of SQL queries; with --queries the SQL itself, with
--profile N the N costliest functions. CASE in a path becomes one of the user's cases. Requests go
through the whole middleware stack as the given user (default the demo consultation worker).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.settings")
os.environ.pop("DEBUG", None)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", default="soudan")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL")
    parser.add_argument("--width", type=int, default=300, help="characters of each query printed (--queries)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key (cumulative, tottime …)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tsunagu.accounts.models import User
    from tsunagu.cases.models import Case

    user = User.objects.get(username=args.user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    from tsunagu.accounts.twofactor import needs_second_factor
    from tsunagu.testing.twofactor import verify_session

    if needs_second_factor(user):
        verify_session(client, user)  # as after the code: the page's device lookup is measured too
    case_id = Case.objects.filter(worker=user).values_list("pk", flat=True).first()
    for raw in args.paths:
        path = raw.replace("CASE", str(case_id))
        for _ in range(5):  # warm: imports, caches, the session
            response = client.get(path)
        if response.status_code != 200:
            print(f"{path}: HTTP {response.status_code}")
            continue
        batches, walls = [], []
        for _ in range(5):
            started, wall = time.process_time(), time.perf_counter()
            for _ in range(20):
                client.get(path)
            batches.append((time.process_time() - started) / 20 * 1000)
            walls.append((time.perf_counter() - wall) / 20 * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries = [query["sql"] for query in captured.captured_queries]  # before the next request resets them
        # Function calls are a steadier yardstick than seconds when other work shares the machine.
        counter = cProfile.Profile()
        counter.runcall(client.get, path)
        calls = sum(stat[1] for stat in pstats.Stats(counter).stats.values())
        print(f"{path}: {min(batches):.1f} ms CPU ({min(walls):.1f} ms wall, the database's time included) per request, {calls:,} Python calls, "
              f"{len(response.content):,} bytes, {len(queries)} queries")  # fmt: skip
        if args.queries:
            for sql in queries:
                print(f"    {sql[: args.width]}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(20):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
