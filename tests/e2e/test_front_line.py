"""Nothing typed is lost and every error is seen, in a real browser: a note and a roll-call typed after
the session ended come back after logging in; a blank note shows its error and takes the focus; a
double tap opens one case; the focus stays in the note form after a save; and on a phone a note is
written in four taps from the case list. (axe-core checks every page: tests/e2e/accessibility.py.)"""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import check_accessibility
from tests.e2e.conftest import log_in
from tsunagu.cases.models import Case, Note
from tsunagu.people.models import Person
from tsunagu.programs.models import Attendance
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
)

TODAY = timezone.localdate()
NOTE = "自宅を訪問。次回は一緒にハローワークへ行く約束をした。" * 10  # 280 characters typed on a visit


def end_every_session() -> None:
    """The sessions end on the server, as after 30 idle minutes; the browser keeps its cookie."""
    Session.objects.all().delete()


def drafts(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('tsunagu-draft:'))")


def small_thumb_targets(page) -> list[str]:
    """The controls in the page's main part that a thumb would tap, less than 44 pixels tall (a box
    counts with its label, which holds it)."""
    return page.evaluate(
        """Array.from(document.querySelectorAll(
             'main a, main button, main input:not([type=hidden]), main select, main textarea, main summary'))
           .filter((e) => e.getBoundingClientRect().width > 1)
           .map((e) => [e, (e.closest('label') || e).getBoundingClientRect().height])
           .filter(([, height]) => height < 44)
           .map(([e, height]) => `${e.tagName} ${e.name || e.textContent.trim().slice(0, 20)} ${Math.round(height)}px`)"""
    )


