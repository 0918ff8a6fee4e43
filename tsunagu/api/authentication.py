"""The API's token authentication: `Authorization: Bearer tsu_…` (or `Token tsu_…`). The secret is looked up
by its SHA-256; an unknown, expired or revoked token, or one of a user no longer active, is refused with
401 and a message in the user's language (Japanese unless the request asks for English). So is a token
of a user whose role may no longer hold one."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from tsunagu.api.models import ApiToken, hash_secret
from tsunagu.api.rules import HOLD_TOKEN

KEYWORDS = (b"bearer", b"token")
# last_used_at is written at most this often per token: a synchronisation paging through thousands of
# rows costs one UPDATE a minute, not one per page.
LAST_USED_STEP = dt.timedelta(minutes=1)


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from error
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_secret(secret)).first()
        now = timezone.now()
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                _("This token was revoked. Make a new one on the API tokens page.")
            )
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _("This token has expired. Make a new one on the API tokens page.")
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The user of this token may no longer sign in."))
        if not token.user.has_perm(HOLD_TOKEN):  # a role changed since: an administrator now, say
            raise exceptions.AuthenticationFailed(_("The user of this token may no longer hold one."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
