from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from tsunagu.accounts.models import User


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


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these user names are locked out by failed logins right now."""
    attempts = AccessAttempt.objects.filter(
        username__in=usernames,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME),
    )
    return set(attempts.values_list("username", flat=True))
