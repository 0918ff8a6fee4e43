"""children's part of the retention job (tsunagu/people/retention.py): a child's school, notes and the
contacts with the guardian, the entrance support's goals and the parents' sessions' notes, when the child's
own record is anonymised. Kept: grade, household situation, the schools applied to and their results
(the entrance cohorts' figures count them)."""

from __future__ import annotations

import datetime as dt

from tsunagu.children.models import Child, ChildNote, GuardianContact, Tutor
from tsunagu.children.models_entrance import EntranceApplication, EntrancePupil, ParentSession
from tsunagu.people.retention import add_counts, blank_rows, register_anonymise_step


def anonymise_children(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    counts: dict[str, int] = {}
    add_counts(counts, blank_rows(Child, person__in=people))
    add_counts(counts, blank_rows(ChildNote, child__person__in=people))
    add_counts(counts, blank_rows(GuardianContact, child__person__in=people))
    add_counts(counts, blank_rows(Tutor, person__in=people))  # a supporter who tutored: the written name
    add_counts(counts, blank_rows(EntrancePupil, child__person__in=people))
    add_counts(counts, blank_rows(ParentSession, pupil__child__person__in=people))
    add_counts(
        counts, blank_rows(EntranceApplication, keep=("school_name",), pupil__child__person__in=people)
    )
    return counts


def register() -> None:
    register_anonymise_step(
        anonymise_children,
        covers=(
            "children.Child",
            "children.ChildNote",
            "children.GuardianContact",
            "children.EntrancePupil",
            "children.ParentSession",
            "children.EntranceApplication",
            "children.Tutor",
        ),
    )
