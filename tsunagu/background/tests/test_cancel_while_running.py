"""Cancelling a job that a worker is running at that moment, in another thread with its own connection, as
the server and the worker meet in production: on SQLite the job holds the only write lock, and still the
cancel goes through (the job is told through its board, stops, rolls back, and the request then writes)."""

import threading
import time

import pytest
from django.urls import reverse

from tsunagu.background import services
from tsunagu.background.models import BackgroundJob, JobStatus
from tsunagu.background.progress import report_progress
from tsunagu.background.registry import Outcome
from tsunagu.background.worker import WorkerThread
from tsunagu.organisations.models import Area


@pytest.mark.django_db(transaction=True)
def test_a_job_running_in_the_worker_is_cancelled_from_the_page_and_leaves_nothing(
    supervisor, client_as, test_kind
):
    started = threading.Event()

    def run(job):
        Area.objects.create(name="書きかけ")  # the job now holds the write lock (SQLite)
        for done in range(1, 100_000):
            report_progress(done, 100_000, "Working" if done == 1 else None)
            started.set()
            time.sleep(0.01)
        return Outcome(message="never")

    client = client_as(supervisor)  # logged in before the job holds the write lock
    job = services.start_job(actor=supervisor, kind=test_kind(run), params={})
    worker = WorkerThread(interval=0.05)
    worker.start()
    try:
        assert started.wait(60)
        response = client.post(reverse("background:job_cancel", args=[job.pk]))
        assert response.status_code == 302
        for _ in range(600):
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.1)
    finally:
        worker.stop()
    assert job.status == JobStatus.CANCELLED
    assert job.cancel_requested
    assert not Area.objects.filter(name="書きかけ").exists()
    assert BackgroundJob.objects.get(pk=job.pk).progress_done >= 1
