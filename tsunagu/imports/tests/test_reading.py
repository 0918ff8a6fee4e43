"""The workbook reader (xlsx.py) reads what openpyxl reads: strings shared and inline, numbers, dates by their
cell format (和暦 formats too), gaps, and falls back to openpyxl for what it does not understand."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from tsunagu.imports import reading
from tsunagu.imports.sample import ledger_xlsx


def _workbook(write_only: bool) -> bytes:
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("台帳") if write_only else workbook.active
    sheet.append(["氏", "生年月日", "年齢", "体重", "相談日", "済"])
    sheet.append(["佐藤", dt.date(1970, 5, 1), 54, 61.5, dt.datetime(2024, 4, 1, 10, 30), True])
    sheet.append(["鈴木", "昭和60年3月3日", None, None, "R6.4.1", False])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["", "", 7, "", "", ""])
    if not write_only:
        sheet["B2"].number_format = '[$-ja-JP]ggge"年"m"月"d"日"'
        sheet["G5"] = "=1+1"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _both(content: bytes) -> tuple[list, list]:
    fast = list(reading._xlsx_rows(content))
    slow = list(reading._openpyxl_rows(content))
    return fast, slow


def test_the_workbook_reader_reads_what_openpyxl_reads():
    for write_only in (True, False):
        fast, slow = _both(_workbook(write_only))
        assert fast == slow
        assert fast[1][:3] == ["佐藤", "1970-05-01", "54"]


def test_the_sample_ledger_reads_alike():
    fast, slow = _both(ledger_xlsx(30, areas=["鳥取"]))
    assert fast == slow and len(fast) == 31


def test_a_broken_workbook_is_still_refused_as_unreadable():
    import pytest

    with pytest.raises(reading.UnreadableFile):
        list(reading._xlsx_rows(b"PK\x03\x04 not a zip"))
