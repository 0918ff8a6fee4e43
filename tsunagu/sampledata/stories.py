"""One generator of case stories, for the demo and for the bench.

A story is plain data: a person, their household and their cases, each case with the steps of its
life-cycle in the order they happened (intake → assessment → plan → approval → monitoring → evaluation →
closure, with the consents, reassignments and moves on the ladder that go with them) and its support
notes, every step dated and carrying its values (scores, plan goals, note texts ...). Chapters add more
to a person's story: placements.py adds their placements in programs and the roll-calls.

Two writers write the stories: the demo's (cases.py) through the services, so that the demo exercises
them, and the bench's (bench.py) as bulk rows, for ten thousand to a million people. The rules of the
life-cycle (what follows what, the gaps between steps, which cases close and when, the status each case
ends in and the dates derived from its records) live here only; the tables they draw from are in
tables.py. A writer adds nothing to a story but what a service would derive (the case reference, the
proposed stage of an assessment) and the clock times of bookkeeping columns.

Speed: the bench tells a million stories, so dates are day numbers (`Day`, dt.date.toordinal), times of
day are five-minute slots from 09:00, weighted choices are made by bisection on one random number, and
the many small steps (notes, attendance) are tuples. The same seed, cast, profile and last day give the
same stories.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import jaconv
import jpholiday
from faker import Faker

from tsunagu.cases.models import (
    ASSESSMENT_DOMAINS,
    ApprovalMethod,
    ClosureReason,
    Contract,
    EmploymentSupportNeed,
    EvaluationOutcome,
    GoalProgress,
    HandoverTarget,
    HealthInsurance,
    PensionStatus,
    PlanStatus,
    Route,
    ScreeningOutcome,
    StatutoryService,
    Urgency,
    WorkStatus,
)
from tsunagu.cases.services import CONTACT_METHODS
from tsunagu.people.models import ConsentScope, Sex
from tsunagu.sampledata import tables
from tsunagu.sampledata.organisations import CITY_WELFARE_OFFICE, COUNTIES, STREETS
from tsunagu.sampledata.tables import DAILY, EMPLOYMENT, Persona, S, W

Day = int  # a date as its day number (dt.date.toordinal)
Name = tuple[str, str, str]  # (kanji, reading in hiragana, romaji)
SLOTS = (18 - 9) * 12  # five-minute slots of a working day, 09:00–17:55
EMPLOYED_REASON = "就職し、一般就労を開始したため"

# ---------------------------------------------------------------- what the writers give the generator


@dataclass(frozen=True)
class Profile:
    """The shape of a caseload: how far back it goes, how many cases a person has had, and how much of the
    roll-calls' history is told (the demo writes roll-calls through the services, so only recent weeks)."""

    history_days: int
    cases_per_person: tuple[tuple[int, float], ...]
    attendance_days: int | None = None


DEMO = Profile(history_days=540, cases_per_person=((1, 1.0),), attendance_days=42)
BENCH = Profile(history_days=5 * 365 + 1, cases_per_person=((1, 0.82), (2, 0.16), (3, 0.02)))


@dataclass(frozen=True)
class Team:
    """The casework staff of one office, as user ids; the weights let a writer keep some logins' caseloads
    small (the bench's demo logins)."""

    office: int
    weight: float
    areas: tuple[tuple[str, int], ...]
    consultation: tuple[tuple[int, float], ...]
    employment: tuple[tuple[int, float], ...]
    supervisor: int | None


@dataclass(frozen=True)
class Host:
    """A program at a host that runs on a schedule: where people are placed."""

    id: int
    stage: str  # "" for a program open to every stage
    name: str  # the plan support it fulfils: program（organisation）
    organisation: str
    days: tuple[Day, ...]  # its scheduled sessions up to the last day
    hours: float  # the length of a session
    recorder: int | None = None  # partner staff of the host who take its roll-calls, if any


@dataclass(frozen=True)
class Cast:
    """Who and what the stories may name: the offices' staff (main office first), the city's case worker,
    the programs' hosts and the partner organisations on record."""

    teams: tuple[Team, ...]
    hosts: tuple[Host, ...] = ()
    organisations: frozenset[str] = frozenset()
    city_caseworker: int | None = None
    referral_share: float = 1.0  # of the welfare recipients the city sent, the share it referred by name


# ---------------------------------------------------------------- a story


class Member(NamedTuple):
    name: str
    relation: str
    age: int
    supported: bool
    note: str


class Note(NamedTuple):
    day: Day
    slot: int
    method: str
    worker: int
    minutes: int
    text: str


@dataclass(slots=True, eq=False)
class Consent:
    scope: str
    day: Day
    note: str
    worker: int
    shared_with: tuple[str, ...] = ()
    withdrawn: Day | None = None
    with_intake: bool = False  # recorded by the intake itself, with the signed application
    ref: Any = None  # what a writer made of it (its record or row id)


@dataclass(slots=True, eq=False)
class Withdrawal:
    consent: Consent
    day: Day
    worker: int


@dataclass(slots=True, eq=False)
class StageMove:
    day: Day
    stage: str
    previous: str
    reason: str
    worker: int
    by_assessment: bool = False  # recorded by the assessment that confirmed the stage


@dataclass(slots=True, eq=False)
class Assessment:
    day: Day
    worker: int
    stage: str
    scores: dict[str, int | None]
    work_status: str
    housing_type: str
    health_insurance: str
    pension: str
    income_and_welfare: str
    life_history: str
    strengths: str
    urgency: str
    narrative: str
    monthly_income: int | None
    debt_total: int | None
    monthly_repayment: int | None
    challenges: list[str]
    person_wishes: str
    employment_support: str
    work_history: list[dict[str, str]] = field(default_factory=list)  # 職歴 rows
    family: list[dict[str, Any]] = field(default_factory=list)  # 家族の状況 rows
    move: StageMove | None = None


@dataclass(slots=True, eq=False)
class Plan:
    """A plan as it ends up: a later approval turns an approved plan into a superseded one."""

    version: int
    author: int
    start: Day
    end: Day
    long_term_goal: str
    short_term_goals: str
    own_actions: str
    supports: list[tuple[str, str, str]]  # the support rows: (agency, content, how often)
    statutory_services: list[str]
    agreed: Day | None
    next_monitoring: Day
    status: str = PlanStatus.DRAFT
    submitted: Day | None = None
    submitted_slot: int = 0
    approved: Day | None = None
    method: str = ""
    meeting: Day | None = None
    approver: int | None = None
    replan: bool = False  # 再プラン: made after an earlier plan of the case was approved
    # 就労支援対象: the case's assessment found employment support needed (drawn from no random number, so
    # that adding it left every story as it was).
    employment_support: bool = False
    first_goals: str = ""  # the short-term goals as first sent, when the plan was sent back and changed
    ref: Any = None


@dataclass(slots=True, eq=False)
class Submission:
    plan: Plan
    day: Day | None = None  # a first submission that was sent back; else the plan's `submitted`
    slot: int = 0


@dataclass(slots=True, eq=False)
class Return:
    """The supervisor sends a submitted plan back; the worker adds a short-term goal and sends it again."""

    plan: Plan
    day: Day
    slot: int
    supervisor: int
    comment: str


@dataclass(slots=True, eq=False)
class EmergencySupport:
    """緊急支援: help given before the plan (food, a loan, a night's shelter ...)."""

    day: Day
    kind: str
    provider: str
    detail: str
    worker: int


