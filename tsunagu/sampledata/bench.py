"""The bench's writer: `tsunagu bench-data --size S|M|L` writes the stories of 10,000 / 100,000 / 1,000,000
people (stories.py, the BENCH profile: cases over the last five years, 1.2 a person) as bulk rows.

Each person has on average 1.2 cases, 20 support notes, 1.1 assessments, 1.1 plans, 0.5 placements and 28
attendance rows, with dates over the last five years (never in the future, never before the case's
intake) and every case in the status its records imply (services.derive_status): the generator decides
all of that; this module only turns each step into the row a service would have written.

These are the only hand-built case rows in the project (everything else writes through the services):
they carry every column the services would set, derived ones included, and check_columns fails when a
model gains a required column that is not filled here. Values are never put into SQL text: rows go to
the database as parameters (executemany on SQLite) or through COPY (psycopg escapes each value).

Speed: rows are built as plain tuples with primary keys assigned here (after the tables' current
maximum), so nothing is ever read back; they are written in chunks of people, with COPY on PostgreSQL
and executemany in one transaction per chunk on SQLite. Memory stays bounded whatever the size: only
one chunk's rows, the sessions' (host, day) → id map and some small lookup tables are held. On
PostgreSQL the foreign-key triggers are skipped during the load when the user may do so (every key is
assigned here, parents first; the tests check every key), then the sequences are moved past our ids and
the tables vacuumed and analysed; on SQLite the run uses synchronous=OFF and ends with ANALYZE.

People are spread over the hub's offices (most at 本所, where the demo login soudan works) with ten
generated casework users per office (bench-<office>-01…, the demo password); the demo logins soudan,
shuro and onbetsu keep a caseload of about DEMO_OPEN_CASELOAD open cases whatever the size, and cw has
referred a share of the cases.

The same seed on the same database and the same `as_of` day gives the same data. The history tables of
django-simple-history and the audit log get no rows: bench data is not an event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.cases.models import (
    ASSESSMENT_DOMAINS,
    Assessment,
    Case,
    CaseConcern,
    Closure,
    ClosureStatus,
    EmergencySupport,
    Evaluation,
    FamilyMember,
    Monitoring,
    Note,
    Plan,
    PlanKind,
    PlanSupport,
    WorkHistory,
    closure_kind,
)
from tsunagu.cases.services import propose_stage
from tsunagu.core.japanese import search_key
from tsunagu.organisations.models import Area, Office, Organisation
from tsunagu.people.models import Consent, HouseholdMember, Person, StageChange
from tsunagu.sampledata import bench_hub, stories
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cast import hub_offices, read_cast, with_role
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.chapters import CHAPTERS
from tsunagu.sampledata.organisations import HUB_NAME, load_organisations
from tsunagu.sampledata.stories import BENCH, SLOTS, PersonStory, Storyteller, Team
from tsunagu.sampledata.tables import OFFICES, OPEN, PERSONAS, STATUS_SHARES, R, W

SIZES = {"S": 10_000, "M": 100_000, "L": 1_000_000}
DEFAULT_SEED = 20261128
CHUNK_PEOPLE = 2_000
WORKERS_PER_OFFICE = 10  # 7 consultation workers, 2 employment workers, 1 supervisor
DEFAULT_OFFICES = 5  # the hub's 本所 and 音別サテライト, and three generated offices
# The demo logins keep a realistic caseload however large the office: about this many open cases each.
DEMO_OPEN_CASELOAD = 300
DEMO_LOGINS = frozenset({"soudan", "shuro", "onbetsu"})
# cw (the city case worker) referred this share of the cases, at most about this many.
CW_SHARE, CW_MAX_CASES = 0.08, 1_000


@dataclass
class Table:
    """One table being filled: its columns, the rows of the current chunk, the next free id."""

    label: str
    model: type[models.Model]
    columns: tuple[str, ...]
    per_person: float  # expected rows per person, for the progress line
    next_id: int = 1
    rows: list[tuple] = field(default_factory=list)
    written: int = 0

    @property
    def name(self) -> str:
        return self.model._meta.db_table


SCORE_COLUMNS = tuple(f"score_{code}" for code, _label in ASSESSMENT_DOMAINS)
PEOPLE_COLUMNS = (
    "id", "family_name", "given_name", "family_name_kana", "given_name_kana", "date_of_birth", "sex", "area_id",
    "postal_code", "address", "phone", "mobile_phone", "email", "emergency_contact", "is_dv_protected",
    "current_stage", "name_key", "reading_key", "given_reading_key", "phone_key", "mobile_key", "merged_into_id", "created_at",
    "updated_at", "edit_version",
)  # fmt: skip
HOUSEHOLD_COLUMNS = (
    "id",
    "person_id",
    "name",
    "relation",
    "age",
    "is_also_supported",
    "note",
    "edit_version",
)
CASE_COLUMNS = (
    "id", "person_id", "office_id", "reference", "intake_date", "received_by_id", "route",
    "referring_caseworker_id", "visitor_name", "visitor_relation", "wishes", "application_signed_on",
    "screening_outcome", "handover_target", "handover_detail", "contract", "welfare_status", "worker_id",
    "employment_worker_id", "status", "closed_on", "last_contact_on", "next_monitoring_on", "created_at",
    "updated_at",
)  # fmt: skip
ASSESSMENT_COLUMNS = (
    "id", "case_id", "assessed_on", "assessor_id", "work_status", "housing_type", "health_insurance", "pension",
    "income_and_welfare", "life_history", "strengths", "urgency", *SCORE_COLUMNS, "proposed_stage",
    "confirmed_stage", "narrative", "created_at", "monthly_income", "debt_total", "monthly_repayment", "challenges",
    "person_wishes", "employment_support",
)  # fmt: skip
WORK_HISTORY_COLUMNS = ("id", "assessment_id", "period", "employer_or_job", "work_type", "reason_left")
FAMILY_COLUMNS = ("id", "assessment_id", "relation", "age", "lives_together", "situation")
PLAN_SUPPORT_COLUMNS = ("id", "plan_id", "agency", "content", "frequency")
PLAN_COLUMNS = (
    "id", "case_id", "version", "status", "period_start", "period_end", "long_term_goal", "short_term_goals",
    "own_actions", "statutory_services", "agreed_on", "next_monitoring_on", "submitted_at",
    "approval_method", "approved_by_id", "approved_on", "meeting_date", "author_id", "edit_version", "created_at",
    "updated_at", "kind", "submission_count", "employment_support",
)  # fmt: skip
CLOSURE_COLUMNS = (
    "id", "case_id", "closed_on", "reason", "detail", "status", "requested_by_id", "requested_at",
    "decided_by_id", "decided_at", "decision_comment", "kind",
)  # fmt: skip
MONITORING_COLUMNS = (
    "id", "case_id", "plan_id", "monitored_on", "progress", "notes", "next_monitoring_on", "worker_id",
    "created_at",
)  # fmt: skip
EVALUATION_COLUMNS = (
    "id", "case_id", "plan_id", "evaluated_on", "state_changes", "summary", "outcome", "worker_id", "created_at",
)  # fmt: skip
CONSENT_COLUMNS = (
    "id", "person_id", "scope", "signed_on", "withdrawn_on", "note", "recorded_by_id", "recorded_at", "edit_version",
)  # fmt: skip
STAGE_CHANGE_COLUMNS = (
    "id", "person_id", "stage", "previous_stage", "changed_on", "reason", "recorded_by_id", "recorded_at",
)  # fmt: skip
EMERGENCY_COLUMNS = (
    "id",
    "case_id",
    "provided_on",
    "kind",
    "provider",
    "detail",
    "recorded_by_id",
    "created_at",
)
NOTE_COLUMNS = ("id", "case_id", "occurred_at", "method", "worker_id", "minutes", "content", "created_at")
# (progress label, model, columns in the order rows are built, expected rows per person); parents first.
TABLES = (
    ("people", Person, PEOPLE_COLUMNS, 1.0),
    ("household", HouseholdMember, HOUSEHOLD_COLUMNS, 0.9),
    ("cases", Case, CASE_COLUMNS, 1.2),
    ("concerns", CaseConcern, ("id", "case_id", "concern", "is_most_pressing"), 2.9),
    ("assessments", Assessment, ASSESSMENT_COLUMNS, 1.1),
    ("work history", WorkHistory, WORK_HISTORY_COLUMNS, 2.0),
    ("family", FamilyMember, FAMILY_COLUMNS, 1.0),
    ("plans", Plan, PLAN_COLUMNS, 1.1),
    ("plan supports", PlanSupport, PLAN_SUPPORT_COLUMNS, 3.9),
    ("closures", Closure, CLOSURE_COLUMNS, 0.36),
    ("monitorings", Monitoring, MONITORING_COLUMNS, 2.4),
    ("evaluations", Evaluation, EVALUATION_COLUMNS, 0.48),
    ("consents", Consent, CONSENT_COLUMNS, 2.7),
    ("consent sharing", Consent.shared_with.through, ("id", "consent_id", "organisation_id"), 1.2),
    ("stage changes", StageChange, STAGE_CHANGE_COLUMNS, 1.2),
    ("notes", Note, NOTE_COLUMNS, 20.0),
    ("emergency support", EmergencySupport, EMERGENCY_COLUMNS, 0.15),
    *(table for chapter in CHAPTERS for table in chapter.tables),
    *bench_hub.TABLES,  # a year of 支援調整会議 and referrals (bench_hub.py), after the caseload
)


def _table_specs() -> list[Table]:
    return [Table(label, model, columns, per_person) for label, model, columns, per_person in TABLES]


def check_columns(tables: list[Table]) -> None:
    """Fail clearly if a model gained a required column this writer does not fill."""
    for table in tables:
        filled = set(table.columns)
        for model_field in table.model._meta.concrete_fields:
            if (
                model_field.column not in filled
                and not model_field.null
                and model_field.db_default is models.NOT_PROVIDED
            ):
                raise RuntimeError(
                    f"bench-data does not fill {table.name}.{model_field.column}: "
                    "add it to tsunagu/sampledata/bench.py."
                )
        unknown = filled - {f.column for f in table.model._meta.concrete_fields}
        if unknown:
            raise RuntimeError(f"bench-data fills unknown columns of {table.name}: {sorted(unknown)}")


# ---------------------------------------------------------------- writing


class _Writer:
    """Writes each table's pending rows, parents first, in one transaction per chunk."""

    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables
        self.vendor = connection.vendor
        self.triggers_off = False

    def start(self) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                if not connection.in_atomic_block:  # these may not change inside a transaction (tests)
                    cursor.execute("PRAGMA journal_mode=WAL")
                    cursor.execute("PRAGMA synchronous=OFF")
                    cursor.execute("PRAGMA temp_store=MEMORY")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache for the index inserts
            else:
                cursor.execute("SET synchronous_commit TO off")
                self.triggers_off = self._replica_role(cursor)
            for table in self.tables:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table.name)}")
                table.next_id = cursor.fetchone()[0] + 1

    @staticmethod
    def _replica_role(cursor) -> bool:
        """Skip the foreign-key triggers while loading, as pg_restore --disable-triggers does: every key is
        given here, parents before children, so the checks would only cost time (half of it). Needs a
        superuser; without one the checks simply run."""
        try:
            with transaction.atomic():
                cursor.execute("SET session_replication_role = replica")
        except DatabaseError:
            return False
        return True

    def restore(self) -> None:
        if self.triggers_off:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
            self.triggers_off = False

    def flush(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                if not table.rows:
                    continue
                quoted = connection.ops.quote_name(table.name)
                columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
                if self.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {quoted} ({columns}) FROM STDIN") as copy:
                        write_row = copy.write_row
                        for row in table.rows:
                            write_row(row)
                else:
                    marks = ", ".join("?" * len(table.columns))
                    connection.connection.executemany(
                        f"INSERT INTO {quoted} ({columns}) VALUES ({marks})", table.rows
                    )
                table.written += len(table.rows)
                table.rows = []

    def finish(self, out: Callable[[str], None]) -> None:
        """Sequences past the ids we gave (PostgreSQL), then fresh planner statistics."""
        self.restore()
        names = [connection.ops.quote_name(t.name) for t in self.tables]
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                for table in self.tables:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"GREATEST((SELECT MAX(id) FROM {connection.ops.quote_name(table.name)}), 1))",
                        [table.name],
                    )
                out("analyze …")
                if connection.in_atomic_block:
                    cursor.execute(f"ANALYZE {', '.join(names)}")
                else:  # VACUUM also sets the visibility map, so index-only scans work from the first request
                    cursor.execute(f"VACUUM (ANALYZE) {', '.join(names)}")
            else:
                out("analyze …")
                cursor.execute("ANALYZE")
                if not connection.in_atomic_block:
                    cursor.execute("PRAGMA synchronous=NORMAL")
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class _Progress:
    """One updating line per table on a terminal; on a log, a line at every tenth and a summary."""

    def __init__(self, tables: list[Table], people: int, stream: TextIO | None) -> None:
        self.tables, self.people, self.stream = tables, people, stream
        self.started = time.monotonic()
        self.tty = bool(stream) and hasattr(stream, "isatty") and stream.isatty()
        self.drawn = False
        self.last_draw = 0.0
        self.next_tenth = 1

    def lines(self, done: int) -> list[str]:
        elapsed = time.monotonic() - self.started
        share = done / self.people if self.people else 1.0
        lines = []
        for table in self.tables:
            expected = f"~{round(table.per_person * self.people):,}" if table.per_person else ""
            lines.append(
                f"{table.label:<22}{table.written:>12,}/{expected:<12} {share * 100:>4.0f}%  {elapsed:>6.0f}s"
            )
        return lines

    def update(self, done: int, final: bool = False) -> None:
        if not self.stream:
            return
        now = time.monotonic()
        if self.tty:
            if not final and now - self.last_draw < 0.5:
                return
            self.last_draw = now
            lines = self.lines(done)
            if self.drawn:
                self.stream.write(f"\x1b[{len(lines)}F")
            self.stream.write("".join(f"\x1b[2K{line}\n" for line in lines))
            self.drawn = True
        elif final:
            self.stream.write("".join(f"{line}\n" for line in self.lines(done)))
        elif self.people and done * 10 >= self.next_tenth * self.people:
            self.next_tenth = done * 10 // self.people + 1
            elapsed = now - self.started
            self.stream.write(
                f"people {done:>12,}/{self.people:,}  {done * 100 // self.people:>3}%  {elapsed:.0f}s\n"
            )
        self.stream.flush()

    def say(self, text: str) -> None:
        if self.stream:
            self.stream.write(f"{text}\n")
            self.stream.flush()


