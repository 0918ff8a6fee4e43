"""Disclosure (開示): everything Tsunagu holds on one person, section by section, for the PDF an
administrator gives them when they ask for their record.

people sits below every app that keeps rows about a person, so it cannot name their models. As with the
merge (merging.py) and the retention (retention.py), each app registers in its AppConfig.ready() a
collector, `collect(person) -> list of DisclosedRecord`: its own records of that person as plain data
(a heading and label/value rows), never model objects. A value another person's data or a DV protection
keeps back is one of the WITHHELD marks, shown as such in the PDF.

The service that renders the PDF and audits the export lives in cases (cases/disclosure.py), beside the
one PDF renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from tsunagu.core.dates import wareki

# The marks the PDF prints for what it keeps back (form text: the PDF is Japanese whatever the reader's
# language, like the national forms in cases/documents.py).
WITHHELD_OTHER_PERSON = "他の方の情報のため非開示"
WITHHELD_DV = "DV等の被害防止のため非開示"
WITHHELD_MARKS = frozenset({WITHHELD_OTHER_PERSON, WITHHELD_DV})


@dataclass(frozen=True)
class DisclosedRecord:
    """One record of the person: a heading (「ケース 2026-000301」) and its rows of (label, value)."""

    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    # A long list of like items (the attendance, the audit of reads) is one table instead of rows.
    columns: tuple[str, ...] = ()
    table: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def withheld(self) -> int:
        cells = [value for _label, value in self.rows] + [cell for line in self.table for cell in line]
        return sum(1 for value in cells if value in WITHHELD_MARKS)

    @property
    def size(self) -> int:
        """How many items it counts as on the confirmation page: the table's lines, else one record."""
        return len(self.table) if self.columns else 1


@dataclass(frozen=True)
class DisclosureSection:
    key: str
    title: str
    records: list[DisclosedRecord]


Collect = Callable[[models.Model], list[DisclosedRecord]]
"""Called with the person: the app's records of them, oldest first."""

_sections: dict[str, tuple[int, str, Collect]] = {}


def register_disclosure_section(key: str, title: str, collect: Collect, *, order: int = 50) -> Collect:
    """Add a section to every disclosure; sections print by `order` (the person 10, the household 20,
    cases 30, programs 40, the other apps 50, the audit of reads 90), then in the order registered.
    Registering the same key again replaces it (ready() may run more than once in tests)."""
    _sections[key] = (order, title, collect)
    return collect


def registered_sections() -> list[str]:
    return [key for key, _entry in sorted(_sections.items(), key=lambda item: item[1][0])]


def collect_disclosure(person) -> list[DisclosureSection]:
    """Every registered section for this person, in order (a section with no records is kept, empty: the
    person learns that Tsunagu holds none of that kind)."""
    sections = []
    for key in registered_sections():
        _order, title, collect = _sections[key]
        sections.append(DisclosureSection(key, title, collect(person)))
    return sections


# ---------------------------------------------------------------- the one way of listing a record


def display_value(value) -> str:
    """A value as the PDF prints it: dates in 和暦, yes/no in words, lists joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, (dt.date, dt.datetime)):
        text = wareki(value)
        if isinstance(value, dt.datetime):
            from django.utils import timezone

            local = timezone.localtime(value) if timezone.is_aware(value) else value
            text += f" {local:%H:%M}"
        return text
    if isinstance(value, (list, tuple)):
        return "、".join(str(item) for item in value) or "—"
    if isinstance(value, dict):
        return "、".join(f"{key}: {item}" for key, item in value.items()) or "—"
    return str(value)


def record_rows(
    instance: models.Model,
    *,
    exclude: Iterable[str] = (),
    withhold: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    """The rows of one record: each concrete field the person's record shows, labelled by its verbose
    name, choices by their label, foreign keys by the record's name. Fields named in `withhold` print that
    mark instead of their value; a foreign key to another person is always withheld."""
    excluded = set(exclude) | {"id", "person"}  # the person is the subject of the whole document
    withheld = dict(withhold or {})
    rows = []
    for model_field in instance._meta.concrete_fields:
        if model_field.name in excluded or (not model_field.editable and model_field.name not in withheld):
            continue
        label = str(model_field.verbose_name)
        if model_field.name in withheld:
            rows.append((label, withheld[model_field.name]))
            continue
        if model_field.choices:
            value = getattr(instance, f"get_{model_field.name}_display")()
        elif model_field.is_relation:
            value = getattr(instance, model_field.name)
            if value is not None and value._meta.label == "people.Person":
                rows.append((label, WITHHELD_OTHER_PERSON))
                continue
        else:
            value = getattr(instance, model_field.name)
        rows.append((label, display_value(value)))
    return rows


# ---------------------------------------------------------------- people's own sections

# The person's contacts that a DV protection keeps out of the document: it may be read by someone else
# than the person (a proxy, or whoever finds it), and the person knows where they live.
DV_WITHHELD_FIELDS = ("postal_code", "address", "phone", "mobile_phone", "email")


def person_records(person) -> list[DisclosedRecord]:
    withhold = {"emergency_contact": WITHHELD_OTHER_PERSON}  # another person's name and phone
    if person.is_dv_protected:
        withhold |= {name: WITHHELD_DV for name in DV_WITHHELD_FIELDS}
    rows = record_rows(person, withhold=withhold)
    consents = [
        DisclosedRecord(
            heading=f"同意 {display_value(consent.signed_on)}",
            rows=[
                *record_rows(consent),
                ("共有先", display_value([str(org) for org in consent.shared_with.all()])),
            ],
        )
        for consent in person.consents.order_by("signed_on", "id")
    ]
    stages = [
        DisclosedRecord(heading=f"段階の変更 {display_value(change.changed_on)}", rows=record_rows(change))
        for change in person.stage_changes.order_by("changed_on", "id")
    ]
    return [DisclosedRecord(heading=f"相談者 #{person.pk}", rows=rows), *consents, *stages]


def household_records(person) -> list[DisclosedRecord]:
    """Name and relation only: the members' own details (age, note, their own record) are theirs."""
    records = []
    for member in person.household.order_by("id"):
        rows = [("氏名", display_value(member.name)), ("続柄", display_value(member.relation))]
        rows.append(("その他の情報", WITHHELD_OTHER_PERSON))
        records.append(DisclosedRecord(heading=f"世帯員 {len(records) + 1}", rows=rows))
    return records


def audit_records(person) -> list[DisclosedRecord]:
    """Who read or changed the person's record: when, the user's name and role, and what they did."""
    from tsunagu.audit.models import AuditAction
    from tsunagu.audit.selectors import list_events

    actions = dict(AuditAction.choices)
    lines = []
    for event in list_events(person=person.pk).select_related("actor").order_by("occurred_at", "id"):
        actor = event.actor
        name = str(actor) if actor is not None else event.actor_username or "—"
        roles = "、".join(str(label) for label in getattr(actor, "role_labels", [])) or "—"
        lines.append(
            (display_value(event.occurred_at), name, roles, str(actions.get(event.action, event.action)))
        )
    columns = ("日時", "職員", "役割", "操作")
    return [DisclosedRecord(heading="記録を閲覧・変更した職員", columns=columns, table=lines)]
