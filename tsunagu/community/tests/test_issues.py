"""Local issues: raised in a sub-committee's meeting, matched to resources by a person, unmatched per area."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from tsunagu.community import selectors, services
from tsunagu.community.models import Issue, IssueMatch, IssueStatus, Theme
from tsunagu.community.tests.builders import body_meeting, cafeteria, issue, kind, theme, today
from tsunagu.testing.factories import AreaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_issue_raised_in_a_sub_committee_meeting_names_the_sub_committee(consultation_worker, client_as):
    body, meeting = body_meeting(consultation_worker)
    area = AreaFactory(name="美原")
    response = client_as(consultation_worker).post(
        reverse("community:issue_create"),
        {
            "title": "放課後に居場所がない", "area": area.pk, "theme": theme("isolation").pk,
            "raised_on": today().isoformat(), "meeting": meeting.pk, "people_touched": "8",
        },
    )  # fmt: skip
    saved = Issue.objects.get()
    assert response.status_code == 302
    assert (saved.body, saved.meeting, saved.people_touched) == (body, meeting, 8)
    assert saved.status == IssueStatus.OPEN


def test_an_issue_may_not_be_dated_before_the_meeting_it_was_raised_in(consultation_worker):
    _body, meeting = body_meeting(consultation_worker, days_ago=3)
    with translation.override("en"), pytest.raises(ValidationError, match="on or after"):
        services.raise_issue(
            actor=consultation_worker,
            fields={
                "area": AreaFactory(), "theme": theme(), "title": "x", "raised_on": today() - dt.timedelta(days=5),
                "meeting": meeting, "people_touched": 3,
            },
        )  # fmt: skip
    assert not Issue.objects.exists()


def test_a_count_of_people_out_of_range_is_refused_with_its_field_named(consultation_worker, client_as):
    area = AreaFactory()
    response = client_as(consultation_worker).post(
        reverse("community:issue_create"),
        {
            "title": "x",
            "area": area.pk,
            "theme": theme().pk,
            "raised_on": today().isoformat(),
            "people_touched": "-3",
        },
    )
    assert response.status_code == 400
    assert not Issue.objects.exists()


def test_resources_of_the_same_area_and_theme_are_suggested_first(consultation_worker):
    mihara, motomachi = AreaFactory(name="美原"), AreaFactory(name="元町")
    both = cafeteria(consultation_worker, area=mihara)
    theme_only = cafeteria(consultation_worker, area=motomachi, name="お寺食堂")
    neither = services.add_resource(
        actor=consultation_worker,
        fields={
            "name": "学習室", "kind": kind("place_to_learn"), "area": motomachi, "owner": OrganisationFactory(),
            "started_on": today(), "themes": [theme("school")],
        },
    )  # fmt: skip
    found = [s.resource for s in selectors.suggestions(issue(consultation_worker, area=mihara))]
    assert found == [both, theme_only]
    assert neither not in found


def test_a_person_confirms_a_match_and_the_issue_leaves_the_unmatched_list(consultation_worker, client_as):
    area = AreaFactory(name="美原")
    kitchen = cafeteria(consultation_worker, area=area)
    raised = issue(consultation_worker, area=area, people=12)
    assert [(row.area, row.issues, row.people_touched) for row in selectors.unmatched_by_area()] == [
        (area, 1, 12)
    ]
    response = client_as(consultation_worker).post(
        reverse("community:issue_match", args=[raised.pk]),
        {"resource": kitchen.pk, "confirmed_on": today().isoformat()},
    )
    assert response.status_code == 302
    raised.refresh_from_db()
    assert raised.status == IssueStatus.MATCHED
    assert IssueMatch.objects.get().resource == kitchen
    assert selectors.unmatched_by_area() == []


def test_the_same_match_twice_is_refused(consultation_worker):
    area = AreaFactory()
    kitchen = cafeteria(consultation_worker, area=area)
    raised = issue(consultation_worker, area=area)
    fields = {"resource": kitchen, "confirmed_on": today(), "note": ""}
    services.match_issue(actor=consultation_worker, issue=raised, fields=fields)
    with pytest.raises(ValidationError):
        services.match_issue(actor=consultation_worker, issue=raised, fields=fields)
    assert IssueMatch.objects.count() == 1


def test_the_statistician_reads_issues_but_may_not_record_one(statistician, consultation_worker, client_as):
    raised = issue(consultation_worker, area=AreaFactory())
    client = client_as(statistician)
    assert client.get(reverse("community:issue_detail", args=[raised.pk])).status_code == 200
    assert client.get(reverse("community:issue_create")).status_code == 403
    with pytest.raises(PermissionDenied):
        issue(statistician, area=raised.area)


def test_an_unknown_field_is_a_programming_error(consultation_worker):
    with pytest.raises(TypeError):
        services.raise_issue(actor=consultation_worker, fields={"area": AreaFactory(), "names": "x"})


# ---------------------------------------------------------------- editing an issue


def _edit(issue_, **changes) -> dict:
    data = {
        "title": issue_.title, "area": issue_.area_id, "theme": issue_.theme_id,
        "people_touched": issue_.people_touched, "description": issue_.description,
        "edit_version": issue_.edit_version,
    }  # fmt: skip
    return {**data, **changes}


def test_a_worker_corrects_an_issues_theme_area_count_and_description(consultation_worker, client_as):
    mihara, motomachi = AreaFactory(name="美原"), AreaFactory(name="元町")
    raised = issue(consultation_worker, area=mihara, people=12)
    response = client_as(consultation_worker).post(
        reverse("community:issue_edit", args=[raised.pk]),
        _edit(
            raised, area=motomachi.pk, theme=theme("isolation").pk, people_touched=15, description="放課後"
        ),
    )
    assert response.status_code == 302
    raised.refresh_from_db()
    assert (raised.area, raised.theme, raised.people_touched, raised.description) == (
        motomachi,
        theme("isolation"),
        15,
        "放課後",
    )
    assert raised.status == IssueStatus.OPEN and raised.edit_version == 2


def test_an_issue_keeps_its_retired_theme_when_edited_but_may_not_take_another_retired_one(
    consultation_worker, client_as
):
    raised = issue(consultation_worker, area=AreaFactory(), code="food")
    Theme.objects.filter(code__in=["food", "work"]).update(is_active=False)
    client = client_as(consultation_worker)
    kept = client.post(reverse("community:issue_edit", args=[raised.pk]), _edit(raised, people_touched=20))
    assert kept.status_code == 302
    raised.refresh_from_db()
    assert (raised.theme.code, raised.people_touched) == ("food", 20)
    moved = client.post(
        reverse("community:issue_edit", args=[raised.pk]), _edit(raised, theme=theme("work").pk)
    )
    assert moved.status_code == 400
    raised.refresh_from_db()
    assert raised.theme.code == "food"


def test_two_edits_of_an_issue_from_the_same_version_save_only_the_first(consultation_worker, client_as):
    raised = issue(consultation_worker, area=AreaFactory(), people=12)
    client = client_as(consultation_worker)
    url = reverse("community:issue_edit", args=[raised.pk])
    assert client.post(url, _edit(raised, people_touched=13)).status_code == 302
    assert client.post(url, _edit(raised, people_touched=14)).status_code == 400
    raised.refresh_from_db()
    assert raised.people_touched == 13


def test_a_role_that_only_reads_the_community_may_not_edit_an_issue(
    consultation_worker, statistician, client_as
):
    raised = issue(consultation_worker, area=AreaFactory(), people=12)
    response = client_as(statistician).post(
        reverse("community:issue_edit", args=[raised.pk]), _edit(raised, people_touched=1)
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_issue(actor=statistician, issue=raised, edit_version=1, fields={})
    raised.refresh_from_db()
    assert raised.people_touched == 12
