"""Ending a case's or a placement's carrying by a contract: a last day inside the contract's period and
not before the first day, never overlapping another contract of the service; from the case page and from
the contract's report; audited; the same end sent twice saved once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.tests.helpers import field_errors
from tsunagu.contracts import services
from tsunagu.contracts.models import CaseAssignment
from tsunagu.contracts.tests.conftest import contract_fields, in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def carried(world, consultation_worker):
    return services.assign_case(
        actor=consultation_worker, case=world.case, contract=world.consultation,
        from_on=world.consultation.starts_on,
    )  # fmt: skip


def _ends(assignment) -> int:
    return AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="contracts.caseassignment", object_id=str(assignment.pk)
    ).count()


def test_the_worker_ends_the_carrying_from_the_case_page_and_the_report_counts_the_end(
    world, carried, consultation_worker, supervisor, client_as
):
    client = in_english(client_as(consultation_worker))
    case_page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    url = reverse("contracts:case_assignment_end", args=[carried.pk])
    assert url in case_page
    last = world.consultation.starts_on + dt.timedelta(days=40)
    response = client.post(url, {"to_on": last.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[world.case.pk])
    assert client.post(url, {"to_on": last.isoformat()}).status_code == 302  # sent twice
    carried.refresh_from_db()
    assert carried.to_on == last and carried.last_day == last
    assert _ends(carried) == 1
    report = in_english(client_as(supervisor)).get(
        reverse("contracts:contract_detail", args=[world.consultation.pk])
    )
    # Carried from the contract's first day, ended in the month of the last day.
    assert f"{last.year}年{last.month}月</th><td>0</td><td>1</td>" in report.content.decode()


def test_an_end_outside_the_contract_or_before_the_start_is_refused_and_nothing_saved(
    world, carried, consultation_worker, client_as
):
    client = in_english(client_as(consultation_worker))
    url = reverse("contracts:case_assignment_end", args=[carried.pk])
    outside = world.consultation.ends_on + dt.timedelta(days=1)
    response = client.post(url, {"to_on": outside.isoformat()})
    assert response.status_code == 400
    assert "inside the contract&#x27;s period" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.end_case_assignment(
            actor=consultation_worker, assignment=carried,
            to_on=world.consultation.starts_on - dt.timedelta(days=1),
        )  # fmt: skip
    assert "to_on" in field_errors(refused.value)
    carried.refresh_from_db()
    assert carried.to_on is None
    assert _ends(carried) == 0


def test_a_later_end_may_not_overlap_another_contract_of_the_service(world, supervisor, consultation_worker):
    second = services.create_contract(actor=supervisor, fields=contract_fields(title="第二"))
    first_day = world.consultation.starts_on
    early = services.assign_case(
        actor=consultation_worker, case=world.case, contract=world.consultation, from_on=first_day,
        to_on=first_day + dt.timedelta(days=9),
    )  # fmt: skip
    services.assign_case(
        actor=consultation_worker, case=world.case, contract=second, from_on=first_day + dt.timedelta(days=10)
    )
    with pytest.raises(ValidationError) as refused:
        services.end_case_assignment(
            actor=consultation_worker, assignment=early, to_on=first_day + dt.timedelta(days=20)
        )
    assert "to_on" in field_errors(refused.value)
    ended = services.end_case_assignment(
        actor=consultation_worker, assignment=early, to_on=first_day + dt.timedelta(days=5)
    )
    assert ended.to_on == first_day + dt.timedelta(days=5)


def test_the_supervisor_ends_a_placement_from_the_contract_report(world, consultation_worker, supervisor,
                                                                   client_as):  # fmt: skip
    assignment = services.assign_placement(
        actor=consultation_worker, placement=world.placement, contract=world.readiness,
        from_on=world.readiness.starts_on,
    )  # fmt: skip
    client = in_english(client_as(supervisor))
    report = client.get(reverse("contracts:contract_detail", args=[world.readiness.pk])).content.decode()
    url = reverse("contracts:placement_assignment_end", args=[assignment.pk])
    assert url in report and world.case.reference in report
    assert world.case.person.given_name not in report  # the case's reference, not its person's name
    last = world.readiness.starts_on + dt.timedelta(days=60)
    response = client.post(f"{url}?from=report&contract={world.readiness.pk}", {"to_on": last.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("contracts:contract_detail", args=[world.readiness.pk])
    assignment.refresh_from_db()
    assert assignment.to_on == last
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="contracts.placementassignment", object_id=str(assignment.pk)
    ).exists()


def test_an_assignment_out_of_scope_is_not_found_and_the_statistician_sees_no_list(
    world, supervisor, statistician, consultation_worker, client_as
):
    far = CaseAssignment.objects.create(
        contract=world.consultation, case=world.far, from_on=world.far.intake_date, created_by=supervisor
    )
    url = reverse("contracts:case_assignment_end", args=[far.pk])
    assert client_as(consultation_worker).get(url).status_code == 404
    assert (
        client_as(consultation_worker).post(url, {"to_on": world.far.intake_date.isoformat()}).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.end_case_assignment(actor=consultation_worker, assignment=far, to_on=world.far.intake_date)
    report = client_as(statistician).get(reverse("contracts:contract_detail", args=[world.consultation.pk]))
    assert world.far.reference not in report.content.decode()
    assert url not in report.content.decode()
