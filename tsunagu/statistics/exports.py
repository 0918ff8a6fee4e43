"""The national figures as files: Excel (one sheet per table), CSV (UTF-8 with BOM, or CP932 for the
Japanese Excel that still expects it) and PDF with a chart. Headings are Japanese whatever the reader's
language, as the national forms are. An export "for outside use" shows every count through
core/suppression.py: a count under 5 as <5, and any count from which one could be worked out as x; a
figure per population, a rate or a ratio built on a hidden count is left out (—)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO, StringIO

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from tsunagu.core.suppression import HIDDEN, LEGEND, suppress_table
from tsunagu.statistics.indicators import Report

NOT_SHOWN = "—"

# The national form's own words for each line (the exports are the form: Japanese whatever the language).
LINE_NAMES = {
    "new_consultations": "新規相談受付件数", "plans": "プラン作成件数", "first_plans": "うち初回プラン",
    "replans": "うち再プラン", "employment_support": "就労支援対象者数", "started_work": "就労者数",
    "started_work_supported": "うち就労支援対象プラン作成者分", "income_rise": "増収者数",
    "income_rise_supported": "うち就労支援対象プラン作成者分", "work_rate": "就労・増収率",
    "evaluated": "評価実施者数", "stepped_up": "うち状態像の変化が1項目以上あった人",
    "step_up_rate": "ステップアップ率（状態像の変化のあった人の割合）",
}  # fmt: skip
SCREENING_NAMES = (
    ("new_consultations", "新規相談受付件数"), ("information_only", "相談・情報提供のみ"),
    ("handed_over", "他制度・他機関へのつなぎ"), ("handed_to_public_assistance", "うち生活保護担当窓口へ"),
    ("continuing", "継続支援"),
)  # fmt: skip
DEFINITION_TEXTS = {
    "new_consultations": "新規相談受付件数：期間内に相談受付日のあるケースの数（スクリーニングの結果を問わない）。",
    "plans": "プラン作成件数：期間内に支援決定（支援決定日。未記録の場合はプランの承認日）のあったプランの数。初回と再プランを分けて数える。",
    "employment_support": "就労支援対象者数：上記のプランのうち、一般就労に向けた支援を含む（就労支援対象）としたものの数。",
    "started_work": "就労者数：期間内に就労開始の記録がある人の数（同じ人は1人）。うち就労支援対象プラン作成者分：その日に就労支援対象の支援決定済みプランがあった人。",
    "income_rise": "増収者数：期間内に増収の記録がある人の数（同じ人は1人）。うち分は就労者数と同じ。",
    "work_rate": "就労・増収率＝（就労者数のうち分＋増収者数のうち分）÷就労支援対象者数。",
    "per_population": "人口10万人あたり（月）＝件数÷人口×100,000（年度は÷12）。人口は期間初日までに記録された最新の値（選んだ自治体、未選択なら全自治体の合計）。対目安値＝実績÷目安値。",
    "screening": "スクリーニング結果：新規相談の内訳（相談・情報提供のみ、他制度・他機関へのつなぎ（うち生活保護担当窓口）、継続支援）。",
    "state_changes": "状態像の変化：期間内に評価（評価シート）のあった人の数と、各項目のあった人の数、1項目以上あった人の割合（ステップアップ率）。",
    "public_assistance": "被保護者：生活保護受給中と記録されたケースの人。自立支援プログラム等の参加者数（期間内に参加していた人）と、期間内の就労者・増収者。",
}
Cell = int | str | Decimal | None


@dataclass(frozen=True)
class Table:
    """One table of an export: its sheet name, title, headings and rows."""

    sheet: str
    title: str
    headings: tuple[str, ...]
    rows: list[list[Cell]]
    note: str = ""


# ---------------------------------------------------------------- which counts may be shown


def shown_counts(report: Report, *, outside: bool) -> dict[str, Cell]:
    """Each count of the report as it may be shown: the number itself, or for outside use <5 / x."""
    f = report.figures
    handed_other = f.handed_over - f.handed_to_public_assistance
    counts: dict[str, int] = {
        "new_consultations": f.new_consultations, "information_only": f.information_only,
        "handed_over": f.handed_over, "handed_to_public_assistance": f.handed_to_public_assistance,
        "continuing": f.continuing, "plans": f.plans, "first_plans": f.first_plans, "replans": f.replans,
        "employment_support": f.employment_support, "started_work": f.started_work,
        "started_work_supported": f.started_work_supported, "income_rise": f.income_rise,
        "income_rise_supported": f.income_rise_supported, "evaluated": f.evaluated, "stepped_up": f.stepped_up,
        "pa_started_work": f.pa_started_work, "pa_income_rise": f.pa_income_rise,
        **{f"item_{code}": n for code, n in f.state_changes.items()},
        **{f"program_{index}": n for index, (_name, n) in enumerate(f.pa_programs)},
    }  # fmt: skip
    if not outside:
        return dict(counts)
    shown: dict[str, Cell] = {}
    # Parts that add up to a published total are suppressed together, so that no total gives one back.
    groups = [
        (
            "new_consultations",
            ["information_only", "handed_to_public_assistance", "handed_other", "continuing"],
        ),
        ("plans", ["first_plans", "replans"]),
        ("started_work", ["started_work_supported", "started_work_other"]),
        ("income_rise", ["income_rise_supported", "income_rise_other"]),
        ("evaluated", ["stepped_up", "not_stepped_up"]),
    ]
    parts = {
        "handed_other": handed_other, "started_work_other": f.started_work - f.started_work_supported,
        "income_rise_other": f.income_rise - f.income_rise_supported, "not_stepped_up": f.evaluated - f.stepped_up,
    }  # fmt: skip
    for total, members in groups:
        table = suppress_table([[counts.get(m, parts.get(m, 0)) for m in members]], column_totals=False)
        shown[total] = table.row_total(0)
        for index, member in enumerate(members):
            shown[member] = table.cell(0, index)
    both = (shown["handed_to_public_assistance"], shown["handed_other"])
    shown["handed_over"] = f"{f.handed_over:,}" if all(_is_number(value) for value in both) else HIDDEN
    for name, n in counts.items():
        if name not in shown:
            shown[name] = suppress_table([[n]], row_totals=False, column_totals=False).cell(0, 0)
    return shown


def _is_number(value: Cell) -> bool:
    return isinstance(value, int) or (isinstance(value, str) and value.replace(",", "").isdigit())


# ---------------------------------------------------------------- the tables


def tables(report: Report, *, outside: bool) -> list[Table]:
    """The four tables of every export, in Japanese."""
    with translation.override("ja"):
        return _tables(report, outside)


def _tables(report: Report, outside: bool) -> list[Table]:
    shown = shown_counts(report, outside=outside)
    scope = f"{report.period.label}　{_scope_label(report)}"
    main_rows: list[list[Cell]] = []
    for line in report.lines:
        label = ("　" if line.indent else "") + LINE_NAMES.get(line.key, str(line.label))
        if line.count is not None:
            value = shown[line.key]
            visible = _is_number(value)
            main_rows.append([
                label, value, line.per_100k if visible else NOT_SHOWN, line.target,
                line.ratio if visible else NOT_SHOWN,
            ])  # fmt: skip
        else:
            parts_visible = _rate_visible(line.key, shown)
            main_rows.append([
                label, f"{line.rate}%" if line.rate is not None and parts_visible else NOT_SHOWN, None,
                f"{line.target}%" if line.target is not None else None,
                line.ratio if parts_visible else NOT_SHOWN,
            ])  # fmt: skip
    population = f"{report.population:,}" if report.population else "未登録"
    main = Table(
        sheet="主要指標",
        title=f"生活困窮者自立支援統計　主要指標（{scope}）",
        headings=("指標", "件数・率", "人口10万人あたり（月）", "目安値", "対目安値"),
        rows=main_rows,
        note=f"人口：{population}",
    )
    screening = Table(
        sheet="スクリーニング結果",
        title=f"新規相談のスクリーニング結果（{scope}）",
        headings=("区分", "件数"),
        rows=[[name, shown[key]] for key, name in SCREENING_NAMES],
    )
    changes = Table(
        sheet="状態像の変化",
        title=f"状態像の変化（{scope}）",
        headings=("項目", "人数"),
        rows=[
            ["評価実施者数", shown["evaluated"]],
            ["状態像の変化が1項目以上あった人", shown["stepped_up"]],
            *[
                [_form_word(label), shown[f"item_{code}"]]
                for (label, _n), code in zip(
                    report.state_change_rows, report.figures.state_changes, strict=True
                )
            ],
        ],
    )
    f = report.figures
    assistance = Table(
        sheet="被保護者",
        title=f"被保護者の自立支援プログラム参加状況と就労・増収（{scope}）",
        headings=("プログラム・区分", "人数"),
        rows=[
            *[[name, shown[f"program_{index}"]] for index, (name, _n) in enumerate(f.pa_programs)],
            ["就労者数（被保護者）", shown["pa_started_work"]],
            ["増収者数（被保護者）", shown["pa_income_rise"]],
        ],
    )
    if outside:
        for table in (main, screening, changes, assistance):
            object.__setattr__(table, "note", " ".join(filter(None, [table.note, str(LEGEND)])))
    return [main, screening, changes, assistance]


def _form_word(label) -> str:
    """The national item's own words: the part in brackets of its label ("… (自立意欲の向上・改善)")."""
    text = str(label)
    return text[text.rfind("(") + 1 : -1] if text.endswith(")") and "(" in text else text


