"""A button pressed twice queues one job; what jobs leave behind (their files, the queue's own rows) is
pruned by the worker when it starts and then at most daily, or by `tsunagu prune-jobs`; the navigation
leads whoever may start a job to their list, which shows each job's kind, status, progress and start."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tsunagu.background import pruning, services
from tsunagu.background.models import BackgroundJob, JobStatus
from tsunagu.background.registry import Outcome, ResultFile
from tsunagu.background.worker import run_queued_tasks, start_up
from tsunagu.core.navigation import navigation_for
from tsunagu.testing.concurrency import save_at_once

pytestmark = pytest.mark.django_db

A_WEEK_AGO = dt.timedelta(days=8)


# ---------------------------------------------------------------- starting twice


def test_starting_the_same_job_twice_while_it_waits_returns_the_first_and_queues_one_task(
    supervisor, test_kind
):
    kind = test_kind()
    first = services.start_job(actor=supervisor, kind=kind, params={"month": "2026-06", "office_id": 3})
    again = services.start_job(actor=supervisor, kind=kind, params={"office_id": 3, "month": "2026-06"})
    assert again.pk == first.pk
    assert BackgroundJob.objects.count() == 1 and DBTaskResult.objects.count() == 1
    assert run_queued_tasks() == 1


def test_the_same_job_while_it_runs_is_the_running_one(supervisor, test_kind):
    seen = []

    def run(job):
        seen.append(services.start_job(actor=job.started_by, kind=job.kind, params=job.params).pk)
        return Outcome()

    job = services.start_job(actor=supervisor, kind=test_kind(run), params={"x": 1})
    run_queued_tasks()
    assert seen == [job.pk]
    assert BackgroundJob.objects.count() == 1


def test_other_params_another_user_or_a_finished_or_cancelled_job_start_a_new_one(
    supervisor, administrator, test_kind
):
    kind = test_kind()
    first = services.start_job(actor=supervisor, kind=kind, params={"format": "csv"})
    other_format = services.start_job(actor=supervisor, kind=kind, params={"format": "pdf"})
    other_user = services.start_job(actor=administrator, kind=kind, params={"format": "csv"})
    assert len({first.pk, other_format.pk, other_user.pk}) == 3

    run_queued_tasks()
    after_done = services.start_job(actor=supervisor, kind=kind, params={"format": "csv"})
    assert after_done.pk != first.pk and after_done.status == JobStatus.QUEUED
    services.cancel_job(actor=supervisor, job=after_done)
    after_cancel = services.start_job(actor=supervisor, kind=kind, params={"format": "csv"})
    assert after_cancel.pk not in (first.pk, after_done.pk)


@pytest.mark.django_db(transaction=True)
def test_two_presses_at_the_same_moment_queue_one_job(supervisor, test_kind):
    kind = test_kind()
    started: list[int] = []

    def press():
        started.append(services.start_job(actor=supervisor, kind=kind, params={"year": 2026}).pk)

    save_at_once(press, press)
    assert len(started) == 2 and len(set(started)) == 1
    assert BackgroundJob.objects.count() == 1 and DBTaskResult.objects.count() == 1


# ---------------------------------------------------------------- pruning


def _finished_a_week_ago(supervisor, kind, params) -> BackgroundJob:
    job = services.start_job(actor=supervisor, kind=kind, params=params)
    run_queued_tasks()
    BackgroundJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - A_WEEK_AGO)
    DBTaskResult.objects.filter(id=job.task_id).update(finished_at=timezone.now() - A_WEEK_AGO)
    return job


def test_pruning_deletes_week_old_results_and_queue_rows_and_keeps_recent_ones(supervisor, test_kind):
    kind = test_kind(lambda job: Outcome(file=ResultFile("f.csv", "text/csv", b"x")))
    old = _finished_a_week_ago(supervisor, kind, {"n": 1})
    recent = services.start_job(actor=supervisor, kind=kind, params={"n": 2})
    run_queued_tasks()
    waiting = services.start_job(actor=supervisor, kind=kind, params={"n": 3})

    pruned = pruning.prune_jobs()

    assert (pruned.results, pruned.task_rows) == (1, 1)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.has_result and old.status == JobStatus.DONE  # the job's record stays, its file goes
    assert recent.has_result
    assert not DBTaskResult.objects.filter(id=old.task_id).exists()
    kept = {str(task_id) for task_id in DBTaskResult.objects.values_list("id", flat=True)}
    assert kept == {recent.task_id, waiting.task_id}


def test_the_worker_prunes_when_it_starts_then_at_most_daily(supervisor, test_kind):
    kind = test_kind(lambda job: Outcome(file=ResultFile("f.csv", "text/csv", b"x")))
    old = _finished_a_week_ago(supervisor, kind, {"n": 1})

    (pruning.board_directory() / pruning.MARKER).unlink()  # never pruned yet (the queue run above did)
    start_up()  # what `tsunagu worker` does first
    old.refresh_from_db()
    assert not old.has_result and not DBTaskResult.objects.filter(id=old.task_id).exists()
    pruned_at = pruning.last_pruned()
    assert pruned_at is not None

    later = _finished_a_week_ago(supervisor, kind, {"n": 2})
    assert pruning.prune_if_due() is None  # pruned less than a day ago
    later.refresh_from_db()
    assert later.has_result

    assert pruning.prune_if_due(now=pruned_at + dt.timedelta(days=1, minutes=1)) is not None
    later.refresh_from_db()
    assert not later.has_result


def test_the_worker_prunes_before_a_job_once_a_day_has_passed(supervisor, test_kind):
    kind = test_kind(lambda job: Outcome(file=ResultFile("f.csv", "text/csv", b"x")))
    old = _finished_a_week_ago(supervisor, kind, {"n": 1})
    a_day_ago = (timezone.now() - dt.timedelta(days=1, minutes=1)).timestamp()
    marker = pruning.board_directory() / pruning.MARKER
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    os.utime(marker, (a_day_ago, a_day_ago))

    services.start_job(actor=supervisor, kind=kind, params={"n": 2})
    run_queued_tasks()  # the worker's own run_task (PruningWorker)
    old.refresh_from_db()
    assert not old.has_result


def test_prune_jobs_is_a_command(supervisor, test_kind, capsys):
    kind = test_kind(lambda job: Outcome(file=ResultFile("f.csv", "text/csv", b"x")))
    _finished_a_week_ago(supervisor, kind, {"n": 1})
    call_command("prune_jobs")
    assert "1 result(s), 1 queue row(s)" in capsys.readouterr().out


# ---------------------------------------------------------------- the navigation and the list


def _nav_urls(user) -> list[str]:
    return [item["url"] for group in navigation_for(user, "/") for item in group["items"]]


def test_whoever_may_start_a_job_finds_their_jobs_in_the_navigation(
    supervisor, statistician, administrator, consultation_worker, partner_staff
):
    mine = reverse("background:my_jobs")
    for user in (supervisor, statistician, administrator):
        assert mine in _nav_urls(user), user.username
    for user in (consultation_worker, partner_staff):  # neither imports nor exports statistics
        assert mine not in _nav_urls(user), user.username


def test_the_list_shows_each_jobs_kind_status_progress_start_and_links(supervisor, client_as, test_kind):
    kind = test_kind(lambda job: Outcome(file=ResultFile("f.csv", "text/csv", b"x")))
    done = services.start_job(actor=supervisor, kind=kind, params={"n": 1})
    run_queued_tasks()
    waiting = services.start_job(actor=supervisor, kind=kind, params={"n": 2})
    BackgroundJob.objects.filter(pk=waiting.pk).update(progress_done=1, progress_total=4)

    client = client_as(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("background:my_jobs")).content.decode()

    for heading in ("Job", "Status", "Progress", "Started at"):
        assert f'<th scope="col">{heading}</th>' in page
    assert page.count("A test job") == 2
    assert f'data-job="{done.pk}" data-status="done"' in page
    assert f'data-job="{waiting.pk}" data-status="queued"' in page
    assert reverse("background:job_detail", args=[waiting.pk]) in page
    assert reverse("background:job_download", args=[done.pk]) in page
    assert "25%" in page and "100%" in page
