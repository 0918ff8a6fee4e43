"""The work chapter (中間的就労): the seed's two work sites, 漁網の整網作業 (net mending, counted in 枚,
非雇用型: 工賃 by the piece) and 釧路市指定ごみ袋の封入作業 (bag packing, in 袋, 雇用型: a piece wage with the
minimum-wage top-up), and what the people placed there did each day.

As every chapter (stories.Chapter), it has three parts. The teller (the rules), after the placements
chapter: a site has a number of places (its capacity in the catalog, seats here); a placement at a site
works there when a seat is free over its days, and a site with free seats takes on people at the
employment stage (the placements chapter tells how such a placement unfolds). On each day a person
attended, one work log: minutes from the attendance hours (breaks taken off), a quantity growing with
practice (each person's own learning curve), a few defects, fewer with practice. The level rule, as
the work app states it: the average units an hour over the last `review_days` logs reaches the next
level's threshold and the share of defects stays within its limit; a supervisor confirms it a few
working days later (from then it pays). Every level's rate changes once, from the April of the last
year; the month two months back is closed at both sites and a few corrections of it are paid in the
month after. The demo's writer writes through the work services and
tells the roll-calls of the work sites before the placements chapter's recent weeks, so that the demo
has a year of logs; the bench's writer writes the logs and the skill history as bulk rows.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tsunagu.accounts.models import User
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Person
from tsunagu.programs import services as programs
from tsunagu.programs.models import Attendance, AttendanceStatus, PlacementStatus, ProgramHost, Session
from tsunagu.sampledata.catalog import CATALOG
from tsunagu.sampledata.placements import NAME as PLACEMENTS
from tsunagu.sampledata.placements import Outcome, PlacementStory, _Outcomes
from tsunagu.sampledata.stories import Chapter, Day, Host, PersonStory, Storyteller, workday_between
from tsunagu.sampledata.tables import EMPLOYMENT, OPEN
from tsunagu.work import services_catalog, services_logs, services_pay, services_skills
from tsunagu.work.models import PayBasis, PayMonth, SkillAssessment, WorkForm, WorkLog, WorkType

NAME = "work"
WORKING = (
    PlacementStatus.TRIAL,
    PlacementStatus.ACTIVE,
    PlacementStatus.COMPLETED,
    PlacementStatus.INTERRUPTED,
)
ENDED = (PlacementStatus.COMPLETED, PlacementStatus.INTERRUPTED)
WORK_SHARE = 5 / 6  # of the hours attended, the minutes worked: breaks and the morning meeting taken off
RECRUIT_SHARE = 0.1  # of the people at the employment stage without a seat, those a site with one takes on
ADJUSTMENT_SHARE = 0.15  # of the people who worked in the closed month, those with a correction of it
YEN = Decimal(1)


# ---------------------------------------------------------------- the sites (data)


@dataclass(frozen=True)
class Level:
    rank: int
    name: str
    criteria: str
    to_reach: Decimal | None  # units an hour over the review days; None for the first level
    max_defects: Decimal | None  # the largest share of defects (defects ÷ quantity)
    rates: tuple[Decimal, Decimal]  # yen a unit: before the April change, and from it


@dataclass(frozen=True)
class Curve:
    """How fast people learn a site's work, in units an hour and shares of defects (low, high)."""

    first_speed: tuple[float, float]
    top_speed: tuple[float, float]
    learn_days: tuple[int, int]  # logs until two thirds of the way to the top
    first_defects: tuple[float, float]
    last_defects: tuple[float, float]


@dataclass(frozen=True)
class Order:
    customer: str  # an organisation of the directory by exact name, else a name written on the order
    prefix: str  # of the order reference: prefix-YYYY-MM
    months: int  # one order every this many months (from April)
    quantity: int


@dataclass(frozen=True)
class Site:
    program: str  # the catalog's program: the work type belongs to its host
    work_type: str
    unit: str
    work_form: str
    max_units_per_hour: Decimal
    review_days: int
    levels: tuple[Level, ...]
    curve: Curve
    order: Order

    @property
    def entry(self):
        return next(entry for entry in CATALOG if entry.name == self.program)

    @property
    def seats(self) -> int:
        return self.entry.hosts[0].capacity or 1


