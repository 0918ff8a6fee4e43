"""Reading an uploaded file as rows of text: .xlsx streamed by openpyxl in read-only mode, CSV in UTF-8
(with or without BOM) or CP932, the encoding detected and named on the preview."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tsunagu.imports import xlsx

XLSX = "xlsx"
UTF8_BOM = "utf-8-sig"
UTF8 = "utf-8"
CP932 = "cp932"
ENCODING_LABELS = {
    XLSX: _("Excel workbook (.xlsx)"),
    UTF8_BOM: _("UTF-8 (with BOM)"),
    UTF8: _("UTF-8"),
    CP932: _("CP932 (Shift_JIS)"),
}
MAX_COLUMNS = 60  # a ledger wider than this is not a list of people; the rest is ignored


class UnreadableFile(ValueError):
    """The file is neither an .xlsx workbook nor CSV text in a known encoding."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: Iterator[list[str]]  # streamed: a 10,000-row workbook is never all in memory as cells


def detect_encoding(content: bytes, file_name: str) -> str:
    """xlsx by its zip signature; a BOM means UTF-8; else strict UTF-8 if it decodes, else CP932."""
    if content[:4] == b"PK\x03\x04":
        return XLSX
    if content.startswith(b"\xef\xbb\xbf"):
        return UTF8_BOM
    try:
        content.decode(UTF8)
    except UnicodeDecodeError:
        pass
    else:
        return UTF8
    try:
        content.decode(CP932)
    except UnicodeDecodeError as error:
        raise UnreadableFile(str(_("The file is neither an Excel workbook nor CSV text."))) from error
    return CP932


def read_table(content: bytes, encoding: str) -> Table:
    rows = _xlsx_rows(content) if encoding == XLSX else _csv_rows(content, encoding)
    headers = next(rows, None)
    if headers is None:
        raise UnreadableFile(str(_("The file is empty.")))
    return Table(headers=[h.strip() for h in headers], rows=rows)


def _csv_rows(content: bytes, encoding: str) -> Iterator[list[str]]:
    text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    for row in csv.reader(text):
        if any(cell.strip() for cell in row):
            yield [cell.strip() for cell in row[:MAX_COLUMNS]]


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    """The sheet read straight from its XML (xlsx.py), else, for a workbook it does not understand, by
    openpyxl (the rows already given are not given twice)."""
    given = 0
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for values in xlsx.rows(archive, MAX_COLUMNS):
                row = _trimmed([_cell_text(value) for value in values])
                if any(row):
                    given += 1
                    yield row
        return
    except Exception:  # a zip or XML this reader does not understand: openpyxl decides
        pass
    for number, row in enumerate(_openpyxl_rows(content)):
        if number >= given:
            yield row


def _openpyxl_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken zip or XML
        raise UnreadableFile(str(_("The workbook could not be opened."))) from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            row = _trimmed([_cell_text(value) for value in values])
            if any(row):
                yield row
    finally:
        workbook.close()


def _trimmed(row: list[str]) -> list[str]:
    """Without the empty cells at the end (openpyxl pads each row to the widest)."""
    while row and not row[-1]:
        row.pop()
    return row


def _cell_text(value: object) -> str:
    """A cell as the text a person typed: a date cell as ISO, a whole number without .0."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
