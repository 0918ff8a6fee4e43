"""Production totals per work type, month and customer order, on a page and as an Excel workbook. Counts
of people only, never a name; the export is audited (EXPORT) with the months and filters asked for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.forms import query_status
from tsunagu.core.http import require_perm
from tsunagu.work import production
from tsunagu.work.forms_catalog import ProductionQueryForm
from tsunagu.work.months import month_start

VIEW = "work.view_work_catalog"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _query(request: HttpRequest) -> tuple[ProductionQueryForm, dict]:
    """The months (this month by default; the first defaults to the last) and the work type asked for."""
    form = ProductionQueryForm(request.GET)
    this_month = month_start(timezone.localdate())
    last = form.value("last") or form.value("first") or this_month
    first = form.value("first") or last
    if last < first:
        first, last = this_month, this_month
    work_type = form.value("work_type")
    return form, {"first": first, "last": last, "work_type_id": work_type.pk if work_type else None}


@require_GET
@login_required
def production_totals(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, query = _query(request)
    context = {
        "form": form,
        "rows": production.production_rows(**query),
        "orders": production.order_progress(**query),
        "first": production.month_label(query["first"]),
        "last": production.month_label(query["last"]),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "work/catalog/production.html", context, status=query_status(request, form))


@require_GET
@login_required
def production_export(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, query = _query(request)
    if query_status(request, form) != 200:
        return HttpResponse(status=400)
    rows = production.production_rows(**query)
    orders = production.order_progress(**query)
    content = production.workbook(rows, orders, first=query["first"], last=query["last"])
    detail = {
        "page": "work:production_export",
        "first": query["first"].isoformat(),
        "last": query["last"].isoformat(),
        "work_type": query["work_type_id"],
        "rows": len(rows),
    }
    record_event(request=request, action=AuditAction.EXPORT, object_type="work.production", detail=detail)
    response = HttpResponse(content, content_type=XLSX)
    name = f"production-{query['first']:%Y%m}-{query['last']:%Y%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
