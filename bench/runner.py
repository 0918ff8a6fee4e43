"""Tsunagu's benchmark: the real server under a bounded mixed workload, with its floors.

    bench/run --size S                       SQLite file of the size (see bench/README.md)
    bench/run --size M --database-url postgres://postgres@127.0.0.1:5432/tsunagu_bench_m

Starts gunicorn (2 workers, production settings) on 127.0.0.1, logs in as the demo roles, and drives
the pages staff wait on at concurrency 1 and 16 with a bounded client (a fixed number of requests per
phase and a time limit). Measures two floors on the same server: GET /healthz (the stack with no work)
and the raw SQL behind the case-list page timed directly on the database. Writes
bench/results/<date>-<db>-<size>.json and prints a table with each page's p95 as a ratio to its floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import json
import os
import platform
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PASSWORD = "tsunagu-demo-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Targets of the issue (milliseconds, p95) by endpoint kind.
# The national report (issue 17): the month's counts under 2 s at M on PostgreSQL (bench/statistics_report.py
# times it in process; here it is one more page of the mixed workload).
TARGETS = {"read": 100, "write": 150, "overview": 300, "report": 2000, "floor": None}


# ---------------------------------------------------------------- the HTTP client


class Client:
    """One logged-in browser: a keep-alive connection, its cookies and its CSRF token."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: dict | list | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn recycles workers (max-requests): reconnect once.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def log_in(self, username: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page)
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
        )
        if status != 302:
            raise SystemExit(
                f"bench: could not log in as {username} (HTTP {status}); load the demo users first."
            )


# ---------------------------------------------------------------- the workload


@dataclass
class Endpoint:
    name: str
    kind: str  # read, write, overview, floor
    weight: int
    user: str
    method: str
    path: str | None = None
    body: object = None  # a dict, or a callable returning (path, body)
    ok: tuple[int, ...] = (200,)

    def next_request(self, rnd: random.Random) -> tuple[str, dict | None]:
        if callable(self.body):
            return self.body(rnd)
        return self.path, self.body


@dataclass
class Fixtures:
    case_ids: list[int]
    open_case_ids: list[int]
    search_terms: list[str]
    deep_page: int
    roll_call_session: int
    roll_call_body: list[tuple[str, str]]
    list_sql: tuple[str, list]
    counts: dict[str, int] = field(default_factory=dict)
    day_sheet_host: int = 0
    day_sheet_days: list[dt.date] = field(default_factory=list)
    day_sheet_body: list[tuple[str, str]] = field(default_factory=list)
    meeting_ids: list[int] = field(default_factory=list)


