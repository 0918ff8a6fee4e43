"""A supervisor closes last month's pay at a work site in a real browser and opens a person's pay
statement: a PDF with the person's pay in readable Japanese, its font embedded. And the whole journey:
the host's own staff save a day sheet of last month on a phone, then the supervisor closes that month and
the statement shows what the sheet recorded."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.core.dates import wareki
from tsunagu.programs.models import Attendance
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
    WorkTypeFactory,
    log_work,
)
from tsunagu.testing.pdf import pdf_fonts, pdf_missing_glyphs, pdf_text
from tsunagu.work.models import PayMonth, PayStatement, WorkLog

LAST_MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def test_a_supervisor_closes_the_month_and_opens_the_pay_statement(
    browser, live_server, supervisor, consultation_worker
):
    host = ProgramHostFactory(program__name="漁網の整網作業", organisation__name="釧路漁網株式会社")
    work_type = WorkTypeFactory(host=host, name="整網", unit="枚")
    person = PersonFactory(family_name="釧路", given_name="花子")
    placement = PlacementFactory(
        host=host, case=CaseFactory(person=person, worker=consultation_worker), worker=consultation_worker,
        started_on=LAST_MONTH - dt.timedelta(days=30),
    )  # fmt: skip
    log_work(
        placement=placement, work_type=work_type, day=LAST_MONTH.replace(day=3), quantity=12, minutes=120
    )
    log_work(placement=placement, work_type=work_type, day=LAST_MONTH.replace(day=4), quantity=8, minutes=90)

    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server, "shunin")
    page.goto(f"{live_server.url}/work/pay/hosts/{host.pk}/?month={LAST_MONTH:%Y-%m}")

    row = page.get_by_test_id("pay-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("釧路 花子")
    expect(row.get_by_test_id("pay-total")).to_have_text("2,000")  # (12 + 8) 枚 × 100 円

    page.locator(f"form[action='/work/pay/hosts/{host.pk}/close/'] button[type=submit]").click()
    page.wait_for_url(f"**/work/pay/hosts/{host.pk}/?month={LAST_MONTH:%Y-%m}")
    assert PayMonth.objects.filter(host=host, month=LAST_MONTH).exists()
    statement = PayStatement.objects.get(person=person)
    link = page.locator(f"a[href='/work/pay/statements/{statement.pk}/pdf/']")
    expect(link).to_be_visible()

    response = context.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == f'inline; filename="pay-statement-{statement.pk}.pdf"'
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    fonts = {font.name: font.embedded for font in pdf_fonts(pdf)}
    assert fonts.get("IPAexGothic") is True
    text = pdf_text(pdf)
    assert "工賃明細書" in text.replace(" ", "")
    assert "釧路 花子" in text and "2,000円" in text and "1円未満四捨五入" in text
    context.close()


def test_host_staff_save_last_months_day_sheet_on_a_phone_and_the_closed_months_statement_shows_it(
    browser, phone_page, live_server, partner_org, supervisor, consultation_worker, partner_staff
):
    program = ProgramFactory(name="漁網の整網（中間的就労）", category="intermediate_work")
    site = ProgramHostFactory(program=program, organisation=partner_org)
    # Level 1 見習い pays 100 円 a 枚; at most 20 枚 an hour.
    WorkTypeFactory(host=site, name="漁網の整網作業", unit="枚", max_units_per_hour=20)
    hanako, jiro = (
        PlacementFactory(
            host=site, worker=consultation_worker, started_on=LAST_MONTH - dt.timedelta(days=30),
            case=CaseFactory(worker=consultation_worker, person=PersonFactory(
                family_name=family, given_name=given, family_name_kana=kana, given_name_kana=given_kana,
            )),
        )
        for family, given, kana, given_kana in (
            ("釧路", "花子", "クシロ", "ハナコ"), ("阿寒", "次郎", "アカン", "ジロウ"),
        )
    )  # fmt: skip
    day = LAST_MONTH.replace(day=10)
    SessionFactory(host=site, date=day)  # 9:30–12:00

    # The host's staff, on a phone: the sheet of a past day of last month.
    page = phone_page
    log_in(page, live_server, "zoo")
    page.goto(f"{live_server.url}/work/partner/day-sheets/{site.pk}/?date={day:%Y-%m-%d}")
    expect(page.get_by_role("heading", name="作業日報")).to_be_visible()
    cards = page.get_by_test_id("day-sheet-person")
    expect(cards).to_have_count(2)
    hanako_card = cards.filter(has_text="釧路 花子")
    hanako_card.get_by_label("出席", exact=True).check()
    hanako_card.get_by_label("数量（枚）").fill("36")
    hanako_card.get_by_label("作業時間（分）").fill("120")
    cards.filter(has_text="阿寒 次郎").get_by_label("欠席", exact=True).check()
    page.get_by_role("button", name="作業日報を保存").click()
    expect(page.get_by_role("status")).to_contain_text("作業日報を保存しました")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    log = WorkLog.objects.get()
    assert (log.placement, log.date, log.quantity, log.recorded_by) == (hanako, day, 36, partner_staff)
    assert Attendance.objects.get(placement=jiro).status == "absent"

    # The supervisor closes last month at the site.
    context = browser.new_context(locale="ja-JP")
    desk = context.new_page()
    log_in(desk, live_server, "shunin")
    desk.goto(f"{live_server.url}/work/pay/hosts/{site.pk}/?month={LAST_MONTH:%Y-%m}")
    row = desk.get_by_test_id("pay-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("釧路 花子")
    expect(row.get_by_test_id("pay-total")).to_have_text("3,600")  # 36 枚 × 100 円
    desk.locator(f"form[action='/work/pay/hosts/{site.pk}/close/'] button[type=submit]").click()
    desk.wait_for_url(f"**/work/pay/hosts/{site.pk}/?month={LAST_MONTH:%Y-%m}")
    statement = PayStatement.objects.get(pay_month__host=site, pay_month__month=LAST_MONTH)
    assert (statement.person_id, statement.total) == (hanako.person_id, 3600)
    link = desk.locator(f"a[href='/work/pay/statements/{statement.pk}/pdf/']")
    expect(link).to_be_visible()

    # The statement, downloaded: the sheet's person, day and amount in Japanese, its font embedded.
    response = context.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert {font.name: font.embedded for font in pdf_fonts(pdf)}.get("IPAexGothic") is True
    assert not pdf_missing_glyphs(pdf)
    text = pdf_text(pdf)
    assert "工賃明細書" in text.replace(" ", "")
    assert "釧路 花子" in text and "阿寒" not in text
    assert wareki(day) in text and "3,600円" in text
    context.close()
