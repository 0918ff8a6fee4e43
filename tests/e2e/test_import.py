"""Moving in, in a real browser in Japanese: the office's supervisor uploads the hub's old ledger (a CP932
CSV with a bad 和暦 date), maps its columns, sees the mistake named by row and column with nothing saved,
uploads the corrected workbook, imports it (a background job: its progress bar on the import page until
the worker is done), and finds an imported person on the case list by reading."""

import csv
import io

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.imports.sample import HEADERS, ledger_rows, ledger_xlsx
from tsunagu.people.models import Person
from tsunagu.testing.factories import AreaFactory


def _csv_with_a_bad_date(areas: list[str]) -> bytes:
    rows = [list(row) for row in ledger_rows(5, areas=areas)]
    rows[1][HEADERS.index("生年月日")] = "令和5年13月1日"
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([HEADERS, *rows])
    return text.getvalue().encode("cp932")


def test_a_supervisor_imports_the_old_ledger_and_finds_a_person_by_reading(
    browser, live_server, background_worker, supervisor
):
    areas = [AreaFactory(name="鳥取").name, AreaFactory(name="大楽毛").name]
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server, "shunin")

    page.goto(f"{live_server.url}/imports/")
    page.locator("#id_file").set_input_files(
        {"name": "台帳.csv", "mimeType": "text/csv", "buffer": _csv_with_a_bad_date(areas)}
    )
    page.get_by_test_id("upload-form").locator("button[type=submit]").click()
    page.wait_for_url("**/mapping/")
    expect(page.get_by_test_id("encoding")).to_contain_text("CP932 (Shift_JIS)")
    page.get_by_test_id("mapping-form").locator("button[type=submit]").click()
    page.wait_for_url("**/preview/")
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("生年月日")
    expect(errors.locator("tbody tr").first.locator("td").first).to_have_text("3")
    assert not Person.objects.exists()

    page.goto(f"{live_server.url}/imports/")
    page.locator("#id_file").set_input_files(
        {"name": "台帳.xlsx", "mimeType": "application/octet-stream", "buffer": ledger_xlsx(5, areas=areas)}
    )
    page.get_by_test_id("upload-form").locator("button[type=submit]").click()
    page.wait_for_url("**/mapping/")
    page.get_by_test_id("mapping-form").locator("button[type=submit]").click()
    page.wait_for_url("**/preview/")
    expect(page.get_by_test_id("import-ready")).to_be_visible()
    expect(page.get_by_test_id("preview-rows")).to_contain_text("サトウ")
    page.locator("main form[method=post]").first.locator("button[type=submit]").click()
    page.wait_for_url("**/imports/")
    job = page.get_by_test_id("job-progress")
    expect(job.locator("progress")).to_be_visible()
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)  # polled every second
    expect(job.get_by_test_id("job-message")).to_contain_text("5")
    page.reload()
    expect(page.get_by_test_id("import-runs")).to_contain_text("台帳.xlsx")

    # Found by reading on the case list (katakana typed, the record holds the same reading).
    page.goto(f"{live_server.url}/cases/?q=すずき")
    expect(page.locator("main")).to_contain_text("鈴木")
    context.close()