def prepare_fixtures(worker_username: str) -> Fixtures:
    """Read (and where needed create) what the workload needs, straight from the database."""
    import django

    django.setup()
    from django.db import connection

    from tsunagu.accounts.models import User
    from tsunagu.cases.models import OPEN_STATUSES, Case, Note
    from tsunagu.cases.selectors import CaseFilters, case_list, visible_cases
    from tsunagu.people.models import Person
    from tsunagu.programs.models import Attendance, Placement

    worker = User.objects.get(username=worker_username)
    mine = visible_cases(worker).filter(worker=worker).order_by("-id")
    case_ids = list(mine.values_list("pk", flat=True)[:200])
    open_case_ids = list(mine.filter(status__in=OPEN_STATUSES).values_list("pk", flat=True)[:200])
    if not case_ids:
        raise SystemExit(
            f"bench: {worker_username} has no cases; generate data with `tsunagu bench-data` first."
        )
    readings = list(
        Person.objects.filter(cases__office=worker.office)
        .values_list("reading_key", flat=True)
        .distinct()[:400]
    )
    terms = sorted({r[:3] for r in readings if len(r) >= 3})[:100] or ["やま"]
    total = case_list(worker, CaseFilters()).count()
    page_size = 50
    deep_page = max(1, min(total // page_size, 200))
    session_id, body = roll_call_fixture(worker)
    day_sheet = day_sheet_fixture(worker)
    qs = case_list(worker, CaseFilters()).order_by("-intake_date", "-id")[:page_size]
    sql, params = qs.query.sql_with_params()
    counts = {
        "people": Person.objects.count(),
        "cases": Case.objects.count(),
        "notes": Note.objects.count(),
        "placements": Placement.objects.count(),
        "attendance": Attendance.objects.count(),
        "cases_visible_to_worker": total,
    }
    meeting_ids = meeting_fixture(worker)
    counts["meetings"], counts["referrals"] = len(meeting_ids), referral_count()
    connection.close()
    fixtures = Fixtures(
        case_ids, open_case_ids, terms, deep_page, session_id, body, (sql, list(params)), counts
    )
    fixtures.day_sheet_host, fixtures.day_sheet_days, fixtures.day_sheet_body = day_sheet
    fixtures.meeting_ids = meeting_ids
    return fixtures


def meeting_fixture(worker) -> list[int]:
    """The worker's office's 支援調整会議 of the last year (bench-data writes them), newest first."""
    from tsunagu.network.models import Meeting, MeetingKind

    meetings = Meeting.objects.filter(office=worker.office, kind=MeetingKind.COORDINATION).order_by(
        "-held_on"
    )
    ids = list(meetings.values_list("pk", flat=True)[:60])
    if not ids:
        raise SystemExit("bench: no meetings; generate data with this version of `tsunagu bench-data`.")
    return ids


def referral_count() -> int:
    from tsunagu.network.models import Referral

    return Referral.objects.count()


def roll_call_fixture(worker) -> tuple[int, list[tuple[str, str]]]:
    """A past session of a bench host with 40 people taking part, created once."""
    from django.utils import timezone

    from tsunagu.organisations.models import Organisation
    from tsunagu.people.models import Person
    from tsunagu.programs.models import Placement, Program, ProgramHost, Session

    program, _ = Program.objects.get_or_create(
        name="ベンチマーク用プログラム",
        defaults={"stage": "social_life", "category": "work_experience", "active_from": dt.date(2015, 4, 1),
                  "weekdays": [0, 1, 2, 3, 4], "start_time": dt.time(9), "end_time": dt.time(12)},
    )  # fmt: skip
    host, _ = ProgramHost.objects.get_or_create(
        program=program, organisation=Organisation.objects.order_by("pk").first()
    )
    day = timezone.localdate() - dt.timedelta(days=1)
    session, _ = Session.objects.get_or_create(
        host=host, date=day, start_time=dt.time(9), defaults={"end_time": dt.time(12)}
    )
    # The worker's roll-call takes only people of their own office's cases (anyone else refuses the
    # whole roll-call), so the 40 are chosen there.
    in_scope = Person.objects.filter(cases__office=worker.office).values("pk")
    active = host.placements.filter(status="active", person__in=in_scope).order_by("pk")
    placed = list(active[:40])
    if len(placed) < 40:
        taken = set(host.placements.values_list("person_id", flat=True))
        people = (
            Person.objects.filter(pk__in=in_scope).exclude(pk__in=taken).order_by("pk")[: 40 - len(placed)]
        )
        Placement.objects.bulk_create(
            Placement(
                person=p, host=host, worker=worker, status="active", started_on=day - dt.timedelta(days=30)
            )
            for p in people
        )
        placed = list(active[:40])
    body: list[tuple[str, str]] = []
    for placement in placed:
        body += [("placement", str(placement.pk)), (f"p{placement.pk}-status", "present"),
                 (f"p{placement.pk}-hours", "3"), (f"p{placement.pk}-absence_reason", "")]  # fmt: skip
    return session.pk, body


DAY_SHEET_PEOPLE = 30
DAY_SHEET_DAYS = 400  # more days than a run saves sheets: each save is a day's first (30 presences, 30 logs)


def day_sheet_fixture(worker) -> tuple[int, list[dt.date], list[tuple[str, str]]]:
    """A net-mending site of the bench with one work type, 30 people of the worker's office placed there and
    a session on each of the last DAY_SHEET_DAYS days, created once; the site's earlier attendance and logs
    (the bench's own, from an earlier run) are cleared, so that each day's save is a first save."""
    from django.utils import timezone

    from tsunagu.organisations.models import Organisation
    from tsunagu.people.models import Person
    from tsunagu.programs.models import Attendance, Placement, Program, ProgramHost, Session
    from tsunagu.work.models import WorkLog, WorkType

    program, _ = Program.objects.get_or_create(
        name="ベンチマーク用作業（中間的就労）",
        defaults={"stage": "employment", "category": "intermediate_work", "active_from": dt.date(2015, 4, 1),
                  "weekdays": [0, 1, 2, 3, 4], "start_time": dt.time(9), "end_time": dt.time(12)},
    )  # fmt: skip
    host, _ = ProgramHost.objects.get_or_create(
        program=program, organisation=Organisation.objects.order_by("pk").first()
    )
    work_type, _ = WorkType.objects.get_or_create(
        host=host, name="ベンチマーク用 漁網の整網作業",
        defaults={"unit": "枚", "work_form": "training", "max_units_per_hour": 30},
    )  # fmt: skip
    last = timezone.localdate() - dt.timedelta(days=1)
    days = [last - dt.timedelta(days=n) for n in range(DAY_SHEET_DAYS)]
    WorkLog.objects.filter(work_type__host=host).delete()
    Attendance.objects.filter(session__host=host).delete()
    have = set(Session.objects.filter(host=host, start_time=dt.time(9)).values_list("date", flat=True))
    Session.objects.bulk_create(
        Session(host=host, date=day, start_time=dt.time(9), end_time=dt.time(12))
        for day in days
        if day not in have
    )
    in_scope = Person.objects.filter(cases__office=worker.office).values("pk")
    active = host.placements.filter(status="active", person__in=in_scope).order_by("pk")
    placed = list(active[:DAY_SHEET_PEOPLE])
    if len(placed) < DAY_SHEET_PEOPLE:
        taken = host.placements.values("person_id")
        people = Person.objects.filter(pk__in=in_scope).exclude(pk__in=taken).order_by("-pk")
        Placement.objects.bulk_create(
            Placement(person=p, host=host, worker=worker, status="active",
                      started_on=days[-1] - dt.timedelta(days=30))
            for p in people[: DAY_SHEET_PEOPLE - len(placed)]
        )  # fmt: skip
        placed = list(active[:DAY_SHEET_PEOPLE])
    body: list[tuple[str, str]] = []
    for placement in placed:
        prefix = f"p{placement.pk}-"
        body += [("placement", str(placement.pk)), (prefix + "status", "present"), (prefix + "hours", "3"),
                 (prefix + f"w{work_type.pk}_quantity", "40"), (prefix + f"w{work_type.pk}_minutes", "150"),
                 (prefix + f"w{work_type.pk}_defects", "1")]  # fmt: skip
    return host.pk, days, body


def workload(fx: Fixtures) -> list[Endpoint]:
    def case_page(rnd):
        return f"/cases/{rnd.choice(fx.case_ids)}/", None

    def search(rnd):
        return "/cases/?" + urllib.parse.urlencode({"q": rnd.choice(fx.search_terms)}), None

    def note(rnd):
        now = dt.datetime.now().strftime("%Y-%m-%dT%H:%M")
        body = {
            "occurred_at": now,
            "method": "phone",
            "minutes": "10",
            "content": "電話。体調と今週の予定を確認。",
        }
        return f"/cases/{rnd.choice(fx.open_case_ids)}/notes/", body

    roll_call_path = f"/programs/sessions/{fx.roll_call_session}/"
    day_sheet_days = itertools.cycle(fx.day_sheet_days)

    def day_sheet(rnd):
        return (
            f"/work/day-sheets/{fx.day_sheet_host}/?date={next(day_sheet_days):%Y-%m-%d}",
            fx.day_sheet_body,
        )

    def overview_on(rnd):
        day = dt.date.today() - dt.timedelta(days=rnd.randint(30, 1000))
        return f"/programs/overview/?on={day.isoformat()}", None

    def meeting(rnd):
        return f"/network/meetings/{rnd.choice(fx.meeting_ids)}/", None

    return [
        Endpoint("healthz (floor)", "floor", 5, "soudan", "GET", "/healthz"),
        Endpoint("caseload", "read", 15, "soudan", "GET", "/cases/caseload/"),
        Endpoint("case list p1", "read", 15, "soudan", "GET", "/cases/"),
        Endpoint(f"case list p{fx.deep_page}", "read", 8, "soudan", "GET", f"/cases/?page={fx.deep_page}"),
        Endpoint("search by reading", "read", 15, "soudan", "GET", body=search),
        Endpoint("case page", "read", 20, "soudan", "GET", body=case_page),
        Endpoint("add a note", "write", 8, "soudan", "POST", body=note, ok=(302,)),
        Endpoint("roll-call (40)", "write", 4, "shuro", "POST", roll_call_path, fx.roll_call_body, ok=(302,)),
        Endpoint("overview", "overview", 5, "toukei", "GET", "/programs/overview/"),
        # The 全体概況 as of a past day: counts read from the placements' dates (never cached).
        Endpoint("overview as of a day", "overview", 3, "toukei", "GET", body=overview_on),
        Endpoint("national statistics", "report", 2, "toukei", "GET", "/statistics/"),
        Endpoint("day sheet (30)", "write", 4, "shuro", "POST", body=day_sheet, ok=(302,)),
        Endpoint("referral inbox", "read", 5, "houterasu", "GET", "/network/referrals/inbox/"),
        Endpoint("meeting page", "read", 5, "soudan", "GET", body=meeting),
        # The area view counts every case, placement, issue and resource of a year per area, suppressed for
        # the statistician: an aggregate like the overview, held to its target.
        Endpoint("area view", "overview", 4, "toukei", "GET", "/community/areas/"),
    ]


@dataclass
class PhaseResult:
    concurrency: int
    seconds: float
    samples: dict[str, list[float]]
    errors: dict[str, int]
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds during the phase, by process

    @property
    def total(self) -> int:
        return sum(len(s) for s in self.samples.values())


def run_phase(port: int, endpoints: list[Endpoint], concurrency: int, max_requests: int, max_seconds: float,
              seed: int, meter=None) -> PhaseResult:  # fmt: skip
    """Each of `concurrency` clients loops over the weighted mix until the phase's request budget or its
    time limit is spent: a bounded load, never an open loop."""
    samples: dict[str, list[float]] = {e.name: [] for e in endpoints}
    errors: dict[str, int] = {e.name: 0 for e in endpoints}
    budget = [max_requests]
    lock = threading.Lock()
    users = sorted({e.user for e in endpoints})
    clients = []
    for _ in range(concurrency):
        per_user = {}
        for user in users:
            client = Client(port)
            client.log_in(user)
            per_user[user] = client
        clients.append(per_user)
    deadline = time.monotonic() + max_seconds
    weights = [e.weight for e in endpoints]

    def worker(index: int) -> None:
        rnd = random.Random(seed + index)
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            endpoint = rnd.choices(endpoints, weights)[0]
            path, body = endpoint.next_request(rnd)
            started = time.perf_counter()
            try:
                status, _ = clients[index][endpoint.user].request(endpoint.method, path, body)
                ok = status in endpoint.ok
            except (OSError, http.client.HTTPException):
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                samples[endpoint.name].append(elapsed)
                if not ok:
                    errors[endpoint.name] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    # CPU is metered from here: the logins above (password hashing) are not part of the workload.
    before = meter() if meter else {}
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    after = meter() if meter else {}
    return PhaseResult(concurrency, elapsed, samples, errors, {k: after[k] - before[k] for k in after})


# ---------------------------------------------------------------- floors, server, memory


def time_sql(sql: str, params: list, repeat: int = 200) -> list[float]:
    """The case-list page's own SQL, run directly on the database (no Django view, no HTTP)."""
    import django

    django.setup()
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    tsunagu = ROOT / ".venv" / "bin" / "tsunagu"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [str(tsunagu), "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"), start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("bench: the server did not answer /healthz within two minutes.")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def cpu_seconds(server: subprocess.Popen) -> dict[str, float]:
    """CPU time spent so far by the gunicorn workers, by this client and by the whole machine. What is
    left of the machine's share is the database (PostgreSQL's backends come and go, so they are not
    counted one by one) and the system; on a quiet machine it is the database."""
    tick = os.sysconf("SC_CLK_TCK")
    workers = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == server.pid:
            workers += (int(fields[11]) + int(fields[12])) / tick
    own = resource.getrusage(resource.RUSAGE_SELF)
    client = own.ru_utime + own.ru_stime
    machine = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    busy = (
        sum(int(v) for i, v in enumerate(machine) if i not in (3, 4, 7, 8, 9)) / tick
    )  # not idle, iowait, steal, guest
    return {"server workers": workers, "client": client, "database and system": busy - workers - client,
            "machine": busy}  # fmt: skip


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (the children of the master process)."""
    master = server.pid
    # `tsunagu serve` execs gunicorn in place, so the master keeps this pid.
    rss = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        ppid = int(re.search(r"^PPid:\s+(\d+)", text, re.M).group(1))
        if ppid == master:
            kb = int(re.search(r"^VmRSS:\s+(\d+)", text, re.M).group(1))
            rss.append(round(kb / 1024, 1))
    return sorted(rss)


# ---------------------------------------------------------------- report


def python_loop_seconds() -> float:
    """How fast this machine runs Python just now: a fixed loop of 10 million additions (least of three).
    Figures from different machines, or from one machine shared with busy neighbours, compare through it."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best, 2)


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {"n": len(ordered), "p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99),
            "mean": round(statistics.fmean(ordered), 1)}  # fmt: skip


def report(args, fx: Fixtures, endpoints: list[Endpoint], phases: list[PhaseResult], sql_ms: list[float],
           rss: list[float]) -> dict:  # fmt: skip
    sql_floor = percentiles(sql_ms)
    result = {
        "date": dt.date.today().isoformat(),
        "database": args.db_label,
        "size": args.size,
        "machine": {
            "cpus": os.cpu_count(),
            "python_loop_seconds": python_loop_seconds(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "server": "gunicorn, 2 sync workers, DEBUG off",
        "data": fx.counts,
        "floors": {"case list SQL (ms)": sql_floor},
        "worker_rss_mb": rss,
        "phases": [],
    }
    for phase in phases:
        healthz = percentiles(phase.samples["healthz (floor)"])
        rows = {}
        for endpoint in endpoints:
            stats = percentiles(phase.samples[endpoint.name])
            floor = sql_floor if endpoint.name.startswith("case list") else healthz
            if stats.get("p95") and floor.get("p95"):
                stats["ratio_to_floor"] = round(stats["p95"] / max(floor["p95"], 0.1), 1)
            stats["errors"] = phase.errors[endpoint.name]
            stats["target_p95_ms"] = TARGETS[endpoint.kind]
            rows[endpoint.name] = stats
        result["phases"].append({
            "concurrency": phase.concurrency,
            "seconds": round(phase.seconds, 1),
            "requests": phase.total,
            "requests_per_second": round(phase.total / phase.seconds, 1),
            "errors": sum(phase.errors.values()),
            "cpu_ms_per_request": {k: round(v * 1000 / max(phase.total, 1), 1) for k, v in phase.cpu.items()},
            "cores_busy": round(phase.cpu.get("machine", 0) / phase.seconds, 2),
            "endpoints": rows,
        })  # fmt: skip
    return result


def print_table(result: dict) -> None:
    print(
        f"\nTsunagu benchmark {result['date']}  {result['database']}/{result['size']}  data: {result['data']}"
    )
    print(
        f"worker RSS (MB): {result['worker_rss_mb']}   case-list SQL floor: {result['floors']['case list SQL (ms)']}"
    )
    for phase in result["phases"]:
        print(f"\nconcurrency {phase['concurrency']}: {phase['requests']} requests in {phase['seconds']} s = "
              f"{phase['requests_per_second']} req/s, {phase['errors']} errors")  # fmt: skip
        if phase.get("cpu_ms_per_request"):
            spent = ", ".join(f"{k} {v}" for k, v in phase["cpu_ms_per_request"].items())
            print(
                f"  CPU ms per request: {spent}; cores busy {phase['cores_busy']} of {result['machine']['cpus']}"
            )
        print(f"  {'endpoint':<22}{'n':>6}{'p50':>8}{'p95':>8}{'p99':>8}{'×floor':>8}{'target':>8}{'err':>5}")
        for name, s in phase["endpoints"].items():
            if not s.get("n"):
                continue
            target = s["target_p95_ms"] or "—"
            mark = "" if not s["target_p95_ms"] or s["p95"] <= s["target_p95_ms"] else " !"
            print(f"  {name:<22}{s['n']:>6}{s['p50']:>8}{s['p95']:>8}{s['p99']:>8}{s.get('ratio_to_floor', ''):>8}"
                  f"{target:>8}{s['errors']:>5}{mark}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", required=True, help="S, M or L (the label of the generated data)")
    parser.add_argument("--database-url", default="", help="default: the SQLite file of bench/data/<size>")
    parser.add_argument("--concurrency", default="1,16")
    parser.add_argument("--requests", type=int, default=3000, help="request budget per phase")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per phase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", default="", help="default: bench/results/<date>-<db>-<size>.json")
    parser.add_argument(
        "--generate", action="store_true", help="migrate and generate the data first if empty"
    )
    args = parser.parse_args()

    var_dir = ROOT / "bench" / "data" / args.size.upper()
    env = dict(os.environ, TSUNAGU_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="tsunagu.settings")
    env.pop("DEBUG", None)
    # The load clients log in with the demo logins' password only (no authenticator app to type from).
    env["TSUNAGU_DEMO"] = "1"
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    args.db_label = "postgresql" if env.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    os.environ.update(
        {k: v for k, v in env.items() if k in ("TSUNAGU_VAR_DIR", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    )
    if "DATABASE_URL" not in env:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))

    if args.generate:
        tsunagu = str(ROOT / ".venv" / "bin" / "tsunagu")
        subprocess.run([tsunagu, "migrate", "-v", "0"], env=env, check=True)
        subprocess.run(
            [tsunagu, "bench-data", "--size", args.size.upper(), "--if-empty"], env=env, check=True
        )
    fx = prepare_fixtures("soudan")
    sql_ms = time_sql(*fx.list_sql)
    endpoints = workload(fx)
    port = free_port()
    server = start_server(port, env, ROOT / "bench" / "data" / "server.log")
    try:
        phases = []
        for concurrency in (int(c) for c in args.concurrency.split(",")):
            # Warm both workers (imports, caches) before measuring.
            run_phase(port, endpoints, min(concurrency, 4), 40, 30, args.seed + 999)
            phases.append(run_phase(port, endpoints, concurrency, args.requests, args.seconds, args.seed,
                                    meter=lambda: cpu_seconds(server)))  # fmt: skip
        rss = worker_rss_mb(server)
    finally:
        stop_server(server)
    result = report(args, fx, endpoints, phases, sql_ms, rss)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = (
        Path(args.output)
        if args.output
        else RESULTS / f"{result['date']}-{args.db_label}-{args.size.upper()}.json"
    )
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print_table(result)
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
