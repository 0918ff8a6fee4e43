"""The licence's own paperwork (職業安定法): the 求人求職管理簿 (施行規則第25条) of a period as an Excel
workbook and a PDF, and the yearly 職業紹介事業報告 (様式第8号) of a fiscal year. Both are the forms
themselves: their wording is Japanese whatever the reader's language, as the case PDFs'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from django.db.models import Count, Sum
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tsunagu.core.dates import fiscal_year_label
from tsunagu.jobs.models import (
    EmploymentTerm,
    Introduction,
    IntroductionStatus,
    JobOpening,
    JobSeeker,
    Licence,
)
from tsunagu.jobs.selectors import Ledger

# The form's words for the kinds of 様式第8号 and the steps of an introduction.
TERM_NAMES: dict[str, str] = {
    EmploymentTerm.REGULAR: "常用",
    EmploymentTerm.TEMPORARY: "臨時",
    EmploymentTerm.DAY: "日雇",
}
STATUS_NAMES: dict[str, str] = {
    IntroductionStatus.INTRODUCED: "紹介中",
    IntroductionStatus.INTERVIEWED: "面接",
    IntroductionStatus.HIRED: "採用",
    IntroductionStatus.NOT_HIRED: "不採用",
    IntroductionStatus.DECLINED: "辞退",
}
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

# (heading, column width) of each sheet: the items 施行規則第25条 asks of an opening and of a seeker.
OPENING_COLUMNS = (
    ("受付年月日", 14), ("職種", 20), ("求人者（事業所）", 28), ("就業場所", 26), ("雇用期間", 8),
    ("求人数", 8), ("有効期限", 14), ("紹介年月日", 14), ("紹介した求職者", 16), ("紹介の結果", 10),
    ("結果の年月日", 14),
)  # fmt: skip
SEEKER_COLUMNS = (
    ("受付年月日", 14), ("求職者氏名", 16), ("希望職種", 22), ("希望地域", 12), ("希望する雇用期間", 10),
    ("希望・条件", 30), ("有効期限", 14), ("紹介年月日", 14), ("紹介先（職種・事業所）", 32),
    ("紹介の結果", 10), ("結果の年月日", 14),
)  # fmt: skip


def _introduction_cells(introduction: Introduction | None, whom: str) -> list:
    if introduction is None:
        return [None, "", "", None]
    return [introduction.introduced_on, whom, STATUS_NAMES[introduction.status], introduction.result_on]


def _sheet(book: Workbook, title: str, columns: tuple, heading: str, rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([name for name, _width in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(row)
    for index, (_name, width) in enumerate(columns):
        letter = sheet.cell(row=2, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"


def _with_introductions(first_cells: list, introductions: list, whom) -> list[list]:
    """One row per introduction; the record's own cells on the first of its rows only."""
    if not introductions:
        return [first_cells + _introduction_cells(None, "")]
    blank = [None] * len(first_cells)
    return [
        (first_cells if index == 0 else blank) + _introduction_cells(introduction, whom(introduction))
        for index, introduction in enumerate(introductions)
    ]


def period_label(first: dt.date, last: dt.date) -> str:
    start, end = f"{first.year}年{first.month}月", f"{last.year}年{last.month}月"
    return start if start == end else f"{start}〜{end}"


