"""The directory's services: for administrators only, whoever calls them (the views check too), and a field
name the service does not know is refused loudly."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import ROLE_FIXTURES
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.organisations import services
from tsunagu.organisations.models import Contact, Office, Organisation
from tsunagu.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoo():
    return OrganisationFactory(name="NPO法人 動物園協会", type="npo")


def _calls(zoo):
    """Each service of the directory, with what it would save."""
    return {
        "create_organisation": lambda actor: services.create_organisation(
            actor=actor, name="NPO法人 まじくる", type="npo"
        ),
        "update_organisation": lambda actor: services.update_organisation(
            organisation=zoo, actor=actor, edit_version=zoo.edit_version, name="改名された協会", type="npo"
        ),
        "add_office": lambda actor: services.add_office(organisation=zoo, actor=actor, name="阿寒分室"),
        "add_contact": lambda actor: services.add_contact(organisation=zoo, actor=actor, name="受入 担当"),
    }


def _directory() -> tuple:
    return (
        sorted(Organisation.objects.values_list("name", flat=True)),
        sorted(Office.objects.values_list("name", flat=True)),
        sorted(Contact.objects.values_list("name", flat=True)),
    )


@pytest.mark.parametrize(
    "service", ["create_organisation", "update_organisation", "add_office", "add_contact"]
)
@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "administrator"])
def test_only_an_administrator_changes_the_directory(request, zoo, service, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    before = _directory()
    with pytest.raises(PermissionDenied):
        _calls(zoo)[service](actor)
    assert _directory() == before


@pytest.mark.parametrize(
    "service", ["create_organisation", "update_organisation", "add_office", "add_contact"]
)
def test_an_administrator_changes_the_directory(zoo, administrator, service):
    before = _directory()
    _calls(zoo)[service](administrator)
    assert _directory() != before


def test_a_field_the_organisation_services_do_not_know_is_refused_and_nothing_is_saved(zoo, administrator):
    with pytest.raises(TypeError, match="founded"):
        services.create_organisation(actor=administrator, name="NPO法人 まじくる", type="npo", founded="2004")
    with pytest.raises(TypeError, match="nmae"):
        services.update_organisation(organisation=zoo, actor=administrator, edit_version=1, nmae="改名")
    assert not Organisation.objects.filter(name__in=["NPO法人 まじくる", "改名"]).exists()
    zoo.refresh_from_db()
    assert (zoo.name, zoo.edit_version) == ("NPO法人 動物園協会", 1)


def test_the_event_a_service_writes_for_a_page_records_the_address_of_the_request(client_as, administrator):
    # The service takes no request: the address comes from the request being served (core.requestcontext).
    client = client_as(administrator)
    response = client.post(
        "/organisations/new/", {"name": "NPO法人 まじくる", "type": "npo"}, REMOTE_ADDR="192.0.2.44"
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="organisations.organisation", action=AuditAction.CREATE)
    assert (event.actor, event.source_address) == (administrator, "192.0.2.44")


def test_the_event_a_service_writes_outside_a_request_records_no_address(zoo, administrator):
    services.add_office(organisation=zoo, actor=administrator, name="阿寒分室")
    assert AuditEvent.objects.get(object_type="organisations.office").source_address is None
