"""Reading a file as Tsunagu will import it: every row parsed by the kind's fields, every mistake named by
row and column, and each person matched against the records by the intake's own duplicate check
(cases.selectors.duplicate_check, within the importer's scope). A plain function of the file and the user,
so that the preview, the import and (later) a background job all read the file the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from tsunagu.cases.selectors import duplicate_check
from tsunagu.core.japanese import search_key
from tsunagu.imports import records
from tsunagu.imports.kinds import DATE_KEYS, PEOPLE, Field, fields_of, header_key
from tsunagu.imports.reading import read_table
from tsunagu.organisations.models import Area
from tsunagu.people.models import Person, normalise_phone

PREVIEW_ROWS = 20
MAX_ERRORS_SHOWN = 200
CHUNK = 500  # ids per IN (...) when looking for people already on record


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    column: str  # the header of the file's column, or the field's name when the column is missing
    message: str


@dataclass
class ReadRow:
    number: int
    values: dict[str, Any]
    on_record: Person | None = None  # the same person is already on record in scope: the row is skipped
    found: dict[str, Any] = field(default_factory=dict)  # the records a row of another kind refers to
    already: bool = False  # the row's record (a note, a plan ...) is already there: the row is skipped


@dataclass
class Check:
    headers: list[str]
    mapping: dict[str, str]  # header → field key
    rows: list[ReadRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    @property
    def ok(self) -> bool:
        return not self.errors and not self.missing_columns

    @property
    def to_create(self) -> list[ReadRow]:
        return [row for row in self.rows if row.on_record is None and not row.already]

    @property
    def skipped(self) -> int:
        return sum(1 for row in self.rows if row.on_record is not None or row.already)


def check_file(*, user, content: bytes, encoding: str, kind: str, mapping: dict[str, str]) -> Check:
    """Parse every row; name every mistake; find who is already on record. Saves nothing."""
    table = read_table(content, encoding)
    fields = {f.key: f for f in fields_of(kind)}
    columns = _columns(table.headers, mapping, fields)
    check = Check(headers=table.headers, mapping={table.headers[i]: k for i, k in columns.items()})
    mapped = set(columns.values())
    check.missing_columns = [str(f.label) for f in fields.values() if f.required and f.key not in mapped]
    context = {"areas": _areas()}
    required = [(key, _column(table.headers, columns, key)) for key in mapped if fields[key].required]
    for number, cells in enumerate(table.rows, start=2):
        values = {}
        errors_before = len(check.errors)
        for index, key in columns.items():
            value = cells[index] if index < len(cells) else ""
            values[key] = _parse(check, number, table.headers[index], fields[key], value, context)
        wrong = {error.column for error in check.errors[errors_before:]}
        for key, column in required:
            if values.get(key) in ("", None, []) and column not in wrong:
                check.errors.append(RowError(number, column, _("Required.")))
        check.rows.append(ReadRow(number, values))
    if kind != PEOPLE:
        records.resolve(check, user, kind, lambda key: _column(table.headers, columns, key))
        return check
    _find_duplicates_in_file(check, table.headers, columns)
    if not check.errors:
        _find_people_on_record(check, user, table.headers, columns)
    return check


def _columns(headers: list[str], mapping: dict[str, str], fields: dict[str, Field]) -> dict[int, str]:
    """Column index → field key, from the mapping by header text (a key no longer known is ignored)."""
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = mapping.get(header)
        if key in fields and key not in columns.values():
            columns[index] = key
    return columns


def _column(headers: list[str], columns: dict[int, str], key: str) -> str:
    return next((headers[i] for i, k in columns.items() if k == key), key)


def _parse(check: Check, number: int, header: str, field: Field, value: str, context: dict) -> Any:
    if not value.strip():
        return [] if field.key == "concerns" else None if field.key in _NULLABLE else ""
    try:
        return field.parse(value, context)
    except ValidationError as error:
        check.errors.append(RowError(number, header, " ".join(error.messages)))
        return None


_NULLABLE = {"date_of_birth", "area", "household_1_age", "household_2_age", "household_3_age", "note_time",
             "minutes", "hours", "member_date_of_birth", "member_age", "living_together", "also_supported",
             *DATE_KEYS}  # fmt: skip


def _areas() -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for area in Area.objects.filter(is_active=True):
        areas[header_key(area.name)] = area
        if area.reading:
            areas.setdefault(header_key(area.reading), area)
    return areas


def _person_keys(values: dict[str, Any]) -> tuple[str, dt.date | None, list[str]]:
    reading = search_key(values.get("family_name_kana", "") + values.get("given_name_kana", ""))
    phones = [normalise_phone(values.get(name) or "") for name in ("phone", "mobile_phone")]
    return reading, values.get("date_of_birth"), [p for p in phones if len(p) >= 10]


def _find_duplicates_in_file(check: Check, headers: list[str], columns: dict[int, str]) -> None:
    """Two rows of one file for one person (same reading and birth date, or the same phone number): the
    second is a mistake to correct, not a second person."""
    seen: dict[Any, int] = {}
    for row in check.rows:
        reading, born, phones = _person_keys(row.values)
        keys = ([("name", reading, born)] if reading and born else []) + [("phone", p) for p in phones]
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            message = _("The same person as row %(row)d (same reading and birth date, or phone).")
            check.errors.append(
                RowError(row.number, _column(headers, columns, "family_name_kana"), message % {"row": first})
            )
        for key in keys:
            seen.setdefault(key, row.number)


def _find_people_on_record(check: Check, user, headers: list[str], columns: dict[int, str]) -> None:
    """Each row that may be someone on record goes through the intake's duplicate check, scoped: a match by
    reading and birth date in scope is the same person (skipped, so a second import adds no one); a match
    outside the scope, or by phone alone, is an error to resolve before importing."""
    candidates = _rows_possibly_on_record(check.rows)
    column = _column(headers, columns, "family_name_kana")
    for row in candidates:
        reading, born, phones = _person_keys(row.values)
        found = duplicate_check(
            user,
            family_name_kana=row.values.get("family_name_kana", ""),
            given_name_kana=row.values.get("given_name_kana", ""),
            date_of_birth=born,
            phones=phones,
        )
        same = next(
            (p for p in found.matches if born and (p.reading_key, p.date_of_birth) == (reading, born)), None
        )
        if same is not None:
            row.on_record = same
        elif found.matches:
            check.errors.append(
                RowError(
                    row.number, column, _("Shares a phone number with a person on record: check who it is.")
                )
            )
        elif found.hints:
            message = _(
                "A record that may be this person is outside your scope (%(office)s): ask its supervisor."
            )
            office = found.hints[0].office_name or _("no office")
            check.errors.append(RowError(row.number, column, message % {"office": office}))


def _rows_possibly_on_record(rows: list[ReadRow]) -> list[ReadRow]:
    """The rows whose reading and birth date, or phone, someone on record shares: found in a few queries,
    so that the duplicate check runs only for them (10,000 new people cost no 10,000 checks)."""
    readings = {}
    phones = {}
    for row in rows:
        reading, born, row_phones = _person_keys(row.values)
        if reading and born:
            readings.setdefault(reading, []).append(row)
        for phone in row_phones:
            phones.setdefault(phone, []).append(row)
    hit: dict[int, ReadRow] = {}
    people = Person.objects.filter(merged_into__isnull=True)
    keys = list(readings)
    for start in range(0, len(keys), CHUNK):
        found = people.filter(reading_key__in=keys[start : start + CHUNK]).values_list(
            "reading_key", "date_of_birth"
        )
        for reading, born in found:
            for row in readings[reading]:
                if row.values.get("date_of_birth") == born:
                    hit[row.number] = row
    keys = list(phones)
    for start in range(0, len(keys), CHUNK):
        part = keys[start : start + CHUNK]
        found = people.filter(Q(phone_key__in=part) | Q(mobile_key__in=part)).order_by()
        for phone_key, mobile_key in found.values_list("phone_key", "mobile_key"):
            for key in (phone_key, mobile_key):
                for row in phones.get(key, []):
                    hit[row.number] = row
    return [hit[number] for number in sorted(hit)]
