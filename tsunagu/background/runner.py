"""The worker's side of a background job: claim it, run its kind's code in one transaction with its board,
and record how it ended. A failed or cancelled job rolls back every write of its own; the starter reads
why in their language, never an exception's text; the log gets the traceback's frames and the exception's
class, without its message (which may quote personal data)."""

from __future__ import annotations

import logging
import traceback

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tsunagu.background.models import BackgroundJob, JobStatus
from tsunagu.background.progress import Board, Cancelled, report_progress, running_on, stopped
from tsunagu.background.registry import Outcome, job_kind

logger = logging.getLogger("tsunagu.background")


def run_job(job_id: int) -> str:
    """Run the job if it is still queued (a job cancelled before it started, or already run, is left as
    it is); its status afterwards."""
    claimed = BackgroundJob.objects.filter(pk=job_id, status=JobStatus.QUEUED, cancel_requested=False).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = BackgroundJob.objects.select_related("started_by").filter(pk=job_id).first()
    if job is None:
        return ""
    if not claimed:
        return job.status
    board = Board(job.board)
    token = running_on(board)
    try:
        with translation.override(job.language):
            return _run(job, board)
    finally:
        stopped(token)
        board.remove()


def _run(job: BackgroundJob, board: Board) -> str:
    kind = job_kind(job.kind)
    try:
        if kind is None:
            raise LookupError("no such kind of job")
        with transaction.atomic():
            report_progress(0, 0, _("Starting"))
            try:
                outcome = kind.run(job)
            finally:
                # The job's own code (a request it makes, in a test) may have switched the language: what
                # follows, success or failure, speaks the starter's.
                translation.activate(job.language)
            _finish(job, board, JobStatus.DONE, outcome)
    except Cancelled:
        _finish(job, board, JobStatus.CANCELLED, Outcome(message=_("Cancelled: nothing was saved.")))
    except ValidationError as error:
        message = " ".join(error.messages)
        _finish(job, board, JobStatus.FAILED, Outcome(message=f"{message} {_('Nothing was saved.')}"))
    except PermissionDenied:
        message = _("You may not do this (any more): nothing was saved.")
        _finish(job, board, JobStatus.FAILED, Outcome(message=message))
    except BaseException as error:
        _log_failure(job, error)
        message = _(
            "The job stopped on an unexpected error and nothing was saved. Try again later; if it fails "
            "again, tell your administrator (job %(id)d)."
        ) % {"id": job.pk}
        _finish(job, board, JobStatus.FAILED, Outcome(message=message))
        if not isinstance(error, Exception):
            raise  # the worker is being stopped
    return job.status


def _finish(job: BackgroundJob, board: Board, status: str, outcome: Outcome) -> None:
    figures = board.figures
    job.status = status
    job.finished_at = timezone.now()
    job.message = outcome.message
    job.next_url = outcome.next_url[:200]
    job.progress_done, job.progress_total, job.step = figures.done, figures.total, figures.step[:120]
    if status == JobStatus.DONE:
        job.progress_done = job.progress_total = max(figures.done, figures.total, 1)
        job.step = ""
    if status == JobStatus.CANCELLED:
        job.cancel_requested = True  # asked through the board (the request's own write may come later)
    if outcome.file is not None:
        job.result, job.result_name = outcome.file.content, outcome.file.name[:120]
        job.result_type = outcome.file.content_type[:120]
    job.save(
        update_fields=[
            "status", "finished_at", "message", "next_url", "progress_done", "progress_total", "step",
            "result", "result_name", "result_type", "cancel_requested",
        ]
    )  # fmt: skip


def _log_failure(job: BackgroundJob, error: BaseException) -> None:
    """The frames (file, line, function) and the class of each exception in the chain, never their
    messages nor the source lines (a literal there could be personal data too)."""
    chain: list[BaseException] = []
    seen: BaseException | None = error
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    lines: list[str] = []
    for exception in reversed(chain):
        frames = traceback.extract_tb(exception.__traceback__)
        lines += [f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n' for frame in frames]
        lines.append(f"{type(exception).__module__}.{type(exception).__qualname__}\n")
    logger.error("Background job %s (%s) failed:\n%s", job.pk, job.kind, "".join(lines))


def fail_abandoned_jobs() -> int:
    """Jobs still marked running when the worker starts were left by one that died mid-job (its
    transaction rolled back): they failed, and say so. How many."""
    abandoned = 0
    for job in BackgroundJob.objects.filter(status=JobStatus.RUNNING).defer("result"):
        with translation.override(job.language):
            message = _("The worker stopped while the job ran: nothing was saved. Start it again.")
        abandoned += BackgroundJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=message
        )
        Board(job.board).remove()
    return abandoned
