"""Contracts in a real browser, in Japanese: a supervisor opens the 沿革 (generated from the contract
records: 平成25年度's model projects, this year's contract), opens this year's contract report with the
cases it carries, and downloads it as an Excel workbook with Japanese headers."""

import datetime as dt

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.contracts import services
from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_of
from tsunagu.testing.factories import CaseFactory, PersonFactory

TODAY = timezone.localdate()


def _contract(supervisor, year: int, **fields):
    first, last = fiscal_year_bounds(year)
    values = {
        "funder": "city", "fiscal_year": year, "service": "consultation", "title": "", "starts_on": first,
        "ends_on": last, "model_project": False, "deliverables": "月次の統計報告、実績報告書", **fields,
    }  # fmt: skip
    return services.create_contract(actor=supervisor, fields=values)


def test_a_supervisor_opens_the_history_and_the_contract_report_and_downloads_the_excel(
    browser, live_server, supervisor, consultation_worker
):
    _contract(supervisor, 2013, model_project=True, funder="prefecture")
    contract = _contract(supervisor, fiscal_year_of(TODAY))
    for name in ("一郎", "二郎", "三郎", "四郎", "五郎", "六郎"):
        case = CaseFactory(worker=consultation_worker, person=PersonFactory(given_name=name),
                           intake_date=TODAY - dt.timedelta(days=400))  # fmt: skip
        services.assign_case(
            actor=consultation_worker, case=case, contract=contract, from_on=contract.starts_on
        )

    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, "shunin")

    page.goto(f"{live_server.url}/contracts/")
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("平成25年度")
    expect(history).to_contain_text(contract.fiscal_year_label)
    expect(history.locator("tr[data-year='2013']")).to_contain_text("自立相談支援事業")

    history.locator(f"a[href='/contracts/{contract.pk}/']").click()
    expect(page.get_by_test_id("contract")).to_contain_text("月次の統計報告")
    expect(page.get_by_test_id("contract-totals")).to_contain_text("6")
    expect(page.get_by_test_id("contract-report")).to_contain_text("6")

    with page.expect_download() as download_info:
        page.get_by_test_id("contract-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as workbook:
        book = load_workbook(workbook)
    assert book.sheetnames == ["契約", "月別"]
    assert [cell.value for cell in book["月別"][1]][:2] == ["月", "受託した相談（開始）"]
    assert book["月別"]["B2"].value == "6"
    context.close()
