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
