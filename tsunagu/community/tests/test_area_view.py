"""The area view (地域のホットスポット) and its export: counts per area over a period. To roles that may not
see people, and in every export, no count under 5 is shown, nor one that could be worked out by
subtracting the shown cells of its column from the column's total."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from tsunagu.audit.models import AuditEvent
from tsunagu.community import services
from tsunagu.community.tests.builders import body_meeting, cafeteria, issue, today
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

CELL = re.compile(r"<td>([^<]*)</td>")


def _world(worker) -> dict:
    """Three areas with 12, 7 and 3 consultations this year, and 2 with no area recorded."""
    areas = {name: AreaFactory(name=name, sort_order=i) for i, name in enumerate(("美原", "元町", "音別"))}
    for name, count in (("美原", 12), ("元町", 7), ("音別", 3)):
        for _ in range(count):
            CaseFactory(
                worker=worker,
                person=PersonFactory(area=areas[name]),
                intake_date=today() - dt.timedelta(days=30),
            )
    for _ in range(2):
        CaseFactory(worker=worker, intake_date=today() - dt.timedelta(days=30))
    return areas


def _grid(html: str, testid: str) -> list[list[str]]:
    """The body rows and the totals row of a grid, as shown (the first cell is the area's heading)."""
    table = html.split(f'data-testid="{testid}"')[1].split("</table>")[0]
    return [CELL.findall(row) for row in table.split("<tr>")[2:]]


def _assert_nothing_small_or_derivable(rows: list[list[str]], totals: list[str]) -> None:
    for row in rows:
        for cell in row:
            if cell.replace(",", "").isdigit():
                assert int(cell.replace(",", "")) >= 5, f"a count under 5 is shown: {row}"
    for column, total in enumerate(totals):
        hidden = [row[column] for row in rows if not row[column].replace(",", "").isdigit()]
        if total.replace(",", "").isdigit():
            assert len(hidden) != 1, f"column {column}: one hidden cell and its total is shown"


def test_the_statistician_sees_small_counts_as_under_5_and_none_derivable(
    consultation_worker, statistician, client_as
):
    _world(consultation_worker)
    html = client_as(statistician).get(reverse("community:area_view")).content.decode()
    *rows, totals = _grid(html, "area-grid")
    assert rows[0][0] == "12"
    assert "&lt;5" in [row[0] for row in rows]
    _assert_nothing_small_or_derivable([[c.replace("&lt;", "<") for c in row] for row in rows], totals)
    *concern_rows, concern_totals = _grid(html, "concern-grid")
    _assert_nothing_small_or_derivable(concern_rows, concern_totals)
    for tile in re.findall(r'<span class="tile-value">([^<]*)</span>', html):
        assert not (tile.isdigit() and int(tile) < 5)


def test_a_casework_worker_sees_the_exact_counts(consultation_worker, client_as):
    _world(consultation_worker)
    html = client_as(consultation_worker).get(reverse("community:area_view")).content.decode()
    *rows, totals = _grid(html, "area-grid")
    assert [row[0] for row in rows[:3]] == ["12", "7", "3"]
    assert totals[0] == "24"


def test_the_export_hides_small_counts_even_for_casework_and_is_audited(consultation_worker, client_as):
    _world(consultation_worker)
    response = client_as(consultation_worker).get(reverse("community:area_export"))
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    body = [line[2:] for line in lines[1:-2]]
    totals = lines[-2][2:]
    _assert_nothing_small_or_derivable(body, totals)
    assert "<5" in [row[0] for row in body]
    assert AuditEvent.objects.filter(action="export", detail__page="community_area_export").exists()


def test_the_counts_follow_the_period_asked_for(consultation_worker, client_as):
    _world(consultation_worker)
    since = (today() - dt.timedelta(days=10)).isoformat()
    html = (
        client_as(consultation_worker).get(reverse("community:area_view"), {"start": since}).content.decode()
    )
    *_rows, totals = _grid(html, "area-grid")
    assert totals[0] == "0"


def test_a_period_that_ends_before_it_starts_is_refused(consultation_worker, client_as):
    response = client_as(consultation_worker).get(
        reverse("community:area_view"), {"start": today().isoformat(), "end": "2020-01-01"}
    )
    assert response.status_code == 400


def test_a_sub_committee_page_shows_its_areas_figures_issues_and_meetings(
    consultation_worker, statistician, client_as
):
    areas = _world(consultation_worker)
    body, meeting = body_meeting(consultation_worker, name="音別")
    services.set_body_area(actor=consultation_worker, body=body, area=areas["音別"])
    issue(consultation_worker, area=areas["音別"], meeting=meeting, title="冬の移動手段がない")
    html = client_as(statistician).get(reverse("community:body_detail", args=[body.pk])).content.decode()
    figures = html.split('data-testid="body-figures"')[1].split("</table>")[0]
    assert CELL.findall(figures)[0] == "&lt;5"
    assert "冬の移動手段がない" in html
    assert meeting.place in html


def test_issues_and_resources_count_in_their_area(consultation_worker, client_as):
    areas = _world(consultation_worker)
    cafeteria(consultation_worker, area=areas["美原"])
    for _ in range(2):
        issue(consultation_worker, area=areas["美原"])
    html = client_as(consultation_worker).get(reverse("community:area_view")).content.decode()
    *rows, _totals = _grid(html, "area-grid")
    assert rows[0][3:] == ["2", "1"]


def test_a_new_issue_counts_at_once_though_the_page_was_just_counted(
    consultation_worker, client_as, django_capture_on_commit_callbacks
):
    areas = _world(consultation_worker)
    client = client_as(consultation_worker)
    before, *_rest = _grid(client.get(reverse("community:area_view")).content.decode(), "area-grid")
    with django_capture_on_commit_callbacks(execute=True):
        issue(consultation_worker, area=areas["美原"])
    after, *_rest = _grid(client.get(reverse("community:area_view")).content.decode(), "area-grid")
    assert (before[3], after[3]) == ("0", "1")


def test_a_new_case_counts_within_the_minute_the_page_says_it_keeps(consultation_worker, client_as):
    """Cases are the casework's writes, which the area view does not hear of: its counts are kept for a
    minute (AREA_COUNTS_SECONDS), and then the new case is counted."""
    from tsunagu.community import areas as area_figures
    from tsunagu.core.cacheversion import bump_version

    areas = _world(consultation_worker)
    client = client_as(consultation_worker)
    html = client.get(reverse("community:area_view")).content.decode()
    assert "at most a minute ago" in html or "最大1分前" in html
    CaseFactory(worker=consultation_worker, person=PersonFactory(area=areas["美原"]), intake_date=today())
    kept, *_rest = _grid(client.get(reverse("community:area_view")).content.decode(), "area-grid")
    bump_version(
        area_figures.AREA_VERSION_KEY
    )  # what the minute's end does: the kept counts are no longer read
    fresh, *_rest = _grid(client.get(reverse("community:area_view")).content.decode(), "area-grid")
    assert (kept[0], fresh[0]) == ("12", "13")
