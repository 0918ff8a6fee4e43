"""The first sheet of an .xlsx workbook as rows of cell values, streamed straight from its XML.

openpyxl's read-only mode builds an object per cell (0.9 ms a row of 25 cells on the bench's machine, most of
the preview of 10,000 people); this reads the same values with the standard library's C XML parser, row by
row, the sheet never all in memory: shared strings (without their furigana runs, <rPh>), inline strings,
numbers, booleans, cached formula results, and numbers shown as dates turned into dates by the cell's number
format (openpyxl's own test of a date format and its built-in formats, the 1904 epoch honoured). Anything it
does not understand raises, and reading.py falls back to openpyxl."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def rows(archive: zipfile.ZipFile, max_columns: int) -> Iterator[list[object]]:
    sheet, epoch = _first_sheet(archive)
    strings = _shared_strings(archive)
    dates = _date_styles(archive)
    with archive.open(sheet) as stream:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag != f"{MAIN}row":
                continue
            values: list[object] = []
            for cell in element.iter(f"{MAIN}c"):
                ref = cell.get("r")
                index = _column_index(ref) if ref else len(values)
                if index >= max_columns:
                    continue
                values.extend([None] * (index - len(values)))
                values.append(_value(cell, strings, dates, epoch))
            element.clear()
            yield values


def _value(cell, strings: list[str], dates: set[int], epoch) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{MAIN}is")
        return _text(inline) if inline is not None else None
    raw = cell.findtext(f"{MAIN}v")
    if raw is None:
        return None
    if kind == "s":
        return strings[int(raw)]
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return raw
    number = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
    if int(cell.get("s", "0")) in dates:
        return from_excel(number, epoch)
    return number


def _text(element) -> str:
    """A string item's text: its <t>, or its runs' <t>, without the phonetic runs (<rPh>) Japanese Excel adds."""
    parts = []
    for child in element:
        if child.tag == f"{MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{MAIN}r":
            parts.append(child.findtext(f"{MAIN}t") or "")
    return "".join(parts)


def _column_index(ref: str) -> int:
    number = 0
    for ch in ref:
        if not ch.isalpha():
            break
        number = number * 26 + (ord(ch.upper()) - 64)
    return number - 1


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, object]:
    from xml.etree.ElementTree import fromstring

    workbook = fromstring(archive.read("xl/workbook.xml"))
    properties = workbook.find(f"{MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    first = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    rel_id = first.get(f"{REL}id")
    relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(
        r.get("Target") for r in relations.iter(f"{PACKAGE_REL}Relationship") if r.get("Id") == rel_id
    )
    path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return path, CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as stream:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag == f"{MAIN}si":
                strings.append(_text(element))
                element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The indexes of the cell formats (cellXfs) whose number format shows a date."""
    from xml.etree.ElementTree import fromstring

    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = fromstring(archive.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(f"{MAIN}numFmt"):
        formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
    japanese_dates = set(range(27, 37)) | set(
        range(50, 59)
    )  # the built-in 和暦 formats openpyxl does not name
    dates = set()
    cell_formats = styles.find(f"{MAIN}cellXfs")
    for index, xf in enumerate(cell_formats if cell_formats is not None else []):
        number_format = int(xf.get("numFmtId", "0"))
        if number_format in japanese_dates or is_date_format(formats.get(number_format, "")):
            dates.add(index)
    return dates
