"""Matching suggestions (tsunagu/jobs/matching.py): the occupation counts two, the wished area, the hours
within the seeker's most and the term one each; an opening of the wished occupation is always suggested,
another only when the three others agree; the best first."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tsunagu.jobs import matching, selectors
from tsunagu.jobs.models import JobOpening, JobSeeker
from tsunagu.testing.factories import AreaFactory, JobOpeningFactory, JobSeekerFactory

TOWN, ELSEWHERE = 1, 2


def opening(pk: int, *, occupation="調理補助", area=TOWN, hours=20, term="regular") -> JobOpening:
    return JobOpening(
        pk=pk, occupation=occupation, area_id=area, hours_per_week=Decimal(hours), term=term, place="釧路市"
    )


def seeker(*, occupations="清掃", area=TOWN, max_hours=25, term="regular") -> JobSeeker:
    hours = None if max_hours is None else Decimal(max_hours)
    return JobSeeker(pk=1, occupations=occupations, area_id=area, max_hours_per_week=hours, term=term)


def suggested(openings, wished: JobSeeker) -> list[int]:
    return [m.opening.pk for m in matching.best(matching.match(o, wished) for o in openings)]


def test_an_opening_of_another_occupation_is_suggested_in_the_wished_area_and_not_elsewhere():
    in_town, elsewhere = opening(1, area=TOWN), opening(2, area=ELSEWHERE)
    assert suggested([in_town, elsewhere], seeker(area=TOWN)) == [1]
    assert matching.match(in_town, seeker()).reasons == ("area", "hours", "term")


def test_of_two_openings_of_the_wished_occupation_the_one_in_the_wished_area_comes_first():
    elsewhere, in_town = opening(2, occupation="清掃", area=ELSEWHERE), opening(1, occupation="清掃")
    assert suggested([elsewhere, in_town], seeker(area=TOWN)) == [1, 2]


def test_a_seeker_with_no_wished_area_gets_no_point_for_any_area():
    assert "area" not in matching.match(opening(1), seeker(area=None)).reasons
    assert suggested([opening(1)], seeker(area=None)) == []


def test_more_hours_than_the_seeker_can_work_exclude_an_opening_of_another_occupation():
    long_week, short_week = opening(1, hours=30), opening(2, hours=25)
    assert suggested([long_week, short_week], seeker(max_hours=25)) == [2]


def test_more_hours_than_the_seeker_can_work_put_an_opening_of_the_wished_occupation_lower():
    long_week, short_week = opening(2, occupation="清掃", hours=40), opening(1, occupation="清掃", hours=20)
    assert suggested([long_week, short_week], seeker(max_hours=25)) == [1, 2]
    assert "hours" not in matching.match(long_week, seeker(max_hours=25)).reasons


def test_a_seeker_who_named_no_most_hours_takes_any_week():
    assert suggested([opening(1, hours=40)], seeker(max_hours=None)) == [1]


@pytest.mark.django_db
def test_the_seeker_page_suggests_the_opening_in_the_wished_area_and_not_the_one_elsewhere(
    world, employment_worker, client_as
):
    town, elsewhere = AreaFactory(name="鳥取"), AreaFactory(name="音別")
    wanted = JobSeekerFactory(
        case=world.case, created_by=employment_worker, occupations="事務", area=town, max_hours_per_week=30
    )
    near = JobOpeningFactory(
        created_by=employment_worker, occupation="倉庫内作業", area=town, hours_per_week=20
    )
    far = JobOpeningFactory(
        created_by=employment_worker, occupation="倉庫内作業", area=elsewhere, hours_per_week=20
    )
    long = JobOpeningFactory(
        created_by=employment_worker, occupation="倉庫内作業", area=town, hours_per_week=38
    )
    page = selectors.seeker_page(employment_worker, wanted)
    assert [m.opening for m in page.suggestions] == [near]
    html = client_as(employment_worker).get(reverse("jobs:seeker_detail", args=[wanted.pk])).content.decode()
    suggestions = html.split('data-testid="suggested-openings"', 1)[1].split("</ul>", 1)[0]
    assert f"/jobs/openings/{near.pk}/" in suggestions
    assert f"/jobs/openings/{far.pk}/" not in suggestions and f"/jobs/openings/{long.pk}/" not in suggestions
