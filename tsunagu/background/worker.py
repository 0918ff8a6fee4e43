"""The queue's worker run in-process: the tests' way to run queued jobs through the real database backend
(django-tasks-db's own Worker.run_task, on the task rows the backend queued), and a thread for a live
server in the browser tests. In production the worker is its own process: `tsunagu worker`, db_worker's
loop with the PruningWorker below. Each prunes what old jobs left (pruning.py) when it starts and, before
a task, once a day has passed."""

from __future__ import annotations

import threading

from django.db import close_old_connections, connection, transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tsunagu.background.pruning import prune_if_due
from tsunagu.background.runner import fail_abandoned_jobs

WORKER_ID = "in-process"


class PruningWorker(Worker):
    """db_worker's worker, pruning (at most daily) before it runs a task."""

    def run_task(self, db_task_result: DBTaskResult) -> None:
        prune_if_due()
        super().run_task(db_task_result)


def start_up() -> int:
    """What a worker does first: mark failed the jobs a stopped worker left running (how many), and prune
    if a day has passed since the last pruning."""
    abandoned = fail_abandoned_jobs()
    prune_if_due()
    return abandoned


def run_queued_tasks(*, backend: str = DEFAULT_TASK_BACKEND_ALIAS) -> int:
    """Run every task ready in the queue, one after another, as db_worker --batch does (without its
    exclusive transaction, so that it runs inside a test's transaction too); how many ran."""
    worker = PruningWorker(
        queue_names=["*"], interval=0, batch=True, backend_name=backend, startup_delay=False, max_tasks=None,
        worker_id=WORKER_ID,
    )  # fmt: skip
    ran = 0
    while True:
        with transaction.atomic():
            task_result = DBTaskResult.objects.ready().filter(backend_name=backend).get_locked()
            if task_result is not None:
                task_result.claim(WORKER_ID)
        if task_result is None:
            return ran
        worker.run_task(task_result)
        ran += 1


class WorkerThread(threading.Thread):
    """A worker beside a live server in the same process (the browser tests): polls the queue until
    stopped."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(name="tsunagu-background-worker", daemon=True)
        self.interval = interval
        self._stop_asked = threading.Event()

    def run(self) -> None:
        try:
            while not self._stop_asked.is_set():
                run_queued_tasks()
                close_old_connections()
                self._stop_asked.wait(self.interval)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_asked.set()
        self.join(timeout=30)
