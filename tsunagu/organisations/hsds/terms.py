"""Tsunagu's own taxonomy in HSDS: the terms of the attributes that carry what HSDS has no field for,
and the derived ids of the objects Tsunagu keeps as plain fields."""

from __future__ import annotations

import uuid

TAXONOMY = "tsunagu"
# Fixed for good: every derived id hangs from it.
NAMESPACE = uuid.UUID("5b0c7c1e-3f39-4c55-9d0e-7f1d8a6b2c41")

# Term kinds (the part of a term's code before ":").
READING = "reading"
ORGANISATION_TYPE = "organisation_type"
AREA = "area"
POSTAL_CODE = "postal_code"
ADDRESS = "address"
INACTIVE = "inactive"
SERVICE_TYPE = "service_type"
STAGE = "stage"
PREFECTURE = "prefecture"


def derived_id(*parts: object) -> str:
    """The id of an object Tsunagu does not store as a row (a phone, an address, an attribute...)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def term_code(kind: str, value: str = "") -> str:
    return f"{kind}:{value}" if value else kind


def split_code(code: str) -> tuple[str, str]:
    kind, _, value = code.partition(":")
    return kind, value
