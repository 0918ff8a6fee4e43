"""Two-factor login in the browser: enrol an app from the QR page's key, keep the recovery codes, log in
again with the app's next code; the secret is read from the page as a person would type it."""

import base64
import time

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def code_for(secret_text: str, offset_steps: int = 0) -> str:
    """The six digits an authenticator app shows for this key (offset_steps later)."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * offset_steps
    return f"{totp.token():06d}"


def test_a_worker_enrols_an_app_and_logs_in_again_with_a_real_code(
    page, live_server, settings, consultation_worker
):
    settings.TSUNAGU_DEMO = False
    log_in(page, live_server, "soudan")
    expect(page.get_by_role("heading", name="2段階認証の設定")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    # No main menu before the second factor.
    expect(page.get_by_role("navigation", name="メインメニュー")).to_have_count(0)
    secret = page.get_by_test_id("totp-secret").inner_text()

    page.get_by_label("コード").fill(code_for(secret))
    page.get_by_role("button", name="確認").click()
    expect(page.get_by_role("heading", name="リカバリーコードを保管してください")).to_be_visible()
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="保管しました。続ける").click()
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()

    page.get_by_role("button", name="ログアウト").click()
    log_in(page, live_server, "soudan")
    expect(page.get_by_role("heading", name="認証アプリのコードを入力")).to_be_visible()
    # The code of the next 30-second step: the one just used is never accepted twice.
    page.get_by_label("コード").fill(code_for(secret, offset_steps=1))
    page.get_by_role("button", name="確認").click()
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()

    page.get_by_role("button", name="ログアウト").click()
    log_in(page, live_server, "soudan")
    page.get_by_label("コード").fill(codes[0])
    page.get_by_role("button", name="確認").click()
    expect(page.get_by_role("status")).to_contain_text("リカバリーコードを使いました")
