"""The import pages: upload, map the columns, preview, import. Thin views over imports' selectors and
services; an upload is its uploader's alone (404 for anyone else). The file's content never reaches a URL
or a log; the preview shows the people of the file (and records that read)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event, record_people_seen
from tsunagu.background.selectors import latest_job
from tsunagu.background.services import start_job
from tsunagu.background.views import job_context
from tsunagu.core.forms import add_service_errors, form_status
from tsunagu.core.http import require_perm
from tsunagu.imports import jobs, sample, selectors, services
from tsunagu.imports.forms import MappingForm, UploadForm
from tsunagu.imports.kinds import KIND_CHOICES, KINDS, PEOPLE, fields_of
from tsunagu.imports.reading import ENCODING_LABELS, read_table
from tsunagu.imports.rules import IMPORT_RECORDS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLE_PEOPLE = 200


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_perm(request, IMPORT_RECORDS)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = services.upload_file(
                actor=request.user, source_name=form.cleaned_data["source"], kind=form.cleaned_data["kind"],
                file_name=form.cleaned_data["file"].name, content=form.cleaned_data["file"].read(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("imports:mapping", upload_id=upload.pk)
    context = {
        "form": form, "runs": selectors.office_runs(request.user), "kinds": KINDS, "kind_choices": KIND_CHOICES,
    }  # fmt: skip
    if job := latest_job(user=request.user, kind=jobs.IMPORT):
        context["job"] = job_context(job)
    return render(request, "imports/home.html", context, status=form_status(request, form))


@login_required
def mapping(request: HttpRequest, upload_id: int) -> HttpResponse:
    require_perm(request, IMPORT_RECORDS)
    upload = selectors.get_upload(request.user, upload_id)
    headers = read_table(bytes(upload.content), upload.encoding).headers
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        headers=headers,
        kind=upload.kind,
        mapping=upload.source.mapping,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_mapping(actor=request.user, upload=upload, mapping=form.mapping())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("imports:preview", upload_id=upload.pk)
    context = {"upload": upload, "form": form, "encoding": ENCODING_LABELS.get(upload.encoding, "")}
    return render(request, "imports/mapping.html", context, status=form_status(request, form))


@login_required
def preview(request: HttpRequest, upload_id: int) -> HttpResponse:
    require_perm(request, IMPORT_RECORDS)
    upload = selectors.get_upload(request.user, upload_id)
    check = services.preview(actor=request.user, upload=upload)
    if request.method == "POST":
        # The import itself runs in the background (imports/jobs.py); the page of imports shows its progress.
        if not check.ok:
            messages.error(request, _("Correct the mistakes shown before importing: nothing was saved."))
        elif not check.to_create:
            messages.error(request, _("Every row is already on record: there is nothing to import."))
        else:
            start_job(actor=request.user, kind=jobs.IMPORT, params={"upload_id": upload.pk})
            return redirect("imports:home")
    fields = fields_of(upload.kind)
    shown = check.rows[:20]
    on_record = [row.on_record.pk for row in check.rows if row.on_record is not None] + [
        row.found["person_id"] for row in check.rows if row.found.get("person_id")
    ]
    record_people_seen(request, on_record, page="import_preview")
    context = {
        "upload": upload,
        "check": check,
        "fields": [f for f in fields if f.key in check.mapping.values()],
        "rows": shown,
        "errors": check.errors[:200],
        "encoding": ENCODING_LABELS.get(upload.encoding, ""),
        "earlier_runs": selectors.runs_of_file(request.user, upload.file_hash),
    }
    return render(request, "imports/preview.html", context, status=200 if request.method == "GET" else 400)


@login_required
@require_POST
def discard(request: HttpRequest, upload_id: int) -> HttpResponse:
    require_perm(request, IMPORT_RECORDS)
    upload = selectors.get_upload(request.user, upload_id)
    services.discard_upload(actor=request.user, upload=upload)
    messages.success(request, _("The uploaded file was deleted."))
    return redirect("imports:home")


@login_required
@require_GET
def template(request: HttpRequest) -> HttpResponse:
    require_perm(request, IMPORT_RECORDS)
    kind = request.GET.get("kind", PEOPLE)
    kind = kind if kind in KINDS else PEOPLE
    return _download(sample.template_xlsx(kind), f"tsunagu-{kind}-template.xlsx", XLSX_TYPE)


@login_required
@require_GET
def sample_ledger(request: HttpRequest) -> HttpResponse:
    """The demo's ledger of 200 made-up people (no one real: nothing to audit as a read)."""
    require_perm(request, IMPORT_RECORDS)
    content = sample.ledger_xlsx(SAMPLE_PEOPLE, areas=selectors.area_names())
    record_event(request=request, action=AuditAction.EXPORT, actor=request.user, object_type="sample_ledger")
    return _download(content, "sample-ledger.xlsx", XLSX_TYPE)


@login_required
@require_GET
def sample_ledger_csv(request: HttpRequest) -> HttpResponse:
    require_perm(request, IMPORT_RECORDS)
    content = sample.ledger_csv(SAMPLE_PEOPLE, areas=selectors.area_names(), start=SAMPLE_PEOPLE)
    return _download(content, "sample-ledger-cp932.csv", "text/csv; charset=Shift_JIS")


@login_required
@require_GET
def sample_records(request: HttpRequest) -> HttpResponse:
    """A small ledger of household members or notes of the sample workbook's people (made up, as it is)."""
    require_perm(request, IMPORT_RECORDS)
    kind = request.GET.get("kind", "")
    kind = kind if kind in sample.SAMPLE_RECORDS else next(iter(sample.SAMPLE_RECORDS))
    return _download(sample.records_xlsx(kind, SAMPLE_PEOPLE), f"sample-{kind}.xlsx", XLSX_TYPE)


def _download(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
