"""programs' part of the retention job (tsunagu/people/retention.py): placements' notes blanked, and a
person with an open placement (waiting, 見学, 体験, 参加) kept whole until it ends."""

from __future__ import annotations

import datetime as dt

from tsunagu.people.retention import add_counts, blank_rows, register_anonymise_step, register_retention_hold
from tsunagu.programs.models import OPEN_PLACEMENT_STATUSES, Attendance, Placement, PlacementEvaluation


def anonymise_placements(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    """The placements' plan support and reason for stopping, the absences' notes, the hosts' evaluations.
    Kept: the program, host, statuses and dates (the overview and the roll-call counts)."""
    counts: dict[str, int] = {}
    add_counts(counts, blank_rows(Placement, person__in=people))
    add_counts(counts, blank_rows(Attendance, placement__person__in=people))
    add_counts(counts, blank_rows(PlacementEvaluation, placement__person__in=people))
    return counts


def people_with_open_placements(*, people: set[int]) -> set[int]:
    return set(
        Placement.objects.filter(person__in=people, status__in=OPEN_PLACEMENT_STATUSES).values_list(
            "person_id", flat=True
        )
    )


def register() -> None:
    register_anonymise_step(
        anonymise_placements,
        covers=("programs.Placement", "programs.Attendance", "programs.PlacementEvaluation"),
    )
    register_retention_hold(people_with_open_placements)
