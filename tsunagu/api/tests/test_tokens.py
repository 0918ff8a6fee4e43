"""A user's API tokens: made on the tokens page (the secret shown once, only its hash kept), listed,
revoked; an expired, revoked or inactive user's token is refused with 401 and a message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tsunagu.api import services
from tsunagu.api.models import ApiToken, hash_secret
from tsunagu.audit.models import AuditEvent

PEOPLE = "/api/v1/people/"


def test_a_worker_makes_a_token_on_the_page_and_sees_its_secret_once(client_as, consultation_worker):
    client = client_as(consultation_worker)
    until = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(reverse("api:tokens"), {"name": "市システム連携", "expires_on": until.isoformat()})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=consultation_worker)
    secret = response.context["secret"]
    assert secret.startswith("tsu_") and secret in response.content.decode()
    assert token.key_hash == hash_secret(secret) and secret not in token.key_hash
    assert secret[4:12] == token.prefix
    again = client.get(reverse("api:tokens")).content.decode()
    assert secret not in again and token.prefix in again and "市システム連携" in again
    assert AuditEvent.objects.filter(
        action="create", object_type="api.apitoken", object_id=str(token.pk)
    ).exists()


def test_a_token_reads_the_api_until_it_is_revoked(api_world, consultation_worker, token_client, client_as):
    client = token_client(consultation_worker)
    assert client.get(PEOPLE).status_code == 200
    token = ApiToken.objects.get(user=consultation_worker)
    assert token.last_used_at is not None
    client_as(consultation_worker).post(reverse("api:token_revoke", args=[token.pk]))
    response = client.get(PEOPLE)
    assert response.status_code == 401
    assert "取り消" in response.json()["detail"] or "revoked" in response.json()["detail"]
    assert AuditEvent.objects.filter(
        action="update", object_type="api.apitoken", object_id=str(token.pk)
    ).exists()


def test_an_expired_token_is_refused_with_a_message_in_english_when_asked(consultation_worker, token_client):
    client = token_client(consultation_worker)
    ApiToken.objects.update(
        created_at=timezone.now() - dt.timedelta(days=2), expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(PEOPLE, headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert response.json() == {"detail": "This token has expired. Make a new one on the API tokens page."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_a_user_no_longer_active_is_refused(consultation_worker, token_client):
    client = token_client(consultation_worker)
    consultation_worker.is_active = False
    consultation_worker.save()
    assert client.get(PEOPLE).status_code == 401


def test_a_token_of_a_user_whose_role_may_no_longer_hold_one_is_refused(consultation_worker, token_client):
    from django.contrib.auth.models import Group

    client = token_client(consultation_worker)
    consultation_worker.groups.set([Group.objects.get_or_create(name="administrator")[0]])
    assert client.get(PEOPLE).status_code == 401


def test_an_unknown_token_and_no_token_are_refused(db):
    assert Client(headers={"Authorization": "Bearer tsu_nothing"}).get(PEOPLE).status_code == 401
    assert Client().get(PEOPLE).status_code == 401


@pytest.mark.parametrize(("days", "field"), [(0, "expires_on"), (366, "expires_on")])
def test_a_token_must_expire_between_tomorrow_and_a_year(consultation_worker, days, field):
    with pytest.raises(ValidationError) as refused:
        services.create_token(
            actor=consultation_worker, name="x", expires_on=timezone.localdate() + dt.timedelta(days=days)
        )
    assert field in refused.value.message_dict
    assert not ApiToken.objects.exists()


def test_an_administrator_holds_no_token_but_revokes_any_of_the_organisation(
    administrator, consultation_worker, client_as, token_client
):
    with pytest.raises(PermissionDenied):
        services.create_token(
            actor=administrator, name="x", expires_on=timezone.localdate() + dt.timedelta(days=3)
        )
    client = token_client(consultation_worker)
    token = ApiToken.objects.get()
    admin = client_as(administrator)
    page = admin.get(reverse("api:tokens"))
    assert page.status_code == 200 and token.prefix in page.content.decode()
    assert admin.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    assert client.get(PEOPLE).status_code == 401


def test_a_worker_cannot_revoke_a_colleagues_token(
    consultation_worker, employment_worker, client_as, token_client
):
    token_client(employment_worker)
    token = ApiToken.objects.get()
    assert (
        client_as(consultation_worker).post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None


def test_session_reads_need_the_csrf_token_only_for_writes_and_the_api_has_none(
    client_as, consultation_worker
):
    client = client_as(consultation_worker)
    assert client.get(PEOPLE).status_code == 200
    assert client.post(PEOPLE, {}).status_code in (403, 405)
