"""The contracts' pages: the 沿革 generated from the contracts, a contract's report and its Excel download
(audited), counts under 5 suppressed for the statistician, and the assignment from the case page."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.tests.helpers import days_ago
from tsunagu.contracts import services
from tsunagu.contracts.models import CaseAssignment
from tsunagu.contracts.tests.conftest import contract_fields, in_english
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _carry(world, worker, n: int) -> None:
    """n more cases of the worker carried by the consultation contract from its first day."""
    for _ in range(n):
        case = CaseFactory(worker=worker, person=PersonFactory(), intake_date=days_ago(400))
        services.assign_case(
            actor=worker, case=case, contract=world.consultation, from_on=world.consultation.starts_on
        )


def test_the_history_lists_each_fiscal_year_with_its_milestones_and_contracts(world, supervisor, client_as):
    services.record_milestone(actor=supervisor, on=days_ago(3000), text="協議会を設立")
    services.create_contract(
        actor=supervisor, fields=contract_fields(2013, title="モデル事業", model_project=True)
    )
    page = in_english(client_as(supervisor)).get(reverse("contracts:history"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "平成25年度" in html and "モデル事業" in html and "協議会を設立" in html
    assert html.index("平成25年度") < html.index(world.consultation.fiscal_year_label)


def test_the_supervisor_reads_a_contract_report_with_its_counts_and_deliverables(
    world, supervisor, consultation_worker, client_as
):
    _carry(world, consultation_worker, 6)
    page = in_english(client_as(supervisor)).get(
        reverse("contracts:contract_detail", args=[world.consultation.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "実績報告書" in html
    assert "6 cases (6 people) and 0 placements" in html
    assert "<td>6</td>" in html  # the first month's starts, exactly


def test_the_statistician_sees_counts_under_5_suppressed(world, statistician, consultation_worker, client_as):
    _carry(world, consultation_worker, 3)
    page = in_english(client_as(statistician)).get(
        reverse("contracts:contract_detail", args=[world.consultation.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;5" in html and "<td>3</td>" not in html
    assert "cases (" not in html


def test_the_excel_download_has_the_contract_and_its_months_and_is_audited(
    world, supervisor, consultation_worker, client_as
):
    _carry(world, consultation_worker, 6)
    response = client_as(supervisor).get(reverse("contracts:contract_xlsx", args=[world.consultation.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["契約", "月別"]
    assert book["契約"]["B4"].value == "自立相談支援事業"
    months = book["月別"]
    assert months["A1"].value == "月" and months["B2"].value == "6"
    assert months.cell(row=months.max_row, column=1).value == "合計"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_id == str(world.consultation.pk) and event.detail["suppressed"] is False


def test_the_worker_assigns_the_case_from_the_case_page(world, consultation_worker, client_as):
    client = in_english(client_as(consultation_worker))
    case_page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert reverse("contracts:case_assign", args=[world.case.pk]) in case_page
    url = reverse("contracts:case_assign", args=[world.case.pk])
    data = {
        "contract": world.consultation.pk,
        "from_on": world.consultation.starts_on.isoformat(),
        "to_on": "",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # the same days again: refused, nothing saved
    assert CaseAssignment.objects.filter(case=world.case).count() == 1
    assert "Contracts" in client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()


def test_a_case_out_of_scope_cannot_be_assigned_and_its_existence_is_not_told(
    world, consultation_worker, client_as
):
    response = client_as(consultation_worker).get(reverse("contracts:case_assign", args=[world.far.pk]))
    assert response.status_code == 404


def test_the_worker_assigns_a_placement_of_the_case(world, consultation_worker, client_as):
    url = reverse("contracts:placement_assign", args=[world.placement.pk])
    data = {"contract": world.readiness.pk, "from_on": world.readiness.starts_on.isoformat(), "to_on": ""}
    assert client_as(consultation_worker).post(url, data).status_code == 302
    assert world.placement.contract_assignments.get().contract == world.readiness


def test_the_supervisor_records_a_contract_through_the_form(supervisor, client_as):
    fields = contract_fields(2024, service="housing_support")
    data = {**fields, "starts_on": fields["starts_on"].isoformat(), "ends_on": fields["ends_on"].isoformat(),
            "model_project": ""}  # fmt: skip
    response = in_english(client_as(supervisor)).post(reverse("contracts:contract_create"), data)
    assert response.status_code == 302
    page = client_as(supervisor).get(response["Location"]).content.decode()
    assert "一時生活支援事業" in page
