"""The demo's job placement: ten employers, thirty openings over a year, introductions with results, five
hires with their retention checks, two internships ending in a hire, three qualifications."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tsunagu.jobs.models import (
    HelloWorkReferral,
    Internship,
    Introduction,
    JobOpening,
    JobSeeker,
    Qualification,
    RetentionCheck,
    Route,
    WorkOutcome,
)
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.jobs import load_jobs
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo with its job placement, loaded once in a transaction rolled back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=80)
        counts = load_jobs()
        yield counts
        transaction.set_rollback(True)


def test_ten_employers_post_thirty_openings_over_the_last_year(demo):
    openings = JobOpening.objects.all()
    assert openings.count() == 30 and demo["employers"] == 10
    assert openings.values("employer").distinct().count() == 10
    days = sorted(openings.values_list("received_on", flat=True))
    assert (days[-1] - days[0]).days >= 330 and days[-1] <= timezone.localdate()


def test_introductions_have_results_and_five_hires_record_starts_with_retention_checks(demo):
    statuses = set(Introduction.objects.values_list("status", flat=True))
    assert {"hired", "not_hired", "declined"} <= statuses
    hires = WorkOutcome.objects.filter(route=Route.PLACEMENT, introduction__status="hired")
    assert hires.count() == 5
    for outcome in hires:
        assert outcome.retention_checks.count() == 3
    made = RetentionCheck.objects.filter(checked_on__isnull=False)
    assert (
        made.exists()
        and not RetentionCheck.objects.filter(
            due_on__lt=timezone.localdate(), checked_on__isnull=True
        ).exists()
    )


def test_two_internships_end_in_a_hire_and_three_qualifications_are_pursued(demo):
    internships = Internship.objects.filter(hired=True, outcome__route=Route.INTERNSHIP)
    assert internships.count() == 2
    assert sorted(internships.values_list("host__name", flat=True)) == [
        "KCMコーポレーション",
        "株式会社ビケンワーク",
    ]
    assert Qualification.objects.count() == 3
    assert Qualification.objects.filter(funding="livelihood_aid", result="gained").count() == 2
    assert HelloWorkReferral.objects.filter(office__name="ハローワーク釧路").exists()


def test_every_opening_names_its_employers_contact_and_an_area_that_matching_can_weigh(demo):
    openings = JobOpening.objects.select_related("contact")
    assert not openings.filter(contact__isnull=True).exists()
    assert all(opening.contact.organisation_id == opening.employer_id for opening in openings)
    assert openings.values("area").distinct().count() > 1
    wished = JobSeeker.objects.filter(area__isnull=False)
    assert wished.exists() and JobSeeker.objects.filter(area__isnull=True).exists()