def _d(text: str) -> Decimal:
    return Decimal(text)


NET_MENDING_LEVELS = (
    Level(1, "見習い", "本目結びを覚え、指導を受けながら小さな破れを繕う。", None, None, (_d("60"), _d("65"))),
    Level(2, "初級", "小さな破れを一人で繕える。1時間に1.2枚以上、手直しは1割以下。", _d("1.2"), _d("0.100"),
          (_d("80"), _d("85"))),
    Level(3, "中級", "大きな破れや継ぎ足しも一人でこなす。1時間に1.8枚以上、手直しは7%以下。", _d("1.8"),
          _d("0.070"), (_d("100"), _d("110"))),
    Level(4, "熟練", "網の仕立てまでこなし、新しい人に教えられる。1時間に2.5枚以上、手直しは5%以下。", _d("2.5"),
          _d("0.050"), (_d("120"), _d("130"))),
)  # fmt: skip
BAG_PACKING_LEVELS = (
    Level(1, "見習い", "枚数の数え方と封入の手順を覚え、指導を受けながら作業する。", None, None,
          (_d("6.00"), _d("6.50"))),
    Level(2, "初級", "1時間に50袋以上、数え違い・封入不良は3%以下。", _d("50"), _d("0.030"), (_d("7.00"), _d("7.50"))),
    Level(3, "中級", "1時間に75袋以上、不良は2%以下。箱詰めまで一人でできる。", _d("75"), _d("0.020"),
          (_d("8.00"), _d("8.50"))),
    Level(4, "熟練", "1時間に100袋以上、不良は1%以下。ほかの人の検品ができる。", _d("100"), _d("0.010"),
          (_d("9.00"), _d("10.00"))),
)  # fmt: skip

NET_MENDING = Site(
    program="漁網の整網作業",
    work_type="漁網の整網作業",
    unit="枚",
    work_form=WorkForm.TRAINING,
    max_units_per_hour=_d("6"),
    review_days=10,
    levels=NET_MENDING_LEVELS,
    curve=Curve((0.5, 0.9), (1.5, 3.3), (20, 90), (0.14, 0.24), (0.02, 0.08)),
    order=Order("道東漁網株式会社", "DG", 6, 1500),
)
BAG_PACKING = Site(
    program="釧路市指定ごみ袋の封入作業",
    work_type="指定ごみ袋の封入",
    unit="袋",
    work_form=WorkForm.EMPLOYMENT,
    max_units_per_hour=_d("200"),
    review_days=8,
    levels=BAG_PACKING_LEVELS,
    curve=Curve((25, 40), (60, 125), (15, 70), (0.04, 0.07), (0.004, 0.018)),
    order=Order("釧路市役所 庁内関係課", "KG", 3, 30000),
)
SITES = (NET_MENDING, BAG_PACKING)


# ---------------------------------------------------------------- a story


class Log(tuple):
    """One day's work: (day, at: the index of its roll-call in WorkStory.roll, quantity, minutes, defects,
    order: the index of the site's order)."""

    __slots__ = ()

    day = property(lambda self: self[0])
    at = property(lambda self: self[1])
    quantity = property(lambda self: self[2])
    minutes = property(lambda self: self[3])
    defects = property(lambda self: self[4])
    order = property(lambda self: self[5])


@dataclass(frozen=True)
class LevelUp:
    rank: int
    proposed: Day  # the day the rule proposed it (the last of the review days)
    confirmed: Day  # the supervisor's confirmation, from when it pays
    units_per_hour: Decimal
    defect_rate: Decimal
    supervisor: int


@dataclass(frozen=True)
class Adjustment:
    paid_in: Day  # first day of the (open) month it is paid in
    corrects: Day  # first day of the closed month
    amount: Decimal
    reason: str
    supervisor: int


