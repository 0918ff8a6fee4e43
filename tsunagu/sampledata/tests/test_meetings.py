"""The demo's meetings: a 支援調整会議 every month of the last year with its cases, decisions and minutes,
each 部会 monthly, quarterly 支援会議 whose case list is a basis for sharing, and today's 支援調整会議
with the waiting plans on its agenda and open actions on the workers' caseloads."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tsunagu.cases.models import Plan, PlanStatus
from tsunagu.network.models import ActionItem, Body, Decision, Meeting, MeetingKind
from tsunagu.network.selectors import support_council_listing
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.meetings import load_meetings
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo with its meetings, loaded once in a transaction rolled back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=80)
        counts = load_meetings()
        yield counts
        transaction.set_rollback(True)


def months_of(meetings) -> set[tuple[int, int]]:
    return {(m.held_on.year, m.held_on.month) for m in meetings}


def test_every_month_of_the_year_has_a_coordination_meeting_with_minutes(demo):
    today = timezone.localdate()
    coordination = list(Meeting.objects.filter(kind=MeetingKind.COORDINATION, held_on__lt=today))
    last_year = {
        ((today - dt.timedelta(days=30 * n)).year, (today - dt.timedelta(days=30 * n)).month)
        for n in range(1, 12)
    }
    assert last_year <= months_of(coordination)
    assert all(m.minutes for m in coordination)
    decided = Decision.objects.filter(meeting__kind=MeetingKind.COORDINATION)
    assert decided.exists() and all(
        d.meeting.attendees.filter(user=d.recorded_by).exists() for d in decided[:20]
    )


def test_each_sub_committee_meets_monthly_with_minutes(demo):
    assert sorted(Body.objects.values_list("name", flat=True)) == sorted(["美原", "元町", "音別", "就労支援"])
    for body in Body.objects.all():
        meetings = list(body.meetings.all())
        assert len(months_of(meetings)) >= 11, body.name
        assert all(m.minutes for m in meetings)
        assert body.members.exists() and body.outside_members.exists()


def test_support_councils_list_cases_after_everyone_acknowledged(demo):
    councils = Meeting.objects.filter(kind=MeetingKind.SUPPORT_COUNCIL)
    assert councils.count() >= 3
    for council in councils:
        assert not council.attendees.filter(confidentiality_acknowledged_at__isnull=True).exists()
        listed = council.agenda.first()
        assert support_council_listing(listed.case_id) is not None


def test_todays_coordination_meeting_has_the_waiting_plans_and_workers_have_open_actions(demo):
    today = timezone.localdate()
    meeting = Meeting.objects.get(kind=MeetingKind.COORDINATION, held_on=today)
    waiting = set(
        Plan.objects.filter(status=PlanStatus.SUBMITTED, case__office=meeting.office).values_list(
            "case_id", flat=True
        )
    )
    assert waiting and waiting == set(meeting.agenda.values_list("case_id", flat=True))
    # The last fortnight's actions are still open, each on a worker of the office's caseload.
    open_actions = ActionItem.objects.filter(done_on__isnull=True)
    assert open_actions.exists()
    assert set(open_actions.values_list("owner__office", flat=True)) == {meeting.office_id}
