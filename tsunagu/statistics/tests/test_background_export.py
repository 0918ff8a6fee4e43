"""A fiscal year's Excel is made in the background: the statistician asks for it on the page, the worker
makes it (through the real queue), the page shows the job and then its file, whose making and download
are both audited as exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.background.models import BackgroundJob
from tsunagu.background.worker import run_queued_tasks
from tsunagu.statistics.tests.test_pages import _june_cases

pytestmark = pytest.mark.django_db

YEAR = {"period": "year", "year": "2026"}


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_fiscal_years_excel_is_made_by_a_job_then_downloaded_and_both_are_audited(
    client_as, statistician, consultation_worker
):
    _june_cases(consultation_worker)
    client = client_as(statistician)
    page = reverse("statistics:report") + "?period=year&year=2026"
    assert 'data-testid="download-xlsx"' not in client.get(page).content.decode()  # no direct download

    response = client.post(reverse("statistics:report_job") + "?period=year&year=2026", {"format": "xlsx"})
    assert response.status_code == 302 and response["Location"] == page
    shown = client.get(page).content.decode()
    assert 'data-testid="job-progress"' in shown and 'data-status="queued"' in shown

    run_queued_tasks()
    job = BackgroundJob.objects.get(started_by=statistician)
    assert job.status == "done" and job.result_name == "kokuho-toukei-fy2026.xlsx"
    shown = client.get(page).content.decode()
    assert reverse("background:job_download", args=[job.pk]) in shown
    made = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="statistics.report")
    assert made.actor == statistician and made.detail["months"] == 12 and made.detail["job"] == job.pk

    download = client.get(reverse("background:job_download", args=[job.pk]))
    assert load_workbook(io.BytesIO(download.content))["主要指標"]["B3"].value == 6
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="background.backgroundjob"
    ).exists()


def test_a_format_it_cannot_make_is_refused_and_queues_nothing(client_as, statistician):
    response = client_as(statistician).post(
        reverse("statistics:report_job") + "?period=year&year=2026", {"format": "docx"}
    )
    assert response.status_code == 400
    assert not BackgroundJob.objects.exists()