@dataclass(slots=True, eq=False)
class WorkStory:
    placement: PlacementStory
    site: Site
    # The roll-calls the placements chapter did not tell (the demo's weeks before its recent ones), then its
    # own: together every day of the placement at the site.
    earlier: list[tuple[Day, Outcome]] = field(default_factory=list)
    logs: list[Log] = field(default_factory=list)
    levels: list[LevelUp] = field(default_factory=list)
    proposal: tuple[int, Day] | None = None  # a level proposed and not yet confirmed on the last day
    adjustments: list[Adjustment] = field(default_factory=list)

    @property
    def roll(self) -> list[tuple[Day, Outcome]]:
        return self.earlier + self.placement.attendance

    def rank_on(self, day: Day) -> int:
        rank = 1
        for up in self.levels:
            if up.confirmed <= day:
                rank = up.rank
        return rank


# ---------------------------------------------------------------- the teller


def _month_start(day: Day) -> Day:
    return dt.date.fromordinal(day).replace(day=1).toordinal()


def _add_months(day: Day, months: int) -> Day:
    date = dt.date.fromordinal(day)
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1).toordinal()


class _Seats:
    """A site's places over time: each seat a sorted run of (start, stop) that never overlap."""

    def __init__(self, count: int) -> None:
        self.seats: list[tuple[list[Day], list[Day]]] = [([], []) for _ in range(count)]

    def take(self, start: Day, stop: Day) -> bool:
        for starts, stops in self.seats:
            i = bisect_left(starts, start)
            if (i and stops[i - 1] >= start) or (i < len(starts) and starts[i] <= stop):
                continue
            starts.insert(i, start)
            stops.insert(i, stop)
            return True
        return False


