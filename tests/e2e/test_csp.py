"""The Content-Security-Policy in a real browser: our static scripts run, and nothing is refused."""

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.e2e.test_partner_roll_call import place
from tsunagu.programs.models import Attendance
from tsunagu.testing.factories import ProgramFactory, ProgramHostFactory, SessionFactory


def test_the_roll_call_script_runs_under_the_policy_and_nothing_is_refused(
    page, live_server, partner_staff, partner_org, consultation_worker
):
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    host = ProgramHostFactory(program=ProgramFactory(), organisation=partner_org)
    placement = place(host, consultation_worker, family_name="釧路", given_name="花子")
    session = SessionFactory(host=host)

    log_in(page, live_server, "zoo")
    response = page.goto(f"{live_server.url}/programs/sessions/{session.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    button = page.get_by_role("button", name="未入力の方をすべて出席にする")
    expect(button).to_be_visible()  # shown by roll_call.js: the static script ran
    button.click()
    page.get_by_role("button", name="出欠を保存").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert Attendance.objects.get(placement=placement, session=session).status == "present"
    assert refused == []
