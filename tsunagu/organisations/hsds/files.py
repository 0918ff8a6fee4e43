"""An uploaded or given file as an HSDS document: the JSON (a list of organizations) or the tabular
package (a zip with datapackage.json and the CSV files)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tsunagu.organisations.hsds import tabular

MAX_FILE = 20 * 1024 * 1024


def read_document(data: bytes) -> Any:
    """The document the file holds (not yet checked against the schema); refused when unreadable."""
    if len(data) > MAX_FILE:
        raise ValidationError(_("The file is larger than 20 MB."))
    if data[:4] == b"PK\x03\x04":
        return tabular.nest(tabular.read_tables(data))
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValidationError(
            _("The file is neither HSDS JSON nor a zip of the HSDS tabular package.")
        ) from error


def to_json(document: list[dict[str, Any]]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
