from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.core.contract import Actor
from tsunagu.core.requestcontext import request_address


def source_address(request: HttpRequest | None) -> str | None:
    """The client's address: the request's if one is given, else the request being served (set by
    `core.requestcontext`), else none (a command or the demo)."""
    if request is None:
        return request_address()
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Actor | None = None,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. `target` fills the object type and id; never put personal data in detail.

    Services leave out `request`: the address comes from the request being served. Views pass it for
    their own events (logins, reads), where the actor is the request's user."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if target is not None:
        object_type = target._meta.label_lower
        object_id = target.pk
    return AuditEvent.objects.create(
        actor=actor,
        actor_username=getattr(actor, "username", "") or "",
        action=str(action),
        object_type=object_type,
        object_id=str(object_id or ""),
        source_address=source_address(request),
        detail=detail or {},
    )


def record_people_seen(
    request: HttpRequest,
    people: Iterable[int],
    *,
    page: str,
    target: models.Model | None = None,
    action: str = AuditAction.VIEW,
    extra: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """The one audit event of a response that shows people: who saw which people (their ids), on which
    page, and the record the page is about. Every view that shows a person calls this once per response,
    with the ids it already holds, so a read costs one INSERT and no query. A response that shows no one
    records nothing. Ids and counts only in `extra`: never a name."""
    ids = sorted({int(pk) for pk in people})
    if not ids:
        return None
    detail = {"page": page, "people": ids, **(extra or {})}
    return record_event(action=action, request=request, target=target, detail=detail)
