"""The work chapter tells, without a database, what the people at the two work sites did: a log on each
day they attended and only then, more done with practice, a level only when the rule's threshold was
met over the review days (and no later than that), never more people at work than the site's places,
one rate change, and a closed month with corrections paid in the month after."""

import datetime as dt
from decimal import Decimal
from itertools import pairwise

import pytest

from tsunagu.programs.models import AttendanceStatus
from tsunagu.sampledata.chapters import CHAPTERS
from tsunagu.sampledata.stories import BENCH, DEMO, Cast, Host, Storyteller, Team, working_days
from tsunagu.sampledata.tables import DAILY, EMPLOYMENT, OFFICES, SOCIAL
from tsunagu.sampledata.work import BAG_PACKING, NAME, NET_MENDING, WorkStory, chapter_teller

AS_OF = dt.date(2026, 11, 27)
LATEST = AS_OF.toordinal() - 1
NET_DAYS, BAG_DAYS = (0, 1, 2, 3, 4), (1, 2, 3)


def cast() -> Cast:
    """The main office and the hosts of the demo catalog's shape: the two work sites among the other hosts
    of the employment stage, one open to every stage and a few of the earlier stages."""
    team = Team(
        office=1, weight=1, areas=OFFICES[0][3], consultation=((1, 1.0), (2, 1.0)), employment=((3, 1.0),),
        supervisor=4,
    )  # fmt: skip
    first = LATEST - BENCH.history_days

    def host(id: int, stage: str, name: str, weekdays=NET_DAYS, hours: float = 6.0) -> Host:
        days = tuple(working_days(first, LATEST, weekdays))
        return Host(id=id, stage=stage, name=name, organisation="協議会", days=days, hours=hours)

    return Cast(
        teams=(team,),
        hosts=(
            host(1, EMPLOYMENT, "漁網の整網作業（協議会）"),
            host(2, EMPLOYMENT, "釧路市指定ごみ袋の封入作業（協議会）", BAG_DAYS, 5.5),
            *(host(3 + i, EMPLOYMENT, f"インターンシップ事業（企業{i}）") for i in range(3)),
            host(6, "", "なんでもやってみるラボ（協議会）", (2,), 2.0),
            host(7, DAILY, "日常生活意欲向上支援プログラム（協議会）", (1, 3), 2.0),
            *(host(8 + i, SOCIAL, f"ボランティア事業（団体{i}）", (i,), 3.0) for i in range(5)),
        ),
        city_caseworker=9,
    )


def tell(people: int, *, profile=BENCH, seed: int = 11) -> tuple[Storyteller, list]:
    teller = Storyteller(
        cast=cast(), profile=profile, people=people, seed=seed, as_of=AS_OF, chapters=CHAPTERS
    )
    return teller, [teller.person(index) for index in range(people)]


@pytest.fixture(scope="module")
def bench():
    return tell(2500)


@pytest.fixture(scope="module")
def demo():
    return tell(300, profile=DEMO)


def work(people) -> list[tuple[object, WorkStory]]:
    return [(person, story) for person in people for story in person.chapters.get(NAME, ())]


def summary(people) -> list:
    return [
        (story.site.unit, story.logs, story.levels, story.adjustments, story.proposal)
        for _person, story in work(people)
    ]


def test_the_same_seed_tells_the_same_days_of_work_and_another_seed_others(demo):
    _teller, people = demo
    assert summary(people) == summary(tell(300, profile=DEMO)[1])
    assert summary(people) != summary(tell(300, profile=DEMO, seed=12)[1])


def test_the_demo_has_about_twenty_people_at_the_two_sites_over_a_year(demo):
    _teller, people = demo
    stories = work(people)
    year_ago = LATEST - 365
    working = {id(person) for person, story in stories if story.logs and story.logs[-1].day > year_ago}
    assert 15 <= len(working) <= 40
    assert {story.site for _p, story in stories} == {NET_MENDING, BAG_PACKING}
    # The demo's roll-calls go back a year and more: the chapter tells those before the placements chapter's.
    assert min(log.day for _p, story in stories for log in story.logs) < LATEST - 300
    assert sum(len(story.levels) for _p, story in stories) >= 10


def test_a_log_only_on_a_day_attended_and_one_on_each(bench, demo):
    for _teller, people in (bench, demo):
        for _person, story in work(people):
            roll = story.roll
            days = [day for day, _outcome in roll]
            assert days == sorted(set(days))
            attended = [day for day, outcome in roll if outcome[0] != AttendanceStatus.ABSENT]
            assert [log.day for log in story.logs] == attended
            for log in story.logs:
                day, (status, _category, _note, hours) = roll[log.at]
                assert day == log.day and status != AttendanceStatus.ABSENT
                assert 0 < log.minutes <= float(hours) * 60
                assert 0 <= log.defects <= log.quantity <= story.site.max_units_per_hour * log.minutes / 60


