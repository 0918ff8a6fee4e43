"""One way to refuse a lost update: every record two people may edit carries `edit_version`, every edit
form sends back the version it showed, and the service claims the next version with one conditional
UPDATE before it saves. Of two saves made from the same version exactly one wins; the other is told
what changed and that nothing of theirs was saved.

The claim is atomic on both databases: on PostgreSQL the second UPDATE waits for the first transaction's
row lock and then finds the version gone; on SQLite (transaction_mode=IMMEDIATE) the second transaction
cannot even begin until the first one commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FieldChange:
    """A field someone else changed after this user loaded the record: its label, the value saved now,
    and who saved it last."""

    field: str
    label: str
    theirs: Any
    by: str


class EditConflict(ValidationError):
    """Someone saved the record after this user opened it (or the form carried no version).
    `changes` lists what they changed, where the record keeps a field history."""

    def __init__(self, record: models.Model, changes: Iterable[FieldChange] = (), message: str | None = None):
        self.record = str(record._meta.verbose_name)
        super().__init__(
            message
            or _("Someone else saved this %(record)s while you were editing it. Nothing of yours was saved.")
            % {"record": self.record},
            code="edit_conflict",
        )
        self.changes = list(changes)


def changes_since(record: models.Model, edit_version: int, fields: Iterable[str]) -> list[FieldChange]:
    """What was saved after the version this user loaded, from the record's field history (none for a
    record without django-simple-history), each field with the person who last changed it."""
    history = getattr(record, "history", None)
    if history is None:
        return []
    records = list(history.order_by("history_date", "history_id").select_related("history_user"))
    seen = next((r for r in reversed(records) if r.edit_version == edit_version), None)
    if seen is None:
        return []
    fields = tuple(fields)
    changed_by: dict[str, str] = {}
    previous = seen
    for entry in records[records.index(seen) + 1 :]:
        for name in fields:
            if getattr(entry, name) != getattr(previous, name):
                changed_by[name] = str(entry.history_user or "")
        previous = entry
    current = records[-1]
    meta = type(record)._meta
    return [
        FieldChange(name, str(meta.get_field(name).verbose_name), getattr(current, name), changed_by[name])
        for name in fields
        if name in changed_by and getattr(seen, name) != getattr(current, name)
    ]


def claim_edit(
    record: models.Model,
    edit_version: int | None,
    *,
    fields: Iterable[str] = (),
    message: str | None = None,
) -> None:
    """Take the record's next version if it still stands at `edit_version`, else raise EditConflict
    (naming the changes to `fields` since then). On success the record is re-read under the lock, so
    the caller applies the user's changes to what is stored now, and then saves it.

    Call inside the service's transaction: the claim and the save commit together or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_edit must run inside the service's transaction")
    model = type(record)
    claimed = (
        edit_version is not None
        and model._default_manager.filter(pk=record.pk, edit_version=edit_version).update(
            edit_version=F("edit_version") + 1
        )
        == 1
    )
    if not claimed:
        raise EditConflict(
            record, changes_since(record, edit_version, fields) if edit_version else (), message
        )
    record.refresh_from_db()
