"""Hole 7: nobody can lock every account. Lock-out is by user name and address together; an address that
tries many names is refused; administrators are told, and the audit trail stays."""

from django.core import mail

from tsunagu.audit.models import AuditAction, AuditEvent

PASSWORD = "tsunagu-demo-2026"
ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"


def login(client, username, password, address):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_from_one_address_do_not_lock_the_user_elsewhere(client, administrator):
    for _ in range(5):
        login(client, "kanri", "wrong-password-123", ATTACKER)
    assert login(client, "kanri", PASSWORD, ATTACKER).status_code == 429
    # The administrator, at the office, still logs in.
    assert login(client, "kanri", PASSWORD, OFFICE).status_code == 302
    assert client.session["_auth_user_id"] == str(administrator.pk)


def test_an_address_trying_many_names_is_throttled(client, consultation_worker, administrator):
    for number in range(20):
        response = login(client, f"guess{number}", "wrong-password-123", ATTACKER)
    assert response.status_code == 429
    assert "このアドレスからのログイン" in response.text
    # Refused even for a real user with the right password, from that address only.
    assert login(client, "soudan", PASSWORD, ATTACKER).status_code == 429
    assert login(client, "soudan", PASSWORD, OFFICE).status_code == 302
    events = AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, detail__scope="address")
    assert events.count() == 1 and events.get().source_address == ATTACKER


def test_a_lockout_is_audited_once_and_shown_to_administrators(
    client, client_as, consultation_worker, administrator
):
    for _ in range(7):
        login(client, "soudan", "wrong-password-123", ATTACKER)
    event = AuditEvent.objects.get(action=AuditAction.LOCKED_OUT)
    assert event.detail == {"scope": "user", "username": "soudan"}
    assert event.object_id == str(consultation_worker.pk) and event.source_address == ATTACKER
    page = client_as(administrator).get("/accounts/users/")
    assert "最近のロック" in page.text and ATTACKER in page.text
    assert f'href="/accounts/users/{consultation_worker.pk}/"' in page.text


def test_administrators_are_emailed_about_a_lockout_when_mail_is_configured(
    client, settings, administrator, consultation_worker
):
    settings.EMAIL_HOST = "mail.example.jp"
    administrator.email = "kanri@example.jp"
    administrator.save()
    for _ in range(5):
        login(client, "soudan", "wrong-password-123", ATTACKER)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kanri@example.jp"]
    assert "soudan" in mail.outbox[0].body and ATTACKER in mail.outbox[0].body


def test_no_email_is_sent_without_a_mail_server(client, administrator, consultation_worker):
    administrator.email = "kanri@example.jp"
    administrator.save()
    for _ in range(5):
        login(client, "soudan", "wrong-password-123", ATTACKER)
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).count() == 1


def test_an_administrator_unlocks_a_throttled_address_and_it_is_audited(
    client, client_as, administrator, consultation_worker
):
    for number in range(20):
        login(client, f"guess{number}", "wrong-password-123", ATTACKER)
    admin = client_as(administrator)
    assert "アドレスのロックを解除" in admin.get("/accounts/users/").text
    admin.post("/accounts/users/unlock-address/", {"address": ATTACKER})
    assert login(client, "soudan", PASSWORD, ATTACKER).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, detail__unlocked_address=ATTACKER).exists()


def test_unlocking_a_non_address_is_refused_without_error(client_as, administrator):
    response = client_as(administrator).post("/accounts/users/unlock-address/", {"address": "x' or 1=1"})
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_unknown_user_name_is_not_recorded_verbatim(client, consultation_worker):
    # A password typed into the name box, then a real name with a wrong password.
    login(client, "my-secret-pass-99", "x", ATTACKER)
    login(client, "soudan", "wrong-password-123", ATTACKER)
    unknown, known = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).order_by("id")
    assert unknown.detail == {"unknown_user": True} and unknown.object_id == ""
    assert known.detail == {"username": "soudan"} and known.object_id == str(consultation_worker.pk)
    from axes.models import AccessAttempt

    stored = " ".join(f"{a.username} {a.post_data} {a.get_data}" for a in AccessAttempt.objects.all())
    assert "my-secret-pass-99" not in stored
    assert not AuditEvent.objects.filter(detail__icontains="my-secret").exists()
