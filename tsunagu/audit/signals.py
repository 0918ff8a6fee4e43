"""Logins, logouts and failed logins are audit events."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs) -> None:
    record_event(action=AuditAction.LOGIN, request=request, actor=user, target=user)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record_event(action=AuditAction.LOGOUT, request=request, actor=user, target=user)


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs) -> None:
    # The user name only when it names a user: an unknown one may be a password typed into the wrong box.
    # The password is never recorded.
    typed = str(credentials.get("username") or "")[:150]
    user = get_user_model().objects.filter(username=typed).only("pk").first() if typed else None
    record_event(
        action=AuditAction.LOGIN_FAILED,
        request=request,
        object_type="accounts.user",
        object_id=user.pk if user else "",
        detail={"username": typed} if user else {"unknown_user": True},
    )
