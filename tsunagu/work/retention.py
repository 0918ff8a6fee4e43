"""work's part of the retention job (tsunagu/people/retention.py): the skill assessments' evidence, the pay
adjustments' reasons, also inside the kept pay statements. Kept: the logs' quantities and minutes, the
amounts, levels and dates (pay totals and production figures stay the same)."""

from __future__ import annotations

import datetime as dt

from tsunagu.people.retention import add_counts, blank_rows, register_anonymise_step
from tsunagu.work.models import PayAdjustment, PayStatement, SkillAssessment


def anonymise_work(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    counts: dict[str, int] = {}
    add_counts(counts, blank_rows(SkillAssessment, person__in=people))
    add_counts(counts, blank_rows(PayAdjustment, person__in=people))
    statements = 0
    for statement in PayStatement.objects.filter(person__in=people).only("pk", "lines"):
        lines = statement.lines or {}
        for adjustment in lines.get("adjustments", []) if isinstance(lines, dict) else []:
            adjustment["reason"] = ""
        PayStatement.objects.filter(pk=statement.pk).update(lines=lines)
        statements += 1
    counts["work.PayStatement"] = statements
    return counts


def register() -> None:
    register_anonymise_step(
        anonymise_work, covers=("work.SkillAssessment", "work.PayAdjustment", "work.PayStatement")
    )
