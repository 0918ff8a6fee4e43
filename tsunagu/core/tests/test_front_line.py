"""Nothing typed is lost and every error is seen, on the server's side: a session that ended sends the
user back to the page they were on (never a login page pasted into a page, never a 405), a save tells
the browser to drop its draft, refused forms answer 400 with their errors marked, and the error pages
are Japanese pages of the site with a way back. (The browser's side: tests/e2e/test_front_line.py.)"""

import re
from urllib.parse import quote

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from tsunagu.cases.models import Note
from tsunagu.core.middleware import DRAFT_SAVED_COOKIE, DRAFT_SAVED_HEADER
from tsunagu.programs.models import Attendance
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    SessionFactory,
)

DRAFT = "/cases/1/notes/#0"


def note_form(**overrides):
    data = {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "method": "phone",
        "minutes": "20",
        "content": "電話で近況を確認した。",
        "_draft": DRAFT,
    }
    data.update(overrides)
    return data


def end_session(client: Client) -> None:
    """The session ends on the server (idle too long); the browser still sends its cookie."""
    SessionStore(session_key=client.cookies["sessionid"].value).delete()


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, person=PersonFactory(family_name="佐藤"))


# ---------------------------------------------------------------- a session that ended


def test_an_htmx_note_after_the_session_ended_sends_the_page_to_log_in_and_back(
    client_as, consultation_worker, case
):
    client = client_as(consultation_worker)
    end_session(client)
    response = client.post(
        f"/cases/{case.pk}/notes/",
        note_form(),
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver/cases/{case.pk}/?timeline=all"},
    )
    # Not the login page pasted into the case page, and not back to an address that only takes POST.
    assert response.status_code == 401 and response.content == b""
    assert (
        response["HX-Redirect"]
        == f"/accounts/login/?next={quote(f'/cases/{case.pk}/?timeline=all', safe='')}"
    )
    assert not Note.objects.exists()
    assert DRAFT_SAVED_HEADER not in response

    login = client.get(response["HX-Redirect"])
    assert "操作がなかったため、ログインが切れました" in login.text
    assert f'name="next" value="/cases/{case.pk}/?timeline=all"' in login.text


def test_after_logging_in_again_the_user_is_back_on_the_case_page(
    client, consultation_worker, case, settings
):
    settings.TSUNAGU_DEMO = True  # password only, as the demo logins
    consultation_worker.set_password("a-long-password-2026")
    consultation_worker.save()
    response = client.post(
        "/accounts/login/",
        {"username": "soudan", "password": "a-long-password-2026", "next": f"/cases/{case.pk}/"},
    )
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"


def test_a_form_posted_elsewhere_after_the_session_ended_comes_back_to_its_page(
    client_as, consultation_worker, case
):
    client = client_as(consultation_worker)
    end_session(client)
    response = client.post(
        f"/cases/{case.pk}/notes/", note_form(), headers={"Referer": f"http://testserver/cases/{case.pk}/"}
    )
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={quote(f'/cases/{case.pk}/', safe='')}"


def test_a_referer_of_another_site_is_not_followed_after_login(client_as, consultation_worker, case):
    client = client_as(consultation_worker)
    end_session(client)
    response = client.post(
        f"/cases/{case.pk}/notes/", note_form(), headers={"Referer": "https://elsewhere.example/cases/1/"}
    )
    assert response.url == f"/accounts/login/?next=/cases/{case.pk}/notes/"


def test_an_htmx_search_after_the_session_ended_is_not_pasted_into_the_page(client_as, consultation_worker):
    client = client_as(consultation_worker)
    end_session(client)
    response = client.get(
        "/cases/?q=佐藤", headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/cases/?q=佐"}
    )
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")


def test_a_first_visit_without_a_session_says_nothing_about_an_ended_session(client, db):
    response = client.get("/cases/", follow=True)
    assert "ログインが切れました" not in response.text


# ---------------------------------------------------------------- drafts confirmed by the server


