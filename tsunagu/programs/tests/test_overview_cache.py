"""Hole 4 of issue 11: the overview's cached counts never lie. Every service that changes what the overview
counts bumps the shared version once its transaction commits (never before it, never on a rollback, and
also for writes made with .update()), so the next overview request counts afresh, in whichever worker.

The tests run on local memory and, when it answers, on Redis (two separate clients there stand for two
gunicorn workers). They commit for real (`transaction=True`): on_commit callbacks run only then."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import subprocess
import sys
import uuid

import pytest
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from tsunagu.core.dates import fiscal_year_start
from tsunagu.organisations.services import update_organisation
from tsunagu.people.models import Stage
from tsunagu.people.services import change_stage, merge_people
from tsunagu.programs import selectors, services
from tsunagu.programs.models import Placement, PlacementStatus
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory, ProgramHostFactory

OVERVIEW = "/programs/overview/"
TODAY = timezone.localdate()
REDIS_URL = os.environ.get("TSUNAGU_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"

pytestmark = pytest.mark.django_db(transaction=True)


def redis_unreachable() -> str:
    """Why the Redis tests cannot run here, or "" when Redis answers."""
    try:
        import redis
    except ImportError:
        return "the redis package is not installed"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"Redis does not answer at {REDIS_URL} ({error})"
    return ""


def redis_settings(prefix: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }


@pytest.fixture
def redis_workers(settings):
    """Redis as the cache, and two more aliases for it: separate clients (connection pools) to the same
    server, as two gunicorn workers have. Keys under a prefix of this test's own, deleted afterwards
    (never FLUSHDB: the server may be shared)."""
    reason = redis_unreachable()
    if reason:
        print(f"\nSKIPPED the Redis cache tests: {reason}")  # shown with -s; the skip reason with -rs
        pytest.skip(reason)
    prefix = f"tsunagu-test-{uuid.uuid4().hex}"
    previous = settings.CACHES
    settings.CACHES = {alias: redis_settings(prefix) for alias in ("default", "worker_a", "worker_b")}
    yield
    client = caches["worker_a"]._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    # Back to local memory before the shared fixture's cache.clear() runs: on Redis that would be FLUSHDB.
    settings.CACHES = previous


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    """Each test once on the default local memory and once on Redis (skipped, saying why, without it)."""
    if request.param == "redis":
        request.getfixturevalue("redis_workers")
    return request.param


@contextlib.contextmanager
def in_worker(alias: str):
    """Run as the worker whose cache client is `alias`: the code's `cache` is that client meanwhile."""
    default = caches["default"]
    caches["default"] = caches[alias]
    try:
        yield
    finally:
        caches["default"] = default


def placed_on_page(client, host) -> int:
    html = client.get(OVERVIEW).content.decode()
    match = re.search(rf'<li data-host="{host.pk}">(.*?)</li>', html, flags=re.DOTALL)
    assert match, f"host {host.pk} not on the overview"
    return int(re.search(r'data-count="placed">(\d+)<', match.group(1)).group(1))


def place(worker, host) -> Placement:
    """A placement through the service, as the placement form makes it (its own transaction, committed)."""
    case = CaseFactory(worker=worker)
    return services.place_person(
        actor=worker, person=case.person, host=host, status=PlacementStatus.ACTIVE, on=TODAY
    )


def test_a_placement_made_through_the_service_is_counted_by_the_next_overview_request(
    shared_cache, client_as, consultation_worker
):
    host = ProgramHostFactory()
    client = client_as(consultation_worker)
    assert placed_on_page(client, host) == 0  # counted, and kept for a minute
    place(consultation_worker, host)
    assert placed_on_page(client, host) == 1


def test_the_version_moves_when_the_placement_commits_and_not_before(shared_cache, consultation_worker):
    host = ProgramHostFactory()
    before = selectors.overview_version()
    with transaction.atomic():
        place(consultation_worker, host)
        # Bumped now, a request in between would count the old rows again under the new version.
        assert selectors.overview_version() == before
    assert selectors.overview_version() == before + 1


def test_a_placement_rolled_back_does_not_bump_the_version_nor_show(
    shared_cache, client_as, consultation_worker
):
    host = ProgramHostFactory()
    client = client_as(consultation_worker)
    assert placed_on_page(client, host) == 0
    before = selectors.overview_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        place(consultation_worker, host)
        raise RuntimeError("the rest of the form failed")
    assert selectors.overview_version() == before
    assert placed_on_page(client, host) == 0 and not Placement.objects.exists()


