"""The generator of case stories tells coherent, repeatable stories from plain values, without a database:
every step in the order of the life-cycle and within the case's time, each case in the status its steps
imply, and the chapters that capabilities add told for every person."""

import datetime as dt

from tsunagu.cases.models import PlanStatus
from tsunagu.sampledata import stories
from tsunagu.sampledata.stories import (
    BENCH,
    DEMO,
    Approval,
    Assessment,
    Cast,
    Chapter,
    Closure,
    Evaluation,
    FollowUp,
    Host,
    Monitoring,
    Plan,
    Reassignment,
    StageMove,
    Storyteller,
    Submission,
    Team,
    working_days,
)
from tsunagu.sampledata.tables import OFFICES, OPEN, S

AS_OF = dt.date(2026, 11, 27)
LATEST = AS_OF.toordinal() - 1


def cast() -> Cast:
    """Two offices of plain ids (the satellite without a supervisor, as in the demo) and one scheduled host."""
    main = Team(
        office=1, weight=70, areas=OFFICES[0][3], consultation=((1, 1.0), (2, 1.0)), employment=((3, 1.0),),
        supervisor=4,
    )  # fmt: skip
    satellite = Team(
        office=2, weight=10, areas=OFFICES[1][3], consultation=((5, 1.0),), employment=(), supervisor=None
    )
    host = Host(
        id=1, stage="", name="漁網の整網作業（協議会）", organisation="協議会",
        days=tuple(working_days(LATEST - BENCH.history_days, LATEST)), hours=6.0,
    )  # fmt: skip
    return Cast(teams=(main, satellite), hosts=(host,), city_caseworker=9)


def tell(people: int, *, seed: int = 7, profile=BENCH, chapters=()) -> list[stories.PersonStory]:
    teller = Storyteller(
        cast=cast(), profile=profile, people=people, seed=seed, as_of=AS_OF, chapters=chapters
    )
    return [teller.person(index) for index in range(people)]


def status_of(case: stories.CaseStory) -> str:
    """The status the steps imply, read as services.derive_status reads the records."""
    closures = [step for step in case.events if isinstance(step, Closure)]
    if any(closure.decided for closure in closures):
        return S.CLOSED
    if case.status in (S.INFORMATION_ONLY, S.HANDED_OVER):
        return case.status
    if closures:
        return S.CLOSURE_PENDING
    statuses = {plan.status for plan in case.plans}
    if PlanStatus.APPROVED in statuses:
        return S.SUPPORT
    if PlanStatus.SUBMITTED in statuses:
        return S.PLANNING
    return S.ASSESSMENT if any(isinstance(step, Assessment) for step in case.events) else S.INTAKE


def test_the_same_seed_tells_the_same_stories_and_another_seed_others():
    def names(people):
        return [
            (p.family[0], p.given[0], p.born, [(c.status, c.intake, len(c.notes)) for c in p.cases])
            for p in people
        ]

    assert names(tell(50)) == names(tell(50))
    assert names(tell(50)) != names(tell(50, seed=8))


def test_each_case_ends_in_the_status_its_steps_imply_and_every_status_is_told():
    people = tell(300)
    cases = [case for person in people for case in person.cases]
    assert {status_of(case) for case in cases} == set(S.values)
    assert [case.status for case in cases] == [status_of(case) for case in cases]
    for person in people:
        assert [c.status for c in person.cases[:-1] if c.status in OPEN] == []  # only the latest may be open


def day_of(step) -> int:
    if isinstance(step, Submission):
        return step.day or step.plan.submitted
    if isinstance(step, Approval):
        return step.plan.approved
    return step.start if isinstance(step, Plan) else step.day


def test_steps_follow_the_life_cycle_in_date_order_within_the_case():
    process = (
        Assessment,
        Plan,
        Submission,
        Approval,
        Monitoring,
        Evaluation,
        StageMove,
        Reassignment,
        Closure,
    )
    for person in tell(300):
        for case in person.cases:
            days = [day_of(step) for step in case.events if isinstance(step, process)]
            assert days == sorted(days), case.status
            # A follow-up after closure is the one step after the case's end.
            assert all(
                case.intake <= day_of(step) <= case.end <= LATEST
                for step in case.events
                if not isinstance(step, FollowUp)
            )
            assert all(case.end < step.day <= LATEST for step in case.events if isinstance(step, FollowUp))
            assert all(case.intake <= note.day <= case.end for note in case.notes)
            for plan in case.plans:
                assert (plan.agreed or 0) <= (plan.submitted or LATEST) and (plan.submitted or 0) <= (
                    plan.approved or LATEST
                )
            for step in case.events:
                if isinstance(step, Monitoring):
                    assert step.plan.approved <= step.day < step.next_monitoring
                if isinstance(step, Closure):
                    assert step.day == case.end and step.day <= (step.decided or LATEST) <= LATEST


def test_a_later_approval_supersedes_the_plan_before_it():
    for person in tell(300):
        for case in person.cases:
            approved = [plan for plan in case.plans if plan.approved]
            assert [plan.status for plan in approved[:-1]] == [PlanStatus.SUPERSEDED] * (len(approved) - 1)


def test_an_office_without_a_supervisor_holds_only_journeys_that_need_none():
    for person in tell(300, profile=DEMO):
        if person.team.supervisor is None:
            assert {case.status for case in person.cases} <= {
                S.INTAKE, S.ASSESSMENT, S.INFORMATION_ONLY, S.HANDED_OVER,
            }  # fmt: skip
        closures = [step for case in person.cases for step in case.events if isinstance(step, Closure)]
        assert all(c.decider == person.team.supervisor for c in closures if c.decided)


def test_a_capability_adds_its_chapter_to_every_persons_story():
    def teller(storyteller):
        return lambda person: person.chapters.setdefault("jobs", []).append(len(person.cases))

    chapter = Chapter(name="jobs", teller=teller, demo=object, bulk=object)
    people = tell(20, chapters=[chapter])
    assert [person.chapters["jobs"] for person in people] == [[len(person.cases)] for person in people]


def test_the_placements_chapter_places_people_only_within_an_approved_plans_support():
    from tsunagu.sampledata.chapters import CHAPTERS

    people = tell(300, chapters=CHAPTERS)
    placed = [(person, story) for person in people for story in person.chapters.get("placements", ())]
    assert placed
    for _person, story in placed:
        first_day, last_day = story.steps[0][1], story.steps[-1][1]
        assert story.plan.approved <= first_day <= last_day <= story.case.end
        assert all(first_day <= day <= story.case.end for day, _outcome in story.attendance)
        if story.status == "interrupted":
            assert story.reason
    closed = [story for _p, story in placed if story.case.status not in OPEN]
    assert all(story.status in ("completed", "interrupted") for story in closed)
