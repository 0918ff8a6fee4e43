"""Every write of the API app: a user's tokens, made and revoked. Each is authorised and audited (ids
only); the secret is returned once and never stored, only its SHA-256 and its first characters."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.api.models import MAX_LIFETIME_DAYS, PREFIX_LENGTH, SECRET_START, ApiToken, hash_secret
from tsunagu.api.rules import HOLD_TOKEN
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise


@transaction.atomic
def create_token(*, actor: User, name: str, expires_on: dt.date) -> tuple[ApiToken, str]:
    """A new token of the actor's own, valid until the end of `expires_on` (tomorrow at the soonest, a
    year at the latest). Returns the token and its secret, which is shown once and kept nowhere."""
    authorise(actor, HOLD_TOKEN)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the token: what will use it?")})
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": _("A token must be valid at least until tomorrow.")})
    if expires_on > today + dt.timedelta(days=MAX_LIFETIME_DAYS):
        raise ValidationError(
            {"expires_on": _("A token may be valid for %(days)s days at most.") % {"days": MAX_LIFETIME_DAYS}}
        )
    secret = SECRET_START + secrets.token_urlsafe(30)
    end_of_day = dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time.min)
    token = ApiToken.objects.create(
        user=actor,
        name=name[:80],
        prefix=secret[len(SECRET_START) : len(SECRET_START) + PREFIX_LENGTH],
        key_hash=hash_secret(secret),
        expires_at=timezone.make_aware(end_of_day),
    )
    record_event(
        action=AuditAction.CREATE, actor=actor, target=token, detail={"expires_on": expires_on.isoformat()}
    )
    return token, secret


@transaction.atomic
def revoke_token(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token at once: its owner, or an administrator of the owner's organisation. Revoking a
    revoked token changes nothing."""
    authorise(actor, "api.revoke_token", token)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        record_event(action=AuditAction.UPDATE, actor=actor, target=token, detail={"revoked": True})
    return token
