"""The community's lists (themes of local issues, kinds of resource) on the one screen of the configurable
lists (tsunagu/organisations/lists.py): kept by casework staff, offered in the forms while in use."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.community.models import ResourceKind, Theme
from tsunagu.community.tests.builders import issue, theme
from tsunagu.testing.factories import AreaFactory

pytestmark = pytest.mark.django_db

THEMES = reverse("organisations:list_themes")
TOKEN = "a-one-time-token-of-32-characters"


def _edit_url(entry) -> str:
    return reverse("organisations:list_themes_edit", kwargs={"theme_id": entry.pk})


def _offered_themes(client) -> list[Theme]:
    return list(client.get(reverse("community:issue_create")).context["form"].fields["theme"].queryset)


def test_a_theme_a_worker_adds_is_offered_on_the_issue_form(client_as, consultation_worker):
    client = client_as(consultation_worker)
    response = client.post(THEMES, {"name": "ひきこもり", "code": "", "sort_order": "", "is_active": "on"})
    assert response.status_code == 302
    added = Theme.objects.get(name="ひきこもり")
    assert added in _offered_themes(client)
    assert added.sort_order > max(t.sort_order for t in Theme.objects.exclude(pk=added.pk))  # last
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="community.theme", object_id=str(added.pk)
    ).exists()


def test_a_retired_theme_is_no_longer_offered_but_an_issue_that_has_it_still_shows_it(
    client_as, consultation_worker
):
    food = theme("food")
    raised = issue(consultation_worker, area=AreaFactory(name="美原"), code="food")
    client = client_as(consultation_worker)
    response = client.post(
        _edit_url(food),
        {
            "name": food.name,
            "sort_order": food.sort_order,
            "edit_version": food.edit_version,
        },  # in use: unticked
    )
    assert response.status_code == 302
    food.refresh_from_db()
    assert food.is_active is False
    assert food not in _offered_themes(client)
    page = client.get(reverse("community:issue_detail", kwargs={"issue_id": raised.pk}))
    assert food.name in page.text
    raised.refresh_from_db()
    assert raised.theme == food


def test_a_theme_named_like_another_is_refused_next_to_the_name_and_nothing_is_saved(
    client_as, consultation_worker
):
    before = Theme.objects.count()
    client = client_as(consultation_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(THEMES, {"name": theme("food").name, "code": "meals", "is_active": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "Themes of local issues already has an entry of this name."
    ]
    assert Theme.objects.count() == before


def test_renaming_a_theme_to_another_themes_name_is_refused_and_the_old_name_kept(
    client_as, consultation_worker
):
    food, work = theme("food"), theme("work")
    response = client_as(consultation_worker).post(
        _edit_url(food), {"name": work.name, "is_active": "on", "edit_version": food.edit_version}
    )
    assert response.status_code == 400 and "name" in response.context["form"].errors
    assert Theme.objects.get(pk=food.pk).name == food.name


def test_two_saves_of_a_theme_opened_at_the_same_version_save_only_the_first(client_as, consultation_worker):
    food = theme("food")
    client = client_as(consultation_worker)
    first = client.post(
        _edit_url(food), {"name": "食事", "is_active": "on", "edit_version": food.edit_version}
    )
    second = client.post(
        _edit_url(food), {"name": "食べもの", "is_active": "on", "edit_version": food.edit_version}
    )
    assert (first.status_code, second.status_code) == (302, 400)
    assert Theme.objects.get(pk=food.pk).name == "食事"


def test_an_added_theme_sent_twice_is_saved_once(client_as, consultation_worker):
    client = client_as(consultation_worker)
    data = {"name": "ひきこもり", "is_active": "on", "form_token": TOKEN}
    assert client.post(THEMES, data).status_code == 302
    assert client.post(THEMES, data).status_code == 302  # the first result shown again
    assert Theme.objects.filter(name="ひきこもり").count() == 1


def test_a_kind_of_resource_added_to_hold_sessions_does(client_as, consultation_worker):
    response = client_as(consultation_worker).post(
        reverse("organisations:list_resource_kinds"),
        {"name": "子ども食堂", "code": "kids-cafeteria", "is_active": "on", "holds_sessions": "on"},
    )
    assert response.status_code == 302
    assert ResourceKind.objects.get(code="kids-cafeteria").holds_sessions is True


@pytest.mark.parametrize("role", ["city_caseworker", "statistician", "administrator", "partner_staff"])
def test_only_casework_staff_may_change_the_community_lists(request, client_as, role):
    client = client_as(request.getfixturevalue(role))
    food = theme("food")
    assert client.get(THEMES).status_code == 403
    assert client.post(THEMES, {"name": "ひきこもり", "is_active": "on"}).status_code == 403
    assert client.post(_edit_url(food), {"name": "x", "edit_version": 1}).status_code == 403
    assert not Theme.objects.filter(name__in=["ひきこもり", "x"]).exists()


def test_the_community_home_links_its_lists_for_those_who_keep_them(
    client_as, consultation_worker, statistician
):
    assert THEMES in client_as(consultation_worker).get(reverse("community:home")).text
    assert THEMES not in client_as(statistician).get(reverse("community:home")).text
