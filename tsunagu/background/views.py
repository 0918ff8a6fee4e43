"""The job pages: one per job with its progress (polled by htmx every second until it ends), its cancel
button and its download; and the user's list of jobs. A job names no person: none records a read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tsunagu.background import selectors, services
from tsunagu.background.models import BackgroundJob
from tsunagu.background.progress import ask_to_cancel, live_figures
from tsunagu.background.registry import job_kind
from tsunagu.background.rules import CANCEL_JOB, SEE_JOB, SEE_JOBS
from tsunagu.core.http import require_perm


def job_context(job) -> dict:
    """What the progress partial (background/_progress.html) needs; other apps' pages include it too."""
    kind = job_kind(job.kind)
    return {"job": job, "figures": live_figures(job), "kind_label": kind.label if kind else job.kind}


@login_required
@require_GET
def my_jobs(request: HttpRequest) -> HttpResponse:
    require_perm(request, SEE_JOBS)
    jobs = [job_context(job) for job in selectors.jobs_of(user=request.user)]
    return render(request, "background/my_jobs.html", {"jobs": jobs})


def _job(request: HttpRequest, job_id: int, *, permission: str = SEE_JOB) -> BackgroundJob:
    """The job, if the user may see jobs, finds it in their scope (404 otherwise) and holds `permission` on it."""
    require_perm(request, SEE_JOBS)
    job = selectors.get_job(user=request.user, job_id=job_id)
    require_perm(request, permission, job)
    return job


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    return render(request, "background/job.html", job_context(job))


@login_required
@require_GET
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The partial that the page polls (every second while the job runs; once it ended, no more)."""
    job = _job(request, job_id)
    return render(request, "background/_progress.html", job_context(job))


@login_required
@require_POST
def job_cancel(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id, permission=CANCEL_JOB)
    ask_to_cancel(job)  # before the service's transaction, which on SQLite waits for the running job
    job = services.cancel_job(actor=request.user, job=job)
    if request.htmx:
        return render(request, "background/_progress.html", job_context(job))
    return redirect("background:job_detail", job_id=job.pk)


@login_required
@require_GET
def job_download(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    try:
        services.record_result_download(actor=request.user, job=job)
    except ValidationError as error:
        raise Http404 from error
    response = HttpResponse(bytes(job.result), content_type=job.result_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    response["Cache-Control"] = "no-store"
    return response
