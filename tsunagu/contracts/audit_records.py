"""The audit log finds the contracts' assignments by the person or case they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.contracts.models import CaseAssignment, PlacementAssignment


def register() -> None:
    register_records_of(
        "contracts",
        [
            RecordsOf(CaseAssignment, person="case__person_id", case="case__reference"),
            RecordsOf(PlacementAssignment, person="placement__person_id", case="placement__case__reference"),
        ],
    )
