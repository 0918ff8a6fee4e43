"""Ledgers the import tests write, and the mistakes a preview finds in them."""

import csv
import io

from openpyxl import Workbook

from tsunagu.imports import services


def csv_bytes(headers: list[str], rows: list[list], encoding: str = "cp932") -> bytes:
    """A CSV as Japanese Excel saves it (CP932 unless told, CRLF)."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([headers, *rows])
    return text.getvalue().encode(encoding)


def xlsx_bytes(headers: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in [headers, *rows]:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def preview_errors(actor, upload) -> dict[tuple[int, str], str]:
    """Each mistake of the preview by (row, column)."""
    return {(e.row, e.column): e.message for e in services.preview(actor=actor, upload=upload).errors}