def test_the_demo_tells_the_earlier_roll_calls_only_before_the_placements_chapters_weeks(demo):
    teller, people = demo
    window = chapter_teller(teller).attendance_from
    for _person, story in work(people):
        assert all(day < window for day, _outcome in story.earlier)
        assert all(day >= window for day, _outcome in story.placement.attendance)
        assert all(day in story.placement.host.days for day, _outcome in story.roll)


def test_people_do_more_in_an_hour_with_practice(bench):
    _teller, people = bench
    long = [story for _p, story in work(people) if len(story.logs) >= 60]
    assert len(long) > 20

    def speed(logs) -> float:
        return sum(log.quantity for log in logs) / sum(log.minutes for log in logs)

    better = [story for story in long if speed(story.logs[-10:]) > speed(story.logs[:10])]
    assert len(better) >= 0.9 * len(long)


def proposals(story: WorkStory) -> list[tuple[int, int]]:
    """The rule, written again from its statement: after each log, with the person at `rank` and no
    proposal waiting, the last review_days logs reach the next level's units an hour with defects within
    its share; a proposal pays from its confirmation on."""
    site, found, rank, waiting_until = story.site, [], 1, None
    confirmations = iter(story.levels)
    for index, log in enumerate(story.logs):
        if waiting_until is not None:
            if log.day < waiting_until:
                continue
            rank, waiting_until = rank + 1, None
        if rank == len(site.levels) or index + 1 < site.review_days:
            continue
        window = story.logs[index + 1 - site.review_days : index + 1]
        quantity, minutes = sum(w.quantity for w in window), sum(w.minutes for w in window)
        defects = sum(w.defects for w in window)
        level = site.levels[rank]
        if (
            Decimal(quantity) / minutes * 60 >= level.to_reach
            and Decimal(defects) <= level.max_defects * quantity
        ):
            found.append((level.rank, log.day))
            confirmed = next(confirmations, None)
            waiting_until = confirmed.confirmed if confirmed else LATEST + 1
    return found


def test_levels_go_up_one_at_a_time_exactly_when_the_rule_proposes_them(bench):
    _teller, people = bench
    ups = [(story, up) for _p, story in work(people) for up in story.levels]
    assert {up.rank for _story, up in ups} == {2, 3, 4}
    for _person, story in work(people):
        told = [(up.rank, up.proposed) for up in story.levels]
        if story.proposal:
            told.append(story.proposal)
        assert told == proposals(story)
        assert [up.rank for up in story.levels] == list(range(2, 2 + len(story.levels)))
        for up in story.levels:
            # Confirmed by a supervisor a few working days later, with the rule's figures as evidence.
            assert up.proposed + 2 <= up.confirmed <= min(up.proposed + 7, LATEST)
            level = story.site.levels[up.rank - 1]
            assert up.units_per_hour >= level.to_reach and up.defect_rate <= level.max_defects
            assert up.supervisor == 4


def test_never_more_people_at_work_at_a_site_than_it_has_places(bench):
    _teller, people = bench
    at_work: dict[tuple[str, int], int] = {}
    for _person, story in work(people):
        for log in story.logs:
            key = (story.site.unit, log.day)
            at_work[key] = at_work.get(key, 0) + 1
    assert max(n for (unit, _day), n in at_work.items() if unit == NET_MENDING.unit) <= NET_MENDING.seats
    assert max(n for (unit, _day), n in at_work.items() if unit == BAG_PACKING.unit) <= BAG_PACKING.seats
    # Capacity-limited: well over a hundred people in five years, never thousands.
    assert 100 <= len({id(person) for person, _story in work(people)}) <= 600


def test_one_rate_change_from_an_april_of_the_last_year_and_orders_cover_every_day(bench):
    teller, people = bench
    work_teller = chapter_teller(teller)
    change = dt.date.fromordinal(work_teller.rate_change)
    assert (change.month, change.day) == (
        4,
        1,
    ) and LATEST - 365 - 60 <= work_teller.rate_change <= LATEST - 60
    for orders in work_teller.orders.values():
        assert orders[0][0] <= teller.first and orders[-1][1] >= LATEST
        assert all(due + 1 == following[0] for (_start, due, _ref), following in pairwise(orders))
    for _person, story in work(people):
        orders = work_teller.orders[story.site]
        assert all(orders[log.order][0] <= log.day <= orders[log.order][1] for log in story.logs)


def test_a_closed_month_with_corrections_paid_in_the_month_after(bench, demo):
    for teller, people in (bench, demo):
        work_teller = chapter_teller(teller)
        closed = dt.date.fromordinal(work_teller.closed_month)
        assert closed == dt.date(2026, 9, 1)  # two months before the last day's (2026-11-26)
        adjustments = [(story, a) for _p, story in work(people) for a in story.adjustments]
        assert adjustments
        for story, adjustment in adjustments:
            assert adjustment.corrects == work_teller.closed_month
            assert dt.date.fromordinal(adjustment.paid_in) == dt.date(2026, 10, 1)
            assert adjustment.amount != 0 and adjustment.amount == adjustment.amount.to_integral_value()
            assert story.site.unit in adjustment.reason
            assert any(closed.toordinal() <= log.day < adjustment.paid_in for log in story.logs)