@dataclass(slots=True, eq=False)
class FollowUp:
    """A note after the closure was approved (終結後のフォローアップ)."""

    day: Day
    slot: int
    method: str
    worker: int
    minutes: int
    text: str


@dataclass(slots=True, eq=False)
class Approval:
    plan: Plan


@dataclass(slots=True, eq=False)
class Reassignment:
    """The supervisor adds the office's employment worker to the case."""

    day: Day
    supervisor: int
    employment_worker: int


@dataclass(slots=True, eq=False)
class Monitoring:
    day: Day
    worker: int
    plan: Plan
    progress: str
    notes: str
    next_monitoring: Day


@dataclass(slots=True, eq=False)
class Evaluation:
    day: Day
    worker: int
    plan: Plan
    state_changes: list[str]
    summary: str
    outcome: str


@dataclass(slots=True, eq=False)
class Closure:
    day: Day  # the closing date the worker asks for, and the day of the request
    reason: str
    detail: str
    worker: int
    slot: int
    decided: Day | None = None
    decided_slot: int = 0
    decider: int | None = None


@dataclass(slots=True, eq=False)
class CaseStory:
    status: str
    intake: Day
    worker: int
    received_by: int
    route: str
    referred: bool  # by the city's case worker
    wishes: str
    signed: Day | None
    screening: str
    contract: str
    welfare: str
    concerns: list[str]
    most_pressing: str
    visitor_name: str = ""
    visitor_relation: str = ""
    handover_target: str = ""
    handover_detail: str = ""
    events: list[Any] = field(default_factory=list)  # the steps, in the order they happened
    plans: list[Plan] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    employment_worker: int | None = None
    employment_from: Day | None = None
    # Derived from the records, as the services derive them:
    closed_on: Day | None = None
    last_contact: Day = 0
    next_monitoring: Day | None = None
    end: Day = 0  # the last day anything happens to the case
    ref: Any = None


@dataclass(slots=True, eq=False)
class PersonStory:
    persona: Persona
    team: Team
    family: Name
    given: Name
    sex: str
    born: Day
    area: str
    postal_code: str
    address: str
    phone: str
    mobile: str
    email: str
    emergency_contact: str
    dv_protected: bool
    household: list[Member] = field(default_factory=list)
    children: bool = False
    cases: list[CaseStory] = field(default_factory=list)
    stage: str = ""  # where the person stands on the ladder: the last move's stage
    stages: list[tuple[Day, str]] = field(default_factory=list)
    partner_consent: Consent | None = None
    meeting_consent: bool = False
    chapters: dict[str, Any] = field(default_factory=dict)  # what each chapter told of the person
    ref: Any = None

    def stage_on(self, day: Day) -> str:
        current = ""
        for since, stage in self.stages:
            if since > day:
                break
            current = stage
        return current


@dataclass(frozen=True)
class Chapter:
    """A part of people's stories that a capability adds (placements.py: the placements in programs).

    `teller(storyteller)` returns the function that tells the part of one person, after their cases, into
    person.chapters[name]; `demo(writer)` and `bulk(writer)` return the two writers' parts, each with
    start(), write(person) and finish(); `tables` are the bulk writer's tables it fills, as
    (label, model, columns, rows per person). Chapters are listed in chapters.CHAPTERS."""

    name: str
    teller: Callable[[Storyteller], Callable[[PersonStory], None]]
    demo: Callable[[Any], Any]
    bulk: Callable[[Any], Any]
    tables: tuple[tuple[str, Any, tuple[str, ...], float], ...] = ()


# ---------------------------------------------------------------- small helpers


class Pick:
    """A weighted choice by bisection on one random number: much faster than random.choices per call."""

    __slots__ = ("cum", "values")

    def __init__(self, weighted: Iterable[tuple[Any, float]]) -> None:
        values, weights = zip(*weighted, strict=True)
        total, running, cum = float(sum(weights)), 0.0, []
        for weight in weights:
            running += weight
            cum.append(running / total)
        cum[-1] = 1.0
        self.values, self.cum = values, cum

    def __call__(self, rnd: Callable[[], float]) -> Any:
        return self.values[bisect_right(self.cum, rnd())]


def evenly(values: Iterable[Any]) -> Pick:
    return Pick((value, 1) for value in values)


def workday_between(workdays: list[int], rnd: Callable[[], float], low: int, high: int) -> int:
    """A random working day in [low, high] (day numbers); never after `high`, which callers set to the last
    day allowed. With no working day in the range, `low`; with an empty range, `high`."""
    if high <= low:
        return high
    lo = bisect_left(workdays, low)
    hi = bisect_right(workdays, high) - 1
    if hi < lo:
        return low
    return workdays[lo + int(rnd() * (hi - lo + 1))]


@lru_cache(maxsize=4)
def _holidays(first_year: int, last_year: int) -> frozenset[int]:
    """Japanese public holidays as day numbers (jpholiday is slow: about a second for five years)."""
    return frozenset(
        day.toordinal()
        for year in range(first_year, last_year + 1)
        for day, _name in jpholiday.year_holidays(year)
    )


def working_days(first: Day, last: Day, weekdays: Iterable[int] = range(5)) -> list[Day]:
    """The days from `first` to `last` that fall on `weekdays` and are not public holidays."""
    holidays = _holidays(dt.date.fromordinal(first).year, dt.date.fromordinal(last).year)
    wanted = set(weekdays)
    return [
        o for o in range(first, last + 1) if dt.date.fromordinal(o).weekday() in wanted and o not in holidays
    ]


def status_shares_of_last_cases(profile: Profile) -> dict[str, float]:
    """Status shares of a person's latest case such that, with the earlier (always ended) cases, all cases
    follow tables.STATUS_SHARES."""
    mean_cases = sum(n * p for n, p in profile.cases_per_person)
    earlier = mean_cases - 1
    terminal_total = sum(tables.STATUS_SHARES[s] for s in tables.TERMINAL)
    return {
        status: share * mean_cases - (earlier * share / terminal_total if status in tables.TERMINAL else 0)
        for status, share in tables.STATUS_SHARES.items()
    }


def _step(stage: str, direction: int) -> str:
    """One rung up (+1) or down (-1) the ladder, staying on it."""
    return tables.LADDER[min(max(tables.LADDER.index(stage) + direction, 0), len(tables.LADDER) - 1)]


def _insurance(age: int, work: str, receiving: bool) -> str:
    if receiving:
        return HealthInsurance.MEDICAL_ASSISTANCE
    if age >= 75:
        return HealthInsurance.LATE_ELDERLY
    return HealthInsurance.EMPLOYEE if work == WorkStatus.REGULAR else HealthInsurance.NATIONAL


FREQUENCY_WORDS = ("回", "随時", "ごと", "週間", "毎日")


@lru_cache(maxsize=256)
def support_row(line: str, agency: str = "") -> tuple[str, str, str]:
    """A support line of the tables as a plan's support row (agency, content, how often): the text in
    the closing brackets gives the agency and the frequency (「…（協議会・週1回）」)."""
    content, frequency = line, ""
    if line.endswith("）") and "（" in line:
        head, inner = line[:-1].rsplit("（", 1)
        parts = inner.split("・")
        if any(word in parts[-1] for word in FREQUENCY_WORDS):
            frequency = parts.pop()
            content = head
            if parts and not agency:
                agency = "・".join(parts)
            elif parts:
                content = f"{head}（{'・'.join(parts)}）"
    return agency, content, frequency


