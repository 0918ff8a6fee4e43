"""Browser tests: Playwright driving Debian's /usr/bin/chromium against pytest-django's live server.

They skip where chromium is absent (a laptop or a fresh Debian without it), and the end of the run
says how many were skipped and the command that installs it; with TSUNAGU_REQUIRE_BROWSER=1 (CI
sets it) a missing browser fails the run instead.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.e2e import accessibility

CHROMIUM = Path(os.environ.get("TSUNAGU_CHROMIUM", "/usr/bin/chromium"))
NO_BROWSER = f"{CHROMIUM} is not installed"
INSTALL_BROWSER = "apt-get install -y chromium"
# pytest-django's live server and Playwright's sync API share the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists() and os.environ.get("TSUNAGU_REQUIRE_BROWSER") != "1":
                item.add_marker(pytest.mark.skip(reason=NO_BROWSER))


def pytest_terminal_summary(terminalreporter):
    """Say how many browser tests did not run for want of chromium, and how to get it."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and NO_BROWSER in report.longrepr[2]
    ]
    if skipped:
        terminalreporter.write_sep("-", "browser tests skipped", yellow=True)
        terminalreporter.write_line(
            f"{len(skipped)} browser tests were skipped: {NO_BROWSER}. Install it with: {INSTALL_BROWSER}",
            yellow=True,
        )


@pytest.fixture(autouse=True)
def demo_logins(settings):
    """The journeys log in as the demo does (password only, TSUNAGU_DEMO on); the two-factor journey
    turns it off and types real codes."""
    settings.TSUNAGU_DEMO = True


@pytest.fixture(autouse=True)
def axe_on_every_page(monkeypatch):
    """axe-core on every page this test's browser contexts load (tests/e2e/accessibility.py); the test
    fails if any has a serious or critical violation."""
    log = accessibility.AccessibilityLog()
    new_context = Browser.new_context

    def new_context_checked(self, *args, **kwargs):
        context = new_context(self, *args, **kwargs)
        log.attach(context)
        return context

    monkeypatch.setattr(Browser, "new_context", new_context_checked)
    monkeypatch.setattr(accessibility, "LOG", log)
    yield log
    log.finish(new_context)
    assert not log.findings, "axe-core found serious or critical violations:\n" + "\n".join(
        str(finding) for finding in log.findings
    )


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


@pytest.fixture
def background_worker(live_server):
    """The background jobs' worker beside the live server: a thread of this process running the queue
    (tsunagu/background/worker.py), stopped after the test."""
    from tsunagu.background.worker import WorkerThread

    worker = WorkerThread()
    worker.start()
    yield worker
    worker.stop()
