"""Free job placement in a real browser, in Japanese: an employment worker registers a person of a case
as a job seeker, matches an opening, records the introduction and a hire a month ago; the case shows the
start of work, the caseload the 1-month retention check (due about today), and the month's 求人求職管理簿
downloads as an Excel workbook with Japanese headers."""

import datetime as dt

from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.core.dates import local_date
from tsunagu.jobs.models import WorkOutcome, months_after
from tsunagu.testing.factories import CaseFactory, JobOpeningFactory, OrganisationFactory, PersonFactory

TODAY = timezone.localdate()


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def test_an_employment_worker_places_a_person_and_keeps_the_register(
    browser, live_server, consultation_worker, employment_worker
):
    person = PersonFactory(family_name="釧路", given_name="次郎")
    case = CaseFactory(
        person=person, worker=consultation_worker, employment_worker=employment_worker,
        intake_date=TODAY - dt.timedelta(days=120),
    )  # fmt: skip
    employer = OrganisationFactory(name="釧路ビルメンテナンス株式会社", type="company")
    opening = JobOpeningFactory(
        employer=employer, occupation="清掃", place="釧路市幸町", created_by=employment_worker,
        received_on=TODAY - dt.timedelta(days=60), valid_until=TODAY + dt.timedelta(days=60),
    )  # fmt: skip
    hired_on, started_on = TODAY - dt.timedelta(days=33), TODAY - dt.timedelta(days=31)

    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, "shuro")

    # From the case: register the person as a job seeker, received 40 days ago.
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.locator(f"a[href='/jobs/cases/{case.pk}/seeker/']").click()
    page.locator("#id_occupations").fill("清掃、軽作業")
    page.locator("#id_term").select_option("regular")
    page.locator("#id_received_on").fill(_ago(40))
    page.locator("#id_valid_until").fill((TODAY + dt.timedelta(days=90)).isoformat())
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/jobs/seekers/*/")
    expect(page.locator("h1")).to_contain_text("釧路 次郎")

    # The opening is suggested (職種 matches); introduce the person to it 35 days ago.
    expect(page.get_by_test_id("suggested-openings")).to_contain_text("清掃（釧路ビルメンテナンス株式会社）")
    page.locator("#id_opening").select_option(str(opening.pk))
    page.locator("#id_introduced_on").fill(_ago(35))
    page.locator("form[action$='/introductions/'] button[type=submit]").last.click()
    introduction = page.get_by_test_id("introduction")
    expect(introduction).to_contain_text("清掃（釧路ビルメンテナンス株式会社）")

    # The hire, decided 33 days ago, starting work 31 days ago.
    page.locator("#id_status").select_option("hired")
    page.locator("#id_on").fill(hired_on.isoformat())
    page.locator("#id_started_on").fill(started_on.isoformat())
    introduction.locator("button[type=submit]").click()
    expect(page.get_by_test_id("introduction").locator(".badge")).to_contain_text("採用")
    outcome = WorkOutcome.objects.get(case=case)
    assert outcome.on == started_on and outcome.employer == employer

    # The case shows the start of work with its retention checks.
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    row = page.get_by_test_id("work-outcome")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("釧路ビルメンテナンス株式会社")
    with translation.override("ja"):
        started_text, due_text = local_date(started_on), local_date(months_after(started_on, 1))
    expect(row).to_contain_text(started_text)

    # The caseload lists the 1-month check, due a month after the start.
    page.goto(f"{live_server.url}/cases/caseload/")
    checks = page.get_by_test_id("retention-checks")
    expect(checks).to_contain_text("釧路 次郎")
    expect(checks).to_contain_text(due_text)

    # The month's register downloads as a workbook with Japanese headers.
    page.goto(f"{live_server.url}/jobs/")
    page.locator("a[href='/jobs/register/']").click()
    expect(page.get_by_test_id("register-counts")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_test_id("register-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as workbook:  # (a download's path has no extension)
        book = load_workbook(workbook)
    assert book.sheetnames == ["求人", "求職"]
    headers = [cell.value for cell in book["求職"][2]]
    assert headers[:3] == ["受付年月日", "求職者氏名", "希望職種"] and "紹介の結果" in headers
    seekers = [[cell.value for cell in row] for row in book["求職"].iter_rows(min_row=3)]
    assert seekers[0][1] == "釧路 次郎" and seekers[0][9] == "採用"
    openings = [[cell.value for cell in row] for row in book["求人"].iter_rows(min_row=3)]
    assert any(row[2] == "釧路ビルメンテナンス株式会社" and row[8] == "釧路 次郎" for row in openings)

    # The year's report page opens (its figures are checked against a hand count in jobs' tests).
    page.goto(f"{live_server.url}/jobs/report/")
    expect(page.get_by_test_id("placement-report")).to_be_visible()
    context.close()
