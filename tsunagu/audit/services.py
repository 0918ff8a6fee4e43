from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from tsunagu.audit import chain
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
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=actor,
        actor_username=getattr(actor, "username", "") or "",
        action=str(action),
        object_type=object_type,
        object_id=str(object_id or ""),
        source_address=source_address(request),
        detail=detail or {},
    )
    _append(event)
    return event


# The chain head advanced in one statement that also locks it (audit/chain.py): PostgreSQL's own sha256,
# SQLite's the Python function audit/apps.py registers on each connection.
ADVANCE_HEAD = {
    "postgresql": "UPDATE audit_chainhead SET hash = encode(sha256(convert_to(hash || %s, 'UTF8')), 'hex') "
    "WHERE id = 1 RETURNING hash",
    "sqlite": "UPDATE audit_chainhead SET hash = tsunagu_sha256_hex(hash || %s) WHERE id = 1 RETURNING hash",
}


def _append(event: AuditEvent) -> None:
    """Chain the event onto the newest and save it: two statements, the head's UPDATE (which waits for
    any other writer's transaction) and the INSERT."""
    text = chain.canonical_text({name: getattr(event, name) for name in chain.CHAIN_FIELDS})
    # No savepoint inside a caller's transaction (one query fewer): a failed append fails the caller's too.
    with transaction.atomic(savepoint=False):
        event.chain_hash = _advance_head(text)
        event.save(force_insert=True)


def record_events(
    *, actor: Actor | None, events: Sequence[tuple[str, models.Model, dict[str, Any] | None]]
) -> int:
    """Many events of one actor at once, in the order given, each as `record_event` would write it (a
    batch of records: an import's people and cases). Chained as one append chains: the head is locked and
    read once, each event's hash computed here from its predecessor's (chain.link, the same sha256 as the
    head's SQL), the events inserted in bulk, and the head moved to the last hash. Returns the count."""
    if not events:
        return 0
    address = source_address(None)
    username = getattr(actor, "username", "") or ""
    rows = []
    for action, target, detail in events:
        rows.append(
            AuditEvent(
                occurred_at=timezone.now(),
                actor=actor,
                actor_username=username,
                action=str(action),
                object_type=target._meta.label_lower,
                object_id=str(target.pk or ""),
                source_address=address,
                detail=detail or {},
            )
        )
    with transaction.atomic(savepoint=False):
        previous = _lock_head()
        for event in rows:
            text = chain.canonical_text({name: getattr(event, name) for name in chain.CHAIN_FIELDS})
            previous = event.chain_hash = chain.link(previous, text)
        AuditEvent.objects.bulk_create(rows, batch_size=1000)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_chainhead SET hash = %s WHERE id = 1", [previous])
    return len(rows)


def _lock_head() -> str:
    """The head's hash, its row locked until the transaction ends (the same lock an append takes)."""
    lock = "UPDATE audit_chainhead SET hash = hash WHERE id = 1 RETURNING hash"
    with connection.cursor() as cursor:
        cursor.execute(lock)
        row = cursor.fetchone()
        if row is None:
            _start_chain_head()
            cursor.execute(lock)
            row = cursor.fetchone()
    return row[0]


def _advance_head(text: str) -> str:
    advance = ADVANCE_HEAD[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(advance, ["\n" + text])
        row = cursor.fetchone()
        if row is None:
            # No head row: a database just flushed (the tests, `demo --reset`). Start it from the newest event.
            _start_chain_head()
            cursor.execute(advance, ["\n" + text])
            row = cursor.fetchone()
    return row[0]


def _start_chain_head() -> None:
    """The head row, at the newest event's hash (or the chain's start), when it is missing."""
    newest = AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_chainhead (id, hash) VALUES (1, %s) ON CONFLICT (id) DO NOTHING",
            [newest or chain.GENESIS],
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
    with the ids it already holds, so a read costs one INSERT and the chain head's look-up (no other
    query). A response that shows no one records nothing. Ids and counts only in `extra`: never a name."""
    ids = sorted({int(pk) for pk in people})
    if not ids:
        return None
    detail = {"page": page, "people": ids, **(extra or {})}
    return record_event(action=action, request=request, target=target, detail=detail)
