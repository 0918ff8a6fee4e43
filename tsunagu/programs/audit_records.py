"""The audit log finds the programs' records by the person or case they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.programs.models import Attendance, Placement, PlacementEvaluation


def register() -> None:
    register_records_of(
        "programs",
        [
        RecordsOf(Placement, person="person_id", case="case__reference"),
        RecordsOf(Attendance, person="placement__person_id", case="placement__case__reference"),
        RecordsOf(PlacementEvaluation, person="placement__person_id", case="placement__case__reference"),
        ],
    )  # fmt: skip