def test_a_merge_that_moves_placements_with_update_is_counted_by_the_next_overview(
    shared_cache, supervisor, consultation_worker
):
    """merge_people moves placements with .update(), which no model signal sees: finished this year
    counts people, so two records of one person who both finished at a host count once after the merge."""
    host = ProgramHostFactory()
    keep, duplicate = PersonFactory(), PersonFactory()
    for person in (keep, duplicate):
        CaseFactory(person=person, worker=consultation_worker)
        PlacementFactory(
            person=person, host=host, worker=consultation_worker, status=PlacementStatus.COMPLETED,
            started_on=TODAY - dt.timedelta(days=20), completed_on=TODAY,
        )  # fmt: skip
    finished = lambda: selectors.host_counts(TODAY, fiscal_year_start(TODAY))[host.pk][2]  # noqa: E731
    assert finished() == 2
    merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    assert finished() == 1


def test_a_change_of_stage_is_counted_in_the_next_overview_matrix(shared_cache, consultation_worker):
    person = CaseFactory(worker=consultation_worker).person
    move = (person.current_stage, Stage.EMPLOYMENT)
    period = (TODAY - dt.timedelta(days=30), TODAY)
    moves = lambda: selectors.stage_transitions(*period).get(move, 0)  # noqa: E731
    before = moves()
    change_stage(
        person=person, actor=consultation_worker, stage=Stage.EMPLOYMENT, changed_on=TODAY, reason="就職"
    )
    assert moves() == before + 1


def test_renaming_a_host_organisation_bumps_the_version_and_shows_the_new_name(
    shared_cache, client_as, consultation_worker, administrator
):
    host = ProgramHostFactory(organisation__name="旧名の事業所")
    client = client_as(consultation_worker)
    assert "旧名の事業所" in client.get(OVERVIEW).content.decode()
    before = selectors.overview_version()
    organisation = host.organisation
    update_organisation(
        organisation=organisation,
        actor=administrator,
        edit_version=organisation.edit_version,
        name="新名の事業所",
    )
    assert selectors.overview_version() == before + 1
    page = client.get(OVERVIEW).content.decode()
    assert "新名の事業所" in page and "旧名の事業所" not in page


def test_every_programs_write_to_what_the_overview_counts_bumps_the_version_once_committed(
    shared_cache, administrator, consultation_worker, partner_org
):
    host = ProgramHostFactory()
    program = host.program
    placement = place(consultation_worker, host)
    writes = {
        "add a host": lambda: services.add_host(
            actor=administrator, program=program, organisation=partner_org, capacity=None
        ),
        "rename the program": lambda: services.save_program(
            actor=administrator, program=program, edit_version=program.edit_version, name="改名したプログラム"
        ),
        "take a step": lambda: services.advance_placement(
            actor=consultation_worker, placement=placement, status=PlacementStatus.COMPLETED, on=TODAY,
            edit_version=placement.edit_version,
        ),
    }  # fmt: skip
    for name, write in writes.items():
        before = selectors.overview_version()
        write()
        assert selectors.overview_version() == before + 1, name


# ---------------------------------------------------------------- two workers (Redis)


def test_two_cache_clients_see_the_same_version(redis_workers):
    assert caches["worker_a"] is not caches["worker_b"]
    with in_worker("worker_a"):
        version = selectors.overview_version()
    with in_worker("worker_b"):
        assert selectors.overview_version() == version
        selectors.forget_overview_counts()
    with in_worker("worker_a"):
        assert selectors.overview_version() == version + 1


def test_a_placement_made_in_one_worker_is_seen_by_the_next_request_in_another(
    redis_workers, client_as, consultation_worker
):
    host = ProgramHostFactory()
    client = client_as(consultation_worker)
    with in_worker("worker_a"):
        assert placed_on_page(client, host) == 0  # worker A counts and keeps the counts (and its drawn grid)
    with in_worker("worker_b"):
        place(consultation_worker, host)
    with in_worker("worker_a"):
        assert placed_on_page(client, host) == 1


def test_a_missing_version_starts_from_one_never_used_before(shared_cache):
    """Evicted (local memory keeps 300 keys, Redis may be full), the version must not restart at a number
    whose counts are still kept."""
    selectors.forget_overview_counts()
    first = selectors.overview_version()
    caches["default"].delete(selectors.OVERVIEW_VERSION_KEY)
    assert selectors.overview_version() > first
    caches["default"].delete(selectors.OVERVIEW_VERSION_KEY)
    selectors.forget_overview_counts()
    assert selectors.overview_version() > first


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"TSUNAGU_REDIS_URL": "redis://127.0.0.1:6379/3"}, "django.core.cache.backends.redis.RedisCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_local_memory_unless_a_redis_address_is_given(environment, backend, tmp_path):
    """Read as the server reads it: a fresh process, configured from the environment only."""
    env = {k: v for k, v in os.environ.items() if k not in ("TSUNAGU_REDIS_URL", "REDIS_URL")}
    env.update(environment, DJANGO_SETTINGS_MODULE="tsunagu.settings", TSUNAGU_VAR_DIR=str(tmp_path))
    shown = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; c = settings.CACHES['default'];"
         "print(c['BACKEND'], c.get('LOCATION'))"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert shown[0] == backend
    if environment:
        assert shown[1] == "redis://127.0.0.1:6379/3"
