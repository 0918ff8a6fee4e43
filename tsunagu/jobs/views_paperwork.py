"""The licence's paperwork: the 求人求職管理簿 of a period (a page of its counts, the Excel workbook and
the PDF, which name the seekers of the user's scope) and the 職業紹介事業報告 of a fiscal year (counts
only). Every download is audited (EXPORT), with the people it names."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event, record_people_seen
from tsunagu.core.dates import fiscal_year_of
from tsunagu.core.forms import query_status
from tsunagu.core.http import require_perm
from tsunagu.jobs import paperwork, selectors
from tsunagu.jobs.forms import LedgerForm, ReportYearForm

VIEW = "jobs.view_jobs"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ledger(request: HttpRequest) -> tuple[LedgerForm, selectors.Ledger]:
    """The months asked for (this month by default; one month when only one end is given)."""
    form = LedgerForm(request.GET)
    this_month = timezone.localdate().replace(day=1)
    if query_status(request, form) != 200:
        first = last = this_month
    else:
        first = form.value("first") or form.value("last") or this_month
        last = form.value("last") or first
    end = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return form, selectors.ledger(request.user, first=first, last=end)


def _download(request: HttpRequest, ledger: selectors.Ledger, *, kind: str) -> None:
    """The download's one audit event: the people it names, or (naming no one) the export itself."""
    extra = {
        "first": ledger.first.isoformat(), "last": ledger.last.isoformat(),
        "openings": len(ledger.openings), "seekers": len(ledger.seekers),
    }  # fmt: skip
    page = f"jobs:register_{kind}"
    if not record_people_seen(request, ledger.people, page=page, action=AuditAction.EXPORT, extra=extra):
        record_event(
            request=request,
            action=AuditAction.EXPORT,
            object_type="jobs.register",
            detail={"page": page, **extra},
        )


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    """The period's counts and the two downloads (the page names no one)."""
    require_perm(request, VIEW)
    form, ledger = _ledger(request)
    context = {
        "form": form,
        "ledger": ledger,
        "introductions": sum(len(seeker.shown_introductions) for seeker in ledger.seekers),
        "query": request.GET.urlencode(),
    }
    return render(request, "jobs/register.html", context, status=query_status(request, form))


@login_required
@require_GET
def register_xlsx(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, ledger = _ledger(request)
    if query_status(request, form) != 200:
        return HttpResponse(status=400)
    content = paperwork.ledger_workbook(ledger)
    _download(request, ledger, kind="xlsx")
    return _attachment(content, XLSX, f"kyujin-kyushoku-{ledger.first:%Y%m}-{ledger.last:%Y%m}.xlsx")


@login_required
@require_GET
def register_pdf(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, ledger = _ledger(request)
    if query_status(request, form) != 200:
        return HttpResponse(status=400)
    content = paperwork.ledger_pdf(ledger)
    _download(request, ledger, kind="pdf")
    return _attachment(
        content, "application/pdf", f"kyujin-kyushoku-{ledger.first:%Y%m}-{ledger.last:%Y%m}.pdf"
    )


def _report(request: HttpRequest) -> tuple[ReportYearForm, paperwork.PlacementReport]:
    """The fiscal year asked for; the last one ended by default (the one due on 30 April)."""
    form = ReportYearForm(request.GET)
    default = fiscal_year_of(timezone.localdate()) - 1
    year = form.value("year", default) if query_status(request, form) == 200 else default
    return form, paperwork.placement_report(year)


@login_required
@require_GET
def placement_report(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, report = _report(request)
    context = {"form": form, "report": report, "terms": list(paperwork.TERM_NAMES.values())}
    return render(request, "jobs/placement_report.html", context, status=query_status(request, form))


@login_required
@require_GET
def placement_report_pdf(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, report = _report(request)
    if query_status(request, form) != 200:
        return HttpResponse(status=400)
    content = paperwork.placement_report_pdf(report)
    record_event(
        request=request, action=AuditAction.EXPORT, object_type="jobs.placement_report",
        detail={"page": "jobs:placement_report_pdf", "year": report.year},
    )  # fmt: skip
    return _attachment(content, "application/pdf", f"shokugyo-shokai-hokoku-{report.year}.pdf")
