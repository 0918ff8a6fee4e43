"""The audit log finds work' records by the person or case they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.work.models import PayAdjustment, PayStatement, SkillAssessment, WorkLog


def register() -> None:
    register_records_of(
        "work",
        [
        *(RecordsOf(model, person="person_id") for model in (SkillAssessment, WorkLog, PayStatement, PayAdjustment)),
        ],
    )  # fmt: skip
