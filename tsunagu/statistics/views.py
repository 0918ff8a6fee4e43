"""The statistician's page: the national figures of a month or a fiscal year, per office and reporting
municipality, with their definitions, 目安値 and ratios; and its downloads (Excel, CSV in UTF-8 or CP932,
PDF), each made by a background job from the page and audited as an EXPORT. Counts only: no page here names a person, so none records a read."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.background.selectors import recent_jobs
from tsunagu.background.services import start_job
from tsunagu.background.views import job_context
from tsunagu.core.dates import fiscal_year_of
from tsunagu.core.forms import add_service_errors, form_status, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.statistics import exports, jobs, selectors, services
from tsunagu.statistics.forms import BenchmarkForm, PopulationForm, ReportForm
from tsunagu.statistics.indicators import (
    DEFINITION_TITLES,
    DEFINITIONS,
    Period,
    Report,
    fiscal_year_period,
    month_period,
)

VIEW = "statistics.view_statistics"
MANAGE = "statistics.manage_reference"


def _asked(request: HttpRequest) -> tuple[ReportForm, bool, Period, int | None, str, bool]:
    """The period and scope asked for (last month, all offices and municipalities by default): the form,
    whether it passed, the period, the office's id, the reporting body, and "for outside use"."""
    form = ReportForm(
        request.GET, offices=selectors.offices(request.user), reporters=selectors.reporter_choices()
    )
    valid = query_status(request, form) == 200
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if valid and form.value("period") == "year":
        period = fiscal_year_period(form.value("year", fiscal_year_of(today)))
    else:
        period = month_period(form.value("month", last_month) if valid else last_month)
    office = form.value("office") if valid else None
    reporter = form.value("reporter", "") if valid else ""
    return (
        form,
        valid,
        period,
        office.pk if office else None,
        reporter,
        valid and bool(form.value("outside", False)),
    )


def _report(request: HttpRequest) -> tuple[ReportForm, Report, bool]:
    form, _valid, period, office_id, reporter, outside = _asked(request)
    report = selectors.report_for(request.user, period=period, office_id=office_id, reporter=reporter)
    return form, report, outside


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, report, outside = _report(request)
    context = {
        # With "for outside use" ticked, the tables as the exports will carry them (small counts hidden).
        "preview": exports.tables(report, outside=True) if outside else None,
        "form": form,
        "report": report,
        "definitions": [(DEFINITION_TITLES[key], text) for key, text in DEFINITIONS.items()],
        "scope_label": selectors.scope_label(report.scope),
        "query": request.GET.urlencode(),
        "chart": exports.chart_svg(report),
        # Every file is made in the background: the user's recent exports shown, with progress and download.
        "jobs": [job_context(job) for job in recent_jobs(user=request.user, kind=jobs.EXPORT)],
    }
    return render(request, "statistics/report.html", context, status=query_status(request, form))


@login_required
@require_POST
def report_job(request: HttpRequest) -> HttpResponse:
    """The file (`format`: xlsx, csv, csv_cp932, pdf) of the period and scope of the query string, made by
    a background job (the same job again while it is queued or running); back to the page, which shows the
    job's progress and then its download."""
    require_perm(request, VIEW)
    _form, valid, period, office_id, reporter, outside = _asked(request)
    file_format = request.POST.get("format", "")
    if not valid or file_format not in jobs.FORMATS:
        return HttpResponse(status=400)
    params = jobs.export_params(
        period=period, office_id=office_id, reporter=reporter, outside=outside, file_format=file_format
    )
    start_job(actor=request.user, kind=jobs.EXPORT, params=params)
    return redirect(f"{reverse('statistics:report')}?{request.GET.urlencode()}")


# ---------------------------------------------------------------- the reference tables


def _reference_page(request, population_form=None, benchmark_form=None, status=200) -> HttpResponse:
    context = {
        "populations": selectors.populations(),
        "benchmarks": selectors.benchmarks(),
        "population_form": population_form or PopulationForm(),
        "benchmark_form": benchmark_form or BenchmarkForm(),
    }
    return render(request, "statistics/reference.html", context, status=status)


@login_required
@require_GET
def reference(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    return _reference_page(request)


@login_required
@require_POST
@submit_once
def population_add(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = PopulationForm(request.POST)
    if form.is_valid():
        try:
            services.record_population(actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The population figure was saved."))
            return redirect("statistics:reference")
    return _reference_page(request, population_form=form, status=form_status(request, form))


@login_required
@require_POST
@submit_once
def benchmark_add(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = BenchmarkForm(request.POST)
    if form.is_valid():
        try:
            services.set_benchmark(actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target value was saved."))
            return redirect("statistics:reference")
    return _reference_page(request, benchmark_form=form, status=form_status(request, form))