def _rate_visible(key: str, shown: dict[str, Cell]) -> bool:
    parts = {
        "work_rate": ("started_work_supported", "income_rise_supported", "employment_support"),
        "step_up_rate": ("stepped_up", "evaluated"),
    }[key]
    return all(_is_number(shown[part]) for part in parts)


def _scope_label(report: Report) -> str:
    from tsunagu.statistics.selectors import scope_label

    return scope_label(report.scope)


# ---------------------------------------------------------------- Excel


HEADING_FILL = PatternFill("solid", fgColor="DDE6F0")
THIN = Side(style="thin", color="999999")


def workbook(report: Report, *, outside: bool) -> bytes:
    """One sheet per table: the title, the headings in bold on a tint, numbers as numbers, a border."""
    book = Workbook()
    book.remove(book.active)
    for table in tables(report, outside=outside):
        sheet = book.create_sheet(table.sheet)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(list(table.headings))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = HEADING_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        for row in table.rows:
            sheet.append([float(value) if isinstance(value, Decimal) else value for value in row])
        for row in sheet.iter_rows(min_row=3, max_row=sheet.max_row):
            for cell in row:
                cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
                if cell.column > 1:
                    cell.alignment = Alignment(horizontal="right")
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 58
        for letter in "BCDE":
            sheet.column_dimensions[letter].width = 16
        sheet.freeze_panes = "B3"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- CSV


