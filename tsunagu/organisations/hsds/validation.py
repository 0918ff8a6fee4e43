"""Validation against the official HSDS 3.0 schemas (copied unchanged into `schemas/`), with each problem
said in the user's language and placed: which object (by position and name) and which field."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

SCHEMAS = Path(__file__).parent / "schemas"
PACKAGE_SCHEMA = "organization_package.json"
TABULAR_SCHEMA = "tabular.json"
MAX_PROBLEMS = 200  # a file wrong throughout would otherwise give a page of thousands


@lru_cache(maxsize=4)
def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def object_labels() -> dict[str, str]:
    """An HSDS list's name → what one of its objects is called."""
    return {
        "organization": _("Organisation"),
        "services": _("Service"),
        "locations": _("Location"),
        "contacts": _("Contact"),
        "phones": _("Phone"),
        "schedules": _("Opening time"),
        "addresses": _("Address"),
        "attributes": _("Attribute"),
        "service_at_locations": _("Service at location"),
        "taxonomy_term": _("Taxonomy term"),
    }


def describe_place(document: Any, path: Sequence[Any]) -> str:
    """[2, "services", 0] → 組織 3「法テラス釧路」 › サービス 1「法律相談」."""
    labels = object_labels()
    parts, node, kind = [], document, "organization"
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
            name = node.get("name") if isinstance(node, dict) else None
            label = f"{labels.get(kind, kind)} {step + 1}"
            parts.append(f"{label}「{name}」" if isinstance(name, str) and name else label)
        else:
            kind = step
            node = node.get(step) if isinstance(node, dict) else None
            if not isinstance(node, list):
                parts.append(labels.get(step, step))
    return " › ".join(parts) or _("The file")


def _problem_text(error: SchemaError) -> tuple[list[Any], str, str]:
    """(the path of the object, the field, what is wrong) of one schema error."""
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        return path, ", ".join(missing), _("is required")
    field = str(path.pop()) if path and isinstance(path[-1], str) else ""
    if error.validator == "format":
        return path, field, _("is not a valid %(format)s") % {"format": error.validator_value}
    if error.validator == "type":
        return path, field, _("must be of type %(type)s") % {"type": error.validator_value}
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return path, field, _("must be one of: %(allowed)s") % {"allowed": allowed}
    return path, field, _("is not valid (%(rule)s)") % {"rule": error.validator}


def schema_problems(document: Any, name: str = PACKAGE_SCHEMA) -> list[str]:
    """Every way the document breaks the schema, one translated line each (empty when valid)."""
    errors = sorted(validator(name).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    return [place_problem(document, *_problem_text(error)) for error in errors[:MAX_PROBLEMS]]


def place_problem(document: Any, path: Iterable[Any], field: str, message: str) -> str:
    where = describe_place(document, list(path))
    if field:
        return _("%(where)s, %(field)s: %(message)s") % {"where": where, "field": field, "message": message}
    return _("%(where)s: %(message)s") % {"where": where, "message": message}
