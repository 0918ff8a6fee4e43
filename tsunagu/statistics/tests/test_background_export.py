"""Every statistics file is made in the background: the statistician asks for it on the page, the worker
makes it (through the real queue), the page shows the job and then its file, whose making and download
are both audited as exports. Pressing a button twice makes one file."""

import csv
import io

import pytest
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.background.models import BackgroundJob
from tsunagu.background.worker import run_queued_tasks
from tsunagu.statistics.tests.conftest import export_through_a_job
from tsunagu.statistics.tests.test_pages import _june_cases

pytestmark = pytest.mark.django_db

YEAR = {"period": "year", "year": "2026"}


def test_a_fiscal_years_excel_is_made_by_a_job_then_downloaded_and_both_are_audited(
    client_as, statistician, consultation_worker
):
    _june_cases(consultation_worker)
    client = client_as(statistician)
    page = reverse("statistics:report") + "?period=year&year=2026"
    assert 'data-testid="export-xlsx"' in client.get(page).content.decode()

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


@pytest.mark.parametrize(
    ("file_format", "name"),
    [
        ("xlsx", "kokuho-toukei-202606.xlsx"),
        ("csv", "kokuho-toukei-202606.csv"),
        ("csv_cp932", "kokuho-toukei-202606.sjis.csv"),
        ("pdf", "kokuho-toukei-202606.pdf"),
    ],
)
def test_every_file_of_a_month_is_made_by_a_job_and_audited_as_before(
    client_as, statistician, consultation_worker, file_format, name
):
    _june_cases(consultation_worker)
    download = export_through_a_job(client_as(statistician), {"month": "2026-06"}, file_format)
    assert download.status_code == 200 and name in download["Content-Disposition"]
    made = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="statistics.report")
    assert made.detail["page"] == f"statistics:report_{file_format}" and made.detail["months"] == 1


def test_the_cp932_csv_for_outside_use_is_made_by_a_job_and_opens_in_japanese(
    client_as, statistician, consultation_worker
):
    _june_cases(consultation_worker)
    query = {"month": "2026-06", "outside": "on"}
    download = export_through_a_job(client_as(statistician), query, "csv_cp932")
    assert 'filename="kokuho-toukei-202606-gaibu.sjis.csv"' in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode("cp932"))))
    assert any("新規相談受付件数" in row for row in rows)
    made = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="statistics.report")
    assert made.detail["outside"] is True


def test_pressing_a_button_twice_makes_one_file(client_as, statistician):
    client = client_as(statistician)
    url = reverse("statistics:report_job") + "?month=2026-06"
    client.post(url, {"format": "csv"})
    client.post(url, {"format": "csv"})
    client.post(url, {"format": "pdf"})  # another file: a job of its own
    assert BackgroundJob.objects.count() == 2
    assert run_queued_tasks() == 2


def test_the_direct_download_addresses_are_gone():
    for name in ("report_xlsx", "report_csv", "report_csv_cp932", "report_pdf"):
        with pytest.raises(NoReverseMatch):
            reverse(f"statistics:{name}")
