"""Someone still at 見学 past the limit (settings.PROGRAMS_LONG_VISIT_DAYS, 30 days unless configured) is
flagged where staff would notice: the host's sessions, the roll-call, the overview and its drill-down."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tsunagu.programs import selectors
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory, SessionFactory

TODAY = timezone.localdate()


def visiting_since(host, worker, days: int, name: str):
    return PlacementFactory(
        host=host,
        case=CaseFactory(worker=worker, person=PersonFactory(family_name=name)),
        worker=worker,
        status="visit",
        visited_on=TODAY - dt.timedelta(days=days),
        started_on=None,
    )


@pytest.fixture
def visits(zoo_host, consultation_worker):
    """One visitor for 45 days, one for 10."""
    return visiting_since(zoo_host, consultation_worker, 45, "長居"), visiting_since(
        zoo_host, consultation_worker, 10, "新顔"
    )


def flagged_names(page: str) -> list[str]:
    """The rows or cards that carry the long-visit badge, by the family names they show."""
    return [
        name
        for name in ("長居", "新顔")
        if re.search(rf"{name}[^<]*<(?:(?!</tr>|</li>).)*long-visit", page, re.S)
    ]


def test_a_visit_past_the_limit_is_flagged_with_its_days_and_a_recent_one_is_not(visits):
    long, recent = selectors.flag_long_visits(list(visits), TODAY)
    assert (long.visit_days, recent.visit_days) == (45, None)


def test_the_limit_is_configurable(settings, visits):
    settings.PROGRAMS_LONG_VISIT_DAYS = 7
    assert [p.visit_days for p in selectors.flag_long_visits(list(visits), TODAY)] == [45, 10]


def test_the_hosts_sessions_page_flags_the_long_visit(client_as, consultation_worker, zoo_host, visits):
    page = client_as(consultation_worker).get(f"/programs/hosts/{zoo_host.pk}/sessions/").text
    assert "見学45日目" in page and "見学10日目" not in page
    assert flagged_names(page) == ["長居"]


def test_the_roll_call_flags_the_long_visit(client_as, partner_staff, zoo_host, visits):
    session = SessionFactory(host=zoo_host)
    page = client_as(partner_staff).get(f"/programs/sessions/{session.pk}/").text
    assert flagged_names(page) == ["長居"]


def test_the_overview_counts_long_visits_per_host_and_its_drill_down_names_them(
    client_as, consultation_worker, zoo_host, visits
):
    client = client_as(consultation_worker)
    overview = client.get("/programs/overview/").text
    host_line = re.search(rf'<li data-host="{zoo_host.pk}">(.*?)</li>', overview, re.S).group(1)
    assert "見学が長期" in host_line and 'data-count="long-visits">1<' in host_line
    drill_down = client.get(f"/programs/overview/hosts/{zoo_host.pk}/").text
    assert flagged_names(drill_down) == ["長居"]


def test_the_overview_shows_no_long_visits_when_there_are_none(
    client_as, statistician, zoo_host, consultation_worker
):
    visiting_since(zoo_host, consultation_worker, 3, "新顔")
    overview = client_as(statistician).get("/programs/overview/").text
    assert "見学が長期" not in overview
