"""Password checks on top of Django's: the common-password list read after NFKC, and zxcvbn's strength."""

from __future__ import annotations

import unicodedata

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# zxcvbn refuses longer input and would gain nothing there: a long passphrase is judged on its start.
ZXCVBN_MAX_LENGTH = 72  # zxcvbn 4.5 raises ValueError past 72 characters


def normalised(password: str) -> str:
    """Full-width letters and digits as the ASCII they look like (ｐａｓｓｗｏｒｄ１２３４ → password1234)."""
    return unicodedata.normalize("NFKC", password)


class NormalisedCommonPasswordValidator(CommonPasswordValidator):
    def validate(self, password, user=None):
        super().validate(normalised(password), user)


class StrengthValidator:
    """Refuse passwords zxcvbn (offline) scores below min_score of 4: words with digits, keyboard walks,
    dates, names of the user."""

    def __init__(self, min_score: int = 3) -> None:
        self.min_score = min_score

    def validate(self, password, user=None):
        user_inputs = [getattr(user, name, "") or "" for name in ("username", "display_name", "email")]
        result = zxcvbn(normalised(password)[:ZXCVBN_MAX_LENGTH], user_inputs=[i for i in user_inputs if i])
        if result["score"] < self.min_score:
            raise ValidationError(
                _(
                    "This password is too easy to guess. Use a longer one, for example several unrelated words."
                ),
                code="password_too_weak",
            )

    def get_help_text(self):
        return _("Your password must not be easy to guess (several unrelated words are a good choice).")
