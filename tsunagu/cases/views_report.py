"""The report of continuing cases to the municipality (自治体への継続支援ケース報告): a page per month and
reporting body, and the same as an A4 PDF in 和暦 to send."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_people_seen
from tsunagu.cases.forms_report import MunicipalReportForm
from tsunagu.cases.municipal_report import CONTINUING_DEFINITION, MunicipalReport, municipal_report
from tsunagu.cases.views_documents import _documents, _pdf_response
from tsunagu.core.forms import query_status
from tsunagu.core.http import require_perm

PERMISSION = "cases.view_municipal_report"


def _report(request: HttpRequest) -> tuple[MunicipalReport, MunicipalReportForm, int]:
    """The month asked for (this month otherwise) and the body (the first one otherwise)."""
    require_perm(request, PERMISSION)
    form = MunicipalReportForm(request.GET)
    status = query_status(request, form)
    month = form.value("month", timezone.localdate().replace(day=1))
    reporter = form.value("to", form.fields["to"].choices[0][0])
    return municipal_report(request.user, month=month, reporter=reporter), form, status


@login_required
@require_GET
def municipal_report_page(request: HttpRequest) -> HttpResponse:
    report, form, status = _report(request)
    record_people_seen(request, report.people, page="municipal_report")
    context = {
        "report": report,
        "form": form,
        "definition": CONTINUING_DEFINITION,
        "previous_month": (report.month - dt.timedelta(days=1)).replace(day=1),
        "next_month": report.month_end + dt.timedelta(days=1),
    }
    return render(request, "cases/municipal_report.html", context, status=status)


@login_required
@require_GET
def municipal_report_pdf(request: HttpRequest) -> HttpResponse:
    report, _form, _status = _report(request)
    content = _documents().municipal_report_pdf(report, definition=str(CONTINUING_DEFINITION))
    record_people_seen(request, report.people, page="municipal_report_pdf", action=AuditAction.EXPORT)
    return _pdf_response(content, f"continuing-cases-{report.month:%Y-%m}.pdf")
