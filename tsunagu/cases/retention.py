"""Retention: which people are due to be anonymised, cases' own step, and the job that runs every step.

A person is due when every case of theirs has ended (closed, information only, handed over) and the
period since each one's end has passed: TSUNAGU_RETENTION_YEARS (5), TSUNAGU_RETENTION_DV_YEARS (10) for a
DV-protected person, or longer where an app asks for it (a contract keeping its records longer,
contracts/retention.py). A person some app holds (an open placement, a referral still running …) waits.
The steps that blank the records are registered with tsunagu/people/retention.py; see docs/retention.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.models import (
    OPEN_STATUSES,
    Assessment,
    Case,
    Closure,
    EmergencySupport,
    Evaluation,
    FamilyMember,
    GoalAchievement,
    Monitoring,
    Note,
    Plan,
    PlanSupport,
    TransferRequest,
    WorkHistory,
)
from tsunagu.core.contract import authorise
from tsunagu.people.retention import (
    add_counts,
    anonymise_steps,
    blank_rows,
    longer_retention,
    people_held,
)

# People anonymised per round of the steps (each step's lookups name at most this many ids).
BATCH = 500


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class Due:
    """The people due on a day and all their cases."""

    people: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    held: int = 0  # people whose cases are due but some app holds


def due_for_anonymisation(today: dt.date) -> Due:
    """The people whose every case ended long enough ago, not yet anonymised and held by no app."""
    ended = (
        Case.objects.filter(person__anonymised_on__isnull=True, person__merged_into__isnull=True)
        .exclude(person__cases__status__in=OPEN_STATUSES)
        .values_list("pk", "person_id", "closed_on", "person__is_dv_protected")
        .distinct()
    )
    rows = list(ended)
    longer = longer_retention({pk for pk, *_rest in rows})
    cases_of: dict[int, set[int]] = {}
    not_yet: set[int] = set()
    for pk, person_id, closed_on, dv_protected in rows:
        cases_of.setdefault(person_id, set()).add(pk)
        years = settings.TSUNAGU_RETENTION_DV_YEARS if dv_protected else settings.TSUNAGU_RETENTION_YEARS
        years = max(years, longer.get(pk, 0))
        if closed_on is None or years_later(closed_on, years) > today:
            not_yet.add(person_id)
    candidates = set(cases_of) - not_yet
    held = people_held(candidates)
    people = candidates - held
    return Due(
        people=people,
        cases={pk for person_id in people for pk in cases_of[person_id]},
        held=len(held),
    )


@dataclass
class RetentionReport:
    """What a run did (or, dry, would do): counts per kind of record and the ids of the cases, never names."""

    today: dt.date
    dry_run: bool
    people: int = 0
    held: int = 0
    case_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _batches(people: set[int], cases: set[int]):
    """The people in rounds of BATCH, each with their own cases."""
    ordered = sorted(people)
    case_owner = dict(Case.objects.filter(pk__in=cases).values_list("pk", "person_id")) if cases else {}
    for start in range(0, len(ordered), BATCH):
        chunk = set(ordered[start : start + BATCH])
        yield chunk, {pk for pk, owner in case_owner.items() if owner in chunk}


@transaction.atomic
def anonymise_due(*, actor: User | None, today: dt.date, dry_run: bool = True) -> RetentionReport:
    """Anonymise every person due on `today` (see due_for_anonymisation) through every registered step.
    A dry run runs the same steps and rolls them back, so its counts are the ones an apply would give.
    `actor` is the administrator, or None from the command line. One audit event, with ids only."""
    if actor is not None:
        authorise(actor, "cases.anonymise_closed_cases")
    due = due_for_anonymisation(today)
    report = RetentionReport(
        today=today, dry_run=dry_run, people=len(due.people), held=due.held, case_ids=sorted(due.cases)
    )
    with transaction.atomic():
        for people, cases in _batches(due.people, due.cases):
            for step in anonymise_steps():
                add_counts(report.counts, step(people=people, cases=cases, on=today))
        if dry_run:
            transaction.set_rollback(True)
    record_event(
        action=AuditAction.ANONYMISE,
        actor=actor,
        object_type="cases.retention",
        detail={
            "dry_run": dry_run,
            "on": today.isoformat(),
            "anonymised": sorted(due.people),
            "cases": report.case_ids,
            "held": due.held,
            "rows": report.counts,
        },
    )
    return report


# ---------------------------------------------------------------- cases' own step

# Case.reference is the office's file number, no personal text.
CASE_KEPT = ("reference",)


def anonymise_case_rows(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    """cases' step: the intake's visitor and wishes, the assessments' narratives, plans, notes, monitorings,
    evaluations, closures' details and transfer requests' reasons. Kept: every date, code, status, office,
    worker and the flags the national statistics count."""
    counts: dict[str, int] = {}
    add_counts(counts, blank_rows(Case, keep=CASE_KEPT, id__in=cases))
    for model in (Assessment, EmergencySupport, Plan, Note, Monitoring, Evaluation, Closure):
        add_counts(counts, blank_rows(model, case__in=cases))
    add_counts(counts, blank_rows(WorkHistory, assessment__case__in=cases))
    add_counts(counts, blank_rows(FamilyMember, assessment__case__in=cases))
    add_counts(counts, blank_rows(PlanSupport, plan__case__in=cases))
    add_counts(counts, blank_rows(GoalAchievement, evaluation__case__in=cases))
    add_counts(counts, blank_rows(TransferRequest, person__in=people))
    return counts


CASES_COVERED = (
    "cases.Case",
    "cases.Assessment",
    "cases.WorkHistory",
    "cases.FamilyMember",
    "cases.EmergencySupport",
    "cases.Plan",
    "cases.PlanSupport",
    "cases.Note",
    "cases.Monitoring",
    "cases.Evaluation",
    "cases.GoalAchievement",
    "cases.Closure",
    "cases.TransferRequest",
)


def report_rows(report: RetentionReport) -> list[tuple[str, int]]:
    """The report's counts as a page shows them: each kind of record by its name, its history apart."""
    from django.apps import apps
    from django.utils.translation import gettext as _

    rows = []
    for label, count in sorted(report.counts.items()):
        if not count:
            continue
        model_label, _space, history = label.partition(" ")
        name = str(apps.get_model(model_label)._meta.verbose_name_plural)
        rows.append((_("%(records)s (their edit history)") % {"records": name} if history else name, count))
    return rows
