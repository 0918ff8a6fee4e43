"""A background job from start to end through the real queue (django-tasks' database backend, run
in-process as its worker runs it): its progress, its cancellation, its failure, its result, its audience."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.background import services
from tsunagu.background.models import BackgroundJob, JobStatus
from tsunagu.background.progress import Board, live_figures, report_progress
from tsunagu.background.registry import Outcome, ResultFile
from tsunagu.background.worker import run_queued_tasks
from tsunagu.organisations.models import Area
from tsunagu.testing.factories import OfficeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _area(name: str) -> None:
    Area.objects.create(name=name)


def test_a_job_waits_in_the_queue_until_the_worker_runs_it(supervisor, test_kind):
    job = services.start_job(actor=supervisor, kind=test_kind(), params={})
    assert job.status == JobStatus.QUEUED
    assert DBTaskResult.objects.get(id=job.task_id).args_kwargs == {"args": [job.pk], "kwargs": {}}

    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.message == "done"
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    assert run_queued_tasks() == 0


def test_a_running_job_shows_how_far_it_got_and_keeps_the_figures_it_ended_with(supervisor, test_kind):
    seen = []

    def run(job):
        report_progress(1, 4, "Counting")
        seen.append(live_figures(BackgroundJob.objects.get(pk=job.pk)))
        report_progress(4, 4)
        return Outcome()

    job = services.start_job(actor=supervisor, kind=test_kind(run), params={})
    run_queued_tasks()

    (running,) = seen
    assert (running.done, running.total, running.step, running.percent) == (1, 4, "Counting", 25)
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.DONE, 4, 4)
    assert not Board(job.board).path.exists()  # the board goes with the run


def test_a_job_cancelled_while_it_runs_stops_at_its_next_step_and_leaves_nothing(
    supervisor, client_as, test_kind
):
    client = client_as(supervisor)

    def run(job):
        _area("途中まで")
        report_progress(1, 3, "Writing")
        # The starter presses Cancel while the job runs.
        assert client.post(reverse("background:job_cancel", args=[job.pk])).status_code == 302
        _area("取消後")
        report_progress(2, 3)
        _area("届かない")
        return Outcome()

    job = services.start_job(actor=supervisor, kind=test_kind(run), params={})
    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert job.message == "Cancelled: nothing was saved."
    assert not Area.objects.filter(name__in=["途中まで", "取消後", "届かない"]).exists()


def test_a_queued_job_cancelled_never_runs_and_cancelling_twice_is_harmless(supervisor, client_as, test_kind):
    ran = []
    job = services.start_job(
        actor=supervisor, kind=test_kind(lambda job: ran.append(1) or Outcome()), params={}
    )
    client = client_as(supervisor)
    url = reverse("background:job_cancel", args=[job.pk])

    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.cancel_requested
    assert not ran
    assert AuditEvent.objects.filter(object_type="background.backgroundjob", detail__cancel=True).count() == 1


def test_a_job_that_fails_says_why_in_words_and_writes_nothing(supervisor, test_kind):
    def run(job):
        _area("失敗前")
        raise ValidationError("The file is gone.")

    job = services.start_job(actor=supervisor, kind=test_kind(run), params={})
    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "The file is gone. Nothing was saved."
    assert not Area.objects.filter(name="失敗前").exists()


def test_an_unexpected_error_is_never_shown_raw_and_is_logged_without_its_text(supervisor, test_kind, caplog):
    def run(job):
        _area("失敗前")
        raise RuntimeError("鈴木 一郎 の行で失敗")

    job = services.start_job(actor=supervisor, kind=test_kind(run), params={})
    with caplog.at_level(logging.ERROR, logger="tsunagu.background"):
        run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("The job stopped on an unexpected error and nothing was saved.")
    assert f"(job {job.pk})" in job.message
    assert "鈴木" not in job.message
    assert not Area.objects.filter(name="失敗前").exists()
    assert "builtins.RuntimeError" in caplog.text and "鈴木" not in caplog.text
    task = DBTaskResult.objects.get(id=job.task_id)
    assert (
        task.status == "SUCCESSFUL" and "鈴木" not in task.traceback
    )  # the queue's row holds no text either


def test_the_job_page_polls_until_the_job_ends_then_offers_its_file_whose_download_is_audited(
    supervisor, client_as, test_kind
):
    kind = test_kind(
        lambda job: Outcome(message="Ready.", file=ResultFile("figures.csv", "text/csv", b"a,b\r\n"))
    )
    job = services.start_job(actor=supervisor, kind=kind, params={})
    client = client_as(supervisor)
    page = client.get(reverse("background:job_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'data-testid="job-cancel"' in page

    run_queued_tasks()
    partial = client.get(reverse("background:job_progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in partial  # finished: the polling stops
    assert "Ready." in partial and "figures.csv" in partial
    download = client.get(reverse("background:job_download", args=[job.pk]))
    assert download.content == b"a,b\r\n"
    assert download["Content-Disposition"] == 'attachment; filename="figures.csv"'
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="background.backgroundjob")
    assert (event.actor, event.object_id) == (supervisor, str(job.pk))


def test_a_job_is_seen_only_by_its_starter_and_the_administrators_of_their_organisation(
    supervisor, administrator, consultation_worker, client_as, test_kind
):
    kind = test_kind(lambda job: Outcome(file=ResultFile("f.csv", "text/csv", b"x")))
    job = services.start_job(actor=supervisor, kind=kind, params={})
    run_queued_tasks()
    other_organisation = OfficeFactory(organisation=OrganisationFactory())
    outsider_admin = UserFactory(username="yoso_kanri", office=other_organisation, roles=["administrator"])
    names = ["job_detail", "job_progress", "job_download"]

    for user, expected in (
        (supervisor, 200),
        (administrator, 200),
        (consultation_worker, 404),
        (outsider_admin, 404),
    ):
        client = client_as(user)
        assert [client.get(reverse(f"background:{name}", args=[job.pk])).status_code for name in names] == [
            expected
        ] * 3, user.username
        listed = client.get(reverse("background:my_jobs")).content.decode()
        assert (reverse("background:job_detail", args=[job.pk]) in listed) == (expected == 200)
    assert (
        client_as(consultation_worker).post(reverse("background:job_cancel", args=[job.pk])).status_code
        == 404
    )
