"""The host's partner staff on a phone (390 px): today's day sheet of their net-mending site opened from
the portal beside the roll-call, an impossible quantity refused next to its box with nothing saved, then
everyone's presence and work saved in one go — big targets, numeric keyboards, no sideways scrolling."""

from decimal import Decimal

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.programs.models import Attendance, Placement, ProgramHost
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
    WorkTypeFactory,
)
from tsunagu.work.models import WorkLog

PHONE_WIDTH = 390


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def place(host: ProgramHost, worker, **person_fields) -> Placement:
    case = CaseFactory(worker=worker, person=PersonFactory(**person_fields))
    return PlacementFactory(host=host, worker=worker, case=case)


def test_host_staff_enter_a_day_sheet_on_a_phone(
    phone_page, live_server, partner_staff, partner_org, consultation_worker
):
    program = ProgramFactory(name="漁網の整網（中間的就労）", category="intermediate_work")
    site = ProgramHostFactory(program=program, organisation=partner_org)
    other_site = ProgramHostFactory(program=program, organisation__name="株式会社 水産（テスト）")
    nets = WorkTypeFactory(host=site, name="漁網の整網作業", unit="枚", max_units_per_hour=20, levels=False)
    hanako = place(site, consultation_worker, family_name="釧路", given_name="花子",
                   family_name_kana="クシロ", given_name_kana="ハナコ")  # fmt: skip
    jiro = place(site, consultation_worker, family_name="阿寒", given_name="次郎",
                 family_name_kana="アカン", given_name_kana="ジロウ")  # fmt: skip
    place(other_site, consultation_worker, family_name="水島", given_name="太郎")
    SessionFactory(host=site)  # today, 9:30–12:00

    page = phone_page
    log_in(page, live_server, "zoo")
    page.goto(f"{live_server.url}/programs/partner/")
    page.get_by_test_id("today-session").get_by_role("link", name="作業日報").click()

    expect(page.get_by_role("heading", name="作業日報")).to_be_visible()
    cards = page.get_by_test_id("day-sheet-person")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("阿寒 次郎")  # あいうえお順: アカン before クシロ
    expect(page.get_by_text("水島")).to_have_count(0)
    no_sideways_scroll(page)

    jiro_card = cards.filter(has_text="阿寒 次郎")
    hanako_card = cards.filter(has_text="釧路 花子")
    quantity = hanako_card.get_by_label("数量（枚）")
    expect(quantity).to_have_attribute("inputmode", "decimal")
    expect(hanako_card.get_by_label("作業時間（分）")).to_have_attribute("inputmode", "numeric")
    assert quantity.bounding_box()["height"] >= 44
    assert hanako_card.locator("label.rc-choice", has_text="出席").bounding_box()["height"] >= 44

    # 45 枚 in two hours is more than 20 an hour allows: refused next to the box, nothing saved.
    hanako_card.get_by_label("出席", exact=True).check()
    quantity.fill("45")
    hanako_card.get_by_label("作業時間（分）").fill("120")
    jiro_card.get_by_label("欠席", exact=True).check()
    page.get_by_role("button", name="作業日報を保存").click()
    expect(page.get_by_test_id("day-sheet-errors")).to_be_visible()
    hanako_card = page.get_by_test_id("day-sheet-person").filter(has_text="釧路 花子")
    expect(hanako_card).to_contain_text("120分でできる量を超えています")
    assert not WorkLog.objects.exists() and not Attendance.objects.exists()
    no_sideways_scroll(page)

    hanako_card.get_by_label("数量（枚）").fill("36")
    hanako_card.get_by_label("不良・手直し").fill("2")
    page.get_by_role("button", name="作業日報を保存").click()

    expect(page.get_by_role("status")).to_contain_text("作業日報を保存しました")
    log = WorkLog.objects.get()
    assert (log.placement, log.work_type, log.quantity, log.minutes, log.defects) == (
        hanako,
        nets,
        Decimal(36),
        120,
        Decimal(2),
    )
    assert Attendance.objects.get(placement=jiro).status == "absent"
    assert log.attendance == Attendance.objects.get(placement=hanako)
    hanako_card = page.get_by_test_id("day-sheet-person").filter(has_text="釧路 花子")
    expect(hanako_card.get_by_label("数量（枚）")).to_have_value("36")
    expect(page.get_by_test_id("recorded-count")).to_have_text("2人中2人")
    no_sideways_scroll(page)
