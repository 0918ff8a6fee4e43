"""The statistics' background job: every export of a month or a fiscal year (Excel, CSV in UTF-8 or CP932,
PDF; inside or outside use), made by the worker, kept for download and audited as an EXPORT when made
(and again, naming the job, when downloaded: tsunagu/background, docs/background-jobs.md)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.background.models import BackgroundJob
from tsunagu.background.progress import report_progress
from tsunagu.background.registry import JobKind, Outcome, ResultFile, register_job_kind
from tsunagu.core.contract import authorise
from tsunagu.statistics import exports, selectors
from tsunagu.statistics.indicators import Period, fiscal_year_period, month_period

EXPORT = "statistics.export"
VIEW = "statistics.view_statistics"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# format → how its bytes are made, their content type, the file name's ending
FORMATS = {
    "xlsx": (lambda report, outside: exports.workbook(report, outside=outside), XLSX, "xlsx"),
    "csv": (
        lambda report, outside: exports.csv_bytes(report, outside=outside, encoding="utf-8"),
        "text/csv; charset=utf-8", "csv",
    ),
    "csv_cp932": (
        lambda report, outside: exports.csv_bytes(report, outside=outside, encoding="cp932"),
        "text/csv; charset=shift_jis", "sjis.csv",
    ),
    "pdf": (lambda report, outside: exports.pdf(report, outside=outside), "application/pdf", "pdf"),
}  # fmt: skip


def register() -> None:
    register_job_kind(
        JobKind(key=EXPORT, label=gettext_lazy("National statistics export"), permission=VIEW, run=run_export)
    )


def export_params(
    *, period: Period, office_id: int | None, reporter: str, outside: bool, file_format: str
) -> dict:
    return {
        "first": period.first.isoformat(), "year": period.is_year, "office_id": office_id,
        "reporter": reporter, "outside": outside, "format": file_format,
    }  # fmt: skip


def run_export(job: BackgroundJob) -> Outcome:
    user, params = job.started_by, job.params
    authorise(user, VIEW)
    first = dt.date.fromisoformat(params["first"])
    period = fiscal_year_period(first.year) if params["year"] else month_period(first)
    office_id = params["office_id"]
    if office_id is not None and not selectors.offices(user).filter(pk=office_id).exists():
        office_id = None  # no longer an office of the user's organisation: never another's figures
    make, content_type, extension = FORMATS[params["format"]]
    report_progress(0, 3, _("Counting the figures"))
    report = selectors.report_for(user, period=period, office_id=office_id, reporter=params["reporter"])
    report_progress(1, 3, _("Writing the file"))
    content = make(report, params["outside"])
    report_progress(2, 3, _("Keeping the file"))
    record_event(
        action=AuditAction.EXPORT, actor=user, object_type="statistics.report",
        detail={
            "page": f"statistics:report_{params['format']}", "first": period.first.isoformat(),
            "months": period.months, "office": office_id, "outside": params["outside"], "job": job.pk,
        },
    )  # fmt: skip
    name = f"kokuho-toukei-{period.slug}{'-gaibu' if params['outside'] else ''}.{extension}"
    report_progress(3, 3)
    return Outcome(message=_("The file is ready to download."), file=ResultFile(name, content_type, content))
