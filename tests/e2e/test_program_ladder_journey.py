"""The program ladder end to end in a real browser: a worker places a person at the zoo (見学 then 参加),
the zoo's partner staff take the roll-call on a phone and evaluate, the worker sees the evaluation on
the case, and the overview counts the person."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
)

TODAY = timezone.localdate()


def field(page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s|$)"))


def test_a_zoo_placement_from_the_worker_to_the_partner_and_back(
    browser, phone_page, live_server, consultation_worker, partner_staff, partner_org
):
    program = ProgramFactory(name="動物園環境整備ボランティア体験事業")
    zoo = ProgramHostFactory(program=program, organisation=partner_org, capacity=6)
    park = ProgramHostFactory(program=program, organisation__name="公園緑化協会（テスト）")
    case = CaseFactory(
        worker=consultation_worker,
        person=PersonFactory(
            family_name="阿寒", given_name="湖子", family_name_kana="あかん", given_name_kana="こね"
        ),
        intake_date=TODAY - dt.timedelta(days=90),
    )
    elsewhere = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="公園", given_name="次郎")
    )

    # The worker places the person: a visit last week, taking part from today
    worker_context = browser.new_context(locale="ja-JP")
    page = worker_context.new_page()
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/programs/people/{case.person_id}/ladder/")
    page.get_by_role("link", name="プログラムに参加登録").click()
    field(page, "プログラムと受入先").select_option(str(zoo.pk))
    page.get_by_label("見学").check()
    field(page, "日付").fill((TODAY - dt.timedelta(days=7)).isoformat())
    # No assessment or plan yet: the page warns, and the worker ticks past it
    expect(page.get_by_test_id("placement-gaps")).to_contain_text("アセスメントがまだ記録されていません")
    page.get_by_label("このまま登録する").check()
    page.get_by_role("button", name="参加を登録").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("見学")
    page.get_by_label("参加", exact=True).check()
    field(page, "日付").fill(TODAY.isoformat())
    page.get_by_role("button", name="段階を記録").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("参加")

    # Someone else is placed with another host: the zoo must not see them
    page.goto(f"{live_server.url}/programs/people/{elsewhere.person_id}/ladder/")
    page.get_by_role("link", name="プログラムに参加登録").click()
    field(page, "プログラムと受入先").select_option(str(park.pk))
    page.get_by_label("参加", exact=True).check()
    page.get_by_label("このまま登録する").check()
    page.get_by_role("button", name="参加を登録").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("参加")

    # Partner staff of the zoo on a phone: only their person, today's roll-call, an evaluation
    SessionFactory(host=zoo)
    phone = phone_page
    log_in(phone, live_server, "zoo")
    expect(phone.get_by_role("heading", name="受入先ポータル")).to_be_visible()
    people = phone.get_by_test_id("placed-person")
    expect(people).to_have_count(1)
    expect(people.first).to_contain_text("阿寒 湖子")
    expect(phone.get_by_text("公園 次郎")).to_have_count(0)
    phone.get_by_test_id("today-session").get_by_role("link", name="出欠を記録する").click()
    card = phone.get_by_test_id("roll-call-person").filter(has_text="阿寒 湖子")
    card.get_by_label("出席", exact=True).check()
    phone.get_by_role("button", name="出欠を保存").click()
    expect(phone.get_by_role("status")).to_contain_text("1人の出欠を保存しました。")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("link", name="戻る").click()
    phone.get_by_test_id("placed-person").get_by_role("link", name="評価を書く").click()
    for item in ("挨拶", "時間を守る", "作業への集中", "協調性", "指示の理解"):
        phone.get_by_role("group", name=re.compile(f"^{item}")).get_by_label("3 おおむねできる").check()
    phone.get_by_label("コメント").fill("毎回笑顔で挨拶できています。")
    phone.get_by_role("button", name="評価を保存").click()
    expect(phone.get_by_role("status")).to_be_visible()

    # The worker sees the evaluation on the case; the overview counts the person at the zoo
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.get_by_test_id("case-host-evaluation")).to_contain_text("毎回笑顔で挨拶できています。")
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="全体概況").click()
    zoo_line = page.locator("li", has_text="NPO法人 動物園協会（テスト）").first
    expect(zoo_line).to_contain_text(re.compile(r"参加中\s*1\b"))
    worker_context.close()
