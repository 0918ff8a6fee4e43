"""Printable PDFs in the national layouts (プラン兼事業等利用申込書, 支援経過記録), rendered with WeasyPrint.

The PDFs are the forms themselves: their wording is Japanese whatever the reader's language, and the
Japanese font is embedded so that they print the same on any machine.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable
from pathlib import Path

import matplotlib_fontja
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from tsunagu.cases.models import Case, Note, NoteMethod, Plan, StatutoryService

FONT_PATH = Path(os.path.dirname(matplotlib_fontja.__file__), "fonts", "ipaexg.ttf")
FONT_URL = FONT_PATH.as_uri()

# Print setup shared by every document; the layout of each form lives in its template.
PRINT_CSS = f"""
@font-face {{ font-family: "IPAexGothic"; src: url("{FONT_URL}"); }}
@page {{
    size: A4 portrait;
    margin: 15mm 15mm 17mm 15mm;
    @bottom-center {{ content: counter(page) " / " counter(pages); font: 8pt "IPAexGothic"; }}
}}
html {{ font-family: "IPAexGothic"; font-size: 10pt; line-height: 1.45; color: #000; }}
"""

# The services' names as the national form prints them (form text, not UI strings).
FORM_SERVICE_NAMES: dict[str, str] = {
    StatutoryService.CONSULTATION: "自立相談支援事業",
    StatutoryService.WORK_READINESS: "就労準備支援事業",
    StatutoryService.HOUSEHOLD_BUDGET: "家計改善支援事業",
    StatutoryService.HOUSING_BENEFIT: "住居確保給付金",
    StatutoryService.HOUSING_SUPPORT: "居住支援事業",
    StatutoryService.CHILDREN_LEARNING: "子どもの学習・生活支援事業",
    StatutoryService.CERTIFIED_TRAINING: "認定就労訓練事業",
}

FORM_NOTE_METHODS: dict[str, str] = {
    NoteMethod.VISIT_IN: "来所",
    NoteMethod.PHONE: "電話",
    NoteMethod.HOME_VISIT: "訪問",
    NoteMethod.ACCOMPANY: "同行",
    NoteMethod.EMAIL: "メール",
    NoteMethod.AGENCY: "関係機関",
    NoteMethod.MEETING: "会議",
}


# A note up to about a third of a page is kept whole rather than split over two pages.
SHORT_NOTE_CHARS = 600


class _FontOnlyFetcher(URLFetcher):
    """Fetch the embedded font and nothing else: rendering a PDF of personal data touches no other file or host."""

    def fetch(self, url, headers=None):
        if url != FONT_URL:
            raise ValueError(f"Refused to fetch {url!r} while rendering a PDF")
        return super().fetch(url, headers)


# Loading the 6 MB font copies it into a Fontconfig folder: do it once per thread, not once per PDF.
_local = threading.local()


def _print_setup() -> tuple[FontConfiguration, CSS, URLFetcher]:
    if not hasattr(_local, "setup"):
        font_config = FontConfiguration()
        fetcher = _FontOnlyFetcher(allowed_protocols=("file",))
        stylesheet = CSS(string=PRINT_CSS, font_config=font_config, url_fetcher=fetcher)
        _local.setup = (font_config, stylesheet, fetcher)
    return _local.setup


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to PDF bytes: Japanese text and dates whatever language the reader uses."""
    with translation.override("ja"):
        html = render_to_string(template_name, context)
    font_config, stylesheet, fetcher = _print_setup()
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)


def plan_pdf(plan: Plan) -> bytes:
    """プラン兼事業等利用申込書: the plan, the services applied for and a line for the person's signature."""
    case = plan.case
    chosen = set(plan.statutory_services)
    services = [
        {"name": FORM_SERVICE_NAMES.get(code, str(label)), "checked": code in chosen}
        for code, label in StatutoryService.choices
    ]
    context = {
        "plan": plan,
        "case": case,
        "person": case.person,
        "created_on": timezone.localdate(plan.created_at) if plan.created_at else None,
        "printed_on": timezone.localdate(),
        "supports": list(plan.support_rows.all()),
        "services": services,
    }
    return render_pdf("cases/pdf/plan.html", context)


def support_record_pdf(case: Case, notes: Iterable[Note]) -> bytes:
    """支援経過記録: every note of the case, oldest first, as one table that continues over pages."""
    rows = []
    for note in sorted(notes, key=lambda n: (n.occurred_at, n.pk)):
        when: dt.datetime = timezone.localtime(note.occurred_at)
        rows.append(
            {
                "date": when.date(),
                "time": f"{when:%H:%M}",
                "method": FORM_NOTE_METHODS.get(note.method, note.get_method_display()),
                "worker": str(note.worker),
                "minutes": note.minutes,
                "content": note.content,
                "short": len(note.content) <= SHORT_NOTE_CHARS,
            }
        )
    context = {"case": case, "person": case.person, "rows": rows, "printed_on": timezone.localdate()}
    return render_pdf("cases/pdf/support_record.html", context)


# The national item lists as the forms print them (form text, not UI strings). The tests check that each
# form and its PDF carry every item (tsunagu/cases/tests/test_national_forms.py).
FORM_WORK = {
    "regular": "正社員・公務員",
    "non_regular": "臨時職員・パート・アルバイト・派遣社員",
    "self_employed": "自営業・家族従業者・内職",
    "student": "学生",
    "pension": "年金生活",
    "unemployed": "失業・休職中",
    "other": "その他",
}
FORM_HOUSING = {
    "owned": "持家",
    "rented": "借家",
    "public": "公営住宅",
    "with_others": "親族・知人宅",
    "dormitory": "会社寮・借上げ住宅",
    "homeless": "野宿",
    "other": "その他",
}
FORM_INSURANCE = {
    "employee": "社会保険",
    "national": "国民健康保険",
    "late_elderly": "後期高齢者医療",
    "medical_assistance": "医療扶助",
    "none": "無保険",
    "other": "その他",
}
FORM_PENSION = {
    "receiving": "受給中",
    "enrolled": "加入中",
    "not_enrolled": "未加入・未納",
    "unknown": "不明",
}
FORM_CHALLENGES = {
    "illness": "病気",
    "injury": "けが",
    "disability": "障害（手帳有）",
    "disability_suspected": "障害（疑い）",
    "suicide_risk": "自殺企図",
    "mental_health": "その他メンタルヘルスの課題",
    "housing_insecure": "住まい不安定",
    "homeless": "ホームレス",
    "economic_hardship": "経済的困窮",
    "debt": "（多重・過剰）債務",
    "budgeting": "家計管理の課題",
    "job_search": "就職活動困難",
    "job_retention": "就職定着困難",
    "daily_habits": "生活習慣の乱れ",
    "social_isolation": "社会的孤立",
    "family": "家族関係・家族の問題",
    "school_refusal": "不登校",
    "delinquency": "非行",
    "early_leaver": "中卒・高校中退",
    "abused": "被虐待",
    "dv": "DV",
    "childcare": "子育て",
    "care": "介護",
    "single_parent": "ひとり親",
    "foreign_national": "外国籍",
    "former_offender": "刑余者",
    "literacy": "識字・言語",
    "communication": "コミュニケーションが苦手",
    "other": "その他",
}
FORM_LIFE_CHANGES = {
    "motivation": "自立意欲の向上・改善",
    "mental_stability": "精神の安定",
    "relationships": "対人関係・家族関係の改善",
    "participation": "社会参加機会の増加",
    "habits": "生活習慣の改善",
    "health": "健康状態の改善",
    "housing": "住まいの確保・安定",
    "budget": "家計の改善",
    "other_life": "その他",
}
FORM_WORK_CHANGES = {
    "job_search": "就職活動開始",
    "training": "職業訓練の開始",
    "employed": "就職",
    "earned_income": "就労収入増加",
    "other_work": "その他",
}
FORM_ACHIEVEMENT = {"achieved": "達成", "partly": "一部達成", "not_yet": "未達成"}


def _boxes(names: dict[str, str], chosen) -> list[dict]:
    chosen = set(chosen if isinstance(chosen, (list, set, tuple)) else [chosen])
    return [{"name": name, "checked": code in chosen} for code, name in names.items()]


def intake_assessment_pdf(case: Case, assessment) -> bytes:
    """インテーク・アセスメントシート: the intake (相談受付・申込票 A/B) and the assessment on one or two pages."""
    context = {
        "case": case,
        "person": case.person,
        "assessment": assessment,
        "concerns": [c.get_concern_display() for c in case.concerns.all()],
        "work": _boxes(FORM_WORK, assessment.work_status),
        "housing": _boxes(FORM_HOUSING, assessment.housing_type),
        "insurance": _boxes(FORM_INSURANCE, assessment.health_insurance),
        "pension": _boxes(FORM_PENSION, assessment.pension),
        "challenges": _boxes(FORM_CHALLENGES, assessment.challenges),
        "work_history": list(assessment.work_history.all()),
        "family": list(assessment.family.all()),
        "emergency": list(case.emergency_supports.order_by("provided_on", "id")),
        "printed_on": timezone.localdate(),
    }
    return render_pdf("cases/pdf/intake_assessment.html", context)


def evaluation_pdf(evaluation) -> bytes:
    """評価シート: each goal's achievement, the 状態像の変化 (生活面・就労面) and what comes next."""
    case = evaluation.case
    context = {
        "case": case,
        "person": case.person,
        "evaluation": evaluation,
        "plan": evaluation.plan,
        "goals": [
            {"goal": g.goal, "achievement": FORM_ACHIEVEMENT.get(g.achievement, "")}
            for g in evaluation.goals.all()
        ],
        "life": _boxes(FORM_LIFE_CHANGES, evaluation.state_changes),
        "work": _boxes(FORM_WORK_CHANGES, evaluation.state_changes),
        "printed_on": timezone.localdate(),
    }
    return render_pdf("cases/pdf/evaluation.html", context)


def municipal_report_pdf(report, *, definition: str) -> bytes:
    """自治体への継続支援ケース報告: the month's continuing cases of one reporting body, A4 landscape."""
    rows = [
        {"row": row, "services": [FORM_SERVICE_NAMES.get(code, code) for code in row.service_codes]}
        for row in report.rows
    ]
    context = {
        "report": report,
        "rows": rows,
        "definition": definition,
        "printed_on": timezone.localdate(),
    }
    return render_pdf("cases/pdf/municipal_report.html", context)
