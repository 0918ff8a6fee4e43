from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from tsunagu.audit import chain
from tsunagu.audit.models import AuditEvent, ChainHead
from tsunagu.audit.records import records_concerning


def list_events(
    *,
    username: str = "",
    action: str = "",
    object_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    person: int | None = None,
    case: str = "",
) -> QuerySet[AuditEvent]:
    """The log, filtered; `person` (an id) and `case` (a reference) keep the events that concern them
    (see audit/records.py)."""
    events = AuditEvent.objects.all()
    if person:
        events = events.filter(records_concerning(person_id=person).condition)
    if case:
        events = events.filter(records_concerning(case_reference=case).condition)
    if username:
        events = events.filter(actor_username__iexact=username)
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if date_from:
        events = events.filter(occurred_at__date__gte=date_from)
    if date_to:
        events = events.filter(occurred_at__date__lte=date_to)
    return events


def verify_chain() -> chain.ChainReport:
    """Walk the whole log oldest first and report the first event whose hash does not follow, or that
    the newest events were removed (the head row's hash is no event's)."""
    anchor = ChainHead.objects.filter(pk=1).values_list("hash", flat=True).first()
    rows = (
        AuditEvent.objects.order_by("id")
        .values("id", "chain_hash", *chain.CHAIN_FIELDS)
        .iterator(chunk_size=5000)
    )
    return chain.walk(rows, anchor)