def _ensure_workers(office: Office, slug: str, names: list[str], password_hash: str) -> None:
    """Ten casework users per office (user names bench-<office>-01…), all with the demo password."""
    roles = [Role.CONSULTATION_WORKER] * 7 + [Role.EMPLOYMENT_WORKER] * 2 + [Role.SUPERVISOR]
    groups = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    for number, role in enumerate(roles, start=1):
        username = f"bench-{slug}-{number:02d}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": names[(hash_name(slug) + number) % len(names)],
                "organisation_id": office.organisation_id,
                "office": office,
                "password": password_hash,
                "email": f"{username}@example.jp",
            },
        )
        if created:
            user.groups.add(groups[role.value])


def hash_name(text: str) -> int:
    """A stable small number from a text (Python's hash() changes between runs)."""
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(text))


def _casework_users(office: Office, role: Role) -> list[User]:
    return list(with_role(role).filter(office=office))


def _capped(users: list[User], expected_open: float) -> tuple[tuple[int, float], ...]:
    """Equal shares, except that the demo logins keep about DEMO_OPEN_CASELOAD open cases each."""
    equal = 1 / len(users)
    cap = min(equal, DEMO_OPEN_CASELOAD / expected_open) if expected_open else equal
    capped = [u for u in users if u.username in DEMO_LOGINS]
    rest = len(users) - len(capped)
    other = (1 - cap * len(capped)) / rest if rest else equal
    return tuple((u.pk, cap if u.username in DEMO_LOGINS else other) for u in users)


