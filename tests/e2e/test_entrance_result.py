"""On a phone, in a real browser: a worker adds a child to the year's entrance cohort from the child's
page, records the pupil's entrance result, and the year's 進学率 on the cohort page shows it beside the
national figure."""

import datetime as dt

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.children import services as children
from tsunagu.children.models_entrance import EntranceApplication, EntrancePupil, ReferenceFigure
from tsunagu.testing.factories import CaseFactory, PersonFactory

YEAR = 2024
PHONE_WIDTH = 390


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_worker_adds_the_pupil_to_the_cohort_records_an_entrance_result_and_the_year_rate_follows(
    phone_page, live_server, consultation_worker
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

    page = phone_page
    log_in(page, live_server, "soudan")
    # The child's page: into the cohort of the year the child is in 中3, with the guardian as the parent
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.get_by_role("link", name="高校進学支援の対象者にする").click()
    expect(page.get_by_text("釧路 母子")).to_be_visible()  # the participating parent
    page.get_by_label("年度（4月〜3月）").fill(str(YEAR))
    page.get_by_label("目標").fill("全日制の普通科に進む")
    page.get_by_label("検討している学校").fill("釧路湖陵高校、釧路江南高校")
    no_sideways_scroll(page)
    page.get_by_role("button", name="対象者に加える").click()
    expect(page.get_by_role("status")).to_contain_text("高校進学支援の対象者に加えました。")
    pupil = EntrancePupil.objects.get(child=child)
    assert (pupil.fiscal_year, pupil.parent, pupil.goals) == (YEAR, guardian, "全日制の普通科に進む")
    assert page.url.endswith(f"/children/entrance/{pupil.pk}/")

    # The result: passed and entered a full-time high school
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
    no_sideways_scroll(page)
