"""The ladder's reports: the 全体概況 as of a past day, the flow diagram of the stage changes, the time
from each stage to the next (quartiles by nearest rank), placement and attendance rates per host, and the
counts under 5 suppressed for the statistician."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import timezone

from tsunagu.core.dates import fiscal_year_start
from tsunagu.people.models import StageChange
from tsunagu.programs.models import Attendance, Session
from tsunagu.programs.selectors_ladder import host_rates, stage_durations
from tsunagu.testing.factories import PersonFactory, PlacementFactory, ProgramFactory, ProgramHostFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
OVERVIEW = "/programs/overview/"
RATES = "/programs/overview/rates/"
D = dt.date


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _steps(worker, person, *steps: tuple[str, str, dt.date]) -> None:
    for previous, stage, on in steps:
        StageChange.objects.create(
            person=person,
            previous_stage=previous,
            stage=stage,
            changed_on=on,
            reason="評価",
            recorded_by=worker,
        )


def test_the_time_from_each_stage_to_the_next_has_its_quartiles_by_nearest_rank(consultation_worker):
    start = D(2025, 4, 1)
    # Four people leave 日常生活自立 for 社会生活自立 after 10, 20, 30 and 40 days; one goes on to 就労自立.
    for days in (10, 20, 30, 40):
        person = PersonFactory()
        _steps(consultation_worker, person, ("", "daily_life", start),
               ("daily_life", "social_life", start + dt.timedelta(days=days)))  # fmt: skip
    _steps(consultation_worker, person, ("social_life", "employment", start + dt.timedelta(days=100)))
    durations = {(d.stage, d.next_stage): d for d in stage_durations(start, D(2026, 3, 31))}
    up = durations[("daily_life", "social_life")]
    assert (up.count, up.first_quartile, up.median, up.third_quartile) == (4, 10, 20, 30)
    onward = durations[("social_life", "employment")]
    assert (onward.count, onward.median) == (1, 60)
    # A step after the period is not counted.
    assert stage_durations(start, start + dt.timedelta(days=15))[0].count == 1


def test_the_overview_as_of_a_past_day_counts_who_took_part_then(client_as, supervisor):
    program = ProgramFactory(name="過去の概況", active_from=D(2020, 4, 1))
    host = ProgramHostFactory(program=program)
    day = TODAY - dt.timedelta(days=100)
    # Taking part on the day (ended later), ended before it, and begun after it.
    PlacementFactory(host=host, status="completed", started_on=day - dt.timedelta(days=10),
                     completed_on=day + dt.timedelta(days=5))  # fmt: skip
    PlacementFactory(host=host, status="interrupted", started_on=day - dt.timedelta(days=30),
                     interrupted_on=day - dt.timedelta(days=1), interruption_reason="転居")  # fmt: skip
    PlacementFactory(host=host, started_on=day + dt.timedelta(days=1))
    html = client_as(supervisor).get(OVERVIEW, {"on": day.isoformat()}).text
    match = re.search(rf'<li data-host="{host.pk}">(.*?)</li>', html, flags=re.DOTALL)
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', match.group(1)))
    assert counts["placed"] == "1"
    live = client_as(supervisor).get(OVERVIEW).text
    live_counts = dict(
        re.findall(r'data-count="(\w+)">(\d+)<', re.search(rf'<li data-host="{host.pk}">(.*?)</li>', live,
                                                            flags=re.DOTALL).group(1))
    )  # fmt: skip
    assert live_counts["placed"] == "1"  # today: only the one begun after the day


def test_a_day_in_the_future_is_refused_with_a_message(client_as, supervisor):
    response = _english(client_as(supervisor)).get(
        OVERVIEW, {"on": (TODAY + dt.timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400
    assert "Choose a day up to today." in response.text


def test_the_statistician_sees_small_stage_changes_suppressed_and_no_band_for_them(
    client_as, statistician, supervisor, consultation_worker
):
    start = fiscal_year_start(TODAY)
    for _ in range(6):
        _steps(consultation_worker, PersonFactory(), ("", "daily_life", start))
    _steps(consultation_worker, PersonFactory(), ("daily_life", "social_life", start))
    exact = client_as(supervisor).get(OVERVIEW).text
    hidden = client_as(statistician).get(OVERVIEW).text
    assert re.search(r'<tr data-from="none">.*?<td>6</td>', exact, flags=re.DOTALL)
    assert re.search(r'<tr data-from="daily_life">.*?<td>&lt;5</td>', hidden, flags=re.DOTALL)
    assert 'data-testid="transition-flow"' in hidden and "<svg" in hidden
    assert "<title>1</title>" in exact and "<title>1</title>" not in hidden


def test_placement_and_attendance_rates_per_host(client_as, supervisor, consultation_worker):
    host = ProgramHostFactory()
    day = TODAY - dt.timedelta(days=10)
    reached = PlacementFactory(host=host, started_on=day)
    PlacementFactory(host=host, status="visit", started_on=None, visited_on=day)
    session = Session.objects.create(host=host, date=day)
    Attendance.objects.create(
        session=session, placement=reached, status="present", recorded_by=consultation_worker
    )
    (rates,) = host_rates(TODAY - dt.timedelta(days=30), TODAY)
    assert (rates.begun, rates.took_part, rates.placement_rate) == (2, 1, 50)
    assert (rates.recorded, rates.attended, rates.attendance_rate) == (1, 1, 100)
    page = client_as(supervisor).get(RATES).text
    assert "50%" in page and "100%" in page


def test_the_statistician_reads_no_rate_built_on_fewer_than_5(client_as, statistician):
    host = ProgramHostFactory()
    PlacementFactory(host=host, started_on=TODAY - dt.timedelta(days=3))
    page = client_as(statistician).get(RATES).text
    assert "&lt;5" in page and "100%" not in page
