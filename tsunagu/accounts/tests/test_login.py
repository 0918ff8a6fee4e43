import pytest
from django_otp.oath import totp

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import UserFactory
from tsunagu.testing.twofactor import enrolled_device

PASSWORD = "tsunagu-demo-2026"


@pytest.fixture
def worker(consultation_worker):
    return consultation_worker


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_worker_logs_in_and_out_and_both_are_audited(client, worker):
    device = enrolled_device(worker)
    response = login(client, "soudan", PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    response = client.post("/accounts/two-factor/", {"code": totp(device.bin_key), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    actions = list(AuditEvent.objects.filter(actor=worker).order_by("id").values_list("action", flat=True))
    # The password, then the second factor.
    assert actions == [AuditAction.LOGIN, AuditAction.LOGIN, AuditAction.LOGOUT]


def test_a_wrong_password_is_refused_in_japanese_and_audited(client, worker):
    response = login(client, "soudan", "wrong-password-123")
    assert response.status_code == 200
    assert "ユーザー名またはパスワードが正しくありません" in response.text
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.detail == {"username": "soudan"}
    assert event.source_address == "127.0.0.1"
    assert PASSWORD not in str(event.detail) and "wrong-password" not in str(event.detail)


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, worker):
    for _ in range(4):
        assert login(client, "soudan", "wrong-password-123").status_code == 200
    response = login(client, "soudan", "wrong-password-123")
    assert response.status_code == 429
    assert "5回続けて" in response.text and "ロック" in response.text
    # Even the right password is refused while locked.
    response = login(client, "soudan", PASSWORD)
    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_an_administrator_can_unlock_a_locked_account(client, client_as, worker, administrator):
    for _ in range(5):
        login(client, "soudan", "wrong-password-123")
    edit_page = client_as(administrator).get(f"/accounts/users/{worker.pk}/")
    assert "アカウントのロックを解除" in edit_page.text
    client_as(administrator).post(f"/accounts/users/{worker.pk}/unlock/")
    response = login(client, "soudan", PASSWORD)
    assert response.status_code == 302


def test_an_inactive_user_cannot_log_in(client, db):
    UserFactory(username="gone", is_active=False)
    response = login(client, "gone", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors  # the login form is shown again with its error
    assert client.get("/").status_code == 302


def test_password_change_needs_twelve_characters(client_as, worker):
    client = client_as(worker)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "short-pw1", "new_password2": "short-pw1"},
    )
    assert response.status_code == 200
    assert "12" in response.text
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "kushiro-harbour-9",
            "new_password2": "kushiro-harbour-9",
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("kushiro-harbour-9")
