"""The import's final step as a background job (tsunagu/background, docs/background-jobs.md): the worker
runs `services.import_upload` for the uploader with its progress row by row; all or nothing, as in a
request, and a cancelled import leaves nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.background.models import BackgroundJob
from tsunagu.background.progress import report_progress
from tsunagu.background.registry import JobKind, Outcome, register_job_kind
from tsunagu.imports import selectors, services
from tsunagu.imports.kinds import PEOPLE
from tsunagu.imports.rules import IMPORT_RECORDS

IMPORT = "imports.import_upload"


def register() -> None:
    register_job_kind(
        JobKind(
            key=IMPORT,
            label=gettext_lazy("Import from a spreadsheet"),
            permission=IMPORT_RECORDS,
            run=run_import,
        )
    )


def run_import(job: BackgroundJob) -> Outcome:
    user = job.started_by
    report_progress(0, 0, _("Checking the file"))
    try:
        upload = selectors.get_upload(user, job.params["upload_id"])
    except Http404 as error:
        raise ValidationError(
            _("The uploaded file is no longer kept (imported, deleted, or a day old): upload it again.")
        ) from error

    labelled = []

    def progress(done: int, total: int) -> None:  # called after each chunk of rows
        report_progress(done, total, None if labelled else _("Importing the rows"))
        labelled.append(True)

    try:
        run = services.import_upload(actor=user, upload=upload, progress=progress)
    except PermissionDenied as error:
        raise ValidationError(
            _("Only casework staff may open cases: ask a supervisor of the office to import.")
        ) from error
    done = (
        _("Imported %(created)d people (%(skipped)d already on record).")
        if run.kind == PEOPLE
        else _("Imported %(created)d records (%(skipped)d already on record).")
    )
    message = done % {
        "created": run.created_count,
        "skipped": run.skipped,
    }
    return Outcome(message=message, next_url=reverse("imports:home"))
