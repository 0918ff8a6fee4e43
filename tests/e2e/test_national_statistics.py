"""The national statistics in a real browser, in Japanese: the statistician picks June 2026 and 釧路市,
sees the table with its 目安値, asks for the Excel workbook (a background job: its progress on the page
until the worker is done), and downloads it; its figure is the page's."""

import datetime as dt

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory

JUNE = dt.date(2026, 6, 1)


def test_the_statistician_reads_a_months_figures_and_downloads_them(
    browser, live_server, background_worker, statistician, consultation_worker
):
    kushiro, town = (
        AreaFactory(name="中央", municipality="釧路市"),
        AreaFactory(name="鶴居村", municipality="鶴居村"),
    )
    for day in range(1, 7):  # six intakes in 釧路市, one in a village (not 釧路市's)
        CaseFactory(
            worker=consultation_worker, intake_date=JUNE.replace(day=day), person=PersonFactory(area=kushiro)
        )
    CaseFactory(worker=consultation_worker, intake_date=JUNE.replace(day=9), person=PersonFactory(area=town))

    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, "toukei")
    page.goto(f"{live_server.url}/statistics/")
    page.locator("#id_month").fill("2026-06")
    page.locator("#id_reporter").select_option("釧路市")
    page.locator("form.filters button[type=submit]").click()

    row = page.locator("[data-testid=national-indicators] tr[data-indicator=new_consultations]")
    expect(row.locator("td").nth(0)).to_have_text("6")
    expect(row.locator("td").nth(1)).to_have_text("3.75")  # 6 × 100,000 ÷ 160,000
    expect(row.locator("td").nth(2)).to_have_text("24.0")  # the 目安値
    expect(row.locator("td").nth(3)).to_have_text("0.16")  # 3.75 ÷ 24

    page.get_by_test_id("export-xlsx").click()
    job = page.get_by_test_id("job-progress")
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)  # polled every second
    with page.expect_download() as download_info:
        job.get_by_test_id("job-download").click()
    download = download_info.value
    assert download.suggested_filename == "kokuho-toukei-202606.xlsx"
    with open(download.path(), "rb") as workbook:
        book = load_workbook(workbook)
    sheet = book["主要指標"]
    assert [cell.value for cell in sheet[2]][:4] == ["指標", "件数・率", "人口10万人あたり（月）", "目安値"]
    assert sheet["A3"].value == "新規相談受付件数" and sheet["B3"].value == 6
    context.close()
