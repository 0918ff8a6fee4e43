"""Pruning what background jobs leave behind: a job's result file a week after it ended, the queue's own
rows (django-tasks-db's `DBTaskResult`) of tasks finished a week ago, and boards a worker left behind.

The worker prunes when it starts and before a job whenever a day has passed since the last pruning
(`prune_if_due`, the time kept in `<var>/jobs/pruned`, so that a worker restarted in a loop does not prune
each time); `tsunagu prune-jobs` prunes at once. The job's own record (kind, status, who, when) stays: it
names no person and is the user's list of jobs."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tsunagu.background.models import BackgroundJob
from tsunagu.background.progress import board_directory

logger = logging.getLogger("tsunagu.background")

# A job's result (an export) is kept this long for its download, then deleted; the queue's rows as long.
RESULT_LIFETIME = dt.timedelta(days=7)
PRUNE_EVERY = dt.timedelta(days=1)
MARKER = "pruned"  # the file under the boards' directory whose time is the last pruning's


@dataclass(frozen=True)
class Pruned:
    results: int = 0
    task_rows: int = 0
    boards: int = 0


def prune_jobs(*, now: dt.datetime | None = None) -> Pruned:
    """Delete the results and the queue's rows older than RESULT_LIFETIME, and stale boards; what went."""
    now = now or timezone.now()
    cutoff = now - RESULT_LIFETIME
    with transaction.atomic():
        results = BackgroundJob.objects.filter(finished_at__lt=cutoff, result__isnull=False).update(
            result=None, result_name="", result_type=""
        )
        task_rows, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    boards = 0
    directory = board_directory()
    if directory.is_dir():
        oldest = now.timestamp() - RESULT_LIFETIME.total_seconds()
        for path in directory.iterdir():
            if path.name != MARKER and path.is_file() and path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
                boards += 1
    _mark(now)
    pruned = Pruned(results=results, task_rows=task_rows, boards=boards)
    logger.info("pruned %d result(s), %d queue row(s), %d board file(s)", *vars(pruned).values())
    return pruned


def prune_if_due(*, now: dt.datetime | None = None) -> Pruned | None:
    """prune_jobs if a day has passed since the last pruning (or none was recorded); else nothing."""
    now = now or timezone.now()
    last = last_pruned()
    if last is not None and now - last < PRUNE_EVERY:
        return None
    return prune_jobs(now=now)


def last_pruned() -> dt.datetime | None:
    try:
        stamp = (board_directory() / MARKER).stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def _mark(now: dt.datetime) -> None:
    marker = board_directory() / MARKER
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    stamp = now.timestamp()
    os.utime(marker, (stamp, stamp))
