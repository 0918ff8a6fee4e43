"""Every write of background jobs: start one (queued for the worker), ask to cancel one, and record the
download of its result. The work itself is the worker's (runner.py)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.background.models import FINISHED, BackgroundJob, JobStatus
from tsunagu.background.progress import Board, ask_to_cancel
from tsunagu.background.registry import job_kind
from tsunagu.background.rules import CANCEL_JOB, SEE_JOB
from tsunagu.core.contract import authorise

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


@transaction.atomic
def start_job(*, actor: User, kind: str, params: dict) -> BackgroundJob:
    """Queue a job of the kind for the worker (the task is queued in this same transaction: it runs once
    the job's record is there to read). `params` holds ids and choices, never personal data.

    Idempotent: while the actor's job of the same kind with the same params is queued or running (and not
    being cancelled), starting it again returns that job and queues nothing (a button pressed twice). The
    starter's row is locked first, so that two requests at once on PostgreSQL cannot both miss the other's
    job (SQLite's IMMEDIATE transactions already take turns)."""
    job_type = job_kind(kind)
    if job_type is None:
        raise ValidationError(_("Unknown kind of job."))
    authorise(actor, job_type.permission)
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if (twin := _active_twin(actor=actor, kind=kind, params=params)) is not None:
        return twin
    job = BackgroundJob.objects.create(
        kind=kind,
        params=params,
        started_by=actor,
        organisation_id=actor.organisation_id,
        language=(translation.get_language() or "ja")[:8],
    )
    from tsunagu.background.tasks import run_background_job

    result = run_background_job.enqueue(job.pk)
    job.task_id = str(result.id)[:64]
    job.save(update_fields=["task_id"])
    record_event(action=AuditAction.CREATE, actor=actor, target=job, detail={"kind": kind})
    return job


@transaction.atomic
def cancel_job(*, actor: User, job: BackgroundJob) -> BackgroundJob:
    """Ask the job to stop. A queued job is cancelled at once; a running one stops at its next step and
    rolls back. Asking twice, or once it has finished, changes nothing.

    The running job is told through its board, which the view writes before this transaction begins
    (`progress.ask_to_cancel`): on SQLite the job holds the only write lock, which this transaction waits
    for. The audit event comes first: a running job holds the audit chain's head until it ends, and this
    transaction must hold nothing the job needs meanwhile (the job's row), or PostgreSQL would deadlock."""
    authorise(actor, CANCEL_JOB, job)
    if job.status in FINISHED or job.cancel_requested:
        return job
    ask_to_cancel(job)
    record_event(action=AuditAction.UPDATE, actor=actor, target=job, detail={"cancel": True})
    queued = BackgroundJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED)
    if queued.update(
        status=JobStatus.CANCELLED, cancel_requested=True, finished_at=timezone.now(),
        message=_("Cancelled before it started: nothing was saved."),
    ):  # fmt: skip
        Board(job.board).remove()
    else:
        BackgroundJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return job


@transaction.atomic
def record_result_download(*, actor: User, job: BackgroundJob) -> None:
    """The result leaves Tsunagu: an EXPORT event naming the job (ids only)."""
    authorise(actor, SEE_JOB, job)
    if not job.has_result:
        raise ValidationError(_("This job has no file to download."))
    record_event(
        action=AuditAction.EXPORT, actor=actor, target=job, detail={"kind": job.kind, "file": job.result_name}
    )


def _active_twin(*, actor: User, kind: str, params: dict) -> BackgroundJob | None:
    """The actor's queued or running job of the kind with the same params (compared as JSON, in Python:
    a JSON column's equality differs between SQLite and PostgreSQL), if any."""
    wanted = _canonical(params)
    candidates = BackgroundJob.objects.filter(
        started_by=actor, kind=kind, status__in=ACTIVE, cancel_requested=False
    ).defer("result")
    return next(
        (job for job in candidates.order_by("-created_at", "-id") if _canonical(job.params) == wanted), None
    )


def _canonical(params) -> str:
    return json.dumps(params, sort_keys=True, default=str)
