"""The shared test base: one fixed user per role, in the hub's main office, plus helpers."""

import pytest
from django.test import Client

from tsunagu.accounts.roles import Role
from tsunagu.organisations.models import OrganisationType
from tsunagu.testing.factories import OfficeFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hub(db):
    return OrganisationFactory(name="釧路社会的企業創造協議会（テスト）", type=OrganisationType.HUB)


@pytest.fixture
def hub_office(hub):
    return OfficeFactory(organisation=hub, name="本所")


@pytest.fixture
def other_hub_office(hub):
    """A second office of the same hub: its cases are out of scope for the first office's workers."""
    return OfficeFactory(organisation=hub, name="音別サテライト")


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="NPO法人 動物園協会（テスト）", type=OrganisationType.NPO)


@pytest.fixture
def city_office(db):
    city = OrganisationFactory(name="釧路市生活福祉事務所（テスト）", type=OrganisationType.MUNICIPALITY)
    return OfficeFactory(organisation=city, name="本所")


def _user(username: str, office, role: Role):
    return UserFactory(username=username, office=office, roles=[role.value])


@pytest.fixture
def consultation_worker(hub_office):
    return _user("soudan", hub_office, Role.CONSULTATION_WORKER)


@pytest.fixture
def employment_worker(hub_office):
    return _user("shuro", hub_office, Role.EMPLOYMENT_WORKER)


@pytest.fixture
def supervisor(hub_office):
    return _user("shunin", hub_office, Role.SUPERVISOR)


@pytest.fixture
def city_caseworker(city_office):
    return _user("cw", city_office, Role.CITY_CASEWORKER)


@pytest.fixture
def partner_staff(partner_org):
    return _user("zoo", OfficeFactory(organisation=partner_org, name="本所"), Role.PARTNER_STAFF)


@pytest.fixture
def statistician(hub_office):
    return _user("toukei", hub_office, Role.STATISTICIAN)


@pytest.fixture
def administrator(hub_office):
    return _user("kanri", hub_office, Role.ADMINISTRATOR)


ROLE_FIXTURES = (
    "consultation_worker",
    "employment_worker",
    "supervisor",
    "city_caseworker",
    "partner_staff",
    "statistician",
    "administrator",
)


@pytest.fixture
def client_as():
    """client_as(user) → a test client logged in as that user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def pytest_configure(config):
    # Persistent connections would keep PostgreSQL's test database busy at teardown.
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
