from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.lockout import address_is_throttled
from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.organisations.models import Organisation


def list_users(*, query: str = "", role: str = "", organisation_id: int | None = None) -> QuerySet[User]:
    users = User.objects.select_related("organisation", "office").prefetch_related("groups")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(display_name__icontains=query) | Q(email__icontains=query)
        )
    if role:
        users = users.filter(groups__name=role)
    if organisation_id:
        users = users.filter(organisation_id=organisation_id)
    return users.order_by("organisation__name", "username").distinct()


def get_user(*, user_id: int) -> User:
    """A user for the administrators' screens, or 404."""
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist as error:
        raise Http404 from error


def organisation_choices() -> QuerySet[Organisation]:
    """The organisations the user list filters by (their names only)."""
    return Organisation.objects.only("id", "name")


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these user names are locked out by failed logins right now."""
    attempts = AccessAttempt.objects.filter(
        username__in=usernames,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME),
    )
    return set(attempts.values_list("username", flat=True))


def recent_lockouts(*, days: int = 7, limit: int = 20) -> list[dict]:
    """The latest lock-outs for the administrators' notice, each with whether it still holds."""
    events = AuditEvent.objects.filter(
        action=AuditAction.LOCKED_OUT, occurred_at__gte=timezone.now() - dt.timedelta(days=days)
    )[:limit]
    events = list(events)
    still_locked = locked_usernames([e.detail.get("username") for e in events if e.detail.get("username")])
    users = {
        u.username: u for u in User.objects.filter(username__in=list(still_locked)).only("pk", "username")
    }
    lockouts = []
    for event in events:
        username = event.detail.get("username")
        is_address = event.detail.get("scope") == "address"
        lockouts.append(
            {
                "occurred_at": event.occurred_at,
                "username": username,
                "user_id": event.object_id or None,
                "address": event.source_address,
                "is_address": is_address,
                "still_locked": address_is_throttled(event.source_address)
                if is_address
                else username in users,
            }
        )
    return lockouts
