"""A supervisor closes last month's pay at a work site in a real browser and opens a person's pay
statement: a PDF with the person's pay in readable Japanese, its font embedded."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    WorkTypeFactory,
    log_work,
)
from tsunagu.testing.pdf import pdf_fonts, pdf_text
from tsunagu.work.models import PayMonth, PayStatement

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
