"""A small statistics world: a few cases of the hub this month's last month, through the factories (the
golden kit enters its scenarios through the services)."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    """The running export jobs' boards in a directory of the test's own."""
    settings.VAR_DIR = tmp_path


def export_through_a_job(client, query: dict, file_format: str):
    """What the statistician does for a file: press its button on the page for the query, let the worker
    make it (the real queue, in-process), then download it from the job. The download's response."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from tsunagu.background.models import BackgroundJob
    from tsunagu.background.worker import run_queued_tasks

    started = client.post(f"{reverse('statistics:report_job')}?{urlencode(query)}", {"format": file_format})
    assert started.status_code == 302, started.status_code
    run_queued_tasks()
    job = BackgroundJob.objects.filter(kind="statistics.export").latest("created_at", "pk")
    assert job.status == "done", job.message
    return client.get(reverse("background:job_download", args=[job.pk]))
