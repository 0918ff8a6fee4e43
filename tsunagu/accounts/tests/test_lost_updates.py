"""Hole 3 of issue 9 for users: an edit (display name, roles, activation) is saved only from the version
the administrator saw, so one administrator's deactivation is never undone by another's older form."""

from functools import partial

import pytest
from django.conf import settings

from tsunagu.accounts import services
from tsunagu.accounts.forms import OwnPasswordChangeForm
from tsunagu.accounts.models import User
from tsunagu.testing.concurrency import SAVED, save_at_once
from tsunagu.testing.factories import UserFactory

CONFLICT_JA = "あなたの変更は保存されていません"


def _fields(user: User, **changes) -> dict:
    fields = {
        "display_name": user.display_name,
        "email": user.email,
        "organisation": user.organisation,
        "office": user.office,
        "roles": sorted(user.role_codes),
        "is_active": user.is_active,
    }
    return fields | changes


def _form(user: User, **changes) -> dict:
    data = {
        "display_name": user.display_name,
        "email": user.email,
        "organisation": user.organisation_id,
        "office": user.office_id,
        "roles": sorted(user.role_codes),
        "is_active": "on",
    }
    return data | changes


@pytest.mark.django_db(transaction=True)
def test_two_administrators_saving_the_same_user_at_once_never_lose_a_change(
    administrator, consultation_worker
):
    other_administrator = UserFactory(office=administrator.office, roles=["administrator"])
    mine, theirs = User.objects.get(pk=consultation_worker.pk), User.objects.get(pk=consultation_worker.pk)
    outcomes = save_at_once(
        partial(services.update_user, user=mine, actor=administrator, edit_version=1,
                **_fields(consultation_worker, is_active=False)),
        partial(services.update_user, user=theirs, actor=other_administrator, edit_version=1,
                **_fields(consultation_worker, display_name="改名 後")),
    )  # fmt: skip
    assert sum(outcome == SAVED for outcome in outcomes) == 1, outcomes
    consultation_worker.refresh_from_db()
    assert consultation_worker.edit_version == 2
    assert (consultation_worker.is_active is False) is (outcomes[0] == SAVED)
    assert (consultation_worker.display_name == "改名 後") is (outcomes[1] == SAVED)


def test_a_user_saved_without_the_version_is_refused(client_as, administrator, consultation_worker):
    response = client_as(administrator).post(
        f"/accounts/users/{consultation_worker.pk}/", _form(consultation_worker, is_active="")
    )
    assert response.status_code == 400 and "読み込み直して" in response.text
    consultation_worker.refresh_from_db()
    assert consultation_worker.is_active


def test_a_deactivation_is_not_undone_by_a_form_opened_before_it(
    client_as, administrator, consultation_worker
):
    other_administrator = UserFactory(office=administrator.office, roles=["administrator"])
    stale = {"edit_version": consultation_worker.edit_version}
    first = client_as(other_administrator).post(
        f"/accounts/users/{consultation_worker.pk}/", _form(consultation_worker, is_active="", **stale)
    )
    assert first.status_code == 302
    response = client_as(administrator).post(
        f"/accounts/users/{consultation_worker.pk}/",
        _form(consultation_worker, display_name="新しい名前", **stale),
    )
    assert response.status_code == 400
    assert "他の人がこの利用者を先に保存しました" in response.text and CONFLICT_JA in response.text
    assert 'value="新しい名前"' in response.text
    consultation_worker.refresh_from_db()
    assert consultation_worker.is_active is False and consultation_worker.display_name != "新しい名前"


def test_changing_ones_own_password_never_writes_back_an_older_copy_of_the_account(
    client_as, administrator, consultation_worker
):
    """The password form saves the password alone, not the account as loaded when the request began."""
    loaded_at_request_start = User.objects.get(pk=consultation_worker.pk)
    services.update_user(
        user=User.objects.get(pk=consultation_worker.pk), actor=administrator, edit_version=1,
        **_fields(consultation_worker, is_active=False, display_name="異動済み"),
    )  # fmt: skip
    new = "釧路の長い新しいパスワード"
    form = OwnPasswordChangeForm(
        loaded_at_request_start,
        {"old_password": settings.TSUNAGU_DEMO_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert form.is_valid(), form.errors
    form.save()
    stored = User.objects.get(pk=consultation_worker.pk)
    assert (stored.is_active, stored.display_name, stored.edit_version) == (False, "異動済み", 2)
    assert stored.check_password(new)