class Teller:
    """Tells each person's days at the work sites, after the placements chapter (see the module)."""

    def __init__(self, teller: Storyteller) -> None:
        self.t = teller
        latest = teller.latest
        self.hosts: dict[int, Site] = {}
        for host in teller.cast.hosts:
            for site in SITES:
                if host.name.startswith(site.program + "（"):
                    self.hosts[host.id] = site
        self.site_hosts: dict[Site, Host] = {
            site: host for host in teller.cast.hosts if (site := self.hosts.get(host.id))
        }
        self.seats = {site: _Seats(site.seats) for site in self.site_hosts}
        self.outcomes = {host.id: _Outcomes(host) for host in self.site_hosts.values()}
        days = teller.profile.attendance_days
        self.attendance_from = latest - days + 1 if days else 0
        # Every rate changes once: from the April at least two months before the last day.
        before = dt.date.fromordinal(latest - 60)
        self.rate_change: Day = dt.date(
            before.year if before.month >= 4 else before.year - 1, 4, 1
        ).toordinal()
        self.closed_month: Day = _add_months(_month_start(latest), -2)
        self.adjustments = 0
        self.orders = {site: self._orders(site) for site in self.site_hosts}
        self.order_starts = {
            site: [start for start, _due, _ref in orders] for site, orders in self.orders.items()
        }
        self._placements: Any = None

    def _orders(self, site: Site) -> list[tuple[Day, Day, str]]:
        """The site's orders (ordered on, due on, reference), one every `months` from an April, covering
        every day told."""
        first = dt.date.fromordinal(self.t.first)
        start = dt.date(first.year if first.month >= 4 else first.year - 1, 4, 1).toordinal()
        months = site.order.months
        while _add_months(start, months) <= self.t.first:
            start = _add_months(start, months)
        orders = []
        while start <= self.t.latest:
            due = _add_months(start, months) - 1
            date = dt.date.fromordinal(start)
            orders.append((start, due, f"{site.order.prefix}-{date.year}-{date.month:02d}"))
            start = due + 1
        return orders

    def __call__(self, person: PersonStory) -> None:
        if not self.site_hosts:
            return
        placements: list[PlacementStory] = person.chapters.get(PLACEMENTS, [])
        stories = [story for p in placements if (story := self.seat(p))]
        recruit = self.recruit(person, placements)
        if recruit:
            person.chapters[PLACEMENTS] = [*placements, recruit.placement]
            stories.append(recruit)
        for story in stories:
            self.work(person, story)
        if stories:
            self.correction(person, stories)
            person.chapters[NAME] = stories

    # ------------------------------------------------------------ who works at a site

    def span(self, placement: PlacementStory) -> tuple[Day, Day] | None:
        """The days a placement works at its site: from its trial or start to its end (or the last day)."""
        if placement.status not in WORKING:
            return None
        start = next((day for status, day in placement.steps if status in WORKING), None)
        stop = next((day for status, day in placement.steps if status in ENDED), self.t.latest)
        return (start, stop) if start is not None else None

    def seat(self, placement: PlacementStory) -> WorkStory | None:
        site = self.hosts.get(placement.host.id)
        span = self.span(placement) if site else None
        if span is None or not self.seats[site].take(*span):
            return None
        story = WorkStory(placement, site)
        if self.attendance_from:  # the demo: the roll-calls of the weeks before the placements chapter's
            days = placement.host.days
            first, last = span[0], min(span[1], self.attendance_from - 1)
            earlier = days[bisect_left(days, first) : bisect_right(days, last)]
            story.earlier = self.outcomes[placement.host.id].draw(earlier, self.t.rnd)
        return story

    def recruit(self, person: PersonStory, placements: list[PlacementStory]) -> WorkStory | None:
        """A site with a free seat takes on a person at the employment stage whose plan is approved."""
        supported = [(case, plan) for case in person.cases for plan in case.plans[:1] if plan.approved]
        if not supported:
            return None
        case, plan = supported[-1]
        if person.stage_on(case.end) != EMPLOYMENT or self.t.rnd() >= RECRUIT_SHARE:
            return None
        placed = {p.host.id for p in placements}
        sites = [(site, host) for site, host in self.site_hosts.items() if host.id not in placed]
        if not sites:
            return None
        _site, host = sites[int(self.t.rnd() * len(sites))]
        if self._placements is None:
            self._placements = dict(self.t.chapters)[PLACEMENTS]
        pick = self._placements.open_pick if case.status in OPEN else self._placements.closed_pick
        placement = self._placements.place(case, plan, host, pick(self.t.rnd))
        return self.seat(placement)

    # ------------------------------------------------------------ the days' work

    def work(self, person: PersonStory, story: WorkStory) -> None:
        """A log on each day attended, along the person's learning curve; the level rule after each."""
        t, site = self.t, story.site
        rnd, curve = t.rnd, site.curve
        top = curve.top_speed[0] + rnd() * (curve.top_speed[1] - curve.top_speed[0])
        first = curve.first_speed[0] + rnd() * (curve.first_speed[1] - curve.first_speed[0])
        learn = curve.learn_days[0] + rnd() * (curve.learn_days[1] - curve.learn_days[0])
        last_defects = curve.last_defects[0] + rnd() * (curve.last_defects[1] - curve.last_defects[0])
        first_defects = curve.first_defects[0] + rnd() * (curve.first_defects[1] - curve.first_defects[0])
        decay = (1 / 3) ** (1 / learn)  # the distance left to the top shrinks by this each day worked
        left, most = 1.0, float(site.max_units_per_hour)
        starts, order_of = self.order_starts[site], bisect_right
        rule = _Rule(site, story, t, person.team.supervisor or t.cast.teams[0].supervisor)
        for at, (day, (status, _category, _note, hours)) in enumerate(story.roll):
            if status == AttendanceStatus.ABSENT:
                continue
            minutes = 5 * round(float(hours) * 60 * WORK_SHARE / 5)
            speed = top - (top - first) * left
            quantity = min(int(speed * minutes / 60 * (0.85 + 0.3 * rnd())), int(most * minutes / 60))
            share = last_defects + (first_defects - last_defects) * left
            defects = min(quantity, int(quantity * share + rnd()))
            log = Log((day, at, quantity, minutes, defects, order_of(starts, day) - 1))
            story.logs.append(log)
            rule.after(log)
            left *= decay
        story.proposal = rule.waiting

    def correction(self, person: PersonStory, stories: list[WorkStory]) -> None:
        """A correction of the closed month, paid in the month after: a day's units left out, or counted
        twice. The first person who worked in that month has one; then a few others."""
        closed, after = self.closed_month, _add_months(self.closed_month, 1)
        rnd = self.t.rnd
        for story in stories:
            logs = [log for log in story.logs if closed <= log.day < after and log.quantity]
            if not logs or (self.adjustments and rnd() >= ADJUSTMENT_SHARE):
                continue
            log = logs[int(rnd() * len(logs))]
            site = story.site
            quantity = (
                max(1, log.quantity // 4) if rnd() < 0.25 else max(1, 1 + int(rnd() * log.quantity / 3))
            )
            missed = rnd() < 0.75
            amount = (quantity * self.rate(site, story.rank_on(log.day), log.day)).quantize(
                YEN, rounding=ROUND_HALF_UP
            )
            date = dt.date.fromordinal(log.day)
            what = f"{date.month}月{date.day}日の{site.work_type}"
            reason = (
                f"{what}の記録漏れ（{quantity}{site.unit}）を追加"
                if missed
                else f"{what}の二重計上（{quantity}{site.unit}）を差し引き"
            )
            supervisor = person.team.supervisor or self.t.cast.teams[0].supervisor
            story.adjustments.append(
                Adjustment(after, closed, amount if missed else -amount, reason, supervisor)
            )
            self.adjustments += 1
            return

    def rate(self, site: Site, rank: int, day: Day) -> Decimal:
        level = site.levels[rank - 1]
        return level.rates[1] if day >= self.rate_change else level.rates[0]


class _Rule:
    """The level rule over a person's logs, as they come: the last `review_days` logs' units an hour and
    share of defects against the next level's; a proposal waits for the supervisor's confirmation."""

    def __init__(self, site: Site, story: WorkStory, teller: Storyteller, supervisor: int) -> None:
        self.site, self.story, self.t, self.supervisor = site, story, teller, supervisor
        self.window: list[Log] = []
        self.rank = 1
        self.pending: tuple[int, Day] | None = None
        self.confirm_on: Day = 0

    @property
    def waiting(self) -> tuple[int, Day] | None:
        """The proposal still unconfirmed on the last day; one confirmed after the person's last log (they
        stopped working before the supervisor's day) is a level-up already told, not a proposal."""
        return self.pending if self.pending and self.confirm_on > self.t.latest else None

    def after(self, log: Log) -> None:
        window = self.window
        window.append(log)
        if len(window) > self.site.review_days:
            del window[0]
        if self.pending:
            if log.day < self.confirm_on:
                return
            self.rank, self.pending = self.pending[0], None
        levels = self.site.levels
        if self.rank >= len(levels) or len(window) < self.site.review_days:
            return
        level = levels[self.rank]
        quantity = sum(w.quantity for w in window)
        minutes = sum(w.minutes for w in window)
        defects = sum(w.defects for w in window)
        if not minutes or Decimal(quantity * 60) < level.to_reach * minutes:
            return
        if Decimal(defects) > level.max_defects * quantity:
            return
        day = log.day
        self.pending = (level.rank, day)
        self.confirm_on = workday_between(self.t.workdays, self.t.rnd, day + 2, day + 7)
        if self.confirm_on > self.t.latest:
            return  # still waiting for the supervisor on the last day
        self.story.levels.append(
            LevelUp(
                rank=level.rank, proposed=day, confirmed=self.confirm_on,
                units_per_hour=(Decimal(quantity * 60) / minutes).quantize(Decimal("0.01"), ROUND_HALF_UP),
                defect_rate=(Decimal(defects) / quantity).quantize(Decimal("0.001"), ROUND_HALF_UP),
                supervisor=self.supervisor,
            )
        )  # fmt: skip


def chapter_teller(storyteller: Storyteller) -> Teller:
    """This chapter's teller among the storyteller's (the writers read the sites, months and orders)."""
    return dict(storyteller.chapters)[NAME]


# ---------------------------------------------------------------- the sites' rows (both writers)


@dataclass
class SiteRows:
    host: ProgramHost
    work_type: WorkType
    levels: dict[int, Any]  # rank → SkillLevel
    orders: list[Any]  # CustomerOrder, in the teller's order


def load_sites(teller: Teller, actor) -> dict[Site, SiteRows]:
    """The sites' work types, levels with their two rates, and orders; kept as they are when there."""
    found: dict[Site, SiteRows] = {}
    for site, host in teller.site_hosts.items():
        program_host = ProgramHost.objects.select_related("program").get(pk=host.id)
        work_type = WorkType.objects.filter(host=program_host, name=site.work_type).first()
        if work_type is None:
            work_type = services_catalog.create_work_type(
                actor=actor, host=program_host, name=site.work_type, unit=site.unit, work_form=site.work_form,
                pay_basis=PayBasis.PER_UNIT, max_units_per_hour=site.max_units_per_hour,
                review_days=site.review_days,
            )  # fmt: skip
            since = program_host.program.active_from
            for level in site.levels:
                row = services_catalog.add_skill_level(
                    actor=actor, work_type=work_type, rank=level.rank, name=level.name, criteria=level.criteria,
                    units_per_hour_to_reach=level.to_reach, max_defect_rate=level.max_defects,
                )  # fmt: skip
                services_catalog.add_pay_rate(
                    actor=actor, level=row, amount=level.rates[0], effective_from=since
                )
                change = dt.date.fromordinal(teller.rate_change)
                services_catalog.add_pay_rate(
                    actor=actor, level=row, amount=level.rates[1], effective_from=change
                )
        levels = {level.rank: level for level in work_type.levels.all()}
        existing = {order.reference: order for order in work_type.orders.all()}
        customer = Organisation.objects.filter(name=site.order.customer).first()
        orders = []
        for start, due, reference in teller.orders[site]:
            order = existing.get(reference) or services_catalog.add_customer_order(
                actor=actor, work_type=work_type, customer=customer,
                customer_name="" if customer else site.order.customer, reference=reference,
                ordered_on=dt.date.fromordinal(start), due_on=dt.date.fromordinal(due),
                quantity=Decimal(site.order.quantity),
            )  # fmt: skip
            orders.append(order)
        found[site] = SiteRows(program_host, work_type, levels, orders)
    return found


def evidence_note(site: Site, up: LevelUp) -> str:
    return (
        f"直近{site.review_days}日の平均 1時間{up.units_per_hour}{site.unit}、"
        f"不良・手直し{(up.defect_rate * 100).normalize():f}%"
    )


class Locked:
    """The months already closed before this run (a demo loaded again, a bench run with --force): nothing
    is logged, confirmed or corrected in them, and they are not closed twice, as the services would refuse."""

    def __init__(self) -> None:
        self.months = set(PayMonth.objects.values_list("host_id", "month"))
        self.days: dict[int, list[tuple[Day, Day]]] = defaultdict(list)
        for host_id, month in self.months:
            self.days[host_id].append((month.toordinal(), _add_months(month.toordinal(), 1) - 1))

    def __call__(self, host_id: int, day: Day) -> bool:
        return any(first <= day <= last for first, last in self.days.get(host_id, ()))


def close_and_correct(sites: dict[Site, SiteRows], teller: Teller, locked: Locked, actor: User,
                      corrections: list[tuple[int, WorkStory]]) -> None:  # fmt: skip
    """The closed month at each site, then its corrections, paid in the month after (still open)."""
    month = dt.date.fromordinal(teller.closed_month)
    for site in sites.values():
        if (site.host.pk, month) not in locked.months:
            services_pay.close_pay_month(actor=actor, host=site.host, month=month)
    users = User.objects.in_bulk({a.supervisor for _p, story in corrections for a in story.adjustments})
    people = Person.objects.in_bulk([person_id for person_id, _story in corrections])
    for person_id, story in corrections:
        host = sites[story.site].host
        for adjustment in story.adjustments:
            if not locked(host.pk, adjustment.corrects):
                services_pay.add_pay_adjustment(
                    actor=users[adjustment.supervisor], person=people[person_id], host=host,
                    month=dt.date.fromordinal(adjustment.paid_in), corrects_month=month, amount=adjustment.amount,
                    reason=adjustment.reason,
                )  # fmt: skip


# ---------------------------------------------------------------- the demo's writer


class DemoWriter:
    """Through the work services: the sites, then at the end, after the
    placements chapter's recent roll-calls, the earlier roll-calls of the sites (programs services), every
    day's log, the level confirmations, the closed month and its corrections, in the order they happened."""

    def __init__(self, writer: Any) -> None:
        self.w = writer
        self.stories: list[tuple[PersonStory, WorkStory]] = []

    def start(self) -> None:
        self.teller = chapter_teller(self.w.teller)
        self.actor = self.w.user(self.w.teller.cast.teams[0].supervisor)
        self.sites = load_sites(self.teller, self.actor)
        self.locked = Locked()

    def write(self, person: PersonStory) -> None:
        for story in person.chapters.get(NAME, ()):
            ref = story.placement.ref
            # A host found full leaves the person waiting (placements.DemoWriter): no work there.
            if ref is not None and ref.status == story.placement.status:
                self.stories.append((person, story))

    def finish(self) -> None:
        self.earlier_roll_calls()
        attendance = {
            (placement_id, date): pk
            for placement_id, date, pk in Attendance.objects.filter(
                placement_id__in=[story.placement.ref.pk for _person, story in self.stories]
            ).values_list("placement_id", "session__date", "pk")
        }
        rows = Attendance.objects.select_related("placement", "session").in_bulk(list(attendance.values()))
        date, user = self.w.date, self.w.user
        for person, story in self.stories:
            site = self.sites[story.site]
            placement = story.placement
            host_id = site.host.pk
            for log in story.logs:
                pk = attendance.get((placement.ref.pk, date(log.day)))
                if pk is None or self.locked(host_id, log.day):
                    continue  # a roll-call the placements chapter could not take, or a month closed before
                services_logs.record_work_log(
                    actor=user(placement.recorder), attendance=rows[pk], work_type=site.work_type,
                    quantity=Decimal(log.quantity), minutes=log.minutes, defects=Decimal(log.defects),
                    order=site.orders[log.order] if log.order >= 0 else None,
                )  # fmt: skip
            for up in (up for up in story.levels if not self.locked(host_id, up.confirmed)):
                services_skills.confirm_skill_level(
                    actor=user(up.supervisor), person=person.ref, work_type=site.work_type, level=site.levels[up.rank],
                    effective_from=date(up.confirmed), units_per_hour=up.units_per_hour, defect_rate=up.defect_rate,
                    days_counted=story.site.review_days,
                )  # fmt: skip
        corrections = [(person.ref.pk, story) for person, story in self.stories if story.adjustments]
        close_and_correct(self.sites, self.teller, self.locked, self.actor, corrections)

    def earlier_roll_calls(self) -> None:
        """The sites' sessions and roll-calls before the placements chapter's recent weeks."""
        w = self.w
        rolls: dict[tuple[int, Day], dict[int, list[programs.RollCallEntry]]] = defaultdict(dict)
        runners: dict[int, int] = {}
        for _person, story in self.stories:
            placement = story.placement
            runners.setdefault(placement.host.id, placement.worker)
            for day, (status, category, note, hours) in story.earlier:
                entries = rolls[(placement.host.id, day)].setdefault(placement.recorder, [])
                entries.append(
                    programs.RollCallEntry(placement.ref.pk, status, Decimal(hours), note, category)
                )
        sessions: dict[tuple[int, dt.date], Session] = {}
        for host_id, runner in sorted(runners.items()):
            days = [day for (host, day) in rolls if host == host_id]
            if not days:
                continue
            host = self.sites[self.teller.hosts[host_id]].host
            start, end = w.date(min(days)), w.date(max(days))
            while start <= end:
                until = min(end, start + dt.timedelta(days=365))
                programs.generate_sessions(actor=w.user(runner), host=host, date_from=start, date_to=until)
                start = until + dt.timedelta(days=1)
            for session in Session.objects.filter(host=host, date__range=(w.date(min(days)), end)):
                sessions[(host_id, session.date)] = session
        for (host_id, day), by_recorder in sorted(rolls.items()):
            session = sessions.get((host_id, w.date(day)))
            for recorder, entries in by_recorder.items():
                if session is not None:
                    programs.record_roll_call(actor=w.user(recorder), session=session, entries=entries)


# ---------------------------------------------------------------- the bench's writer

WORK_LOG_COLUMNS = (
    "id", "attendance_id", "placement_id", "person_id", "date", "work_type_id", "order_id", "quantity", "minutes",
    "defects", "recorded_by_id", "recorded_at", "edit_version",
)  # fmt: skip
SKILL_COLUMNS = (
    "id", "person_id", "work_type_id", "level_id", "effective_from", "assessed_by_id", "units_per_hour",
    "defect_rate", "note", "proposed_by_rule", "created_at",
)  # fmt: skip


class BulkWriter:
    """Rows of the logs and the skill history; the sites, the closed month and its corrections (a few
    rows) through the work services. A log's attendance is the row the placements chapter's writer has just
    added for the same day (chapters write a person in their order)."""

    def __init__(self, writer: Any) -> None:
        self.w = writer
        self.logs, self.skills = writer.t["work logs"], writer.t["skill assessments"]
        self.adjustments: list[tuple[int, WorkStory]] = []

    def start(self) -> None:
        w = self.w
        self.teller = chapter_teller(w.teller)
        self.actor = User.objects.get(pk=w.teller.cast.teams[0].supervisor)
        self.sites = load_sites(self.teller, self.actor)
        self.locked = Locked()

    def write(self, person: PersonStory) -> None:
        stories = person.chapters.get(NAME)
        if not stories:
            return
        w = self.w
        ds, base, closing = w.ds, w.base, w.moments[-1]
        placements = person.chapters[PLACEMENTS]
        placement_rows, attendance_rows = w.t["placements"].rows, w.t["attendance"].rows
        # This person's rows are the last ones the placements writer added, in the order of their stories.
        first_placement = len(placement_rows) - len(placements)
        at = len(attendance_rows) - sum(len(p.attendance) for p in placements)
        where: dict[int, tuple[int, int]] = {}
        for index, placement in enumerate(placements):
            row = placement_rows[first_placement + index]
            if row[1] != person.ref or row[2] != placement.host.id:
                raise RuntimeError(
                    "work: the placements writer's rows are not where this writer expects them."
                )
            where[id(placement)] = (row[0], at)
            at += len(placement.attendance)
        logs, log_id = self.logs.rows, self.logs.next_id
        for story in stories:
            if story.earlier:
                raise RuntimeError("work: the bench tells every roll-call in the placements chapter.")
            site = self.sites[story.site]
            placement_id, first = where[id(story.placement)]
            work_type_id, recorder = site.work_type.pk, story.placement.recorder
            order_ids = [order.pk for order in site.orders]
            locked = self.locked if site.host.pk in self.locked.days else None
            for day, index, quantity, minutes, defects, order in story.logs:
                if locked and locked(site.host.pk, day):
                    continue
                date = ds[day - base]
                logs.append((
                    log_id, attendance_rows[first + index][0], placement_id, person.ref, date, work_type_id,
                    order_ids[order] if order >= 0 else None, quantity, minutes, defects, recorder, date + closing, 1,
                ))  # fmt: skip
                log_id += 1
            for up in (up for up in story.levels if not (locked and locked(site.host.pk, up.confirmed))):
                self.skills.rows.append((
                    self.skills.next_id, person.ref, work_type_id, site.levels[up.rank].pk, ds[up.confirmed - base],
                    up.supervisor, str(up.units_per_hour), str(up.defect_rate), evidence_note(story.site, up), True,
                    w.moment(up.confirmed, self.skills.next_id),
                ))  # fmt: skip
                self.skills.next_id += 1
            if story.adjustments:
                self.adjustments.append((person.ref, story))
        self.logs.next_id = log_id

    def finish(self) -> None:
        close_and_correct(self.sites, self.teller, self.locked, self.actor, self.adjustments)


CHAPTER = Chapter(
    name=NAME,
    teller=Teller,
    demo=DemoWriter,
    bulk=BulkWriter,
    tables=(
        ("work logs", WorkLog, WORK_LOG_COLUMNS, 0),
        ("skill assessments", SkillAssessment, SKILL_COLUMNS, 0),
    ),
)
