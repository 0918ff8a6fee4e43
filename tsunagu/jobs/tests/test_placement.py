import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagu.cases.tests.helpers import days_ago, today
from tsunagu.jobs import selectors, services
from tsunagu.jobs.models import IntroductionStatus, Route
from tsunagu.jobs.tests.conftest import in_english
from tsunagu.testing.factories import CaseFactory, JobOpeningFactory, JobSeekerFactory, PersonFactory

pytestmark = pytest.mark.django_db

SEEKER = {
    "occupations": "清掃、調理補助", "area": None, "term": "regular", "max_hours_per_week": 30,
    "wishes": "午前中のみ", "received_on": None, "valid_until": None,
}  # fmt: skip


def seeker_fields(**changes):
    return {**SEEKER, "received_on": days_ago(1), "valid_until": today() + dt.timedelta(days=90), **changes}


def test_a_hire_through_an_introduction_records_the_start_of_work_by_free_job_placement(
    world, employment_worker
):
    seeker = services.register_seeker(actor=employment_worker, case=world.case, fields=seeker_fields())
    introduction = services.introduce(
        actor=employment_worker, seeker=seeker, opening=world.opening, introduced_on=today()
    )
    services.record_introduction_step(
        actor=employment_worker, introduction=introduction, fields={"status": "interviewed", "on": today()}
    )
    services.record_introduction_step(
        actor=employment_worker, introduction=introduction,
        fields={"status": "hired", "on": today(), "started_on": today() + dt.timedelta(days=3)},
    )  # fmt: skip
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.HIRED and introduction.interviewed_on == today()
    outcome = introduction.outcome
    assert outcome.case == world.case and outcome.route == Route.PLACEMENT
    assert outcome.employer == world.opening.employer and outcome.wage == 1100
    assert outcome.employment_form == "regular" and outcome.retention_checks.count() == 3
    with pytest.raises(ValidationError):
        services.record_introduction_step(
            actor=employment_worker, introduction=introduction, fields={"status": "declined", "on": today()}
        )


def test_a_hire_without_a_start_date_saves_nothing(world, employment_worker):
    seeker = JobSeekerFactory(case=world.case, created_by=employment_worker)
    introduction = services.introduce(
        actor=employment_worker, seeker=seeker, opening=world.opening, introduced_on=today()
    )
    with pytest.raises(ValidationError) as refused:
        services.record_introduction_step(
            actor=employment_worker, introduction=introduction, fields={"status": "hired", "on": today()}
        )
    assert "started_on" in refused.value.message_dict
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.INTRODUCED


def test_an_introduction_needs_the_opening_valid_that_day_and_happens_once(world, employment_worker):
    seeker = JobSeekerFactory(case=world.case, created_by=employment_worker, received_on=days_ago(60))
    with pytest.raises(ValidationError) as refused:
        services.introduce(
            actor=employment_worker, seeker=seeker, opening=world.opening, introduced_on=days_ago(40)
        )
    assert "opening" in refused.value.message_dict
    services.introduce(actor=employment_worker, seeker=seeker, opening=world.opening, introduced_on=today())
    with pytest.raises(ValidationError):
        services.introduce(
            actor=employment_worker, seeker=seeker, opening=world.opening, introduced_on=today()
        )


def test_a_seeker_of_another_office_is_neither_registered_nor_seen(world, employment_worker, client_as):
    with pytest.raises(PermissionDenied):
        services.register_seeker(actor=employment_worker, case=world.far, fields=seeker_fields())
    far = JobSeekerFactory(case=world.far, created_by=world.onbetsu)
    response = client_as(employment_worker).get(reverse("jobs:seeker_detail", args=[far.pk]))
    assert response.status_code == 404
    home = client_as(employment_worker).get(reverse("jobs:home")).content.decode()
    assert "圏外" not in home


def test_openings_suggest_seekers_by_occupation_area_and_hours(world, employment_worker):
    suited = JobSeekerFactory(case=world.case, created_by=employment_worker, occupations="清掃")
    other = CaseFactory(worker=employment_worker, person=PersonFactory(family_name="調理"))
    JobSeekerFactory(case=other, created_by=employment_worker, occupations="調理", max_hours_per_week=10)
    page = selectors.opening_page(employment_worker, world.opening)
    assert [m.seeker for m in page.suggestions] == [suited]
    assert [m.opening for m in selectors.seeker_page(employment_worker, suited).suggestions] == [
        world.opening
    ]


def test_a_partner_or_statistician_has_no_job_placement_pages(partner_staff, statistician, client_as):
    for user in (partner_staff, statistician):
        assert client_as(user).get(reverse("jobs:home")).status_code == 403


def test_the_employment_worker_registers_introduces_and_records_a_hire_through_the_pages(
    world, employment_worker, client_as
):
    client = in_english(client_as(employment_worker))
    response = client.post(
        reverse("jobs:seeker_create", args=[world.case.pk]),
        {"occupations": "清掃", "term": "regular", "received_on": today().isoformat(),
         "valid_until": (today() + dt.timedelta(days=90)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    seeker_url = response["Location"]
    page = client.get(seeker_url).content.decode()
    assert world.opening.occupation in page and 'data-testid="suggested-openings"' in page
    seeker = world.case.job_registrations.get()
    response = client.post(
        reverse("jobs:introduction_add", args=[seeker.pk]),
        {"opening": world.opening.pk, "introduced_on": today().isoformat()},
    )
    assert response.status_code == 302
    introduction = seeker.introductions.get()
    response = client.post(
        reverse("jobs:introduction_step", args=[introduction.pk]),
        {"status": "hired", "on": today().isoformat(), "started_on": today().isoformat()},
    )
    assert response.status_code == 302
    assert world.case.work_outcomes.get().route == Route.PLACEMENT


def test_the_job_placement_home_keeps_its_number_of_queries(world, employment_worker):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.jobs_home(employment_worker)
        return len(queries)

    JobSeekerFactory(case=world.case, created_by=employment_worker)
    count()  # the user's roles are read once, then kept on the user
    few = count()
    for index in range(5):
        JobOpeningFactory(created_by=employment_worker, occupation=f"職{index}")
        case = CaseFactory(worker=employment_worker)
        JobSeekerFactory(case=case, created_by=employment_worker)
    assert count() == few
