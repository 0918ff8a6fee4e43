import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_a_supervisor_logs_in_in_japanese_switches_to_english_and_logs_out(page, live_server, supervisor):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", name="つなぐにログイン")).to_be_visible()

    log_in(page, live_server, "shunin")
    nav = page.get_by_role("navigation", name="メインメニュー")
    expect(nav.get_by_role("link", name="ホーム")).to_be_visible()
    expect(nav.get_by_role("link", name="組織")).to_be_visible()
    expect(nav.get_by_role("link", name="監査ログ")).to_have_count(0)
    expect(page.get_by_test_id("roles")).to_contain_text("主任相談支援員")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("roles")).to_contain_text("Supervisor")
    expect(
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Organisations")
    ).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in to Tsunagu")).to_be_visible()


def test_an_administrator_sees_the_administration_screens_on_a_phone(phone_page, live_server, administrator):
    page = phone_page
    log_in(page, live_server, "kanri")
    nav = page.get_by_role("navigation", name="メインメニュー")
    for label in ("ホーム", "組織", "利用者", "監査ログ"):
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    nav.get_by_role("link", name="監査ログ").click()
    expect(page.get_by_role("heading", name="監査ログ")).to_be_visible()
    # On a phone each cell is labelled by its column ("操作： ログイン").
    expect(page.get_by_role("cell", name=re.compile("ログイン$")).first).to_be_visible()
    # Nothing scrolls sideways on a 390-pixel screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_five_wrong_passwords_lock_the_account(page, live_server, consultation_worker):
    for _ in range(5):
        log_in(page, live_server, "soudan", "wrong-password-123")
    expect(page.get_by_test_id("lockout")).to_contain_text("ロックされています")
