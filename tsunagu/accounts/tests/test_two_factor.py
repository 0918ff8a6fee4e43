"""Two-factor login: every role that sees personal data gives a TOTP code (or a recovery code) after the
password; enrolment on first login; an administrator's reset is audited; demo mode goes without."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.twofactor import enrolled_device

PASSWORD = "tsunagu-demo-2026"
# The pages someone between password and code may reach: the second-factor pages and the way out.
SECOND_FACTOR_ROLES = [
    "consultation_worker",
    "employment_worker",
    "supervisor",
    "city_caseworker",
    "partner_staff",
    "administrator",
]
REACHABLE_BEFORE_THE_CODE = {"login", "logout", "two_factor", "two_factor_enrol", "set_language", "healthz"}


def every_url() -> list[tuple[str, str]]:
    """(name, path) for every URL pattern, with 1 for each parameter (the redirect comes before any lookup)."""
    found = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                path = "/" + re.sub(r"<(?:\w+:)?\w+>", "1", prefix + str(p.pattern))
                found.append((p.name or path, path))

    walk(get_resolver().url_patterns)
    return found


def password_only(user) -> Client:
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    return client


@pytest.mark.parametrize("role_fixture", SECOND_FACTOR_ROLES)
def test_a_user_without_the_second_factor_cannot_reach_any_personal_data_page(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    enrolled_device(user)
    client = password_only(user)
    urls = [(name, path) for name, path in every_url() if name not in REACHABLE_BEFORE_THE_CODE]
    assert len(urls) > 40
    for name, path in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 302, (name, method, response.status_code)
            assert response.url.startswith("/accounts/two-factor/?next="), (name, method)
    htmx = client.get("/cases/", headers={"HX-Request": "true"})
    assert htmx.status_code == 204 and htmx.headers["HX-Redirect"].startswith("/accounts/two-factor/")
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_the_statistician_sees_aggregates_with_a_password_only(statistician):
    client = password_only(statistician)
    response = client.get("/programs/overview/")
    assert response.status_code == 200
    assert "自立支援プログラム全体概況" in response.text  # the aggregates, not the code page


def test_first_login_enrols_an_app_with_a_qr_code_drawn_here_and_shows_recovery_codes_once(
    consultation_worker,
):
    client = password_only(consultation_worker)
    assert client.get("/").url == "/accounts/two-factor/?next=%2F"
    assert client.get("/accounts/two-factor/?next=/").url.startswith("/accounts/two-factor/enrol/")
    page = client.get("/accounts/two-factor/enrol/?next=/")
    assert "<svg" in page.text and "<script" not in page.text.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=consultation_worker, confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page.text).group(1)
    assert secret.replace(" ", "") in device.config_url

    done = client.post("/accounts/two-factor/enrol/", {"code": totp(device.bin_key), "next": "/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.text)
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=consultation_worker).count() == 10
    assert client.get("/").status_code == 200
    # Shown once: the enrolment page is gone, and with it any way to see the codes again.
    assert client.get("/accounts/two-factor/enrol/").url == "/accounts/two-factor/"
    assert AuditEvent.objects.filter(actor=consultation_worker, detail__second_factor="enrolled").count() == 1


def test_a_wrong_code_does_not_confirm_the_app(consultation_worker):
    client = password_only(consultation_worker)
    client.get("/accounts/two-factor/enrol/")
    wrong = client.post("/accounts/two-factor/enrol/", {"code": "000000", "next": "/"})
    assert wrong.status_code == 400 and "コードが正しくありません" in wrong.text
    assert client.get("/").status_code == 302
    assert not TOTPDevice.objects.filter(user=consultation_worker, confirmed=True).exists()


def test_an_enrolled_user_cannot_enrol_another_app_with_only_the_password(consultation_worker):
    enrolled_device(consultation_worker)
    client = password_only(consultation_worker)
    assert client.get("/accounts/two-factor/enrol/").url == "/accounts/two-factor/"
    assert client.post("/accounts/two-factor/enrol/", {"code": "123456"}).url == "/accounts/two-factor/"
    assert TOTPDevice.objects.filter(user=consultation_worker).count() == 1


def test_a_wrong_code_is_refused_and_audited(supervisor):
    enrolled_device(supervisor)
    client = password_only(supervisor)
    response = client.post("/accounts/two-factor/", {"code": "１２３４５６"})
    assert response.status_code == 400 and "コードが正しくありません" in response.text
    assert client.get("/cases/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, detail__second_factor=True).count() == 1


def _recovery_codes(user) -> list[str]:
    """Enrol through the pages, as the person does, and keep the codes shown."""
    client = password_only(user)
    client.get("/accounts/two-factor/enrol/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post("/accounts/two-factor/enrol/", {"code": totp(device.bin_key)})
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.text)


def test_a_recovery_code_works_once(employment_worker):
    code = _recovery_codes(employment_worker)[0]
    first = password_only(employment_worker)
    response = first.post("/accounts/two-factor/", {"code": code.upper(), "next": "/cases/"})
    assert response.status_code == 302 and response.url == "/cases/"
    assert first.get("/cases/").status_code == 200
    assert (
        AuditEvent.objects.filter(actor=employment_worker, detail__second_factor="recovery_code").count() == 1
    )

    second = password_only(employment_worker)
    again = second.post("/accounts/two-factor/", {"code": code})
    assert again.status_code == 400
    assert second.get("/cases/").status_code == 302


def test_the_second_factor_reset_is_audited_and_ends_verified_sessions(
    client_as, administrator, city_caseworker
):
    worker_client = client_as(city_caseworker)
    assert worker_client.get("/").status_code == 200
    admin = client_as(administrator)
    page = admin.get(f"/accounts/users/{city_caseworker.pk}/")
    assert "2段階認証をリセット" in page.text
    response = admin.post(f"/accounts/users/{city_caseworker.pk}/two-factor/reset/")
    assert response.status_code == 302
    event = AuditEvent.objects.get(detail__second_factor_reset=True)
    assert event.actor == administrator and event.object_id == str(city_caseworker.pk)
    assert not TOTPDevice.objects.filter(user=city_caseworker).exists()
    # The session verified by the removed app is no longer verified.
    assert worker_client.get("/").url.startswith("/accounts/two-factor/")


@pytest.mark.parametrize("role_fixture", ["consultation_worker", "supervisor", "statistician"])
def test_only_administrators_reset_a_second_factor(client_as, request, role_fixture, partner_staff):
    enrolled_device(partner_staff)
    response = client_as(request.getfixturevalue(role_fixture)).post(
        f"/accounts/users/{partner_staff.pk}/two-factor/reset/"
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=partner_staff).exists()


def test_demo_logins_need_no_second_factor_only_while_the_demo_setting_is_on(settings, consultation_worker):
    settings.TSUNAGU_DEMO = True
    home = password_only(consultation_worker).get("/")
    assert home.status_code == 200
    assert str(consultation_worker.role_labels[0]) in home.text  # the worker's own home page
    settings.TSUNAGU_DEMO = False
    response = password_only(consultation_worker).get("/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-factor/")


def test_the_code_page_sends_nobody_to_another_site(supervisor):
    device = enrolled_device(supervisor)
    client = password_only(supervisor)
    response = client.post(
        "/accounts/two-factor/", {"code": totp(device.bin_key), "next": "https://evil.example/"}
    )
    assert response.url == "/"
