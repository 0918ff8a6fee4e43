"""programs' section of a person's disclosure (people/disclosure.py): placements, attendance, evaluations."""

from __future__ import annotations

from tsunagu.people.disclosure import DisclosedRecord, display_value, record_rows
from tsunagu.programs.models import Attendance, Placement


def placement_records(person) -> list[DisclosedRecord]:
    records: list[DisclosedRecord] = []
    placements = Placement.objects.filter(person=person).select_related("host__program", "host__organisation")
    for placement in placements.order_by("created_at", "id"):
        records.append(
            DisclosedRecord(heading=f"参加 {placement.host}", rows=record_rows(placement, exclude=("case",)))
        )
        attendances = Attendance.objects.filter(placement=placement).select_related("session")
        lines = [
            (
                display_value(attendance.session.date),
                attendance.get_status_display(),
                display_value(attendance.hours),
                display_value(attendance.absence_reason),
            )
            for attendance in attendances.order_by("session__date", "id")
        ]
        if lines:
            records.append(
                DisclosedRecord(
                    heading=f"出欠 {placement.host}",
                    columns=("日付", "出欠", "時間", "欠席の連絡"),
                    table=lines,
                )
            )
        for evaluation in placement.evaluations.order_by("evaluated_on", "id"):
            rows = record_rows(evaluation, exclude=("placement",))
            heading = f"受入先の評価 {placement.host} {display_value(evaluation.evaluated_on)}"
            records.append(DisclosedRecord(heading=heading, rows=rows))
    return records
