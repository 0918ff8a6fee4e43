"""The import's last step runs as a background job (tsunagu/imports/jobs.py), through the real queue: the
supervisor presses Import on the preview, the imports page shows the job, the worker imports chunk by
chunk with its progress; a job cancelled or failing leaves no one imported."""

import pytest
from django.urls import reverse

from tsunagu.background.models import BackgroundJob, JobStatus
from tsunagu.background.progress import Board
from tsunagu.background.worker import run_queued_tasks
from tsunagu.imports import services
from tsunagu.imports.models import ImportRun
from tsunagu.imports.sample import ledger_xlsx
from tsunagu.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def client_as(client_as, settings):
    """The pages in English (the job's messages are in the language the import was started in)."""

    def make(user):
        client = client_as(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _ready_upload(supervisor, areas, count=4):
    return services.upload_file(
        actor=supervisor, source_name="旧台帳", kind="people", file_name="台帳.xlsx",
        content=ledger_xlsx(count, areas=areas),
    )  # fmt: skip


def _in_chunks_of_one(monkeypatch, between=None):
    """The intake written one person a chunk (500 in use), so that a file of four shows each step;
    `between(done)` runs after each chunk, before its progress is told."""
    original = services.register_intakes

    def register(*, progress, **fields):
        def told(done: int, total: int) -> None:
            if between is not None:
                between(done)
            progress(done, total)

        return original(chunk=1, progress=told, **fields)

    monkeypatch.setattr(services, "register_intakes", register)


def test_the_import_runs_in_the_background_with_its_progress_chunk_by_chunk(
    client_as, supervisor, areas, monkeypatch
):
    _in_chunks_of_one(monkeypatch)
    upload = _ready_upload(supervisor, areas)
    client = client_as(supervisor)
    response = client.post(reverse("imports:preview", args=[upload.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("imports:home")
    assert not Person.objects.exists()  # nothing yet: the worker imports
    assert 'data-status="queued"' in client.get(reverse("imports:home")).content.decode()

    seen = []
    write = Board.write

    def watched(board, *, force=False):
        write(board, force=True)
        seen.append((board.figures.done, board.figures.total))

    monkeypatch.setattr(Board, "write", watched)
    run_queued_tasks()

    job = BackgroundJob.objects.get(kind="imports.import_upload")
    assert job.status == JobStatus.DONE, job.message
    assert job.message == "Imported 4 people (0 already on record)."
    assert [step for step in seen if step[1] == 4] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert (job.progress_done, job.progress_total) == (4, 4)
    assert Person.objects.count() == 4 and ImportRun.objects.count() == 1
    home = client.get(reverse("imports:home")).content.decode()
    assert 'data-status="done"' in home and "hx-trigger" not in home


def test_an_import_cancelled_midway_leaves_no_one_imported(client_as, supervisor, areas, monkeypatch):
    upload = _ready_upload(supervisor, areas)
    client = client_as(supervisor)
    client.post(reverse("imports:preview", args=[upload.pk]))
    job = BackgroundJob.objects.get(kind="imports.import_upload")

    def cancel_after_the_second(done: int) -> None:  # the supervisor presses Cancel
        if done == 2:
            client.post(reverse("background:job_cancel", args=[job.pk]))

    _in_chunks_of_one(monkeypatch, between=cancel_after_the_second)
    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert job.progress_done == 2
    assert not Person.objects.exists() and not ImportRun.objects.exists()


def test_an_import_whose_file_is_gone_fails_with_the_reason_and_imports_no_one(client_as, supervisor, areas):
    upload = _ready_upload(supervisor, areas)
    client = client_as(supervisor)
    client.post(reverse("imports:preview", args=[upload.pk]))
    client.post(reverse("imports:discard", args=[upload.pk]))
    run_queued_tasks()

    job = BackgroundJob.objects.get(kind="imports.import_upload")
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("The uploaded file is no longer kept")
    assert not Person.objects.exists()


def test_pressing_import_twice_queues_one_job_and_imports_once(client_as, supervisor, areas):
    upload = _ready_upload(supervisor, areas)
    client = client_as(supervisor)
    client.post(reverse("imports:preview", args=[upload.pk]))
    client.post(reverse("imports:preview", args=[upload.pk]))
    assert BackgroundJob.objects.count() == 1
    assert run_queued_tasks() == 1
    assert Person.objects.count() == 4
