"""The audit log finds children' records by the person or case they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.children.models import (
    Child,
    ChildNote,
    EntranceApplication,
    EntrancePupil,
    GuardianContact,
    ParentSession,
    Tutor,
)


def register() -> None:
    register_records_of(
        "children",
        [
        RecordsOf(Child, person="person_id"),
        RecordsOf(Tutor, person="person_id"),
        *(RecordsOf(model, person="child__person_id") for model in (ChildNote, GuardianContact)),
        RecordsOf(EntrancePupil, person=("child__person_id", "parent_id")),
        *(RecordsOf(model, person=("pupil__child__person_id", "pupil__parent_id"))
          for model in (ParentSession, EntranceApplication)),
        ],
    )  # fmt: skip
