"""The HSDS tabular package: datapackage.json and one CSV file per table, as the official
`tabular.json` defines the tables, in a zip. Written from the nested document (`flatten`) and read back
into it (`nest`), so that the CSV package and the JSON say the same and are imported the same way."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zipfile
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tsunagu.organisations.hsds.validation import MAX_PROBLEMS, TABULAR_SCHEMA, schema, validator

# The nested document's lists → the table their objects go to.
LISTS = {
    "phones": "phone",
    "contacts": "contact",
    "locations": "location",
    "addresses": "address",
    "schedules": "schedule",
    "services": "service",
    "service_at_locations": "service_at_location",
    "attributes": "attribute",
}
TABLES = (
    "organization",
    "service",
    "location",
    "service_at_location",
    "address",
    "phone",
    "contact",
    "schedule",
    "attribute",
    "taxonomy_term",
)
MAX_UNPACKED = 50 * 1024 * 1024
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # a fixed date: the same directory gives the same bytes


def table_schema(table: str) -> dict[str, Any]:
    return schema(TABULAR_SCHEMA)["properties"][table]["items"]


def columns(table: str) -> list[str]:
    """The table's CSV columns: its fields that are values, not lists of other objects."""
    properties = table_schema(table)["properties"]
    return [name for name, spec in properties.items() if spec.get("type") not in ("array", "object", None)]


def flatten(document: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    terms: dict[str, dict[str, Any]] = {}

    def walk(table: str, obj: dict[str, Any]) -> None:
        tables[table].append({key: obj[key] for key in columns(table) if key in obj})
        if table == "attribute" and "taxonomy_term" in obj:
            terms.setdefault(obj["taxonomy_term"]["id"], obj["taxonomy_term"])
        for key, child_table in LISTS.items():
            for child in obj.get(key, []):
                walk(child_table, child)

    for organization in document:
        walk("organization", organization)
    tables["taxonomy_term"] = [
        {key: term[key] for key in columns("taxonomy_term") if key in term} for term in terms.values()
    ]
    return tables


def datapackage() -> dict[str, Any]:
    resources = []
    for table in TABLES:
        spec = table_schema(table)
        properties = spec["properties"]
        resources.append(
            {
                "name": table,
                "path": spec["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [properties[name] for name in columns(table)],
                    "primaryKey": "id",
                },
            }
        )
    return {"name": "tsunagu-directory", "profile": "tabular-data-package", "resources": resources}


def _csv_text(table: str, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(table), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_package(document: list[dict[str, Any]]) -> bytes:
    tables = flatten(document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        files = {"datapackage.json": json.dumps(datapackage(), ensure_ascii=False, indent=2)}
        for table in TABLES:
            files[table_schema(table)["path"]] = _csv_text(table, tables[table])
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# ---------------------------------------------------------------- reading


def _typed(table: str, row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the schema's values: numbers as numbers (a cell that is no number is kept as text,
    for the schema to refuse); an empty cell is no value, except in a column the table requires, where
    it is the empty text the JSON has (an organization's description may be empty, not absent)."""
    properties = table_schema(table)["properties"]
    required = set(table_schema(table).get("required", ()))
    typed: dict[str, Any] = {}
    for key, text in row.items():
        if key is None or key not in properties or text is None or (text == "" and key not in required):
            continue
        typed[key] = text
        if properties[key].get("type") in ("number", "integer"):
            with contextlib.suppress(ValueError):
                typed[key] = int(text) if text.lstrip("-").isdigit() else float(text)
    return typed


def read_tables(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """The package's tables, every row checked against `tabular.json`; refused with every problem."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
            raise ValidationError(_("The package is too large once unpacked."))
        names = set(package.namelist())
        if "datapackage.json" not in names:
            raise ValidationError(_("The package has no datapackage.json."))
        tables = {}
        for table in TABLES:
            path = table_schema(table)["path"]
            if path not in names:
                tables[table] = []
                continue
            text = package.read(path).decode("utf-8-sig")
            tables[table] = [_typed(table, row) for row in csv.DictReader(io.StringIO(text))]
    except (zipfile.BadZipFile, UnicodeDecodeError, csv.Error) as error:
        raise ValidationError(_("The file is not a readable zip of UTF-8 CSV files.")) from error
    problems = _table_problems(tables)
    if problems:
        raise ValidationError(problems)
    return tables


def _table_problems(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    problems = []
    for error in validator(TABULAR_SCHEMA).iter_errors(tables):
        path = list(error.absolute_path)
        table, row = path[0], (path[1] if len(path) > 1 else None)
        field = str(path[2]) if len(path) > 2 else ""
        if error.validator == "required":
            field = ", ".join(n for n in error.validator_value if n not in (error.instance or {}))
        where = _("%(file)s, row %(row)s") % {"file": table_schema(table)["path"], "row": (row or 0) + 2}
        problems.append(
            _("%(where)s, %(field)s: %(message)s")
            % {"where": where, "field": field, "message": _short(error)}
        )
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _short(error) -> str:
    if error.validator == "required":
        return _("is required")
    if error.validator == "format":
        return _("is not a valid %(format)s") % {"format": error.validator_value}
    if error.validator == "enum":
        return _("must be one of: %(allowed)s") % {"allowed": ", ".join(map(str, error.validator_value))}
    if error.validator == "type":
        return _("must be of type %(type)s") % {"type": error.validator_value}
    return _("is not valid (%(rule)s)") % {"rule": error.validator}


def nest(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The tables back into the nested document; a row whose owner is not in the package is refused."""
    problems: list[str] = []
    by = defaultdict(list)
    for table in ("phone", "contact", "location", "address", "schedule", "service", "service_at_location"):
        for row in tables[table]:
            by[(table, _owner(table, row))].append(dict(row))
    terms = {term["id"]: term for term in tables["taxonomy_term"]}
    attributes = defaultdict(list)
    for row in tables["attribute"]:
        attribute = dict(row)
        if row.get("taxonomy_term_id") in terms:
            attribute["taxonomy_term"] = terms[row["taxonomy_term_id"]]
        attributes[row.get("link_id")].append(attribute)

    def attach(obj: dict[str, Any], table: str) -> dict[str, Any]:
        children = {
            "organization": ("phones", "contacts", "locations", "services"),
            "contact": ("phones",),
            "location": ("addresses", "phones", "schedules"),
            "service": ("phones", "schedules", "service_at_locations"),
        }.get(table, ())
        for key in children:
            found = [attach(child, LISTS[key]) for child in by.pop((LISTS[key], (table, obj["id"])), [])]
            if found:
                obj[key] = found
        if attributes.get(obj["id"]):
            obj["attributes"] = attributes.pop(obj["id"])
        return obj

    document = [attach(dict(row), "organization") for row in tables["organization"]]
    for (table, _owner_key), rows in by.items():
        for row in rows:
            problems.append(
                _("%(file)s: the row %(id)s belongs to nothing in the package")
                % {"file": table_schema(table)["path"], "id": row.get("id", "")}
            )
    if problems:
        raise ValidationError(problems[:MAX_PROBLEMS])
    return document


def _owner(table: str, row: dict[str, Any]) -> tuple[str, str]:
    """The object a row hangs from: the most specific link it names."""
    links = {
        "phone": ("contact_id", "location_id", "service_id", "organization_id"),
        "address": ("location_id",),
        "schedule": ("location_id", "service_id"),
        "service_at_location": ("service_id",),
    }.get(table, ("organization_id",))
    for link in links:
        if row.get(link):
            return link.removesuffix("_id"), row[link]
    return "", ""
