"""The referral loop (つなぎ) in a browser: a worker refers a case to 法テラス from the case page; its staff
(a partner login) find it in their inbox, see the minimum, accept and complete it; the worker sees the loop
closed on the case page and nothing left on the overdue list. Selectors are test ids and field names, so
the test reads the same in either language."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.cases.services import add_note
from tsunagu.cases.tests.helpers import days_ago
from tsunagu.network.models import Referral, ReferralStatus
from tsunagu.organisations.models import OrganisationType
from tsunagu.people.models import ConsentScope
from tsunagu.people.services import record_consent
from tsunagu.testing.factories import (
    CaseFactory,
    DirectoryServiceFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)


def test_a_worker_refers_to_legal_aid_whose_staff_accept_and_complete_it(
    page, live_server, consultation_worker
):
    houterasu = OrganisationFactory(
        name="法テラス釧路", reading="ほうてらすくしろ", type=OrganisationType.PUBLIC_AGENCY
    )
    DirectoryServiceFactory(organisation=houterasu, name="債務整理の法律相談")
    UserFactory(username="houterasu", office=OfficeFactory(organisation=houterasu), roles=["partner_staff"])
    case = CaseFactory(
        worker=consultation_worker, intake_date=days_ago(30),
        person=PersonFactory(family_name="多重", given_name="債子", family_name_kana="たじゅう",
                             given_name_kana="さいこ", phone="0154-22-3344"),
    )  # fmt: skip
    record_consent(
        person=case.person, actor=consultation_worker, scope=ConsentScope.SHARE_PARTNERS,
        signed_on=days_ago(10), shared_with=[houterasu],
    )  # fmt: skip
    note = "借金の経緯（内部記録）"
    add_note(
        case=case,
        actor=consultation_worker,
        occurred_at=timezone.now(),
        method="phone",
        minutes=30,
        content=note,
    )

    # The worker refers the case from its page.
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    panel = page.get_by_test_id("case-referrals")
    panel.locator("a.button").click()
    page.locator("select[name=receiver]").select_option(label="法テラス釧路")
    page.locator("select[name=service]").select_option(label="法テラス釧路：債務整理の法律相談")
    page.locator("textarea[name=message]").fill("多重債務の整理をご相談ください。")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("referral-status").locator("[data-status]")).to_have_attribute(
        "data-status", "sent"
    )
    referral = Referral.objects.get(case=case)
    assert referral.status == ReferralStatus.SENT
    page.context.clear_cookies()

    # 法テラス's staff: the inbox, the minimum (name, reading, phone with consent, the message), no notes.
    log_in(page, live_server, "houterasu")
    page.goto(f"{live_server.url}/network/referrals/inbox/")
    page.get_by_test_id("referral-list").get_by_role("link", name="多重 債子").click()
    expect(page.get_by_test_id("referral-person")).to_contain_text("多重 債子")
    expect(page.get_by_test_id("referral-phone")).to_contain_text("0154-22-3344")
    expect(page.get_by_test_id("referral-message")).to_contain_text("多重債務の整理")
    expect(page.get_by_text(note)).to_have_count(0)
    expect(page.locator(f"a[href='/cases/{case.pk}/']")).to_have_count(0)
    for answer in ("accepted", "completed"):
        page.locator(f"input[name=status][value={answer}]").check()
        page.locator("form[action$='/answer/'] button[type=submit]").click()
        expect(page.get_by_test_id("referral-status").locator("[data-status]")).to_have_attribute(
            "data-status", answer
        )
    page.context.clear_cookies()

    # The worker sees the loop closed, and nothing to follow up.
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.get_by_test_id("case-referrals").locator("[data-status]")).to_have_attribute(
        "data-status", "completed"
    )
    page.goto(f"{live_server.url}/network/referrals/overdue/")
    expect(page.get_by_test_id("overdue-empty")).to_be_visible()
    expect(page.get_by_test_id("overdue-unanswered").locator("a")).to_have_count(0)
    expect(page.get_by_test_id("overdue-stalled").locator("a")).to_have_count(0)