def test_a_saved_htmx_note_tells_the_browser_to_drop_its_draft(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/notes/", note_form(), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and response[DRAFT_SAVED_HEADER] == DRAFT


def test_a_refused_note_keeps_its_draft_and_shows_its_errors_marked(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/notes/", note_form(content=""), headers={"HX-Request": "true"}
    )
    assert response.status_code == 400 and DRAFT_SAVED_HEADER not in response
    textarea = re.search(r"<textarea[^>]*>", response.text)[0]
    assert 'aria-invalid="true"' in textarea and 'aria-describedby="id_content_error"' in textarea
    assert 'id="id_content_error"' in response.text and "このフィールドは必須です。" in response.text


def test_a_saved_page_form_leaves_a_cookie_that_drops_its_draft(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(f"/cases/{case.pk}/notes/", note_form())
    assert response.status_code == 302
    assert response.cookies[DRAFT_SAVED_COOKIE].value == quote(DRAFT, safe="")
    assert response.cookies[DRAFT_SAVED_COOKIE]["max-age"] == 300


def test_a_refused_page_form_leaves_no_such_cookie(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(f"/cases/{case.pk}/notes/", note_form(minutes="-5"))
    assert response.status_code == 400 and DRAFT_SAVED_COOKIE not in response.cookies


def test_a_draft_key_that_is_not_one_is_ignored(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/notes/", note_form(_draft="<script>"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and DRAFT_SAVED_HEADER not in response


# ---------------------------------------------------------------- the roll-call's errors


def test_the_roll_call_error_banner_names_and_links_the_people_in_error(
    client_as, consultation_worker, partner_org
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
    data = {
        "placement": [placement.pk],
        f"p{placement.pk}-status": "present",
        f"p{placement.pk}-hours": "99",
        "_draft": f"/programs/sessions/{session.pk}/#0",
    }
    response = client_as(consultation_worker).post(f"/programs/sessions/{session.pk}/", data)

    assert response.status_code == 400 and not Attendance.objects.exists()
    assert DRAFT_SAVED_COOKIE not in response.cookies
    banner = response.text.split('data-testid="roll-call-errors"', 1)[1].split("</div>", 1)[0]
    assert f'<a href="#person-{placement.pk}">釧路 花子</a>' in banner
    assert "時間" in banner
    assert f'id="person-{placement.pk}"' in response.text


# ---------------------------------------------------------------- error pages


def test_a_page_that_does_not_exist_is_a_japanese_page_of_the_site_with_a_way_back(
    client_as, consultation_worker
):
    response = client_as(consultation_worker).get(
        "/cases/999999/", headers={"Referer": "http://testserver/cases/caseload/"}
    )
    assert response.status_code == 404
    assert '<html lang="ja">' in response.text and "ページが見つかりません" in response.text
    assert 'class="site-nav"' in response.text and "ログアウト" in response.text
    assert '<a class="button" href="/cases/caseload/">前のページに戻る</a>' in response.text
    assert 'href="/">ホームへ</a>' in response.text


def test_a_page_the_role_may_not_use_is_a_japanese_403_with_a_way_back(client_as, statistician):
    response = client_as(statistician).get("/cases/new/")
    assert response.status_code == 403
    assert "このページは利用できません" in response.text and "ホームへ" in response.text
    assert 'class="site-nav"' in response.text


def test_a_server_error_is_a_japanese_page_with_a_way_back(rf, db):
    from django.views.defaults import server_error

    response = server_error(rf.get("/cases/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ja">' in text and "サーバーで問題が起きました" in text and "ホームへ" in text


def test_a_refused_csrf_token_is_a_japanese_page_saying_the_draft_is_kept(statistician):
    client = Client(enforce_csrf_checks=True)
    client.force_login(statistician)
    response = client.post("/accounts/password/", {"old_password": "x"})
    assert response.status_code == 403
    assert "フォームを送信できませんでした" in response.text
    assert "入力内容はこのブラウザに残っています" in response.text


# ---------------------------------------------------------------- the partner portal's title


def test_the_partner_portals_title_is_plain_text(client_as, partner_staff, partner_org):
    ProgramHostFactory(organisation=partner_org)
    response = client_as(partner_staff).get("/programs/partner/")
    title = re.search(r"<title>(.*?)</title>", response.text, re.S)[1]
    assert title == "受入先ポータル | つなぐ"