def ledger_workbook(ledger: Ledger) -> bytes:
    """The 管理簿 as an Excel workbook: a sheet of openings (求人) and one of seekers (求職). Dates are dates
    and counts numbers, so that the sheet sorts and adds them."""
    book = Workbook()
    book.remove(book.active)
    period = period_label(ledger.first, ledger.last)
    opening_rows: list[list] = []
    for opening in ledger.openings:
        cells = [
            opening.received_on, opening.occupation, opening.employer.name, opening.place,
            TERM_NAMES[opening.term], opening.positions, opening.valid_until,
        ]  # fmt: skip
        opening_rows += _with_introductions(
            cells, opening.shown_introductions, lambda i: i.seeker.case.person.full_name
        )
    _sheet(book, "求人", OPENING_COLUMNS, f"求人管理簿（{period}）", opening_rows)
    seeker_rows: list[list] = []
    for seeker in ledger.seekers:
        cells = [
            seeker.received_on, seeker.case.person.full_name, seeker.occupations,
            seeker.area.name if seeker.area_id else "", TERM_NAMES[seeker.term], seeker.wishes, seeker.valid_until,
        ]  # fmt: skip
        seeker_rows += _with_introductions(cells, seeker.shown_introductions, lambda i: str(i.opening))
    _sheet(book, "求職", SEEKER_COLUMNS, f"求職管理簿（{period}）", seeker_rows)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _form_words(ledger: Ledger) -> Ledger:
    """Each record's term and each introduction's step in the form's words, for the template."""
    for record in [*ledger.openings, *ledger.seekers]:
        record.term_name = TERM_NAMES[record.term]
        for introduction in record.shown_introductions:
            introduction.status_name = STATUS_NAMES[introduction.status]
    return ledger


def ledger_pdf(ledger: Ledger) -> bytes:
    from tsunagu.cases.documents import render_pdf  # WeasyPrint is loaded on the first PDF only

    context = {"ledger": _form_words(ledger), "printed_on": timezone.localdate()}
    return render_pdf("jobs/pdf/ledger.html", context)


# ---------------------------------------------------------------- 職業紹介事業報告 (様式第8号)


@dataclass(frozen=True)
class ReportLine:
    """One figure of the report by 常用 / 臨時 / 日雇 (the counts in the order of EmploymentTerm)."""

    key: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class PlacementReport:
    year: int
    first: dt.date
    last: dt.date
    openings: ReportLine  # 求人数: positions of the openings received
    seekers: ReportLine  # 求職者数: registrations received
    placements: ReportLine  # 就職件数: hires decided
    licence: Licence | None

    @property
    def label(self) -> str:
        return fiscal_year_label(self.year)

    @property
    def lines(self) -> list[ReportLine]:
        return [self.openings, self.seekers, self.placements]

    @property
    def due_on(self) -> dt.date:
        return dt.date(self.year + 1, 4, 30)


def _by_term(name: str, rows: list[dict], term_key: str = "term") -> ReportLine:
    found = {row[term_key]: row["n"] or 0 for row in rows}
    return ReportLine(key=name, counts=tuple(found.get(term, 0) for term in EmploymentTerm.values))


def placement_report(year: int) -> PlacementReport:
    """The figures of the whole licence for the fiscal year from 1 April `year` to 31 March: counts only,
    no one named, so every seeker counts whoever reads them. Four queries."""
    first, last = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    openings = JobOpening.objects.filter(received_on__gte=first, received_on__lte=last)
    seekers = JobSeeker.objects.filter(received_on__gte=first, received_on__lte=last)
    hires = Introduction.objects.filter(
        status=IntroductionStatus.HIRED, result_on__gte=first, result_on__lte=last
    )
    return PlacementReport(
        year=year,
        first=first,
        last=last,
        openings=_by_term("openings", list(openings.values("term").annotate(n=Sum("positions")).order_by())),
        seekers=_by_term("seekers", list(seekers.values("term").annotate(n=Count("pk")).order_by())),
        placements=_by_term(
            "placements",
            list(hires.values("opening__term").annotate(n=Count("pk")).order_by()),
            "opening__term",
        ),
        licence=Licence.objects.filter(valid_from__lte=last, valid_until__gte=first).first(),
    )


def placement_report_pdf(report: PlacementReport) -> bytes:
    from tsunagu.cases.documents import render_pdf

    context = {"report": report, "terms": list(TERM_NAMES.values()), "printed_on": timezone.localdate()}
    return render_pdf("jobs/pdf/placement_report.html", context)