def csv_text(report: Report, *, outside: bool) -> str:
    """Every table one after the other, a blank line between, each headed by its title."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for table in tables(report, outside=outside):
        writer.writerow([table.title])
        writer.writerow(table.headings)
        writer.writerows([["" if value is None else value for value in row] for row in table.rows])
        if table.note:
            writer.writerow([table.note])
        writer.writerow([])
    return out.getvalue()


def csv_bytes(report: Report, *, outside: bool, encoding: str) -> bytes:
    """UTF-8 with a BOM (Excel then reads it as UTF-8), or CP932: a character CP932 lacks becomes 〓
    (the geta mark, the printers' sign for a missing character) rather than an error or a silent gap."""
    text = csv_text(report, outside=outside)
    if encoding == "cp932":
        return "".join(_cp932_char(char) for char in text).encode("cp932")
    return text.encode("utf-8-sig")


MISSING_CHARACTER = "〓"


def _cp932_char(char: str) -> str:
    try:
        char.encode("cp932")
    except UnicodeEncodeError:
        return MISSING_CHARACTER
    return char


# ---------------------------------------------------------------- PDF and its chart


def chart_svg(report: Report) -> str:
    """A bar chart of the counts per 100,000 per month against their 目安値 (a line on each bar)."""
    lines = [line for line in report.lines if line.target is not None and line.count is not None]
    width, bar_height, gap, left = 520, 22, 14, 200
    height = len(lines) * (bar_height + gap) + 40
    top = max([*(float(line.per_100k or 0) for line in lines), *(float(line.target) for line in lines), 1.0])
    scale = (width - left - 40) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="chart-title"><title id="chart-title">人口10万人あたり（月）と目安値</title>'
    ]
    for index, line in enumerate(lines):
        y = 20 + index * (bar_height + gap)
        value = float(line.per_100k or 0)
        target_x = left + float(line.target) * scale
        label = LINE_NAMES.get(line.key, str(line.label))
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="10">{_escape(label[:22])}</text>'
            f'<rect x="{left}" y="{y}" width="{value * scale:.1f}" height="{bar_height}" fill="#4a78a8"/>'
            f'<line x1="{target_x:.1f}" x2="{target_x:.1f}" y1="{y - 3}" y2="{y + bar_height + 3}" '
            f'stroke="#c0392b" stroke-width="2"/>'
            f'<text x="{left + value * scale + 4:.1f}" y="{y + 15}" font-size="10">{value:g}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 4}" font-size="9">棒：実績　赤線：目安値（人口10万人あたり・月）</text></svg>'
    )
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pdf(report: Report, *, outside: bool) -> bytes:
    from django.utils.safestring import mark_safe

    from tsunagu.cases.documents import render_pdf  # WeasyPrint is loaded on the first PDF only

    context = {
        "tables": tables(report, outside=outside),
        "chart": mark_safe(chart_svg(report)),
        "definitions": DEFINITION_TEXTS,
        "outside": outside,
        "printed_on": timezone.localdate(),
    }
    return render_pdf("statistics/pdf/report.html", context)
