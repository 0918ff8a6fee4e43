"""The demo's community: the 美原, 元町 and 音別 部会 with a year of issues raised at their meetings, both
cafeterias with weekly sessions, volunteers once supported, and 音別ふき蕗団 with eight partners and a
season of work."""

import pytest
from django.db import transaction
from django.test import override_settings

from tsunagu.community.models import BodyArea, Issue, IssueMatch, Project, ResourceSession, SupporterRole
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.community import load_community
from tsunagu.sampledata.meetings import load_meetings
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=60)
        load_meetings()
        counts = load_community()
        yield counts
        transaction.set_rollback(True)


def test_the_three_area_sub_committees_raise_a_year_of_issues_at_their_meetings(demo):
    assert set(BodyArea.objects.values_list("body__name", flat=True)) == {"美原", "元町", "音別"}
    issues = Issue.objects.all()
    assert set(issues.values_list("body__name", flat=True)) == {"美原", "元町", "音別"}
    assert issues.count() == demo["issues"] >= 15
    assert not issues.filter(meeting__isnull=True).exists()
    assert IssueMatch.objects.count() == demo["matches"] > 0


def test_both_cafeterias_have_weekly_sessions(demo):
    for name in ("みはらかがやき食堂", "お寺食堂"):
        assert ResourceSession.objects.filter(resource__name=name).count() >= 45


def test_people_once_supported_volunteer(demo):
    roles = SupporterRole.objects.select_related("person")
    assert roles.count() == demo["volunteers"] > 0
    assert all(role.person.cases.filter(intake_date__lt=role.started_on).exists() for role in roles)


def test_onbetsu_fuki_has_eight_partners_flows_and_a_season_of_work(demo):
    project = Project.objects.get(name="音別ふき蕗団")
    assert project.partners.values("organisation").distinct().count() == 8
    assert project.flows.count() >= 8
    assert project.work_days.count() == demo["work_days"] >= 40
    assert sum(day.output_kg for day in project.work_days.all()) > 1000
