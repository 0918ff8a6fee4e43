"""Contracts: who records them, the checks of their period, and the assignments of cases and placements
inside it, never two contracts of one service for the same case on the same day."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.cases.models import PUBLIC_ASSISTANCE_SERVICES, contract_name
from tsunagu.cases.models import Contract as Service
from tsunagu.cases.tests.helpers import days_ago, field_errors, today
from tsunagu.contracts import services
from tsunagu.contracts.models import CaseAssignment, Contract
from tsunagu.contracts.tests.conftest import contract_fields
from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_label, fiscal_year_of

pytestmark = pytest.mark.django_db


def test_a_supervisor_records_a_contract_and_a_consultation_worker_may_not(supervisor, consultation_worker):
    contract = services.create_contract(actor=supervisor, fields=contract_fields(model_project=True))
    assert Contract.objects.get().model_project
    assert contract.service_name == "自立相談支援事業"
    with pytest.raises(PermissionDenied):
        services.create_contract(actor=consultation_worker, fields=contract_fields())
    assert Contract.objects.count() == 1


def test_a_contract_period_outside_its_fiscal_year_is_refused_and_nothing_saved(supervisor):
    first, last = fiscal_year_bounds(2024)
    with pytest.raises(ValidationError) as refused:
        services.create_contract(
            actor=supervisor,
            fields=contract_fields(2024, starts_on=first, ends_on=last + dt.timedelta(days=1)),
        )
    assert "ends_on" in field_errors(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.create_contract(actor=supervisor, fields=contract_fields(2003))
    assert "fiscal_year" in field_errors(refused.value)
    assert not Contract.objects.exists()


def test_an_unknown_field_name_is_a_programming_error(supervisor):
    with pytest.raises(TypeError):
        services.create_contract(actor=supervisor, fields={**contract_fields(), "budget": 1})


def test_free_job_placement_is_no_service_of_a_contract_but_housing_support_is(supervisor):
    assert "job_placement" not in Service.values
    with pytest.raises(ValidationError):
        services.create_contract(actor=supervisor, fields=contract_fields(service="job_placement"))
    assert Service.WELFARE_WORK_READINESS in PUBLIC_ASSISTANCE_SERVICES
    assert Service.WORK_READINESS not in PUBLIC_ASSISTANCE_SERVICES


def test_housing_support_is_called_temporary_living_support_before_april_2025(supervisor):
    assert contract_name("housing_support", dt.date(2025, 3, 31)) == "一時生活支援事業"
    assert contract_name("housing_support", dt.date(2025, 4, 1)) == "居住支援事業"
    old = services.create_contract(actor=supervisor, fields=contract_fields(2024, service="housing_support"))
    new = services.create_contract(actor=supervisor, fields=contract_fields(2025, service="housing_support"))
    assert (old.service_name, new.service_name) == ("一時生活支援事業", "居住支援事業")
    assert "Temporary living" in old.service_label and "Housing support" in new.service_label


def test_fiscal_years_are_named_in_the_japanese_era_of_their_april():
    assert fiscal_year_label(2004) == "平成16年度"
    assert fiscal_year_label(2019) == "平成31年度"
    assert fiscal_year_label(2020) == "令和2年度"
    assert fiscal_year_of(dt.date(2027, 3, 31)) == 2026


def test_the_worker_assigns_a_case_inside_the_contract_period(world, consultation_worker):
    first = world.consultation.starts_on
    assignment = services.assign_case(
        actor=consultation_worker, case=world.case, contract=world.consultation, from_on=first
    )
    assert assignment.last_day == world.consultation.ends_on
    with pytest.raises(ValidationError) as refused:
        services.assign_case(
            actor=consultation_worker, case=world.case, contract=world.readiness,
            from_on=first - dt.timedelta(days=1),
        )  # fmt: skip
    assert "from_on" in field_errors(refused.value)


def test_a_case_is_not_assigned_before_its_intake(world, consultation_worker):
    world.case.intake_date = today()
    world.case.save()
    with pytest.raises(ValidationError) as refused:
        services.assign_case(
            actor=consultation_worker, case=world.case, contract=world.consultation, from_on=days_ago(1)
        )
    assert "from_on" in field_errors(refused.value)


def test_a_case_is_not_carried_by_two_contracts_of_one_service_on_the_same_day(
    world, supervisor, consultation_worker
):
    prefecture = services.create_contract(actor=supervisor, fields=contract_fields(funder="prefecture"))
    start = world.consultation.starts_on
    services.assign_case(
        actor=consultation_worker, case=world.case, contract=world.consultation, from_on=start,
        to_on=start + dt.timedelta(days=9),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.assign_case(
            actor=consultation_worker,
            case=world.case,
            contract=prefecture,
            from_on=start + dt.timedelta(days=9),
        )
    assert "from_on" in field_errors(refused.value)
    # The day after the first ends, and a contract of another service, are both fine.
    services.assign_case(
        actor=consultation_worker, case=world.case, contract=prefecture, from_on=start + dt.timedelta(days=10)
    )
    services.assign_case(actor=consultation_worker, case=world.case, contract=world.readiness, from_on=start)
    assert CaseAssignment.objects.filter(case=world.case).count() == 3


def test_a_worker_may_not_assign_a_case_out_of_their_scope(world, consultation_worker):
    with pytest.raises(PermissionDenied):
        services.assign_case(
            actor=consultation_worker, case=world.far, contract=world.consultation,
            from_on=world.consultation.starts_on,
        )  # fmt: skip
    assert not CaseAssignment.objects.exists()


def test_a_placement_is_assigned_and_a_second_overlapping_one_of_the_service_refused(
    world, consultation_worker
):
    start = world.readiness.starts_on
    services.assign_placement(
        actor=consultation_worker, placement=world.placement, contract=world.readiness, from_on=start
    )
    with pytest.raises(ValidationError):
        services.assign_placement(
            actor=consultation_worker, placement=world.placement, contract=world.readiness,
            from_on=start + dt.timedelta(days=5),
        )  # fmt: skip
    assert world.placement.contract_assignments.count() == 1


def test_a_contract_cannot_be_shortened_past_the_cases_it_carries(world, supervisor, consultation_worker):
    services.assign_case(
        actor=consultation_worker, case=world.case, contract=world.consultation,
        from_on=world.consultation.ends_on,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.edit_contract(
            actor=supervisor, contract=world.consultation,
            fields={"ends_on": world.consultation.ends_on - dt.timedelta(days=1)},
        )  # fmt: skip
    assert "ends_on" in field_errors(refused.value)
