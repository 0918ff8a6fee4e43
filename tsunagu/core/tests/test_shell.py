import pytest
from django.conf import settings

from conftest import ROLE_FIXTURES


def test_login_page_is_japanese_even_when_the_browser_asks_for_english(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    assert '<html lang="ja">' in response.text
    assert "ログイン" in response.text


def test_language_switch_turns_the_interface_to_english_and_back(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True)
    assert '<html lang="en">' in response.text
    assert "Log in to Tsunagu" in response.text
    response = client.post("/i18n/setlang/", {"language": "ja", "next": "/accounts/login/"}, follow=True)
    assert '<html lang="ja">' in response.text


def test_pages_need_a_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role_fixture", "visible", "hidden"),
    [
        ("administrator", ["利用者", "監査ログ", "組織"], ["担当ケース", "受入先ポータル"]),
        (
            "consultation_worker",
            ["組織", "担当ケース", "新規受付", "実施回", "全体概況"],
            ["利用者", "監査ログ", "承認"],
        ),
        ("supervisor", ["組織", "承認"], ["利用者", "監査ログ", "受入先ポータル"]),
        (
            "partner_staff",
            ["受入先ポータル", "実施回"],
            ["利用者", "監査ログ", "組織", "ケース一覧", "全体概況"],
        ),
        ("statistician", ["組織", "全体概況"], ["利用者", "監査ログ", "ケース一覧", "担当ケース"]),
    ],
)
def test_navigation_shows_what_the_role_may_use(request, client_as, role_fixture, visible, hidden):
    user = request.getfixturevalue(role_fixture)
    response = client_as(user).get("/", follow=True)
    nav = response.text.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    for label in visible:
        assert f">{label}<" in nav
    for label in hidden:
        assert f">{label}<" not in nav


@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "partner_staff"])
def test_every_role_sees_its_home_page_with_its_role(request, client_as, role_fixture):
    user = request.getfixturevalue(role_fixture)
    response = client_as(user).get("/")
    assert response.status_code == 200
    assert str(user.role_labels[0]) in response.text


def test_idle_sessions_end_after_thirty_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_activity_pushes_the_idle_expiry_back_at_most_once_a_minute(client, consultation_worker):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(consultation_worker)
    client.get("/")
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get("/")  # seen less than a minute ago: nothing written
    assert Session.objects.get().expire_date < timezone.now() + dt.timedelta(minutes=6)
    data = session.get_decoded()
    data["_seen"] = 0
    Session.objects.filter(pk=session.pk).update(session_data=Session.objects.encode(data))
    client.get("/")
    assert Session.objects.get().expire_date > timezone.now() + dt.timedelta(minutes=29)


def test_an_expired_session_sends_the_user_back_to_the_login(client, consultation_worker):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(consultation_worker)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_partner_staff_land_in_their_portal(client_as, partner_staff):
    response = client_as(partner_staff).get("/")
    assert response.status_code == 302 and response.url == "/programs/partner/"
