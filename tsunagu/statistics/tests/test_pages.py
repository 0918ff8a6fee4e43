"""The statistician's page and its downloads: counts with their 目安値 and definitions, never a person;
each download audited as an export; the reference tables kept by the statistician."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.statistics.models import Population
from tsunagu.statistics.tests.conftest import export_through_a_job, in_english
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory

JUNE = dt.date(2026, 6, 1)


def _june_cases(worker, count: int = 6) -> None:
    area = AreaFactory(name="中央", municipality="釧路市")
    for day in range(1, count + 1):
        CaseFactory(
            worker=worker, intake_date=JUNE.replace(day=day),
            person=PersonFactory(area=area, family_name="見えない"),
        )  # fmt: skip


def test_the_statistician_sees_the_months_figures_with_the_target_and_no_one_named(
    client_as, statistician, consultation_worker
):
    _june_cases(consultation_worker)
    client = in_english(client_as(statistician))
    response = client.get(reverse("statistics:report"), {"month": "2026-06", "reporter": "釧路市"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-indicator="new_consultations"' in page
    assert "<td>6</td>" in page  # six intakes in June
    assert "<td>24.0</td>" in page  # the 目安値 in force since H29
    assert "<td>3.75</td>" in page  # 6 × 100,000 ÷ 160,000
    assert "見えない" not in page
    assert "Cases with an intake date in the period" in page


def test_a_fiscal_year_divides_by_twelve_months(client_as, statistician, consultation_worker):
    _june_cases(consultation_worker)
    client = in_english(client_as(statistician))
    response = client.get(
        reverse("statistics:report"), {"period": "year", "year": "2026", "reporter": "釧路市"}
    )
    assert "<td>0.31</td>" in response.content.decode()  # 6 × 100,000 ÷ 160,000 ÷ 12 = 0.3125


def test_a_month_typed_wrongly_is_refused_with_the_reason(client_as, statistician):
    response = in_english(client_as(statistician)).get(reverse("statistics:report"), {"month": "June"})
    assert response.status_code == 400
    assert "Enter the month as 2026-01." in response.content.decode()


def test_the_excel_download_is_audited_as_an_export_and_holds_the_figure(
    client_as, statistician, consultation_worker
):
    _june_cases(consultation_worker)
    response = export_through_a_job(client_as(statistician), {"month": "2026-06"}, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["主要指標"]
    assert sheet["B3"].value == 6
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="statistics.report").latest("pk")
    assert event.detail["page"] == "statistics:report_xlsx" and event.detail["months"] == 1


def test_casework_staff_may_not_open_the_statistics(client_as, consultation_worker):
    assert client_as(consultation_worker).get(reverse("statistics:report")).status_code == 403


def test_the_statistician_records_a_population_and_sending_it_twice_saves_one_row(client_as, statistician):
    client = client_as(statistician)
    data = {"municipality": "鶴居村", "as_of": "2026-04-01", "population": "2400", "source": "住民基本台帳"}
    first = client.post(reverse("statistics:population_add"), data)
    again = client.post(reverse("statistics:population_add"), {**data, "population": "2450"})
    assert first.status_code == again.status_code == 302
    assert Population.objects.get(municipality="鶴居村", as_of=dt.date(2026, 4, 1)).population == 2450


def test_a_population_of_nought_is_refused_with_the_reason(client_as, statistician):
    client = in_english(client_as(statistician))
    response = client.post(
        reverse("statistics:population_add"),
        {"municipality": "鶴居村", "as_of": "2026-04-01", "population": "0"},
    )
    assert response.status_code == 400
    assert not Population.objects.filter(municipality="鶴居村", as_of=dt.date(2026, 4, 1)).exists()


def test_ticking_outside_use_previews_the_export_with_small_counts_hidden(
    client_as, statistician, consultation_worker
):
    _june_cases(consultation_worker, count=3)
    response = in_english(client_as(statistician)).get(
        reverse("statistics:report"), {"month": "2026-06", "outside": "on"}
    )
    page = response.content.decode()
    assert 'data-testid="outside-preview"' in page
    assert "<td>&lt;5</td>" in page  # three intakes: under 5
