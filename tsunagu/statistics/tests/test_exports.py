"""The downloads: a CP932 CSV that Japanese Excel opens with its headings intact (and a character CP932
lacks shown as 〓, never an error), an Excel workbook with one sheet per table and numbers as numbers, a
PDF with its chart; and the exports for outside use, which hide small counts and what gives them away."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tsunagu.statistics import exports
from tsunagu.statistics.indicators import Figures, Report, Scope, month_period, national_report
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory

JUNE = dt.date(2026, 6, 1)


def _report(**counts) -> Report:
    """A report with the given counts (no database needed for the shaping)."""
    figures = Figures(**counts)
    report = Report(period=month_period(JUNE), scope=Scope(organisation_id=0), population=160_000,
                    figures=figures, lines=[])  # fmt: skip
    return report


@pytest.fixture
def june(db, hub_office, consultation_worker):
    area = AreaFactory(name="中央", municipality="釧路市")
    for day in range(1, 13):
        CaseFactory(
            worker=consultation_worker, intake_date=JUNE.replace(day=day),
            person=PersonFactory(area=area), screening_outcome="continuing" if day > 3 else "information_only",
        )  # fmt: skip
    return national_report(month_period(JUNE), Scope(organisation_id=hub_office.organisation_id))


def test_the_cp932_csv_opens_with_its_japanese_headings_intact(june):
    content = exports.csv_bytes(june, outside=False, encoding="cp932")
    rows = list(csv.reader(io.StringIO(content.decode("cp932"))))
    assert rows[1] == ["指標", "件数・率", "人口10万人あたり（月）", "目安値", "対目安値"]
    assert rows[2][:2] == ["新規相談受付件数", "12"]


def test_a_character_cp932_lacks_is_shown_as_geta_never_an_error(june, monkeypatch):
    june.figures.pa_programs = [("𠮷野家就労体験🍚", 7)]
    content = exports.csv_bytes(june, outside=False, encoding="cp932")
    text = content.decode("cp932")
    assert "〓野家就労体験〓,7" in text


def test_the_utf8_csv_starts_with_a_byte_order_mark_for_excel(june):
    content = exports.csv_bytes(june, outside=False, encoding="utf-8")
    assert content.startswith(b"\xef\xbb\xbf")
    assert "新規相談受付件数" in content.decode("utf-8-sig")


def test_the_workbook_has_one_sheet_per_table_with_numbers_as_numbers(june):
    book = load_workbook(io.BytesIO(exports.workbook(june, outside=False)))
    assert book.sheetnames == ["主要指標", "スクリーニング結果", "状態像の変化", "被保護者"]
    sheet = book["主要指標"]
    assert [cell.value for cell in sheet[2]] == [
        "指標",
        "件数・率",
        "人口10万人あたり（月）",
        "目安値",
        "対目安値",
    ]
    assert sheet["A3"].value == "新規相談受付件数" or sheet["A3"].value.startswith("新規相談")
    assert sheet["B3"].value == 12
    assert sheet["D3"].value == 24  # the 目安値 in force (H29 on)


def test_for_outside_use_small_counts_and_what_gives_them_away_are_hidden():
    report = _report(
        new_consultations=25,
        information_only=3,
        handed_over=12,
        handed_to_public_assistance=6,
        continuing=10,
        first_plans=2,
        replans=9,
    )
    shown = exports.shown_counts(report, outside=True)
    assert shown["information_only"] == "<5"
    # 3 + 6 + 6 + 10 = 25: with the total and the other three shown, the 3 would come back.
    hidden = [shown[k] for k in ("new_consultations", "handed_to_public_assistance", "continuing")]
    assert "x" in hidden
    assert shown["first_plans"] == "<5"
    assert "x" in (shown["replans"], shown["plans"])


def test_for_inside_use_every_count_is_shown_as_it_is():
    report = _report(new_consultations=13, information_only=3, continuing=10)
    assert exports.shown_counts(report, outside=False)["information_only"] == 3


def test_the_outside_workbook_hides_a_small_count_and_its_rate(june):
    book = load_workbook(io.BytesIO(exports.workbook(june, outside=True)))
    screening = {
        row[0].value: row[1].value for row in book["スクリーニング結果"].iter_rows(min_row=3) if row[0].value
    }
    assert screening["相談・情報提供のみ"] == "<5"
    main = book["主要指標"]
    plans_row = next(
        row for row in main.iter_rows(min_row=3) if str(row[0].value).startswith("プラン作成件数")
    )
    assert plans_row[1].value == "<5"
    assert plans_row[2].value == "—"  # its figure per 100,000 would give it back


def test_the_pdf_carries_the_chart_and_the_definitions(june):
    content = exports.pdf(june, outside=False)
    assert content.startswith(b"%PDF")
    assert "<rect" in exports.chart_svg(june)
