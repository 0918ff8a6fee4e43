"""The whole consultation journey in a real browser, in Japanese: intake → assessment → plan →
approval → notes → closure, and the PDFs open with readable Japanese."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.testing.pdf import pdf_fonts, pdf_text

TODAY = timezone.localdate()


def field(page, label: str):
    """The field whose label is exactly this (a 必須 mark may follow it)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s|$)"))


def _pdf_text(page, url: str) -> str:
    response = page.context.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert "IPAexGothic" in {font.name for font in pdf_fonts(pdf)}
    return pdf_text(pdf)


def test_a_worker_takes_a_person_from_intake_to_closure(
    browser, live_server, consultation_worker, supervisor
):
    worker_context = browser.new_context(locale="ja-JP")
    page = worker_context.new_page()
    log_in(page, live_server, "soudan")

    # Intake
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="新規受付").click()
    field(page, "姓").fill("釧路")
    field(page, "名").fill("一郎")
    page.get_by_label("せい（ふりがな）").fill("くしろ")
    page.get_by_label("めい（ふりがな）").fill("いちろう")
    page.get_by_label("生年月日").fill("1975-01-02")
    page.get_by_label("受付日").fill(TODAY.isoformat())
    page.get_by_label("相談経路").select_option(label="本人来所")
    page.get_by_label("収入・生活費").check()
    page.get_by_label("仕事探し・就職").check()
    page.get_by_label("最も困っていること（◎）").select_option(label="収入・生活費")
    page.get_by_label("申込・同意の署名日").fill(TODAY.isoformat())
    page.get_by_role("button", name="受付を登録").click()
    expect(page.get_by_role("heading", name="釧路 一郎")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("受付")

    # Assessment
    page.get_by_role("link", name="アセスメント", exact=True).click()
    page.get_by_label("就労状況").select_option(label="失業・休職中")
    field(page, "住まい").select_option(label="借家")
    field(page, "生活リズム（評価）").select_option("2")
    field(page, "こころの健康（評価）").select_option("2")
    # The stage the scores propose appears beside the stage field, which takes it.
    expect(page.get_by_test_id("proposed-stage")).to_have_text("日常生活自立")
    expect(page.get_by_test_id("stage-reasons")).to_contain_text("生活リズム 2・こころの健康 2")
    expect(page.get_by_label("確定ステージ")).to_have_value("daily_life")
    page.get_by_role("button", name="アセスメントを保存").click()
    expect(page.get_by_role("heading", name=re.compile("のアセスメント$"))).to_be_visible()
    expect(page.get_by_test_id("confirmed-stage")).to_have_text("日常生活自立")
    page.get_by_role("link", name=re.compile("^釧路 一郎")).click()
    expect(page.get_by_test_id("case-status")).to_have_text("アセスメント済")

    # Plan, agreed by the person, sent for approval
    page.get_by_role("link", name="プランを作成").click()
    page.get_by_label("計画期間（開始）").fill(TODAY.isoformat())
    page.get_by_label("計画期間（終了）").fill((TODAY + dt.timedelta(days=180)).isoformat())
    page.get_by_label("長期目標").fill("働いて自分の収入で暮らす")
    page.get_by_label("短期目標").fill("生活リズムを整え、週3回ボランティア体験に参加する")
    page.get_by_label("本人同意日").fill(TODAY.isoformat())
    page.get_by_label("次回モニタリング予定日").fill((TODAY + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="プランを保存").click()
    expect(page.get_by_role("heading", name="プラン第1版")).to_be_visible()
    page.get_by_role("button", name="承認を依頼").click()
    expect(page.get_by_test_id("case-status")).to_have_text("プラン承認待ち")

    # The supervisor approves it at a co-ordination meeting
    supervisor_context = browser.new_context(locale="ja-JP")
    boss = supervisor_context.new_page()
    log_in(boss, live_server, "shunin")
    boss.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="承認").click()
    # Nothing is ticked until the supervisor ticks it; the plan opens from its row.
    expect(boss.get_by_label("釧路 一郎")).not_to_be_checked()
    expect(boss.get_by_role("link", name="プラン第1版")).to_be_visible()
    boss.get_by_label("釧路 一郎").check()
    boss.get_by_label("支援調整会議", exact=True).check()
    boss.get_by_label("支援調整会議の開催日").fill(TODAY.isoformat())
    boss.get_by_role("button", name="チェックしたプランを承認").click()
    expect(boss.get_by_text("1件のプランを承認しました。")).to_be_visible()

    # The worker records a note from the case page and asks to close the case
    page.reload()
    expect(page.get_by_test_id("case-status")).to_have_text("支援中")
    page.get_by_label("方法").select_option(label="訪問")
    page.get_by_label("内容").fill("自宅を訪問。就職が決まったと報告あり。")
    page.get_by_role("button", name="記録を保存").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("就職が決まったと報告あり")

    plan_pdf = page.get_by_role("link", name="プラン（PDF）").get_attribute("href")
    record_pdf = page.get_by_role("link", name="支援経過記録（PDF）").get_attribute("href")
    plan_text = _pdf_text(page, f"{live_server.url}{plan_pdf}")
    assert "釧路" in plan_text and "令和" in plan_text
    record_text = _pdf_text(page, f"{live_server.url}{record_pdf}")
    assert "就職が決まったと報告あり" in record_text

    page.get_by_role("link", name="終結する").click()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("終結の理由を選んでください。")).to_be_visible()
    page.get_by_label("理由").select_option(label="就労による自立")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("case-status")).to_have_text("終結承認待ち")

    # The supervisor approves the closure
    boss.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="承認").click()
    boss.get_by_role("link", name="釧路 一郎").click()
    boss.get_by_label("終結を承認する").check()
    boss.get_by_role("button", name="保存").click()
    expect(boss.get_by_test_id("case-status")).to_have_text("終結")

    worker_context.close()
    supervisor_context.close()
