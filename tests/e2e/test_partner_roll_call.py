"""Partner staff on a phone (390 px): the portal with only their own organisation's people, today's
roll-call taken and saved, and a placement evaluation written — with no sideways scrolling anywhere."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.programs.models import Attendance, Placement, PlacementEvaluation, ProgramHost
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
)

PHONE_WIDTH = 390


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def place(host: ProgramHost, worker, **person_fields) -> Placement:
    case = CaseFactory(worker=worker, person=PersonFactory(**person_fields))
    return PlacementFactory(host=host, worker=worker, case=case)


def test_partner_staff_take_todays_roll_call_and_evaluate_on_a_phone(
    phone_page, live_server, partner_staff, partner_org, consultation_worker
):
    program = ProgramFactory(name="動物園環境整備ボランティア体験事業")
    zoo = ProgramHostFactory(program=program, organisation=partner_org)
    aquarium = ProgramHostFactory(program=program, organisation__name="株式会社 水族館（テスト）")
    hanako = place(
        zoo,
        consultation_worker,
        family_name="釧路",
        given_name="花子",
        family_name_kana="クシロ",
        given_name_kana="ハナコ",
        emergency_contact="釧路 太郎（父） 0154-11-2233",
        address="北海道釧路市幣舞町1-2-3",
    )
    place(aquarium, consultation_worker, family_name="水島", given_name="太郎")
    session = SessionFactory(host=zoo)

    page = phone_page
    log_in(page, live_server, "zoo")
    page.goto(f"{live_server.url}/programs/partner/")

    # The portal: only the zoo's person, with the emergency contact but not the address
    expect(page.get_by_role("heading", name="受入先ポータル")).to_be_visible()
    people = page.get_by_test_id("placed-person")
    expect(people).to_have_count(1)
    expect(people.first).to_contain_text("釧路 花子")
    expect(people.first).to_contain_text("釧路 太郎（父） 0154-11-2233")
    expect(page.get_by_text("水島")).to_have_count(0)
    expect(page.get_by_text("幣舞町")).to_have_count(0)
    no_sideways_scroll(page)

    # Today's session: the roll-call, one card per person, big touch targets
    page.get_by_test_id("today-session").get_by_role("link", name="出欠を記録する").click()
    expect(page.get_by_role("heading", name="出欠記録")).to_be_visible()
    card = page.get_by_test_id("roll-call-person").filter(has_text="釧路 花子")
    expect(card).to_have_count(1)
    present = card.locator("label.rc-choice", has_text="出席")
    assert present.bounding_box()["height"] >= 44
    expect(card.get_by_label("時間", exact=True)).to_have_value("2.5")
    no_sideways_scroll(page)
    card.get_by_label("出席", exact=True).check()
    card.get_by_label("時間", exact=True).fill("2")
    no_sideways_scroll(page)
    page.get_by_role("button", name="出欠を保存").click()

    expect(page.get_by_role("status")).to_contain_text("1人の出欠を保存しました。")
    card = page.get_by_test_id("roll-call-person").filter(has_text="釧路 花子")
    expect(card.get_by_label("出席", exact=True)).to_be_checked()
    expect(card.get_by_label("時間", exact=True)).to_have_value("2")
    expect(page.get_by_test_id("recorded-count")).to_have_text("1人中1人")
    attendance = Attendance.objects.get(session=session)
    assert (attendance.placement_id, attendance.status, str(attendance.hours)) == (
        hanako.pk,
        "present",
        "2.00",
    )
    no_sideways_scroll(page)

    # The evaluation: five items on 1–4 and a comment
    page.get_by_role("link", name="戻る").click()
    expect(page.get_by_text("100%").first).to_be_visible()
    page.get_by_test_id("placed-person").get_by_role("link", name="評価を書く").click()
    expect(page.get_by_role("heading", name="受入先評価")).to_be_visible()
    for item, score in (
        ("挨拶", "4 よくできる"),
        ("時間を守る", "3 おおむねできる"),
        ("作業への集中", "3 おおむねできる"),
        ("協調性", "2 ときどきできる"),
        ("指示の理解", "4 よくできる"),
    ):
        page.get_by_role("group", name=re.compile(f"^{item}")).get_by_label(score).check()
    page.get_by_label("コメント").fill("挨拶がとても良い。")
    no_sideways_scroll(page)
    page.get_by_role("button", name="評価を保存").click()

    expect(page.get_by_role("status")).to_contain_text("釧路 花子 さんの評価を保存しました。")
    evaluation = PlacementEvaluation.objects.get(placement=hanako)
    assert (evaluation.greeting, evaluation.cooperation, evaluation.comment) == (4, 2, "挨拶がとても良い。")
    no_sideways_scroll(page)
