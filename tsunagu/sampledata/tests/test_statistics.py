"""The demo's recent months for the national statistics: decisions on the plans approved in the last six
months, and starts of work and rises in income after them, so that the statistician's page has figures."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tsunagu.cases.models import Plan
from tsunagu.jobs.models import OutcomeKind, WorkOutcome
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.organisations import load_organisations
from tsunagu.sampledata.statistics import load_statistics

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=120)
        counts = load_statistics()
        yield counts
        transaction.set_rollback(True)


def test_recent_plans_get_their_decision_and_some_people_start_work(demo):
    since = timezone.localdate() - dt.timedelta(days=250)
    assert demo["decisions"] > 0
    assert Plan.objects.filter(decided_on__gte=since).count() >= demo["decisions"]
    assert WorkOutcome.objects.filter(kind=OutcomeKind.STARTED_WORK).count() >= demo.get("starts", 0) > 0


def test_some_plans_are_flagged_for_employment_support_from_their_assessment(demo):
    assert Plan.objects.filter(employment_support=True).exists()


def test_every_outcome_comes_after_its_plans_decision(demo):
    for outcome in WorkOutcome.objects.select_related("case"):
        decided = outcome.case.plans.filter(decided_on__isnull=False).order_by("decided_on").first()
        assert decided is None or outcome.on >= decided.decided_on