def field(page, label: str):
    """The field whose label is exactly this (a 必須 mark may follow it)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s|$)"))


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(
        worker=consultation_worker,
        person=PersonFactory(
            family_name="釧路", given_name="一郎", family_name_kana="くしろ", given_name_kana="いちろう"
        ),
    )


def test_a_note_typed_after_the_session_ended_comes_back_after_logging_in(page, live_server, case):
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_label("方法").select_option(label="訪問")
    field(page, "内容").fill(NOTE)

    end_every_session()
    page.get_by_role("button", name="記録を保存").click()

    # The login page, as a page of its own (not pasted into the case page), saying why.
    expect(page.get_by_role("heading", name="つなぐにログイン")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("ログインが切れました")
    expect(page.get_by_role("heading", name="釧路 一郎")).to_have_count(0)
    assert not Note.objects.exists()

    page.get_by_label("ユーザー名").fill("soudan")
    page.get_by_label("パスワード").fill("tsunagu-demo-2026")
    page.get_by_role("button", name="ログイン").click()

    # Back on the case page, the note as it was typed, and a message saying so.
    expect(page).to_have_url(f"{live_server.url}/cases/{case.pk}/")
    expect(field(page, "内容")).to_have_value(NOTE)
    expect(page.get_by_label("方法")).to_have_value("home_visit")
    expect(page.get_by_text("保存されていなかった入力内容を、このブラウザから復元しました。")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="記録を保存").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("次回は一緒にハローワークへ行く約束をした。")
    assert Note.objects.get(case=case).content == NOTE
    assert drafts(page) == []
    page.reload()
    expect(field(page, "内容")).to_have_value("")


def test_logging_out_deletes_the_drafts_kept_in_this_browser(page, live_server, case):
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    field(page, "内容").fill("途中まで書いた記録")
    assert len(drafts(page)) == 1
    page.get_by_role("button", name="ログアウト").click()
    expect(page.get_by_role("heading", name="つなぐにログイン")).to_be_visible()
    assert drafts(page) == []


def test_a_blank_note_shows_its_error_and_takes_the_focus(page, live_server, case):
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("button", name="記録を保存").click()

    content = field(page, "内容")
    expect(page.get_by_text("このフィールドは必須です。")).to_be_visible()
    expect(content).to_have_attribute("aria-invalid", "true")
    expect(content).to_have_attribute("aria-describedby", "id_content_error")
    expect(content).to_be_focused()
    check_accessibility(page)
    assert not Note.objects.exists()


def test_after_saving_a_note_the_focus_stays_in_the_note_form(page, live_server, case):
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    field(page, "内容").fill("電話で近況を確認した。")
    page.get_by_role("button", name="記録を保存").click()

    expect(page.get_by_test_id("timeline")).to_contain_text("電話で近況を確認した。")
    expect(field(page, "内容")).to_be_focused()
    expect(field(page, "内容")).to_have_value("")
    # A second note right away is saved as a note of its own.
    page.keyboard.type("二件目の記録。")
    page.get_by_role("button", name="記録を保存").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("二件目の記録。")
    assert Note.objects.filter(case=case).count() == 2


def test_a_double_tap_on_a_slow_line_registers_one_intake(page, live_server, consultation_worker):
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/new/")
    field(page, "姓").fill("根室")
    field(page, "名").fill("二郎")
    page.get_by_label("せい（ふりがな）").fill("ねむろ")
    page.get_by_label("めい（ふりがな）").fill("じろう")
    page.get_by_label("生年月日").fill("1970-05-06")
    page.get_by_label("受付日").fill(TODAY.isoformat())
    page.get_by_label("相談経路").select_option(label="本人来所")
    page.get_by_label("収入・生活費").check()
    page.get_by_label("最も困っていること（◎）").select_option(label="収入・生活費")

    # The line is slow: the intake is held on its way until the second tap has been tried.
    held = []
    page.route(
        "**/cases/new/",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    # The taps are made in the page, in one go: Playwright would wait for the page each tap asks for.
    disabled_between_taps = page.evaluate(
        """async () => {
          const submit = Array.from(document.querySelectorAll('button')).find((b) => b.textContent.trim() === '受付を登録');
          submit.click();  // the first tap
          await new Promise((resolve) => setTimeout(resolve, 50));
          const disabled = submit.disabled;
          submit.click();  // the second tap, on the disabled button
          submit.form.requestSubmit();  // Enter pressed in a field
          return disabled;
        }"""
    )
    assert disabled_between_taps
    page.wait_for_timeout(500)  # time for a second request to leave, if one were sent
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/cases/new/")
    expect(page.get_by_role("heading", name="根室 二郎")).to_be_visible()

    # Sent twice all the same (a form sent again by the browser): still one case.
    case = Case.objects.get()
    page.goto(f"{live_server.url}/cases/new/")
    statuses = page.evaluate(
        """async () => {
          const form = Array.from(document.querySelectorAll('button')).find((b) => b.textContent.trim() === '受付を登録').form;
          const data = new FormData(form);
          for (const [name, value] of Object.entries({
            family_name: '根室', given_name: '三郎', family_name_kana: 'ねむろ', given_name_kana: 'さぶろう',
            date_of_birth: '1971-05-06', intake_date: form.intake_date.value || new Date().toISOString().slice(0, 10),
            route: 'self', most_pressing: 'income', concerns: 'income', confirm_new_person: 'on',
          })) data.set(name, value);
          const send = () => fetch(form.action || location.href, {method: 'POST', body: data});
          const answers = await Promise.all([send(), send()]);
          return answers.map((answer) => [answer.status, new URL(answer.url).pathname]);
        }"""
    )
    assert Person.objects.filter(given_name="三郎").count() == 1
    second = Case.objects.exclude(pk=case.pk).get()
    assert statuses == [[200, f"/cases/{second.pk}/"], [200, f"/cases/{second.pk}/"]]


def test_a_roll_call_typed_after_the_session_ended_comes_back_after_logging_in(
    phone_page, live_server, consultation_worker, partner_org
):
    program = ProgramFactory(name="動物園環境整備ボランティア体験事業")
    host = ProgramHostFactory(program=program, organisation=partner_org)
    hanako = PlacementFactory(
        host=host,
        worker=consultation_worker,
        case=CaseFactory(
            worker=consultation_worker, person=PersonFactory(family_name="釧路", given_name="花子")
        ),
    )
    taro = PlacementFactory(
        host=host,
        worker=consultation_worker,
        case=CaseFactory(
            worker=consultation_worker, person=PersonFactory(family_name="厚岸", given_name="太郎")
        ),
    )
    session = SessionFactory(host=host)
    page = phone_page
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/programs/sessions/{session.pk}/")

    assert small_thumb_targets(page) == []
    first = page.get_by_test_id("roll-call-person").filter(has_text="釧路 花子")
    second = page.get_by_test_id("roll-call-person").filter(has_text="厚岸 太郎")
    first.get_by_label("出席", exact=True).check()
    first.get_by_label("時間", exact=True).fill("2")
    second.get_by_label("欠席", exact=True).check()
    second.get_by_label("欠席理由").select_option("health")
    second.get_by_label("支援員向けメモ", exact=False).fill("通院のため")

    end_every_session()
    page.get_by_role("button", name="出欠を保存").click()
    expect(page.get_by_role("heading", name="つなぐにログイン")).to_be_visible()
    page.get_by_label("ユーザー名").fill("soudan")
    page.get_by_label("パスワード").fill("tsunagu-demo-2026")
    page.get_by_role("button", name="ログイン").click()

    expect(page).to_have_url(f"{live_server.url}/programs/sessions/{session.pk}/")
    expect(page.get_by_text("保存されていなかった入力内容を、このブラウザから復元しました。")).to_be_visible()
    expect(first.get_by_label("出席", exact=True)).to_be_checked()
    expect(first.get_by_label("時間", exact=True)).to_have_value("2")
    expect(second.get_by_label("欠席", exact=True)).to_be_checked()
    expect(second.get_by_label("欠席理由")).to_have_value("health")
    expect(second.get_by_label("支援員向けメモ", exact=False)).to_have_value("通院のため")
    assert not Attendance.objects.exists()

    page.get_by_role("button", name="出欠を保存").click()
    expect(page.get_by_role("status")).to_contain_text("2人の出欠を保存しました。")
    saved = {
        a.placement_id: (a.status, a.absence_category, a.absence_reason) for a in Attendance.objects.all()
    }
    assert saved == {hanako.pk: ("present", "", ""), taro.pk: ("absent", "health", "通院のため")}
    assert drafts(page) == []


def test_a_roll_call_refused_names_and_links_the_person_in_error(
    phone_page, live_server, consultation_worker, partner_org
):
    host = ProgramHostFactory(organisation=partner_org)
    placement = PlacementFactory(
        host=host,
        worker=consultation_worker,
        case=CaseFactory(
            worker=consultation_worker, person=PersonFactory(family_name="釧路", given_name="花子")
        ),
    )
    session = SessionFactory(host=host)
    page = phone_page
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/programs/sessions/{session.pk}/")
    card = page.get_by_test_id("roll-call-person").filter(has_text="釧路 花子")
    card.get_by_label("出席", exact=True).check()
    card.get_by_label("時間", exact=True).fill("99")
    page.get_by_role("button", name="出欠を保存").click()

    banner = page.get_by_test_id("roll-call-errors")
    expect(banner).to_be_focused()
    banner.get_by_role("link", name="釧路 花子").click()
    expect(page).to_have_url(re.compile(f"#person-{placement.pk}$"))
    expect(card.get_by_label("時間", exact=True)).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)


def test_on_a_phone_a_note_takes_four_taps_from_the_case_list(phone_page, live_server, case):
    page = phone_page
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}/cases/")
    taps = 0

    def tap(locator) -> None:
        nonlocal taps
        locator.tap()
        taps += 1

    assert small_thumb_targets(page) == []
    tap(page.get_by_role("link", name=re.compile("釧路 一郎")))
    expect(page.get_by_test_id("case-status")).to_be_visible()
    assert small_thumb_targets(page) == []
    tap(page.get_by_role("link", name="記録を書く"))
    expect(field(page, "内容")).to_be_in_viewport()
    tap(field(page, "内容"))
    page.keyboard.type("電話で近況を確認。")
    tap(page.get_by_role("button", name="記録を保存"))
    expect(page.get_by_test_id("timeline")).to_contain_text("電話で近況を確認。")
    assert taps <= 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Note.objects.get(case=case).content == "電話で近況を確認。"


@pytest.mark.parametrize("path", ["/cases/999999/", "/accounts/users/"])
def test_error_pages_are_japanese_pages_of_the_site_with_a_way_back(
    page, live_server, consultation_worker, path
):
    log_in(page, live_server, "soudan")
    page.goto(f"{live_server.url}{path}", referer=f"{live_server.url}/cases/caseload/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()
    page.get_by_role("link", name="前のページに戻る").click()
    expect(page).to_have_url(f"{live_server.url}/cases/caseload/")