def _referred_share() -> float:
    """The share of cases the city sends by name: welfare recipients who came through a city department."""
    total = sum(p.weight for p in PERSONAS)
    return sum(
        p.weight
        / total
        * p.welfare.count(W.RECEIVING)
        / len(p.welfare)
        * p.routes.count(R.CITY_DEPARTMENT)
        / len(p.routes)
        for p in PERSONAS
    )


# ---------------------------------------------------------------- the writer


class BenchData:
    def __init__(
        self,
        *,
        people: int,
        seed: int = DEFAULT_SEED,
        offices: int = DEFAULT_OFFICES,
        as_of: dt.date | None = None,
        stream: TextIO | None = None,
        chunk: int = CHUNK_PEOPLE,
    ) -> None:
        self.people = people
        self.seed = seed
        self.office_count = max(1, offices)
        self.as_of = as_of or timezone.localdate()
        self.chunk = chunk
        self.tables = _table_specs()
        check_columns(self.tables)
        self.t = {table.label: table for table in self.tables}
        self.progress = _Progress(self.tables, people, stream)
        self.postgres = connection.vendor == "postgresql"
        self.keys: dict[str, str] = {}

    def run(self) -> dict[str, int]:
        self.progress.say("demo organisations, logins and program catalog …")
        with transaction.atomic():
            load_organisations()
            load_users()
            load_catalog()
            offices = self._staff()
        latest = self.as_of.toordinal() - 1
        first = latest + 1 - BENCH.history_days
        self.teller = Storyteller(
            cast=self._cast(offices, first, latest), profile=BENCH, people=self.people, seed=self.seed,
            as_of=self.as_of, chapters=CHAPTERS,
        )  # fmt: skip
        self._calendar(first, latest)
        self.areas = {a.name: a.pk for a in Area.objects.all()}
        self.organisations = dict(Organisation.objects.values_list("name", "pk"))
        self.chapters = [chapter.bulk(self) for chapter in CHAPTERS]
        self.hub = bench_hub.HubRows(self)
        writer = _Writer(self.tables)
        try:
            writer.start()
            for chapter in self.chapters:
                chapter.start()
            done = 0
            self.progress.update(0)
            while done < self.people:
                batch = min(self.chunk, self.people - done)
                for index in range(done, done + batch):
                    person = self.teller.person(index)
                    self.person(person)
                    for chapter in self.chapters:
                        chapter.write(person)
                writer.flush()
                done += batch
                self.progress.update(done)
            for chapter in self.chapters:
                chapter.finish()
            self.hub.write_meetings()
            writer.flush()
            self.progress.update(done, final=True)
        finally:
            writer.restore()
        writer.finish(self.progress.say)
        return {table.label: table.written for table in self.tables}

    # ------------------------------------------------------------ set-up

    def _staff(self) -> list[Office]:
        """The hub's offices (本所, 音別サテライト, then generated ones) with ten casework users each."""
        names = [
            f"{family} {given}"
            for family, given in zip(
                ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
                 "松本", "井上", "木村", "林", "斎藤", "清水", "山口", "阿部", "池田", "橋本", "石川", "小川"],
                ["美咲", "健太", "陽子", "大輔", "恵", "翔", "由美", "隆", "真由美", "誠", "直美", "浩二", "智子",
                 "亮", "裕子", "拓也", "明子", "悟", "理恵", "和也", "典子", "聡", "久美子", "勇", "千尋"],
                strict=True,
            )
        ]  # fmt: skip
        random.Random(self.seed + 1).shuffle(names)
        password_hash = make_password(settings.TSUNAGU_DEMO_PASSWORD)
        hub = Organisation.objects.get(name=HUB_NAME)
        offices = []
        for index in range(self.office_count):
            name, slug = (
                (OFFICES[index][0], OFFICES[index][1])
                if index < len(OFFICES)
                else (f"第{index + 1}相談室", f"office{index + 1}")
            )
            office = Office.objects.get_or_create(organisation=hub, name=name)[0]
            _ensure_workers(office, slug, names, password_hash)
            offices.append(office)
        return [office for office in hub_offices() if office in offices]

    def _cast(self, offices: list[Office], first: int, latest: int) -> stories.Cast:
        """The cast of the database, with the demo logins' caseloads kept small and cw's referrals few."""
        mean_cases = sum(n * p for n, p in BENCH.cases_per_person)
        total_cases = self.people * mean_cases
        referred = min(CW_SHARE, CW_MAX_CASES / total_cases) if total_cases else CW_SHARE
        cast = read_cast(
            first=first, latest=latest, offices=offices, referral_share=min(1.0, referred / _referred_share())
        )
        open_share = sum(STATUS_SHARES[s] for s in OPEN)
        weights = sum(team.weight for team in cast.teams)
        teams: list[Team] = []
        for team, office in zip(cast.teams, offices, strict=True):
            expected_open = total_cases * team.weight / weights * open_share
            consultation = _casework_users(office, Role.CONSULTATION_WORKER)
            employment = _casework_users(office, Role.EMPLOYMENT_WORKER) or consultation
            teams.append(
                dataclasses.replace(
                    team,
                    consultation=_capped(consultation, expected_open * 0.85),
                    employment=_capped(employment, expected_open * 0.3),
                )
            )
        return dataclasses.replace(cast, teams=tuple(teams))

    def _calendar(self, first: int, latest: int) -> None:
        """Dates as text for the database, made once per day; times of day likewise."""
        self.base = first - 400
        self.ds = [dt.date.fromordinal(o).isoformat() for o in range(self.base, latest + 800 + 1)]
        # Moments of a working day (09:00–17:55) as text: local time with offset for PostgreSQL, UTC for SQLite
        # (as Django stores them there). The settings fix Asia/Tokyo, which has no summer time.
        noon = timezone.make_aware(dt.datetime.combine(self.as_of, dt.time(12)))
        if noon.utcoffset() != dt.timedelta(hours=9):
            raise RuntimeError("bench-data writes times for Japan (UTC+9): set TIME_ZONE to Asia/Tokyo.")
        self.moments = []
        for minute in range(9 * 60, 18 * 60, 5):
            hour, mins = divmod(minute, 60)
            self.moments.append(
                f" {hour:02d}:{mins:02d}:00+09:00" if self.postgres else f" {hour - 9:02d}:{mins:02d}:00"
            )

    def moment(self, day: int, slot: int) -> str:
        """A time on `day`: the story's slot, or for a bookkeeping column any number (a row id) spreading them."""
        return self.ds[day - self.base] + self.moments[slot % SLOTS]

    def key(self, text: str) -> str:
        """search_key of a name, remembered: names repeat (a few thousand pairs at a million people)."""
        found = self.keys.get(text)
        if found is None:
            found = self.keys[text] = search_key(text)
        return found

    # ------------------------------------------------------------ one person's rows

    def person(self, person: PersonStory) -> None:
        t, moment = self.t, self.moment
        table = t["people"]
        person_id = person.ref = table.next_id
        table.next_id += 1
        family, given = person.family, person.given
        created = moment(person.cases[0].intake, person_id)
        table.rows.append((
            person_id, family[0], given[0], family[1], given[1], dt.date.fromordinal(person.born).isoformat(),
            person.sex, self.areas[person.area], person.postal_code, person.address, person.phone, person.mobile,
            person.email, person.emergency_contact, person.dv_protected, person.stage,
            self.key(family[0]) + self.key(given[0]), self.key(family[1]) + self.key(given[1]), self.key(given[1]),
            person.phone.replace("-", ""), person.mobile.replace("-", ""), None, created, created, 1,
        ))  # fmt: skip
        household = t["household"]
        for member in person.household:
            household.rows.append((household.next_id, person_id, *member, 1))
            household.next_id += 1
        for case in person.cases:
            self.case(person, case)

    def case(self, person: PersonStory, case: stories.CaseStory) -> None:
        t, ds, base, moment = self.t, self.ds, self.base, self.moment
        table = t["cases"]
        case_id = case.ref = table.next_id
        table.next_id += 1
        concerns = t["concerns"]
        for code in dict.fromkeys(case.concerns):
            concerns.rows.append((concerns.next_id, case_id, code, code == case.most_pressing))
            concerns.next_id += 1
        for step in case.events:
            kind = type(step)
            if kind in self.steps:
                self.steps[kind](self, person, case, step)
        self.hub.case(person, case)
        notes = t["notes"]
        note_id = notes.next_id
        rows = notes.rows
        moments = self.moments
        for day, slot, method, worker, minutes, text in case.notes:
            stamp = ds[day - base] + moments[slot]
            rows.append((note_id, case_id, stamp, method, worker, minutes, text, stamp))
            note_id += 1
        notes.next_id = note_id
        intake = ds[case.intake - base]
        table.rows.append((
            case_id, person.ref, person.team.office, f"{intake[:4]}-{case_id:06d}", intake, case.received_by,
            case.route, self.teller.cast.city_caseworker if case.referred else None, case.visitor_name,
            case.visitor_relation, case.wishes, ds[case.signed - base] if case.signed else None, case.screening,
            case.handover_target, case.handover_detail, case.contract, case.welfare, case.worker,
            case.employment_worker, case.status, ds[case.closed_on - base] if case.closed_on else None,
            ds[case.last_contact - base], ds[case.next_monitoring - base] if case.next_monitoring else None,
            moment(case.intake, case_id), moment(max(case.end, case.last_contact), case_id + 1),
        ))  # fmt: skip

    def consent(self, person, case, consent: stories.Consent) -> None:
        table, sharing = self.t["consents"], self.t["consent sharing"]
        consent_id = consent.ref = table.next_id
        table.next_id += 1
        withdrawn = consent.withdrawn
        table.rows.append((
            consent_id, person.ref, consent.scope, self.ds[consent.day - self.base],
            self.ds[withdrawn - self.base] if withdrawn else None, consent.note, consent.worker,
            self.moment(consent.day, consent_id), 2 if withdrawn else 1,
        ))  # fmt: skip
        for name in consent.shared_with:
            sharing.rows.append((sharing.next_id, consent_id, self.organisations[name]))
            sharing.next_id += 1

    def stage_move(self, person, case, move: stories.StageMove) -> None:
        table = self.t["stage changes"]
        table.rows.append((
            table.next_id, person.ref, move.stage, move.previous, self.ds[move.day - self.base], move.reason,
            move.worker, self.moment(move.day, table.next_id),
        ))  # fmt: skip
        table.next_id += 1

    def assessment(self, person, case, step: stories.Assessment) -> None:
        table = self.t["assessments"]
        table.rows.append((
            table.next_id, case.ref, self.ds[step.day - self.base], step.worker, step.work_status, step.housing_type,
            step.health_insurance, step.pension, step.income_and_welfare, step.life_history, step.strengths,
            step.urgency, *step.scores.values(), propose_stage(step.scores), step.stage, step.narrative,
            self.moment(step.day, table.next_id), step.monthly_income, step.debt_total, step.monthly_repayment,
            json.dumps(step.challenges), step.person_wishes, step.employment_support,
        ))  # fmt: skip
        assessment_id = table.next_id
        table.next_id += 1
        history, family = self.t["work history"], self.t["family"]
        for row in step.work_history:
            history.rows.append((
                history.next_id, assessment_id, row["period"], row["employer_or_job"], row["work_type"],
                row["reason_left"],
            ))  # fmt: skip
            history.next_id += 1
        for row in step.family:
            family.rows.append((
                family.next_id, assessment_id, row["relation"], row["age"], row["lives_together"], row["situation"],
            ))  # fmt: skip
            family.next_id += 1
        if step.move:
            self.stage_move(person, case, step.move)

    def plan(self, person, case, plan: stories.Plan) -> None:
        """The plan as it ends up (a service moves it on at submission, approval and supersession)."""
        ds, base = self.ds, self.base
        table = self.t["plans"]
        plan_id = plan.ref = table.next_id
        table.next_id += 1
        submitted, approved = plan.submitted, plan.approved
        table.rows.append((
            plan_id, case.ref, plan.version, plan.status, ds[plan.start - base], ds[plan.end - base],
            plan.long_term_goal, plan.short_term_goals, plan.own_actions,
            json.dumps(plan.statutory_services), ds[plan.agreed - base] if plan.agreed else None,
            ds[plan.next_monitoring - base], self.moment(submitted, plan.submitted_slot) if submitted else None,
            plan.method, plan.approver, ds[approved - base] if approved else None,
            ds[plan.meeting - base] if plan.meeting else None, plan.author,
            1 + (submitted is not None) + (approved is not None), self.moment(plan.start, plan_id),
            self.moment(approved or submitted or plan.start, plan_id + 1),
            PlanKind.REPLAN if plan.replan else PlanKind.INITIAL, int(submitted is not None) + bool(plan.first_goals),
            plan.employment_support,
        ))  # fmt: skip
        if plan.meeting and plan.approver:
            self.hub.plan_at_meeting(
                person.team.office, plan.meeting, case.ref, plan_id, plan.approver, case.worker
            )
        supports = self.t["plan supports"]
        for agency, content, frequency in plan.supports:
            supports.rows.append((supports.next_id, plan_id, agency, content, frequency))
            supports.next_id += 1

    def monitoring(self, person, case, step: stories.Monitoring) -> None:
        table = self.t["monitorings"]
        table.rows.append((
            table.next_id, case.ref, step.plan.ref, self.ds[step.day - self.base], step.progress, step.notes,
            self.ds[step.next_monitoring - self.base], step.worker, self.moment(step.day, table.next_id),
        ))  # fmt: skip
        table.next_id += 1

    def evaluation(self, person, case, step: stories.Evaluation) -> None:
        table = self.t["evaluations"]
        table.rows.append((
            table.next_id, case.ref, step.plan.ref, self.ds[step.day - self.base], json.dumps(step.state_changes),
            step.summary, step.outcome, step.worker, self.moment(step.day, table.next_id),
        ))  # fmt: skip
        table.next_id += 1

    def closure(self, person, case, step: stories.Closure) -> None:
        table = self.t["closures"]
        decided = step.decided
        table.rows.append((
            table.next_id, case.ref, self.ds[step.day - self.base], step.reason, step.detail,
            ClosureStatus.APPROVED if decided else ClosureStatus.REQUESTED, step.worker,
            self.moment(step.day, step.slot), step.decider, self.moment(decided, step.decided_slot) if decided else None,
            "", closure_kind(step.reason),
        ))  # fmt: skip
        table.next_id += 1

    def emergency_support(self, person, case, step: stories.EmergencySupport) -> None:
        table = self.t["emergency support"]
        table.rows.append((
            table.next_id, case.ref, self.ds[step.day - self.base], step.kind, step.provider, step.detail,
            step.worker, self.moment(step.day, table.next_id),
        ))  # fmt: skip
        table.next_id += 1

    def follow_up(self, person, case, step: stories.FollowUp) -> None:
        table = self.t["notes"]
        stamp = self.moment(step.day, step.slot)
        table.rows.append(
            (table.next_id, case.ref, stamp, step.method, step.worker, step.minutes, step.text, stamp)
        )
        table.next_id += 1

    # The steps that make rows (a submission, an approval or a reassignment is in the rows above).
    steps: dict[type, Callable] = {
        stories.Consent: consent, stories.StageMove: stage_move, stories.Assessment: assessment,
        stories.Plan: plan, stories.Monitoring: monitoring, stories.Evaluation: evaluation,
        stories.Closure: closure, stories.EmergencySupport: emergency_support, stories.FollowUp: follow_up,
    }  # fmt: skip


def generate(
    *,
    people: int,
    seed: int = DEFAULT_SEED,
    offices: int = DEFAULT_OFFICES,
    as_of: dt.date | None = None,
    stream: TextIO | None = sys.stderr,
    chunk: int = CHUNK_PEOPLE,
) -> dict[str, int]:
    """Fill the database with `people` synthetic people and everything around them; returns rows per table."""
    bench = BenchData(people=people, seed=seed, offices=offices, as_of=as_of, stream=stream, chunk=chunk)
    return bench.run()
