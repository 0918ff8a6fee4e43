"""A worker records a pupil's entrance result in a real browser, and the year's 進学率 on the cohort page
shows it beside the national figure."""

import datetime as dt

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.children import services as children
from tsunagu.children import services_entrance as entrance
from tsunagu.children.models_entrance import EntranceApplication, ReferenceFigure
from tsunagu.testing.factories import CaseFactory, PersonFactory

YEAR = 2024


def test_a_worker_records_an_entrance_result_and_the_year_rate_follows(
    browser, live_server, consultation_worker
):
    # The national figures come with a migration; an earlier browser test's flush empties their table.
    for key, value in (("pa_high_school_entry_rate", "90.8"), ("pa_high_school_dropout_rate", "5.3")):
        ReferenceFigure.objects.get_or_create(
            key=key, defaults={"value": value, "year": 2013, "source": "大綱"}
        )
    guardian = PersonFactory(family_name="釧路", given_name="母子")
    CaseFactory(person=guardian, worker=consultation_worker)
    child = children.add_child(
        actor=consultation_worker, guardian=guardian, relation="長男",
        person_fields={"family_name": "釧路", "given_name": "未来", "family_name_kana": "くしろ",
                       "given_name_kana": "みらい", "date_of_birth": dt.date(YEAR - 15, 6, 1), "sex": "male"},
        fields={"school": "釧路市立鳥取中学校", "recorded_grade": None, "household_situation": "public_assistance"},
    )  # fmt: skip
    pupil = entrance.add_pupil(actor=consultation_worker, child=child, fiscal_year=YEAR, fields={})

    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/children/entrance/{pupil.pk}/")
    page.locator("form[action$='/applications/add/']").locator("xpath=..").locator("summary").click()
    page.fill("#application_school_name", "釧路湖陵高校")
    page.select_option("#application_course", "full_time")
    page.fill("#application_passed_on", f"{YEAR + 1}-03-02")
    page.check("#application_entered")
    page.locator("form[action$='/applications/add/'] button[type=submit]").click()
    page.wait_for_url(f"**/children/entrance/{pupil.pk}/")
    expect(page.get_by_test_id("applications")).to_contain_text("釧路湖陵高校")
    assert EntranceApplication.objects.get(pupil=pupil).entered

    page.locator("form[action$='/outcome/']").locator("xpath=..").locator("summary").click()
    page.select_option("#outcome_graduated_junior_high", "yes")
    page.locator("form[action$='/outcome/'] button[type=submit]").click()
    page.wait_for_url(f"**/children/entrance/{pupil.pk}/")

    page.goto(f"{live_server.url}/children/entrance/?year={YEAR}")
    row = page.get_by_test_id(f"figures-{YEAR}")
    expect(row.get_by_test_id("entry-rate")).to_have_text("100.0 %")  # 1 entered ÷ 1 graduate
    expect(page.get_by_test_id("national")).to_contain_text("90.8 %")
    context.close()
