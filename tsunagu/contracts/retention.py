"""contracts' part of the retention job (tsunagu/people/retention.py): a contract may keep the records of
the cases it carried longer than the hub's period (its `retention_years`); the longest applies."""

from __future__ import annotations

from django.db.models import Max

from tsunagu.contracts.models import CaseAssignment
from tsunagu.people.retention import register_retention_years


def contract_retention_years(*, cases: set[int]) -> dict[int, int]:
    rows = (
        CaseAssignment.objects.filter(case__in=cases, contract__retention_years__isnull=False)
        .values("case_id")
        .annotate(years=Max("contract__retention_years"))
    )
    return {row["case_id"]: row["years"] for row in rows}


def register() -> None:
    register_retention_years(contract_retention_years)
