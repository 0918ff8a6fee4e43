"""Lock-out after failed logins (django-axes, configured in settings).

A user name is locked only for the address that typed the wrong passwords, so nobody elsewhere can lock
an account (the only administrator included) by guessing at it. An address that fails many times
across any names is refused altogether for the cool-off time: that is the guesser. Administrators
learn of each lock-out from an audit event, the notice on the user list, and an e-mail where a mail
server is configured.
"""

from __future__ import annotations

import datetime as dt
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.audit.services import record_event

log = logging.getLogger(__name__)


def known_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The typed user name when it names a user, else None: an unknown name (perhaps a password typed
    into the wrong box) is never stored, and all unknown names from one address count together."""
    data = credentials if credentials else getattr(request, "POST", {})
    typed = str(data.get("username") or "")[:150]
    if typed and User.objects.filter(username=typed).exists():
        return typed
    return None


def cooloff() -> dt.timedelta:
    return dt.timedelta(hours=settings.AXES_COOLOFF_TIME)


def address_failures(ip_address: str | None) -> int:
    """Failed logins from this address within the cool-off time, whatever the names tried."""
    if not ip_address:
        return 0
    total = AccessAttempt.objects.filter(
        ip_address=ip_address, attempt_time__gte=timezone.now() - cooloff()
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def address_is_throttled(ip_address: str | None) -> bool:
    return address_failures(ip_address) >= settings.TSUNAGU_ADDRESS_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, counting by (user name, address), plus the address throttle."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_is_throttled(getattr(request, "axes_ip_address", None)):
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures


def _already_told(*, username: str | None, ip_address: str | None, scope: str) -> bool:
    """One notice per lock-out: the attempts refused while it lasts are not news."""
    return AuditEvent.objects.filter(
        action=AuditAction.LOCKED_OUT,
        source_address=ip_address,
        detail__scope=scope,
        detail__username=username,
        occurred_at__gte=timezone.now() - cooloff(),
    ).exists()


def _email_administrators(*, scope: str, username: str | None, ip_address: str | None) -> None:
    if not settings.EMAIL_HOST:
        return
    recipients = list(
        User.objects.filter(groups__name=Role.ADMINISTRATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if scope == "address":
            body = _("The address %(address)s was refused after many failed logins under several user names.")
        else:
            body = _("The user %(username)s was locked out at the address %(address)s after failed logins.")
        body = body % {"username": username, "address": ip_address}
        body += "\n" + _("Recent lock-outs are listed on the user list; an administrator can unlock there.")
        subject = _("Tsunagu: a login was locked out")
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        # The lock-out itself stands and is audited; a mail server that is down must not break logins.
        log.exception("The lock-out e-mail to administrators could not be sent")


def record_lockout(sender, request, username=None, ip_address=None, **kwargs) -> None:
    """Receiver of django-axes' user_locked_out signal: audit it, and tell administrators once."""
    scope = "address" if address_is_throttled(ip_address) else "user"
    if scope == "address":
        username = None
    if _already_told(username=username, ip_address=ip_address, scope=scope):
        return
    user = User.objects.filter(username=username).first() if username else None
    record_event(
        action=AuditAction.LOCKED_OUT,
        request=request,
        actor=None,
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
        detail={"scope": scope, "username": username},
    )
    _email_administrators(scope=scope, username=username, ip_address=ip_address)
