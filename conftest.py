"""The shared test base: one fixed user per role, in the hub's main office, plus helpers."""

import pytest
from django.test import Client

from tsunagu.accounts.roles import Role
from tsunagu.organisations.models import OrganisationType
from tsunagu.testing.factories import OfficeFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached fragments (ids repeat from test to test) must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture
def partner_office(partner_org):
    return OfficeFactory(organisation=partner_org, name="本所")


def _role_user(username: str, role: Role, office: str = "hub_office"):
    """A fixture: the one user with this role (and this username), in the office of the fixture `office`."""

    @pytest.fixture
    def user(request, db):  # `db` named here, so the test database is set up before the office is asked for
        return UserFactory(username=username, office=request.getfixturevalue(office), roles=[role.value])

    return user


consultation_worker = _role_user("soudan", Role.CONSULTATION_WORKER)
employment_worker = _role_user("shuro", Role.EMPLOYMENT_WORKER)
supervisor = _role_user("shunin", Role.SUPERVISOR)
city_caseworker = _role_user("cw", Role.CITY_CASEWORKER, office="city_office")
partner_staff = _role_user("zoo", Role.PARTNER_STAFF, office="partner_office")
statistician = _role_user("toukei", Role.STATISTICIAN)
administrator = _role_user("kanri", Role.ADMINISTRATOR)

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
    """client_as(user) → a test client logged in as that user, with the second factor given (a real
    TOTP device, verified through django-otp's login) for the roles that need one."""
    from tsunagu.accounts.twofactor import needs_second_factor
    from tsunagu.testing.twofactor import verify_session

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        if needs_second_factor(user):
            verify_session(client, user)
        return client

    return make


_test_database_ready = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test database, and a mark that it exists (the hook below then writes to it)."""
    global _test_database_ready
    _test_database_ready = True
    yield
    _test_database_ready = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A transactional test (the browser tests' live server) ends by flushing every table, the reference
    rows the migrations seed too (the minimum wages, the national figures). Before a database test and
    its fixtures are set up (a module's world may read them), the missing rows are put back, committed.
    Only once the test database is in place: before that, the connection names the real one."""
    uses_database = item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        item.fixturenames
    )
    if uses_database and _test_database_ready:
        from pytest_django.plugin import blocking_manager_key

        from tsunagu.testing.factories import seed_reference_rows

        with item.config.stash[blocking_manager_key].unblock():
            seed_reference_rows()


def pytest_configure(config):
    # Persistent connections would keep PostgreSQL's test database busy at teardown.
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not Django's shared in-memory one: two threads writing at
    once (the lost-update tests) then meet WAL, IMMEDIATE transactions and the busy timeout as in
    production, where shared-cache memory answers "database table is locked". Measured: the people
    tests take the same time either way (33 s against 35 s)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
