"""A contract's report as its Excel workbook: the contract, its deliverables and its cases and placements
by month. Headings in Japanese whatever the reader's language (the funder's paper, as the jobs
paperwork). Counts go through tsunagu/core/suppression.py when the reader may not see people."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tsunagu.contracts.models import Contract
from tsunagu.contracts.selectors import ContractReport
from tsunagu.core.suppression import LEGEND, suppress_table

HEADINGS = ("月", "受託した相談（開始）", "同（終了）", "受託した参加（開始）", "同（終了）")
FUNDER_NAMES = {"city": "釧路市", "prefecture": "北海道", "nation": "国（厚生労働省）"}


def month_name(month) -> str:
    return f"{month.year}年{month.month}月"


def report_cells(report: ContractReport, *, suppress: bool) -> tuple[list[list[str]], list[str]]:
    """The body (one row per month) and the totals row, as the reader may see them."""
    rows = report.rows
    if suppress:
        table = suppress_table(rows, row_totals=False, column_totals=True)
        body = [[table.cell(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
        totals = [table.column_total(c) for c in range(len(rows[0]))] if rows else []
    else:
        body = [[f"{n:,}" for n in row] for row in rows]
        totals = [f"{sum(column):,}" for column in zip(*rows, strict=True)] if rows else []
    return body, totals


def _contract_lines(contract: Contract) -> list[tuple[str, str]]:
    return [
        ("年度", contract.fiscal_year_label),
        ("委託元", FUNDER_NAMES.get(contract.funder, contract.funder)),
        ("事業", contract.service_name),
        ("契約名", contract.name),
        ("期間", f"{contract.starts_on:%Y-%m-%d}〜{contract.ends_on:%Y-%m-%d}"),
        ("モデル事業", "○" if contract.model_project else ""),
    ]


def report_workbook(report: ContractReport, *, suppress: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "契約"
    bold = Font(bold=True)
    sheet.append([f"受託事業報告　{report.contract.fiscal_year_label}　{report.contract.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in _contract_lines(report.contract):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append(["成果物", report.contract.deliverables])
    sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 60

    months = book.create_sheet("月別")
    months.append(list(HEADINGS))
    for cell in months[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    body, totals = report_cells(report, suppress=suppress)
    for month, cells in zip(report.months, body, strict=True):
        months.append([month_name(month.month), *cells])
    months.append(["合計", *totals])
    for cell in months[months.max_row]:
        cell.font = bold
    if suppress:
        months.append([])
        months.append([str(LEGEND)])
    months.column_dimensions["A"].width = 12
    for letter in "BCDE":
        months.column_dimensions[letter].width = 18
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
