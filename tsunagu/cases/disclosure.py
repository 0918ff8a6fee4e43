"""Disclosure (開示): the PDF of everything Tsunagu holds on one person, for an administrator to hand them.

The sections come from the registry in people/disclosure.py (each app lists its own records); this module
gives cases' section and the service that renders the PDF through the one renderer
(cases.documents.render_pdf) and audits the export. It lives in cases because the renderer does.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.core.contract import Actor, authorise
from tsunagu.people.disclosure import (
    WITHHELD_OTHER_PERSON,
    DisclosedRecord,
    DisclosureSection,
    collect_disclosure,
    display_value,
    record_rows,
)
from tsunagu.people.models import Person

# Administrators produce the disclosure, as they read the audit log (accounts/rules.py).
DISCLOSURE_PERMISSION = "audit.view_events"

# The visitor who came instead of the person is someone else: their name, relation and phone are theirs.
CASE_WITHHELD = {
    name: WITHHELD_OTHER_PERSON for name in ("visitor_name", "visitor_relation", "visitor_phone")
}


def case_records(person: Person) -> list[DisclosedRecord]:
    """Each case with its assessments, plans, notes, monitorings, evaluations and closures, oldest first."""
    records: list[DisclosedRecord] = []
    cases = (
        Case.objects.filter(person=person).select_related("office", "worker").order_by("intake_date", "id")
    )
    for case in cases:
        name = case.reference or f"#{case.pk}"
        records.append(
            DisclosedRecord(heading=f"ケース {name}", rows=record_rows(case, withhold=CASE_WITHHELD))
        )
        for assessment in case.assessments.order_by("assessed_on", "id"):
            rows = record_rows(assessment, exclude=("case",))
            for member in assessment.family.order_by("id"):
                rows.append((f"家族（{member.relation}）", WITHHELD_OTHER_PERSON))
            for job in assessment.work_history.order_by("id"):
                rows.append(("職歴", f"{job.period} {job.employer_or_job} {job.reason_left}".strip()))
            records.append(
                DisclosedRecord(
                    heading=f"{name} アセスメント {display_value(assessment.assessed_on)}", rows=rows
                )
            )
        for plan in case.plans.order_by("version", "id"):
            rows = record_rows(plan, exclude=("case",))
            for support in plan.support_rows.order_by("id"):
                rows.append(("支援内容", f"{support.agency} {support.content} {support.frequency}".strip()))
            records.append(DisclosedRecord(heading=f"{name} プラン 第{plan.version}版", rows=rows))
        for note in case.notes.select_related("worker").order_by("occurred_at", "id"):
            heading = f"{name} 支援経過 {display_value(note.occurred_at)}"
            records.append(DisclosedRecord(heading=heading, rows=record_rows(note, exclude=("case",))))
        for monitoring in case.monitorings.order_by("monitored_on", "id"):
            heading = f"{name} モニタリング {display_value(monitoring.monitored_on)}"
            records.append(DisclosedRecord(heading=heading, rows=record_rows(monitoring, exclude=("case",))))
        for evaluation in case.evaluations.order_by("evaluated_on", "id"):
            rows = record_rows(evaluation, exclude=("case",))
            for goal in evaluation.goals.order_by("id"):
                rows.append((goal.goal, goal.get_achievement_display()))
            heading = f"{name} 評価 {display_value(evaluation.evaluated_on)}"
            records.append(DisclosedRecord(heading=heading, rows=rows))
        for closure in case.closures.order_by("closed_on", "id"):
            heading = f"{name} 終結 {display_value(closure.closed_on)}"
            records.append(DisclosedRecord(heading=heading, rows=record_rows(closure, exclude=("case",))))
    return records


def disclosure_sections(person: Person) -> list[DisclosureSection]:
    """The sections of the person's disclosure, their labels and choices in Japanese (the PDF's language)."""
    with translation.override("ja"):
        return collect_disclosure(person)


def disclosure_counts(*, actor: Actor, person: Person) -> list[tuple[str, int, int]]:
    """For the confirmation page: each section's title, how many items it holds and how many values it
    withholds. Counts only, never content."""
    authorise(actor, DISCLOSURE_PERMISSION)
    return [
        (
            section.title,
            sum(record.size for record in section.records),
            sum(r.withheld for r in section.records),
        )
        for section in disclosure_sections(person)
    ]


@transaction.atomic
def disclosure_pdf(*, actor: Actor, person: Person) -> bytes:
    """The disclosure PDF of one person, for an administrator; one EXPORT event records who produced it
    (the person's id and the sections' sizes, never their content)."""
    authorise(actor, DISCLOSURE_PERMISSION)
    from tsunagu.cases.documents import render_pdf  # WeasyPrint is loaded on the first PDF only

    sections = disclosure_sections(person)
    context = {"person": person, "sections": sections, "printed_on": timezone.localdate()}
    content = render_pdf("cases/pdf/disclosure.html", context)
    sizes = {section.key: sum(record.size for record in section.records) for section in sections}
    record_event(
        action=AuditAction.EXPORT,
        actor=actor,
        target=person,
        detail={"page": "disclosure", "people": [person.pk], "sections": sizes},
    )
    return content
