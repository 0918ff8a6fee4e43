"""Browser tests: Playwright driving Debian's /usr/bin/chromium against pytest-django's live server.

They skip where chromium is absent (a laptop without it), unless TSUNAGU_REQUIRE_BROWSER=1
(CI sets it), in which case a missing browser fails the run.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("TSUNAGU_CHROMIUM", "/usr/bin/chromium"))
# pytest-django's live server and Playwright's sync API share the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists() and os.environ.get("TSUNAGU_REQUIRE_BROWSER") != "1":
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(autouse=True)
def demo_logins(settings):
    """The journeys log in as the demo does (password only, TSUNAGU_DEMO on); the two-factor journey
    turns it off and types real codes."""
    settings.TSUNAGU_DEMO = True


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}


@pytest.fixture
def phone_page(browser):
    """A 390-pixel-wide phone screen."""
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


def log_in(page, live_server, username: str, password: str = "tsunagu-demo-2026") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
