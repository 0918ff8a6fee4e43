"""まじくる in a real browser, on a phone: a children's-support worker adds a child to a guardian's
household, enrols the child at まじくる, and takes the class's roll-call — no sideways scrolling."""

import datetime as dt
import re

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.children.models import CHILDREN_SUPPORT_GROUP, Child
from tsunagu.programs.models import Attendance, Placement
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
    UserFactory,
)

TODAY = timezone.localdate()
PHONE_WIDTH = 390
CLASS = "生活困窮者等子ども学習支援プログラム（まじくる等）"


def field(page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s|$)"))


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_worker_adds_a_child_enrols_them_at_majikuru_and_takes_the_roll_call_on_a_phone(
    phone_page, live_server, hub_office
):
    worker = UserFactory(username="kodomo", office=hub_office, roles=["consultation_worker"])
    worker.groups.add(Group.objects.get_or_create(name=CHILDREN_SUPPORT_GROUP)[0])
    guardian = PersonFactory(family_name="釧路", given_name="母子", family_name_kana="くしろ")
    CaseFactory(person=guardian, worker=worker, intake_date=TODAY - dt.timedelta(days=60))
    program = ProgramFactory(
        name=CLASS, stage="", category="children", weekdays=[0, 2, 4],
        start_time=dt.time(16), end_time=dt.time(19),
    )  # fmt: skip
    majikuru = ProgramHostFactory(program=program, organisation=hub_office.organisation, capacity=20)
    session = SessionFactory(host=majikuru, date=TODAY)

    page = phone_page
    log_in(page, live_server, "kodomo")

    # The guardian's household: a child joins it, linked as a person of their own
    page.goto(f"{live_server.url}/people/{guardian.pk}/")
    page.get_by_role("link", name="世帯に子どもを追加").click()
    field(page, "姓").fill("釧路")
    field(page, "名").fill("未来")
    field(page, "せい（ふりがな）").fill("くしろ")
    field(page, "めい（ふりがな）").fill("みらい")
    field(page, "生年月日").fill("2013-06-01")
    field(page, "学校").fill("釧路市立鳥取中学校")
    field(page, "世帯の状況").select_option(label="生活保護")
    no_sideways_scroll(page)
    page.locator("#child-add").click()
    expect(page.get_by_role("status")).to_contain_text("子どもを世帯に追加しました。")
    expect(page.get_by_role("heading", name=re.compile("釧路 未来"))).to_be_visible()
    child = Child.objects.get(person__given_name="未来")
    assert child.guardian == guardian

    # まじくる: enrolled as a placement (参加 from today)
    page.get_by_text("教室に登録する").click()
    field(page, "教室").select_option(label=f"{CLASS}（{majikuru.organisation.name}）")
    page.get_by_label("参加", exact=True).check()
    no_sideways_scroll(page)
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("status")).to_contain_text("子どもを教室に登録しました。")
    expect(page.get_by_test_id("child-placements")).to_contain_text(CLASS)
    placement = Placement.objects.get(person=child.person, host=majikuru)
    assert (placement.status, placement.started_on) == ("active", TODAY)

    # The class page, today's session, and programs' own roll-call: one card, big touch targets
    page.get_by_test_id("child-placements").get_by_role("link", name=CLASS).click()
    expect(page.get_by_test_id("class-children")).to_contain_text("釧路 未来")
    no_sideways_scroll(page)
    page.get_by_test_id("class-sessions").get_by_role("link").last.click()
    expect(page.get_by_role("heading", name="出欠記録")).to_be_visible()
    card = page.get_by_test_id("roll-call-person").filter(has_text="釧路 未来")
    expect(card).to_have_count(1)
    assert card.locator("label.rc-choice", has_text="出席").bounding_box()["height"] >= 44
    card.get_by_label("出席", exact=True).check()
    no_sideways_scroll(page)
    page.get_by_role("button", name="出欠を保存").click()
    expect(page.get_by_role("status")).to_contain_text("1人の出欠を保存しました。")
    attendance = Attendance.objects.get(session=session)
    assert (attendance.placement, attendance.status) == (placement, "present")
