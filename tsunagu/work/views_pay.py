"""Pay pages: a host's month (casework staff), closing it and adjusting a closed month (supervisors), the
pay statement PDFs, and the earned income for the 収入申告 (casework staff and the referring city case
worker). Thin: selectors read and scope (404 outside), services write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_people_seen
from tsunagu.core.forms import add_service_errors, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.work import selectors_pay as selectors
from tsunagu.work import services_pay as services
from tsunagu.work.forms_pay import AdjustmentForm, CloseMonthForm, IncomeFilterForm, PayMonthForm
from tsunagu.work.months import month_start, next_month
from tsunagu.work.warnings import PATTERN_MIN_DAYS, PATTERN_SHARE

VIEW_WORK = "work.view_work"
CLOSE_PAY_MONTHS = "work.close_pay_months"
VIEW_EARNED_INCOME = "work.view_earned_income"


def _month(request: HttpRequest) -> tuple[dt.date, int]:
    """The month asked for (?month=2026-10), else last month (the one to close); and the page's status."""
    form = PayMonthForm(request.GET)
    status = query_status(request, form)
    default = selectors.previous_month(timezone.localdate())
    return month_start(form.value("month", default)), status


def _host_url(host_id: int, month: dt.date) -> str:
    return f"{reverse('work:pay_host', args=[host_id])}?month={month:%Y-%m}"


@login_required
@require_GET
def pay_index(request: HttpRequest) -> HttpResponse:
    """The hosts with work, and whether the month is closed at each."""
    require_perm(request, VIEW_WORK)
    month, status = _month(request)
    context = {
        "month": month,
        "previous_month": selectors.previous_month(month),
        "next_month": next_month(month),
        "hosts": selectors.pay_hosts(month),
    }
    return render(request, "work/pay/index.html", context, status=status)


def _host_page(
    request: HttpRequest,
    host,
    month: dt.date,
    *,
    close_form: CloseMonthForm | None = None,
    adjustment_form: AdjustmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    pay = selectors.host_pay(request.user, host, month)
    may_close = request.user.has_perm(CLOSE_PAY_MONTHS, host)
    today = timezone.localdate()
    closed_months = selectors.closed_months(host) if may_close else []
    shown = [row.person.pk for row in pay.rows]
    if may_close:
        close_form = close_form or CloseMonthForm(initial={"month": f"{month:%Y-%m}"})
        adjustment_form = adjustment_form or AdjustmentForm(
            people=selectors.adjustable_people(request.user, host),
            initial={"month": f"{month_start(today):%Y-%m}"},
        )
        if closed_months or adjustment_form.is_bound:  # the form lists the people placed here by name
            shown += [person.pk for person in adjustment_form.fields["person"].queryset]
    context: dict[str, Any] = {
        "host": host,
        "pay": pay,
        "month": month,
        "previous_month": selectors.previous_month(month),
        "next_month": next_month(month),
        "month_ended": month < month_start(today),
        "may_close": may_close,
        "close_form": close_form,
        "adjustment_form": adjustment_form,
        "show_adjustment": bool(closed_months) or bool(adjustment_form and adjustment_form.is_bound),
        "pattern_min_days": PATTERN_MIN_DAYS,
        "pattern_percent": int(PATTERN_SHARE * 100),
    }
    record_people_seen(request, shown, page="pay_host", target=host)
    return render(request, "work/pay/host.html", context, status=status)


@login_required
@require_GET
def host_pay(request: HttpRequest, host_id: int) -> HttpResponse:
    require_perm(request, VIEW_WORK)
    host = selectors.get_pay_host(host_id)
    month, status = _month(request)
    return _host_page(request, host, month, status=status)


@login_required
@require_POST
def close_month(request: HttpRequest, host_id: int) -> HttpResponse:
    require_perm(request, VIEW_WORK)
    host = selectors.get_pay_host(host_id)
    require_perm(request, CLOSE_PAY_MONTHS, host)
    form = CloseMonthForm(request.POST)
    if form.is_valid():
        month = form.cleaned_data["month"]
        try:
            pay_month = services.close_pay_month(actor=request.user, host=host, month=month)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = pay_month.statements.count()
            messages.success(request, _("The month is closed: %(count)s statements kept.") % {"count": count})
            return redirect(_host_url(host.pk, pay_month.month))
    month = form.cleaned_data.get("month") or selectors.previous_month(timezone.localdate())
    return _host_page(request, host, month_start(month), close_form=form, status=400)


@login_required
@require_POST
@submit_once
def adjustment_add(request: HttpRequest, host_id: int) -> HttpResponse:
    require_perm(request, VIEW_WORK)
    host = selectors.get_pay_host(host_id)
    require_perm(request, CLOSE_PAY_MONTHS, host)
    form = AdjustmentForm(request.POST, people=selectors.adjustable_people(request.user, host))
    if form.is_valid():
        try:
            adjustment = services.add_pay_adjustment(actor=request.user, host=host, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The adjustment is saved, to be paid in that month."))
            return redirect(_host_url(host.pk, adjustment.month))
    month = form.cleaned_data.get("corrects_month") or selectors.previous_month(timezone.localdate())
    return _host_page(request, host, month_start(month), adjustment_form=form, status=400)


@login_required
@require_GET
def statement_pdf(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_perm(request, VIEW_WORK)
    statement = selectors.get_statement(request.user, statement_id)
    from tsunagu.work import documents  # WeasyPrint is loaded on the first PDF only

    content = documents.statement_pdf(statement)
    record_people_seen(
        request, [statement.person_id], page="pay_statement_pdf", target=statement, action=AuditAction.EXPORT
    )
    response = HttpResponse(content, content_type="application/pdf")
    # Ids only: a person's name never goes into a filename or URL.
    response["Content-Disposition"] = f'inline; filename="pay-statement-{statement.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def earned_income(request: HttpRequest) -> HttpResponse:
    """Each person's earned income by month for the 収入申告, the months it rose marked, the people on
    public assistance marked (?assisted=on: only them)."""
    require_perm(request, VIEW_EARNED_INCOME)
    form = IncomeFilterForm(request.GET)
    status = query_status(request, form)
    assisted_only = bool(form.value("assisted", False))
    summary = selectors.earned_income(request.user, today=timezone.localdate(), assisted_only=assisted_only)
    record_people_seen(request, [row.person.pk for row in summary.rows], page="earned_income")
    context = {"summary": summary, "form": form, "assisted_only": assisted_only}
    return render(request, "work/pay/income.html", context, status=status)
