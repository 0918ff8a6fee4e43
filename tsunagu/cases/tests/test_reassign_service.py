"""Casework services: reassigning a case to workers of the office.

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditEvent
from tsunagu.cases import services
from tsunagu.cases.tests.helpers import (
    field_errors,
)
from tsunagu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- reassignment


def test_a_supervisor_reassigns_a_case_to_workers_of_the_office(case, supervisor, employment_worker):
    other_worker = UserFactory(office=case.office, roles=[Role.CONSULTATION_WORKER])
    services.reassign_case(
        case=case, actor=supervisor, worker=other_worker, employment_worker=employment_worker
    )
    case.refresh_from_db()
    assert (case.worker, case.employment_worker) == (other_worker, employment_worker)
    assert AuditEvent.objects.filter(
        object_type="cases.case", object_id=str(case.pk), action="update"
    ).exists()


def test_a_case_cannot_go_to_a_worker_of_another_office(
    case, supervisor, consultation_worker, other_hub_office
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    with pytest.raises(ValidationError) as error:
        services.reassign_case(case=case, actor=supervisor, worker=elsewhere)
    assert field_errors(error.value) == {"worker"}
    case.refresh_from_db()
    assert case.worker == consultation_worker


@pytest.mark.parametrize(
    "role_fixture", ["statistician", "administrator", "city_caseworker", "partner_staff"]
)
def test_a_case_cannot_go_to_someone_without_a_casework_role(
    request, case, supervisor, consultation_worker, role_fixture
):
    with pytest.raises(ValidationError) as error:
        services.reassign_case(case=case, actor=supervisor, worker=request.getfixturevalue(role_fixture))
    assert field_errors(error.value) == {"worker"}
    case.refresh_from_db()
    assert case.worker == consultation_worker


def test_a_case_cannot_go_to_a_worker_who_has_left(case, supervisor, consultation_worker):
    departed = UserFactory(office=case.office, roles=[Role.CONSULTATION_WORKER], is_active=False)
    with pytest.raises(ValidationError) as error:
        services.reassign_case(case=case, actor=supervisor, worker=departed)
    assert field_errors(error.value) == {"worker"}


def test_a_bad_employment_worker_is_named_on_that_field(
    case, supervisor, consultation_worker, other_hub_office
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.EMPLOYMENT_WORKER])
    with pytest.raises(ValidationError) as error:
        services.reassign_case(
            case=case, actor=supervisor, worker=consultation_worker, employment_worker=elsewhere
        )
    assert field_errors(error.value) == {"employment_worker"}
    case.refresh_from_db()
    assert case.employment_worker is None


def test_a_consultation_worker_cannot_reassign_a_case(case, consultation_worker, employment_worker):
    with pytest.raises(PermissionDenied):
        services.reassign_case(case=case, actor=consultation_worker, worker=employment_worker)
    case.refresh_from_db()
    assert case.worker == consultation_worker
