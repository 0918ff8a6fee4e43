"""The community in a browser: at the 美原 部会's meeting a worker records a local issue, matches it to みはら
かがやき食堂 from the suggestions, refers a person there from the person's case, and the area view's counts
change (the issue in 美原's row; the referred person on the cafeteria's page). Selectors are test ids and
field names, so the test reads the same in either language."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.community import services
from tsunagu.community.models import Issue, IssueMatch, IssueStatus, ResourceKind, Theme
from tsunagu.network.models import Body
from tsunagu.people.models import ConsentScope
from tsunagu.people.services import record_consent
from tsunagu.testing.factories import (
    AreaFactory,
    CaseFactory,
    DirectoryServiceFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
)


def _issue_cell(page) -> str:
    """The 美原 row's count of local issues (the fourth measure) in the area grid."""
    row = page.get_by_test_id("area-grid").locator("tbody tr", has_text="美原")
    return row.locator("td").nth(3).inner_text()


def test_a_sub_committee_issue_is_matched_to_a_cafeteria_a_person_referred_there_and_the_counts_change(
    page, live_server, consultation_worker
):
    today = timezone.localdate()
    mihara = AreaFactory(name="美原", sort_order=0)
    body = Body.objects.create(office=consultation_worker.office, name="美原")
    services.set_body_area(actor=consultation_worker, body=body, area=mihara)
    meeting = MeetingFactory(
        organiser=consultation_worker,
        kind="body",
        body=body,
        held_on=today - dt.timedelta(days=1),
        place="美原 地区会館",
    )
    owner = OrganisationFactory(name="みはらかがやき食堂")
    service = DirectoryServiceFactory(organisation=owner, name="地域食堂")
    food = Theme.objects.get(code="food")
    kitchen = services.add_resource(
        actor=consultation_worker,
        fields={
            "name": "みはらかがやき食堂", "kind": ResourceKind.objects.get(code="cafeteria"), "area": mihara,
            "owner": owner, "service": service, "themes": [food], "started_on": today - dt.timedelta(days=300),
        },
    )  # fmt: skip
    case = CaseFactory(
        worker=consultation_worker, intake_date=today - dt.timedelta(days=30),
        person=PersonFactory(family_name="食堂", given_name="春子", family_name_kana="しょくどう",
                             given_name_kana="はるこ", area=mihara),
    )  # fmt: skip
    record_consent(
        person=case.person, actor=consultation_worker, scope=ConsentScope.SHARE_PARTNERS,
        signed_on=today - dt.timedelta(days=5), shared_with=[owner],
    )  # fmt: skip

    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/community/areas/")
    assert _issue_cell(page) == "0"

    # At the 部会's page, the worker records what the meeting raised.
    page.goto(f"{live_server.url}/community/bodies/{body.pk}/")
    page.get_by_test_id("body-issues").locator("xpath=..").locator("a.button").click()
    page.locator("input[name=title]").fill("夕食を一人でとる子どもが多い")
    page.locator("select[name=theme]").select_option(value=str(food.pk))
    page.locator("select[name=meeting]").select_option(value=str(meeting.pk))
    page.locator("input[name=people_touched]").fill("12")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("issue-status")).to_be_visible()
    issue = Issue.objects.get()
    assert (issue.body, issue.meeting, issue.area) == (body, meeting, mihara)

    # The cafeteria is suggested (same area and theme); the worker confirms the match.
    page.get_by_test_id("suggestions").get_by_role("button").first.click()
    expect(page.get_by_test_id("matches")).to_contain_text("みはらかがやき食堂")
    assert IssueMatch.objects.get().resource == kitchen
    issue.refresh_from_db()
    assert issue.status == IssueStatus.MATCHED

    # The worker refers the person to the cafeteria from the case page (the network's referral).
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_test_id("case-referrals").locator("a.button").click()
    page.locator("select[name=receiver]").select_option(label="みはらかがやき食堂")
    page.locator("select[name=service]").select_option(label="みはらかがやき食堂：地域食堂")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("referral-status")).to_be_visible()
    page.goto(f"{live_server.url}/community/resources/{kitchen.pk}/")
    expect(page.get_by_test_id("referred")).to_contain_text("食堂 春子")

    # The area view counts the new issue in 美原.
    page.goto(f"{live_server.url}/community/areas/")
    assert _issue_cell(page) == "1"
    expect(page.get_by_test_id("tile-map")).to_contain_text("美原")
