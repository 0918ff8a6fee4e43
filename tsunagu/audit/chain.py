"""The audit log's hash chain: each event carries sha256(previous event's hash, the event's own fields).

Changing, removing or reordering a stored event breaks the chain at that event (or, for a removal, at
the one after it): `verify_chain` walks the log in id order and names the first event whose stored hash
is not the one its fields and its predecessor give. Someone who also rewrites every later hash is not
caught by the chain alone; the head hash (`tsunagu verify-audit` prints it, each backup's manifest keeps
it) is the anchor to keep elsewhere.

The canonical form below is frozen: the stored hashes depend on it. A change needs a new VERSION and a
migration that re-hashes, never an edit.

The newest hash is also kept in one row, ChainHead, which each append advances in one statement
(UPDATE … SET hash = sha256(hash, text) RETURNING hash) before it inserts the event. That UPDATE is the
lock that keeps two writers from chaining onto the same predecessor (a fork): PostgreSQL's row lock
(a second writer waits, then updates the row the first committed), SQLite's BEGIN IMMEDIATE (settings).
It is held until the writer's transaction commits, so a service records its event last, after it has
locked its own rows. An append is then two statements on either database: the UPDATE and the INSERT.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

VERSION = 1
GENESIS = "0" * 64
CHAIN_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "action",
    "object_type",
    "object_id",
    "source_address",
    "detail",
)


def _canonical_time(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _canonical_address(value: str | None) -> str:
    # PostgreSQL's inet and Django's cleaning may write an address differently from how it was given.
    return str(ipaddress.ip_address(value)) if value else ""


def _canonical_detail(value: Any) -> Any:
    # Through JSON once, as the database keeps it (tuples become lists, integer keys strings).
    return json.loads(json.dumps(value or {}))


def canonical_text(fields: dict[str, Any]) -> str:
    """One event's fields (CHAIN_FIELDS) as the hash reads them."""
    canonical = [
        VERSION,
        _canonical_time(fields["occurred_at"]),
        fields["actor_id"],
        fields["actor_username"] or "",
        str(fields["action"]),
        fields["object_type"] or "",
        str(fields["object_id"] or ""),
        _canonical_address(fields["source_address"]),
        _canonical_detail(fields["detail"]),
    ]
    return json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def link(previous: str, text: str) -> str:
    """sha256 of the previous hash, a line break and the event's canonical text, as hex. The append
    computes the same in SQL (services.ADVANCE_HEAD): keep the two in step."""
    return sha256_hex(f"{previous}\n{text}")


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def event_hash(previous: str, fields: dict[str, Any]) -> str:
    """The chain hash of one event from its predecessor's hash and its fields (CHAIN_FIELDS)."""
    return link(previous, canonical_text(fields))


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    occurred_at: dt.datetime
    position: int  # 1 for the oldest event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head: str  # the newest event's hash (GENESIS for an empty log)
    broken: BrokenLink | None
    # False when the head row names a hash no event in the chain has: the newest events were removed.
    anchored: bool = True

    @property
    def intact(self) -> bool:
        return self.broken is None and self.anchored


def walk(rows: Iterable[dict[str, Any]], anchor: str | None = None) -> ChainReport:
    """Check rows (CHAIN_FIELDS plus id and chain_hash) given oldest first; stop at the first broken link.
    `anchor` is the head row's hash, read before the walk: some event of the chain must have it (events
    appended meanwhile come after it)."""
    previous = GENESIS
    checked = 0
    anchored = anchor in (None, GENESIS)
    for row in rows:
        checked += 1
        expected = event_hash(previous, row)
        if row["chain_hash"] != expected:
            return ChainReport(checked, previous, BrokenLink(row["id"], row["occurred_at"], checked))
        previous = expected
        anchored = anchored or expected == anchor
    return ChainReport(checked, previous, None, anchored)
