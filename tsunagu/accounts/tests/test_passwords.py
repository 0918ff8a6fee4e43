"""Hole 8: passwords are judged after NFKC and by zxcvbn's offline strength estimate."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tsunagu.accounts.models import User
from tsunagu.accounts.tests.test_user_admin import new_user_form


def refusals(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_full_width_common_password_is_refused(client_as, administrator, hub_office):
    assert "password_too_common" in refusals("ｐａｓｓｗｏｒｄ１２３４")
    form = new_user_form(
        hub_office, password1="ｐａｓｓｗｏｒｄ１２３４", password2="ｐａｓｓｗｏｒｄ１２３４"
    )
    response = client_as(administrator).post("/accounts/users/new/", form)
    assert "一般的すぎます" in response.text
    assert not User.objects.filter(username="newworker").exists()


@pytest.mark.parametrize("weak", ["qwertyuiop12", "aaaaaaaaaaaaaaaa", "1qaz2wsx3edc"])
def test_a_weak_password_is_refused_with_a_japanese_message(client_as, administrator, hub_office, weak):
    form = new_user_form(hub_office, password1=weak, password2=weak)
    response = client_as(administrator).post("/accounts/users/new/", form)
    assert "推測されやすすぎます" in response.text
    assert not User.objects.filter(username="newworker").exists()


def test_a_password_made_of_the_users_own_name_is_weak(db):
    user = User(username="hanako.kushiro", display_name="釧路 花子")
    assert "password_too_weak" in refusals("hanako.kushiro1", user)


def test_a_strong_passphrase_is_accepted(db):
    assert refusals("harbour-kelp-lantern-42") == set()


def test_a_very_long_password_is_judged_not_a_server_error(client_as, consultation_worker):
    """zxcvbn raises on input over 72 characters: the fuzz test found the password pages answering 500."""
    long_passphrase = "kushiro fishing nets mended by hand " * 5  # 180 characters
    response = client_as(consultation_worker).post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": long_passphrase, "new_password2": long_passphrase},
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors  # the wrong old password is named, and nothing changed
    consultation_worker.refresh_from_db()
    assert not consultation_worker.check_password(long_passphrase)