def _contract(contract: str, welfare: str) -> str:
    """The welfare recipients' work-readiness contract is theirs alone, and theirs instead of the general one."""
    if welfare == W.RECEIVING and contract == Contract.WORK_READINESS:
        return Contract.WELFARE_WORK_READINESS
    if welfare != W.RECEIVING and contract == Contract.WELFARE_WORK_READINESS:
        return Contract.CONSULTATION
    return contract


SCREENING = {S.INFORMATION_ONLY: ScreeningOutcome.INFORMATION_ONLY, S.HANDED_OVER: ScreeningOutcome.HANDOVER}


# ---------------------------------------------------------------- the generator


class _Picks:
    """A team's staff as weighted choices."""

    def __init__(self, team: Team) -> None:
        staff = team.consultation or team.employment
        self.consultation = Pick(staff)
        self.employment = Pick(team.employment) if team.employment else None
        self.employment_ids = [user for user, _weight in team.employment]
        self.consultation_ids = [user for user, _weight in staff]
        self.areas = Pick(team.areas)


class Storyteller:
    """Tells the stories of `people` people, person by person (`person(index)`), in a fixed order."""

    def __init__(
        self,
        *,
        cast: Cast,
        profile: Profile,
        people: int,
        seed: int,
        as_of: dt.date,
        chapters: Iterable[Chapter] = (),
    ) -> None:
        if not cast.teams:
            raise RuntimeError("The stories need at least one office with casework staff.")
        self.cast, self.profile, self.people, self.seed = cast, profile, people, seed
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        # The later stories (emergency support, returned plans, follow-ups) draw from their own stream, so
        # that adding them left every other story as it was.
        self.extra = random.Random(seed + 1).random
        self.as_of = as_of
        # Yesterday is the last day anything happens, so no event can be later in the day than now.
        self.latest: Day = as_of.toordinal() - 1
        self.first: Day = self.latest + 1 - profile.history_days
        # Working days run on past the last day, so that a step drawn late can fall after it (and not happen).
        self.workdays = working_days(self.first - 7, self.latest + 120)
        # Births: as the personas' ages say, kept to people of 18 to 86 on the last day.
        self.born_low = dt.date(as_of.year - 86, 1, 1).toordinal()
        self.born_high = dt.date(as_of.year - 18, 12, 31).toordinal()
        self._names(seed)
        self.shares = status_shares_of_last_cases(profile)
        self.targets = self._targets(people)
        self.persona_pick = Pick((p, p.weight) for p in tables.PERSONAS)
        self.count_pick = Pick(profile.cases_per_person)
        self.terminal_pick = Pick((s, tables.STATUS_SHARES[s]) for s in tables.TERMINAL)
        self.team_pick = Pick((index, team.weight) for index, team in enumerate(cast.teams))
        self.picks = [_Picks(team) for team in cast.teams]
        self.picks_of = {id(team): picks for team, picks in zip(cast.teams, self.picks, strict=True)}
        self.concern_count = Pick(((1, 20), (2, 35), (3, 30), (4, 15)))
        self.progress_pick = Pick(
            ((GoalProgress.ACHIEVED, 25), (GoalProgress.PARTLY, 55), (GoalProgress.NOT_YET, 20))
        )
        self.closure_pick = Pick(tables.CLOSURE_WEIGHTS)
        self.marker_pick = evenly(tables.DRAWN_MARKERS)
        self.methods = {
            marker: (
                method,
                tables.MINUTES[method][0],
                (tables.MINUTES[method][1] - tables.MINUTES[method][0]) // 5 + 1,
            )
            for marker, method in tables.METHOD_MARKERS.items()
        }
        self._note_pools: dict[tuple[str, str], tuple] = {}
        self._marked: dict[str, tuple[str, int, int] | None] = {}
        self.chapters = [(chapter.name, chapter.teller(self)) for chapter in chapters]

    # ------------------------------------------------------------ set-up

    def _names(self, seed: int) -> None:
        """Pools of Faker's name pairs (weighted as Faker weighs them), drawn once: Faker per person is far
        too slow at a million. Readings are kept in hiragana."""
        fake = Faker("ja_JP")
        fake.seed_instance(seed)

        def pool(draw: Callable[[], Name], size: int) -> list[Name]:
            return [
                (kanji, jaconv.kata2hira(kana), romaji)
                for kanji, kana, romaji in (draw() for _ in range(size))
            ]

        self.family_pool = pool(fake.last_name_pair, 4000)
        self.given_pools = {
            Sex.MALE: pool(fake.first_name_male_pair, 2000),
            Sex.FEMALE: pool(fake.first_name_female_pair, 2000),
        }
        self.any_given = self.given_pools[Sex.MALE] + self.given_pools[Sex.FEMALE]
        self.names_used: set[tuple[str, str]] = set()
        # Beyond this many people a caseload has namesakes, as in life; until then no two share a name.
        self.distinct_names = (
            len({f for f, _r, _ro in self.family_pool}) * len({g for g, _r, _ro in self.any_given}) // 3
        )

    def _targets(self, people: int) -> list[str]:
        """The status each person's latest case ends in: the shares, at least one of each, the rest in support."""
        counts = {
            status: max(1, round(people * share))
            for status, share in self.shares.items()
            if status != S.SUPPORT
        }
        targets = [status for status, count in counts.items() for _ in range(count)]
        targets += [S.SUPPORT] * max(1, people - len(targets))
        self.rng.shuffle(targets)
        return targets[:people]

    # ------------------------------------------------------------ dates and chance

    def between(self, low: Day, high: Day) -> Day:
        """A working day in [low, high]; `high` when the range is empty."""
        return workday_between(self.workdays, self.rnd, low, high)

    def after(self, day: Day, low: int, high: int, limit: Day) -> Day:
        """A working day `low`–`high` days after `day`, never past `limit`."""
        return workday_between(self.workdays, self.rnd, day + low, min(day + high, limit))

    def days(self, low: int, high: int) -> int:
        return low + int(self.rnd() * (high - low + 1))

    def coin(self, probability: float) -> bool:
        return self.rnd() < probability

    def slot(self) -> int:
        return int(self.rnd() * SLOTS)

    def choice(self, values: tuple | list) -> Any:
        return values[int(self.rnd() * len(values))]

    def sample(self, values: tuple | list, k: int) -> list:
        """`k` different values in random order (random.sample costs more for these short tuples)."""
        pool, rnd = list(values), self.rnd
        n = len(pool)
        for i in range(min(k, n)):
            j = i + int(rnd() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    # ------------------------------------------------------------ one person

    def person(self, index: int) -> PersonStory:
        rnd = self.rnd
        persona: Persona = self.persona_pick(rnd)
        status = self.targets[index]
        journeys = [(status, self.intake_day(status))]
        # Earlier cases: each began at least DAYS_BETWEEN_CASES before the next one (else it is left out).
        count = self.count_pick(rnd)
        room = journeys[0][1] - tables.DAYS_BETWEEN_CASES - self.first
        if count > 1 and room > 0:
            starts = sorted((self.first + int(rnd() * room) for _ in range(count - 1)), reverse=True)
            for intake in (self.between(start, start + 7) for start in starts):
                if intake <= journeys[0][1] - tables.DAYS_BETWEEN_CASES:
                    journeys.insert(0, (self.terminal_pick(rnd), intake))
        team_index = self.team_pick(rnd)
        # An office without a supervisor holds only the journeys that need none; the main office the rest.
        if self.cast.teams[team_index].supervisor is None and any(
            s not in tables.WITHOUT_APPROVAL for s, _i in journeys
        ):
            team_index = 0
        person = self.register(persona, team_index, journeys[0][1])
        for position, (case_status, intake) in enumerate(journeys):
            bound = journeys[position + 1][1] - 1 if position + 1 < len(journeys) else self.latest
            person.cases.append(self.case(person, case_status, intake, bound))
        for _name, tell in self.chapters:
            tell(person)
        return person

    def intake_day(self, status: str) -> Day:
        low, high, skew = tables.INTAKE_DAYS_AGO[status]
        high = min(high, self.profile.history_days - 1)
        ago = low + round((high - low) * self.rnd() ** skew)
        return self.between(self.latest - ago - 3, self.latest - ago)

    def register(self, persona: Persona, team_index: int, intake: Day) -> PersonStory:
        rnd, choice = self.rnd, self.choice
        team, picks = self.cast.teams[team_index], self.picks[team_index]
        area = picks.areas(rnd)
        age = self.days(*persona.ages)
        born = intake - int(age * 365.25) - self.days(1, 360)
        born = min(max(born, self.born_low), self.born_high)
        roll = rnd()
        sex = Sex.FEMALE if roll < persona.female else Sex.MALE
        if rnd() < 0.03:
            sex = choice((Sex.NOT_ANSWERED, Sex.OTHER))
        family, given = self.name(sex)
        protected = persona.code == "dv"
        streets = STREETS.get(area)
        if rnd() < tables.NO_FIXED_ABODE:
            address = ""
        elif streets:
            address = (
                f"北海道釧路市{choice(streets)}{self.days(1, 9)}丁目{self.days(1, 30)}番{self.days(1, 20)}号"
            )
        else:
            address = f"北海道{COUNTIES.get(area, '')}{area}{self.days(1, 400)}番地{self.days(1, 30)}"
        mobile = f"0{choice('789')}0-{self.days(1000, 9999)}-{self.days(1000, 9999)}"
        person = PersonStory(
            persona=persona,
            team=team,
            family=family,
            given=given,
            sex=sex,
            born=born,
            area=area,
            postal_code=f"08{self.days(4, 9)}-{self.days(0, 9999):04d}",
            address=address,
            phone="" if protected or rnd() < 0.7 else f"0154-{self.days(20, 69)}-{self.days(1000, 9999)}",
            mobile=mobile if protected or rnd() < 0.85 else "",
            email=f"{given[2].lower()}.{family[2].lower()}{self.days(1, 99)}@example.jp"
            if rnd() < 0.15
            else "",
            emergency_contact="" if protected or rnd() < 0.5 else self.emergency_contact(family[0]),
            dv_protected=protected,
        )
        self.household(person, age)
        return person

    def name(self, sex: str) -> tuple[Name, Name]:
        """A family and a given name, not the same full name twice while the caseload is small."""
        pool = self.given_pools.get(sex, self.any_given)
        tries = 50 if len(self.names_used) < self.distinct_names else 1
        for _attempt in range(tries):
            family, given = self.choice(self.family_pool), self.choice(pool)
            if (family[0], given[0]) not in self.names_used:
                break
        if tries > 1:
            self.names_used.add((family[0], given[0]))
        return family, given

    def emergency_contact(self, family_name: str) -> str:
        relation = self.choice(tables.EMERGENCY_RELATIONS)
        phone = f"090-{self.days(1000, 9999)}-{self.days(1000, 9999)}"
        return f"{relation} {family_name} {self.choice(self.any_given)[0]}（{phone}）"

    def household(self, person: PersonStory, age: int) -> None:
        coin, days, choice = self.coin, self.days, self.choice
        code, family = person.persona.code, person.family[0]
        female, male = self.given_pools[Sex.FEMALE], self.given_pools[Sex.MALE]
        members = person.household
        if code == "withdrawal":
            members.append(Member(f"{family} {choice(female)[0]}", "母", age + days(24, 34), False, ""))
            if coin(0.5):
                members.append(Member(f"{family} {choice(male)[0]}", "父", age + days(26, 38), False, ""))
            return
        if code not in ("dv", "single_parent") and age >= 25 and coin(0.35):
            relation = "夫" if person.sex == Sex.FEMALE else "妻"
            spouse = choice(male if relation == "夫" else female)[0]
            note = "要介護2" if code == "elderly" and coin(0.4) else ""
            members.append(Member(f"{family} {spouse}", relation, max(18, age + days(-6, 6)), False, note))
        wants_children = code in ("dv", "single_parent") or (code != "elderly" and coin(0.2))
        for order in range(days(1, 3) if wants_children and age >= 22 else 0):
            child_age = days(1, min(17, age - 20))
            son = coin(0.5)
            relation = ("長男", "次男", "三男")[order] if son else ("長女", "次女", "三女")[order]
            in_learning = 14 <= child_age <= 15 and coin(0.5)
            note = "中学3年。学習支援「まじくる」に参加" if in_learning else ""
            members.append(
                Member(
                    f"{family} {choice(male if son else female)[0]}", relation, child_age, in_learning, note
                )
            )
            person.children = True

    # ------------------------------------------------------------ one case

    def case(self, person: PersonStory, status: str, intake: Day, bound: Day) -> CaseStory:
        persona, rnd, choice = person.persona, self.rnd, self.choice
        picks = self.picks_of[id(person.team)]
        worker = self.intake_worker(picks, persona)
        received_by = (
            worker if rnd() < 0.8 or worker not in picks.consultation_ids else picks.consultation(rnd)
        )
        welfare, route = choice(persona.welfare), choice(persona.routes)
        continuing = status not in (S.INFORMATION_ONLY, S.HANDED_OVER)
        signed = None
        if continuing and (status != S.INTAKE or rnd() < 0.5):
            signed = intake if rnd() < 0.7 else self.after(intake, 1, 7, bound)
        count = min(self.concern_count(rnd), len(persona.concerns))
        concerns = [persona.concerns[0], *self.sample(persona.concerns[1:], count - 1)]
        case = CaseStory(
            status=status,
            intake=intake,
            worker=worker,
            received_by=received_by,
            route=route,
            referred=(
                route == Route.CITY_DEPARTMENT
                and welfare == W.RECEIVING
                and self.cast.city_caseworker is not None
                and rnd() < self.cast.referral_share
            ),
            wishes=choice(persona.wishes),
            signed=signed,
            screening=SCREENING.get(status, ScreeningOutcome.CONTINUING),
            contract=_contract(choice(persona.contracts), welfare),
            welfare=welfare,
            concerns=concerns,
            most_pressing=concerns[0] if rnd() < 0.75 else choice(concerns),
        )
        self.visitor(case, persona, person)
        if status == S.HANDED_OVER:
            case.handover_target, case.handover_detail = choice(persona.handovers)
            if welfare != W.RECEIVING and rnd() < 0.35:
                case.handover_target = HandoverTarget.PUBLIC_ASSISTANCE
                case.handover_detail = "生活保護の申請に同行し、生活保護窓口につないだ"
            if case.handover_target == HandoverTarget.PUBLIC_ASSISTANCE:
                case.welfare = W.APPLYING  # handed to the counter to apply
        milestones: list[tuple[Day, str]] = [(intake, choice(persona.intake_notes))]
        if signed:
            case.events.append(
                Consent(ConsentScope.APPLICATION, signed, "相談申込時に署名", received_by, with_intake=True)
            )
            if case.welfare in (W.RECEIVING, W.APPLYING):
                case.events.append(
                    Consent(
                        ConsentScope.SHARE_CITY,
                        signed,
                        "生活福祉事務所との情報共有に同意",
                        worker,
                        (CITY_WELFARE_OFFICE,),
                    )
                )
        if not continuing:
            self.early_exit(case, persona, milestones)
        elif status == S.INTAKE:
            case.end = bound
        else:
            self.casework(person, case, bound, milestones)
        if not continuing:
            case.closed_on = case.intake
        if status not in tables.OPEN:
            case.next_monitoring = None  # a case that has ended has no monitoring to come
        self.notes(person, case, milestones)
        return case

    def intake_worker(self, picks: _Picks, persona: Persona) -> int:
        if picks.employment and persona.code in tables.WORK_PERSONAS and self.coin(0.4):
            return picks.employment(self.rnd)
        return picks.consultation(self.rnd)

    def visitor(self, case: CaseStory, persona: Persona, person: PersonStory) -> None:
        """Who came in on the person's behalf, when the family brought the consultation."""
        if case.route != Route.FAMILY:
            return
        family_name, age = person.family[0], (case.intake - person.born) // 365
        if persona.code == "withdrawal" or age < 25:
            relation = "母"
        elif persona.code == "elderly":
            relation, family_name = "長女", self.choice(self.family_pool)[0]
        else:
            relation = self.choice(tables.SIBLINGS)
        given = self.choice(self.given_pools[Sex.MALE if relation == "兄" else Sex.FEMALE])[0]
        case.visitor_name, case.visitor_relation = f"{family_name} {given}", relation

    def early_exit(self, case: CaseStory, persona: Persona, milestones: list) -> None:
        """Information only, or handed over at the first consultation: one or two notes that day, and done
        (the case ends on its intake date)."""
        case.end = case.intake
        if case.status == S.INFORMATION_ONLY:
            milestones[:] = [(case.intake, persona.info_note)]
            return
        milestones[:] = [(case.intake, f"来所。{case.handover_detail}。")]
        if self.coin(0.5):
            milestones.append((case.intake, tables.HANDOVER_FOLLOW_UP))

    # ------------------------------------------------------------ the process

    def casework(self, person: PersonStory, case: CaseStory, bound: Day, milestones: list) -> None:
        status = case.status
        assessed = self.after(case.signed or case.intake, 3, 21, bound)
        self.emergency_support(person, case, assessed)
        self.assess(person, case, assessed, milestones, first=True)
        if status == S.ASSESSMENT:
            if self.coin(0.3):
                self.create_plan(person, case, self.after(assessed, 3, 14, bound), None, milestones)
            case.end = bound
            return
        if status == S.CLOSED and self.coin(0.15):
            closed = self.after(assessed, 20, 90, bound - 3)
            self.close(person, case, closed, self.choice(tables.EARLY_CLOSURES), milestones)
            return
        plan, submitted = self.prepare_plan(person, case, assessed, bound, milestones)
        if status == S.PLANNING:
            case.end = bound
            return
        approved = self.approve(person, case, plan, submitted, bound, milestones)
        closing = status in (S.CLOSED, S.CLOSURE_PENDING)
        until = self.closing_day(case, approved, bound) if closing else bound
        plan = self.support(person, case, plan, until, milestones)
        if closing:
            self.close_after_evaluation(person, case, until, milestones)
        else:
            self.maybe_draft_next(person, case, plan, milestones)
            case.end = bound

    def emergency_support(self, person: PersonStory, case: CaseStory, assessed: Day) -> None:
        """Some people need help at once, in the first days after intake, before any plan."""
        extra = self.extra
        if extra() >= tables.EMERGENCY_SHARE:
            return
        options = tables.EMERGENCY_SUPPORT.get(person.persona.code, tables.EMERGENCY_SUPPORT[""])
        kind, provider, detail = options[int(extra() * len(options))]
        day = workday_between(self.workdays, extra, case.intake, min(case.intake + 3, assessed))
        case.events.append(EmergencySupport(day, kind, provider, detail, case.worker))

    def hand(self, case: CaseStory, day: Day) -> int:
        """Who did the work that day: the case's worker, sometimes its employment worker."""
        if case.employment_worker and day >= case.employment_from and self.rnd() < 0.35:
            return case.employment_worker
        return case.worker

    def move(self, person: PersonStory, day: Day, stage: str, reason: str, worker: int) -> StageMove:
        move = StageMove(day, stage, person.stage, reason, worker)
        person.stage = stage
        person.stages.append((day, stage))
        return move

    def assess(
        self,
        person: PersonStory,
        case: CaseStory,
        day: Day,
        milestones: list,
        *,
        first: bool,
        stage: str = "",
    ) -> None:
        """The first assessment of a case confirms the persona's usual stage; a re-assessment confirms
        `stage`, and shares its note with the evaluation of the same day."""
        persona = person.persona
        stage = stage or self.choice(persona.stages)
        worker = self.hand(case, day)
        assessment = Assessment(
            day, worker, stage, self.scores(person, stage), **self.assessment_fields(person, case, day)
        )
        assessment.narrative = tables.STAGE_NARRATIVES[stage]
        if stage != person.stage:
            reason = "" if first else tables.STAGE_REASONS.get((person.stage, stage), "")
            reason = reason or f"{dt.date.fromordinal(day).isoformat()}のアセスメントで確定"
            assessment.move = self.move(person, day, stage, reason, worker)
            assessment.move.by_assessment = True
        case.events.append(assessment)
        if first:
            milestones.append((day, tables.ASSESSMENT_NOTE))

    def assessment_fields(self, person: PersonStory, case: CaseStory, day: Day) -> dict[str, Any]:
        persona, choice, days = person.persona, self.choice, self.days
        work = choice(persona.work)
        receiving = case.welfare == W.RECEIVING
        age = (day - person.born) // 365
        income = f"就労収入 月約{days(5, 18)}万円。預貯金はほとんどない。"
        if work in (WorkStatus.UNEMPLOYED, WorkStatus.OTHER):
            income = choice(
                ("就労収入なし。貯金を取り崩して生活している。", "就労収入なし。家族の収入で生活している。")
            )
        if work == WorkStatus.PENSION:
            income = f"年金収入 月約{days(6, 14)}万円。"
        if receiving:
            income = "生活保護受給中。" + (
                "就労収入なし。" if work == WorkStatus.UNEMPLOYED else "就労収入は収入申告済み。"
            )
        pension = (
            PensionStatus.RECEIVING
            if age >= 65
            else choice((PensionStatus.ENROLLED, PensionStatus.ENROLLED, PensionStatus.NOT_ENROLLED))
        )
        urgent = persona.code in ("housing", "dv")
        income_yen, debt, repayment = self.amounts(person, work, receiving)
        challenges = tables.CHALLENGES[persona.code]
        employment = (
            EmploymentSupportNeed.NEEDED
            if persona.code in tables.WORK_PERSONAS
            or person.stage == EMPLOYMENT
            or work == WorkStatus.UNEMPLOYED
            else EmploymentSupportNeed.NOT_NEEDED
        )
        return {
            "work_status": work,
            "housing_type": choice(persona.housing),
            "health_insurance": _insurance(age, work, receiving),
            "pension": pension,
            "monthly_income": income_yen,
            "debt_total": debt,
            "monthly_repayment": repayment,
            "challenges": [challenges[0], *self.sample(challenges[1:], days(0, 2))],
            "person_wishes": choice(persona.wishes),
            "employment_support": "" if age >= 70 else employment,
            "work_history": self.work_history(age, day),
            "family": [
                {
                    "relation": member.relation,
                    "age": member.age,
                    "lives_together": True,
                    "situation": member.note[:100]
                    or choice(tables.FAMILY_SITUATIONS["child" if member.age < 18 else "adult"]),
                }
                for member in person.household
            ],
            "income_and_welfare": income,
            "life_history": choice(persona.histories),
            "strengths": "、".join(self.sample(tables.STRENGTHS, 2)),
            "urgency": Urgency.HIGH if urgent else choice((Urgency.LOW, Urgency.MEDIUM, Urgency.MEDIUM)),
            "narrative": "",
        }

    def amounts(self, person: PersonStory, work: str, receiving: bool) -> tuple[int, int | None, int | None]:
        """The household's income a month, and the debts with their repayments, in yen (rounded)."""
        days = self.days
        if receiving:
            income = days(10, 14) * 10_000
        elif work in (WorkStatus.UNEMPLOYED, WorkStatus.OTHER, WorkStatus.STUDENT):
            income = days(0, 6) * 10_000
        elif work == WorkStatus.PENSION:
            income = days(6, 14) * 10_000
        else:
            income = days(8, 24) * 10_000
        if person.persona.code == "debt" or self.coin(0.15):
            debt = days(3, 60) * 100_000 if person.persona.code == "debt" else days(1, 20) * 100_000
            return income, debt, min(income, max(10_000, debt // 60 // 1000 * 1000))
        return income, None, None

    def work_history(self, age: int, day: Day) -> list[dict[str, str]]:
        """One to three earlier jobs, the latest ending a year or so before the assessment."""
        rows, end = [], dt.date.fromordinal(day).year - self.days(0, 2)
        for _ in range(0 if age < 20 else self.days(1, 3)):
            length = self.days(1, 8)
            start = end - length
            if start - (dt.date.fromordinal(day).year - age) < 16:
                break
            job, kind, reason = self.choice(tables.WORK_HISTORY)
            rows.append(
                {
                    "period": f"{start}-04〜{end}-03",
                    "employer_or_job": job,
                    "work_type": kind,
                    "reason_left": reason,
                }
            )
            end = start - self.days(0, 2)
        return rows

    def scores(self, person: PersonStory, stage: str) -> dict[str, int | None]:
        """1–5 scores around the stage's centre, lower on the persona's weak domains, so that the proposed
        stage usually agrees with the worker's (and sometimes, as in life, does not)."""
        rnd = self.rnd
        # A spread of 0.6 about the centre from three uniform draws (Irwin–Hall): near enough to gauss(), cheaper.
        scores: dict[str, int | None] = {
            code: min(5, max(1, round(centre + (rnd() + rnd() + rnd() - 1.5) * 1.2)))
            for code, centre in _centres(stage, person.persona.weak)
        }
        if not person.children:
            scores["children_education"] = None
        if self.rnd() < 0.3:
            scores["legal"] = None
        return scores

    def prepare_plan(
        self, person: PersonStory, case: CaseStory, assessed: Day, bound: Day, milestones: list
    ) -> tuple[Plan, Day]:
        """Draft, agree and submit the first plan; plans still waiting were submitted in the last 3 weeks."""
        start = self.after(assessed, 3, 14, bound)
        submitted = self.after(start, 0, 3, bound)
        if case.status == S.PLANNING and submitted < self.latest - 20:
            submitted = self.between(max(assessed, self.latest - 20), self.latest)
            start = self.between(max(assessed, submitted - 3), submitted)
        plan = self.create_plan(person, case, start, start, milestones)
        self.submit(plan, submitted)
        case.events.append(Submission(plan))
        return plan, self.maybe_send_back(person, case, plan, bound)

    def maybe_send_back(self, person: PersonStory, case: CaseStory, plan: Plan, bound: Day) -> Day:
        """A few plans are sent back once by the supervisor, changed and sent again (再提出); returns the day
        the plan was last submitted."""
        extra, first = self.extra, plan.submitted
        # More of the plans still waiting, so the approvals queue shows some re-sent (再提出).
        share = tables.PLAN_RETURN_SHARE * (3 if case.status == S.PLANNING else 1)
        if person.team.supervisor is None or extra() >= share:
            return first
        returned = workday_between(self.workdays, extra, first + 1, min(first + 3, bound))
        again = workday_between(self.workdays, extra, returned + 1, min(returned + 5, bound))
        if not first < returned < again <= bound:
            return first
        comment, goal = tables.PLAN_RETURNS[int(extra() * len(tables.PLAN_RETURNS))]
        case.events[-1] = Submission(plan, first, plan.submitted_slot)
        case.events.append(Return(plan, returned, int(extra() * SLOTS), person.team.supervisor, comment))
        plan.first_goals = plan.short_term_goals
        plan.short_term_goals = f"{plan.short_term_goals}\n{goal}"
        plan.submitted, plan.submitted_slot = again, int(extra() * SLOTS)
        case.events.append(Submission(plan))
        return again

    def create_plan(
        self, person: PersonStory, case: CaseStory, start: Day, agreed: Day | None, milestones: list
    ) -> Plan:
        persona, choice, days, sample = person.persona, self.choice, self.days, self.sample
        stage = person.stage or DAILY
        end = start + choice(tables.PLAN_MONTHS) * 365 // 12 - 1
        rows, partners = self.supports(person, case, stage)
        plan = Plan(
            version=len(case.plans) + 1,
            author=self.hand(case, start),
            start=start,
            end=end,
            long_term_goal=choice(persona.goals + tables.STAGE_GOALS[stage]),
            short_term_goals="\n".join(sample(persona.steps + tables.STAGE_STEPS[stage], days(2, 3))),
            own_actions="\n".join(sample(tables.OWN_ACTIONS[stage], days(1, 2))),
            supports=rows,
            statutory_services=self.statutory_services(person, case),
            agreed=agreed,
            next_monitoring=min(end, start + days(30, 75)),
            replan=any(p.status in (PlanStatus.APPROVED, PlanStatus.SUPERSEDED) for p in case.plans),
            employment_support=any(
                isinstance(event, Assessment) and event.employment_support == "needed"
                for event in case.events
            ),
        )
        case.plans.append(plan)
        case.events.append(plan)
        if agreed:
            milestones.append((agreed, tables.AGREEMENT_NOTE))
            if partners and person.partner_consent is None:
                person.partner_consent = Consent(
                    ConsentScope.SHARE_PARTNERS,
                    agreed,
                    "体験先・受入先との情報共有に同意",
                    case.worker,
                    partners,
                )
                case.events.append(person.partner_consent)
        return plan

    def supports(
        self, person: PersonStory, case: CaseStory, stage: str
    ) -> tuple[list[tuple[str, str, str]], tuple[str, ...]]:
        """The plan's support rows: the worker's interviews, one of the persona's supports, and one or two
        programmes of the stage (with the host organisation as the agency)."""
        receiving = case.welfare == W.RECEIVING
        programmes = [p for p in tables.STAGE_PROGRAMMES[stage] if receiving or not p[2]]
        chosen = self.sample(programmes, min(len(programmes), self.days(1, 2)))
        rows = [
            support_row("相談支援員による面談（月2回）", "自立相談支援機関"),
            support_row(self.choice(person.persona.supports)),
        ]
        rows += [support_row(line, org) for line, org, _welfare in chosen]
        return rows, tuple(org for _line, org, _w in chosen if org in self.cast.organisations)

    def statutory_services(self, person: PersonStory, case: CaseStory) -> list[str]:
        receiving = case.welfare == W.RECEIVING
        eligible = [
            code for code in person.persona.services
            if (receiving or code not in WELFARE_ONLY) and not (receiving and code in NOT_FOR_RECIPIENTS)
            and (person.children or code != StatutoryService.CHILDREN_LEARNING)
        ]  # fmt: skip
        chosen = self.sample(eligible, self.days(0, len(eligible)))
        return [StatutoryService.CONSULTATION, *chosen]

    def submit(self, plan: Plan, day: Day) -> None:
        plan.status, plan.submitted, plan.submitted_slot = PlanStatus.SUBMITTED, day, self.slot()

    def approve(
        self, person: PersonStory, case: CaseStory, plan: Plan, submitted: Day, bound: Day, milestones: list
    ) -> Day:
        """The co-ordination meeting (Wednesdays) or the supervisor approves; the person is told. An earlier
        approved plan is superseded."""
        if self.coin(0.65):
            method = ApprovalMethod.MEETING
            approved = min(submitted + ((2 - (submitted - 1) % 7) % 7 or 7), bound)  # the next Wednesday
            meeting: Day | None = approved
            if not person.meeting_consent:
                case.events.append(
                    Consent(ConsentScope.MEETING, plan.agreed, "支援調整会議での検討に同意", case.worker)
                )
                person.meeting_consent = True
        else:
            method, approved, meeting = ApprovalMethod.SUPERVISOR, self.after(submitted, 1, 4, bound), None
        for earlier in case.plans:
            if earlier.status == PlanStatus.APPROVED:
                earlier.status = PlanStatus.SUPERSEDED
        plan.status, plan.approved, plan.method, plan.meeting = PlanStatus.APPROVED, approved, method, meeting
        plan.approver = person.team.supervisor
        case.events.append(Approval(plan))
        case.next_monitoring = plan.next_monitoring
        milestones.append((approved, tables.APPROVAL_NOTE))
        self.assign_employment_worker(person, case, approved)
        return approved

    def assign_employment_worker(self, person: PersonStory, case: CaseStory, day: Day) -> None:
        """Work-oriented cases get the office's employment worker alongside their worker."""
        picks = self.picks_of[id(person.team)]
        work_contract = case.contract in (Contract.WORK_READINESS, Contract.WELFARE_WORK_READINESS)
        if (
            case.employment_worker
            or not picks.employment
            or not (person.stage == EMPLOYMENT or work_contract)
        ):
            return
        employment_worker = picks.employment(self.rnd)
        if employment_worker == case.worker:
            return
        case.employment_worker, case.employment_from = employment_worker, day
        case.events.append(Reassignment(day, person.team.supervisor, employment_worker))

    def support(self, person: PersonStory, case: CaseStory, plan: Plan, until: Day, milestones: list) -> Plan:
        """Monitor the plan and, when its period ends with time to spare, evaluate and re-plan."""
        while True:
            self.monitor(person, case, plan, min(until, plan.end - 7), milestones)
            # A re-plan takes up to ~5 weeks from the period's end to approval; it must fit before `until`.
            if plan.end + 40 > until:
                return plan
            plan = self.replan(person, case, plan, self.after(plan.end, 0, 7, until), until, milestones)

    def monitor(self, person: PersonStory, case: CaseStory, plan: Plan, until: Day, milestones: list) -> None:
        """Each monitoring happens on a working day up to ten days after it was due, or when the worker has
        fallen behind (one in five) up to six weeks after; one that would fall after `until` has not happened
        (yet), and the case shows it overdue (about one case in six in support)."""
        floor = plan.approved
        while case.next_monitoring is not None and case.next_monitoring <= until:
            earliest = max(case.next_monitoring, floor)
            late = self.rnd() < 0.2
            day = self.between(earliest + (10 if late else 0), earliest + (40 if late else 10))
            if day > until:
                return
            progress = self.progress_pick(self.rnd)
            due = day + self.days(45, 90)
            monitoring = Monitoring(
                day, self.hand(case, day), plan, progress, self.choice(tables.MONITORING_NOTES[progress]), due
            )
            case.events.append(monitoring)
            case.next_monitoring = due
            floor = day + 1
            milestones.append((day, tables.MONITORING_NOTE))
            self.after_monitoring(person, case, day, progress)

    def after_monitoring(self, person: PersonStory, case: CaseStory, day: Day, progress: str) -> None:
        """A monitoring that shows a clear step forward, or a setback, is sometimes followed by a move on the
        ladder before the plan ends."""
        stage = person.stage
        if progress == GoalProgress.ACHIEVED and stage != EMPLOYMENT and self.coin(0.3):
            up = _step(stage, +1)
            case.events.append(self.move(person, day, up, tables.STAGE_REASONS[(stage, up)], case.worker))
            self.assign_employment_worker(person, case, day)
        elif progress == GoalProgress.NOT_YET and stage != DAILY and self.coin(0.12):
            down = _step(stage, -1)
            case.events.append(self.move(person, day, down, tables.STAGE_REASONS[(stage, down)], case.worker))

    def replan(
        self, person: PersonStory, case: CaseStory, plan: Plan, evaluated: Day, until: Day, milestones: list
    ) -> Plan:
        case.events.append(
            Evaluation(
                evaluated, self.hand(case, evaluated), plan, self.state_changes(person, ()),
                self.choice(tables.REPLAN_SUMMARIES), EvaluationOutcome.NEW_PLAN,
            )
        )  # fmt: skip
        milestones.append((evaluated, tables.EVALUATION_NOTE))
        if self.coin(0.4):
            self.assess(person, case, evaluated, milestones, first=False, stage=self.next_stage(person.stage))
        start = self.after(evaluated, 1, 7, until)
        new_plan = self.create_plan(person, case, start, start, milestones)
        submitted = self.after(start, 0, 2, until)
        self.submit(new_plan, submitted)
        case.events.append(Submission(new_plan))
        self.approve(person, case, new_plan, submitted, until, milestones)
        return new_plan

    def next_stage(self, stage: str) -> str:
        """At the re-assessment before a new plan, many move up the ladder and a few move down."""
        roll = self.rnd()
        return _step(stage, +1) if roll < 0.4 else _step(stage, -1) if roll < 0.47 else stage

    def state_changes(self, person: PersonStory, extra: Iterable[str]) -> list[str]:
        picked = self.sample(person.persona.changes, self.days(1, 3))
        return list(dict.fromkeys([*extra, *picked]))

    def maybe_draft_next(self, person: PersonStory, case: CaseStory, plan: Plan, milestones: list) -> None:
        """Some workers draft the next plan once the current one's period has ended."""
        if plan.end < self.latest and self.coin(0.5):
            self.create_plan(person, case, plan.end + 1, None, milestones)

    # ------------------------------------------------------------ closure

    def closing_day(self, case: CaseStory, approved: Day, bound: Day) -> Day:
        if case.status == S.CLOSURE_PENDING:
            return self.between(max(approved, self.latest - 14), self.latest)
        last = max(approved, bound - 3)
        return self.between(
            min(approved + tables.SUPPORT_DAYS[0], last), min(approved + tables.SUPPORT_DAYS[1], last)
        )

    def closure_reason(self, person: PersonStory) -> str:
        if (person.stage == EMPLOYMENT or person.persona.code in tables.WORK_PERSONAS) and self.coin(0.55):
            return ClosureReason.EMPLOYED
        if person.persona.code == "elderly" and self.coin(0.1):
            return ClosureReason.DIED
        return self.closure_pick(self.rnd)

    def close_after_evaluation(
        self, person: PersonStory, case: CaseStory, day: Day, milestones: list
    ) -> None:
        reason = self.closure_reason(person)
        summary, changes = self.choice(tables.CLOSURES[reason])
        lost = reason in (ClosureReason.LOST_CONTACT, ClosureReason.DIED)
        plan = next(p for p in reversed(case.plans) if p.status == PlanStatus.APPROVED)
        state_changes = list(changes) if lost else self.state_changes(person, changes)
        case.events.append(
            Evaluation(day, self.hand(case, day), plan, state_changes, summary, EvaluationOutcome.CLOSE)
        )
        self.close(person, case, day, reason, milestones, summary)

    def close(
        self, person: PersonStory, case: CaseStory, day: Day, reason: str, milestones: list, detail: str = ""
    ) -> None:
        """Request the closure on `day`; the supervisor approves it a few days later unless it still waits."""
        worker = case.worker
        detail = detail or self.choice(tables.CLOSURES[reason])[0]
        if reason == ClosureReason.EMPLOYED and person.stage != EMPLOYMENT:
            case.events.append(self.move(person, day, EMPLOYMENT, EMPLOYED_REASON, worker))
        if reason not in (ClosureReason.LOST_CONTACT, ClosureReason.DIED, ClosureReason.MOVED):
            milestones.append((day, tables.CLOSING_NOTE))
        consent = person.partner_consent
        if reason == ClosureReason.OWN_WISH and consent and consent.withdrawn is None:
            consent.withdrawn = day
            case.events.append(Withdrawal(consent, day, worker))
        closure = Closure(day, reason, detail, worker, self.slot())
        if case.status == S.CLOSED:
            closure.decided = self.between(min(day + 1, self.latest), min(day + 10, self.latest))
            closure.decided_slot = max(closure.slot, self.slot()) if closure.decided == day else self.slot()
            closure.decider = person.team.supervisor
            case.closed_on = day
        case.events.append(closure)
        case.end = day
        if closure.decided and closure.decided + 14 <= self.latest and self.extra() < tables.FOLLOW_UP_SHARE:
            # A follow-up after the closure: not part of the case's active time (case.end).
            extra = self.extra
            follow_day = workday_between(
                self.workdays, extra, closure.decided + 14, min(closure.decided + 60, self.latest)
            )
            method, minutes, text = tables.FOLLOW_UP_NOTES[int(extra() * len(tables.FOLLOW_UP_NOTES))]
            case.events.append(FollowUp(follow_day, int(extra() * SLOTS), method, worker, minutes, text))

    # ------------------------------------------------------------ notes

    def note_count(self, case: CaseStory) -> int:
        status = case.status
        if status in (S.INFORMATION_ONLY, S.HANDED_OVER):
            return 0  # the milestones' notes only
        if status == S.INTAKE:
            return self.days(1, 3)
        low, high = NOTES_BY_STATUS.get(status, (5, 25))
        return max(low, min(high, 6 + (case.end - case.intake) // 10 + self.days(-2, 2)))

    def notes(self, person: PersonStory, case: CaseStory, milestones: list[tuple[Day, str]]) -> None:
        """The milestones' notes, then ordinary contacts on working days spread over the case's active time.
        The hottest loop of the bench (twenty notes a person): written out rather than with the helpers."""
        rnd, known = self.rnd, self.known
        entries = [(day, text, known(text)) for day, text in milestones]
        extra = self.note_count(case) - len(entries)
        if extra > 0:
            workdays = self.workdays
            lo, hi = bisect_left(workdays, case.intake), bisect_right(workdays, case.end)
            persona, used = person.persona, set()
            first = self.note_pool(persona, "")
            pools = [(since, self.note_pool(persona, stage)) for since, stage in person.stages]
            for _ in range(extra):
                day = workdays[lo + int(rnd() * (hi - lo))] if hi > lo else case.intake
                pool = first
                for since, stage_pool in pools:  # the pool of the stage the person was on that day
                    if since > day:
                        break
                    pool = stage_pool
                for _attempt in range(3):  # seldom a note already written
                    text, method = pool[int(rnd() * len(pool))]
                    if text not in used:
                        break
                used.add(text)
                entries.append((day, text, method))
        notes, last_contact, worker = case.notes, 0, case.worker
        helper, helper_from = case.employment_worker, case.employment_from
        marker_pick, methods, make = (
            self.marker_pick,
            self.methods,
            tuple.__new__,
        )  # make: Note(...) at a third the cost
        for day, text, method in entries:
            if method is None:
                marker = marker_pick(rnd)
                method, text = methods[marker], f"{marker}。{text}"
            kind, low, steps = method
            hand = helper if helper and day >= helper_from and rnd() < 0.35 else worker
            notes.append(
                make(Note, (day, int(rnd() * SLOTS), kind, hand, low + 5 * int(rnd() * steps), text))
            )
            if day > last_contact and kind in CONTACT_METHODS:
                last_contact = day
        for event in case.events:
            kind = type(event)
            if (kind is Monitoring and event.day > last_contact) or (
                kind is FollowUp and event.method in CONTACT_METHODS and event.day > last_contact
            ):
                last_contact = event.day
        case.last_contact = last_contact

    def note_pool(self, persona: Persona, stage: str) -> tuple[tuple[str, tuple[str, int, int] | None], ...]:
        """The ordinary contacts that fit a kind of situation at a stage (before any stage, the first ones),
        with the method each one's marker gives."""
        pool = self._note_pools.get((persona.code, stage))
        if pool is None:
            texts = (
                persona.notes + tables.STAGE_NOTES[stage] + tables.GENERAL_NOTES
                if stage
                else tables.EARLY_NOTES
            )
            pool = self._note_pools[(persona.code, stage)] = tuple((text, self.known(text)) for text in texts)
        return pool

    def known(self, text: str) -> tuple[str, int, int] | None:
        """A note's (method, fewest minutes, number of five-minute steps) from the marker it starts with
        (来所。電話。…); None when it has none, and one is drawn for it."""
        found = self._marked.get(text, False)
        if found is False:
            found = self._marked[text] = self.methods.get(text.split("。", 1)[0])
        return found


NOTES_BY_STATUS = {S.ASSESSMENT: (3, 8), S.PLANNING: (4, 10)}
WELFARE_ONLY: frozenset[str] = frozenset()
NOT_FOR_RECIPIENTS = frozenset(
    {StatutoryService.WORK_READINESS, StatutoryService.HOUSING_BENEFIT, StatutoryService.HOUSING_SUPPORT}
)


@lru_cache(maxsize=64)
def _centres(stage: str, weak: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """The centre of each domain's score at a stage: (daily-life, social, work) by stage, 3.2 elsewhere, less
    on the persona's weak domains."""
    daily, social, work = tables.SCORE_CENTRES[stage]
    centres = dict.fromkeys(tables.DAILY_DOMAINS, daily) | dict.fromkeys(tables.SOCIAL_DOMAINS, social)
    centres |= dict.fromkeys(tables.WORK_DOMAINS, work)
    return tuple(
        (code, centres.get(code, 3.2) - (0.8 if code in weak else 0)) for code, _label in ASSESSMENT_DOMAINS
    )
