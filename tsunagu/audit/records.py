"""How the audit log names the records its events are about, and which events concern a person or a case.

An event keeps only the record's type and id (`cases.case`, `301`). The log shows it as its users know it:
the model's name and what the owning app says the record is called (ケース 2026-000301, プラン 2026-000301
第2版). People stay ids (相談者 #123): administrators read the log and see no case content.

audit sits below the apps whose records it names, so those apps register here in their AppConfig.ready()
(cases names its records and finds a case's or a person's records by reference or id; people finds a
person's household and consents), as they register panels and merge steps elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

RecordNames = Callable[[list[str]], dict[str, str]]
"""Called with object ids (as the events keep them): the name of each record that exists."""

RelatedRecords = Callable[..., dict[str, Iterable[int]]]
"""Called as related(person_id=…) or related(case_reference=…): object type → ids of the records that
concern that person or case (those of the registering app; an empty answer when it knows none)."""

_names: dict[str, RecordNames] = {}
_related: dict[str, RelatedRecords] = {}


def register_record_names(object_type: str, names: RecordNames) -> None:
    _names[object_type] = names


def register_related_records(name: str, related: RelatedRecords) -> None:
    _related[name] = related


@dataclass(frozen=True)
class RecordsOf:
    """A kind of record the log finds by the person or the case it concerns."""

    model: type
    person: str | tuple[str, ...]  # the lookup(s) from the record to a person's id: "case__person_id"
    case: str = ""  # the lookup to its case's reference ("case__reference"); "" when it has no case


_record_types: set[str] = set()


def register_records_of(name: str, records: Iterable[RecordsOf]) -> None:
    """The one way an app tells the log which of its records concern a person or a case."""
    records = tuple(records)
    _record_types.update(record.model._meta.label_lower for record in records)

    def related(*, person_id: int | None = None, case_reference: str = "") -> dict[str, list[int]]:
        found = {}
        for record in records:
            if person_id:
                lookups = (record.person,) if isinstance(record.person, str) else record.person
                concerns = Q()
                for lookup in lookups:
                    concerns |= Q(**{lookup: person_id})
                rows = record.model.objects.filter(concerns)
            elif record.case:
                rows = record.model.objects.filter(**{record.case: case_reference})
            else:
                continue
            found[record.model._meta.label_lower] = list(rows.values_list("pk", flat=True))
        return found

    register_related_records(name, related)


def registered_record_types() -> frozenset[str]:
    return frozenset(_record_types)


@dataclass(frozen=True)
class RecordsFilter:
    """Which events concern what the administrator asked for; `found` is False when nothing matched."""

    condition: Q
    found: bool


def records_concerning(*, person_id: int | None = None, case_reference: str = "") -> RecordsFilter:
    """The events about a person (their records, their cases' records, and every read that showed them)
    or about a case (it and its records, and the reads of their pages)."""
    wanted: dict[str, set[int]] = {}
    for related in _related.values():
        found = related(person_id=person_id) if person_id else related(case_reference=case_reference)
        for object_type, ids in found.items():
            wanted.setdefault(object_type, set()).update(ids)
    condition = Q(pk__in=[])
    for object_type, ids in wanted.items():
        if ids:
            condition |= Q(object_type=object_type, object_id__in=[str(pk) for pk in sorted(ids)])
    found = any(wanted.values())
    if person_id:
        # A read keeps the ids of the people shown, {"people": [3, 12]}: matched in the list's text, which
        # SQLite gives as [3,12] and PostgreSQL as [3, 12].
        condition |= Q(detail__people__regex=rf"^\[([0-9]+, ?)*{int(person_id)}(, ?[0-9]+)*\]$")
        found = True  # a person is an id: a person without records may still have been seen
    return RecordsFilter(condition, found)


def label_records(events: Iterable) -> None:
    """Set `record_label` on each event: 「ケース 2026-000301」 (one query per type of record named)."""
    events = list(events)
    by_type: dict[str, set[str]] = {}
    for event in events:
        if event.object_type and event.object_id:
            by_type.setdefault(event.object_type, set()).add(event.object_id)
    names: dict[tuple[str, str], str] = {}
    for object_type, ids in by_type.items():
        if object_type in _names:
            for object_id, name in _names[object_type](sorted(ids)).items():
                names[(object_type, object_id)] = name
    for event in events:
        event.record_label = record_label(event.object_type, event.object_id, names)


def record_label(object_type: str, object_id: str, names: dict[tuple[str, str], str]) -> str:
    if not object_type:
        return ""
    kind = _kind_name(object_type)
    if not object_id:
        return kind
    name = names.get((object_type, object_id))
    return f"{kind} {name}" if name else _("%(kind)s #%(id)s") % {"kind": kind, "id": object_id}


def _kind_name(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
