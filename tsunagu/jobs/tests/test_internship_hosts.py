"""An internship host's staff see their own interns in the partner portal: the person's name, the period
and the terms; nothing of the case (the evaluation, the outcome, the case's other records), and no one
interning elsewhere. Each page records the read."""

import datetime as dt

import pytest
from django.urls import reverse

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.tests.helpers import days_ago, today
from tsunagu.jobs import services
from tsunagu.jobs.tests.conftest import in_english
from tsunagu.testing.factories import CaseFactory, OfficeFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def internship(worker, case, host, **changes):
    fields = {
        "host": host, "starts_on": days_ago(5), "ends_on": today() + dt.timedelta(days=25), "hours_per_week": 20,
        "paid": True, "allowance": 30000, "terms": "作業着貸与、昼食持参",
    }  # fmt: skip
    return services.start_internship(actor=worker, case=case, fields={**fields, **changes})


@pytest.fixture
def interns(world, employment_worker, partner_staff):
    """The world's person interning at the partner's organisation, with the worker's note on the case; a
    second person interning at another company; a third whose internship with the partner has ended."""
    host = partner_staff.organisation
    mine = internship(employment_worker, world.case, host)
    elsewhere_case = CaseFactory(
        worker=employment_worker, person=PersonFactory(family_name="他社"), intake_date=days_ago(90)
    )
    elsewhere = internship(employment_worker, elsewhere_case, world.opening.employer)
    ended_case = CaseFactory(
        worker=employment_worker, person=PersonFactory(family_name="修了"), intake_date=days_ago(90)
    )
    ended = internship(employment_worker, ended_case, host, starts_on=days_ago(40), ends_on=days_ago(10))
    services.end_internship(
        actor=employment_worker, internship=ended,
        fields={"ended_on": days_ago(10), "evaluation": "評価の内容", "hired": False, "started_on": None,
                "employment_form": None, "hours_per_week": None, "wage_kind": None, "wage": None},
    )  # fmt: skip
    return mine, elsewhere, ended


def test_the_hosts_staff_see_their_interns_name_period_and_terms_and_the_read_is_recorded(
    world, interns, partner_staff, client_as
):
    mine = interns[0]
    client = in_english(client_as(partner_staff))
    page = client.get(reverse("jobs:partner_internships"))
    assert page.status_code == 200
    html = page.content.decode()
    assert world.case.person.full_name in html and "作業着貸与、昼食持参" in html and "30000" in html
    assert "他社" not in html and "修了" not in html
    read = AuditEvent.objects.filter(detail__page="partner_internships").get()
    assert read.detail["people"] == [world.case.person_id]
    detail = client.get(reverse("jobs:partner_internship", args=[mine.pk]))
    assert detail.status_code == 200 and world.case.person.full_name in detail.content.decode()
    assert AuditEvent.objects.filter(detail__page="partner_internship").exists()


def test_the_hosts_staff_see_nothing_of_the_case(world, interns, partner_staff, client_as):
    mine = interns[0]
    html = client_as(partner_staff).get(reverse("jobs:partner_internship", args=[mine.pk])).content.decode()
    assert reverse("cases:detail", args=[world.case.pk]) not in html
    assert "Ended on" not in html and "Hired by the host" not in html


def test_an_internship_elsewhere_or_ended_is_404_to_the_hosts_staff(interns, partner_staff, client_as):
    _mine, elsewhere, ended = interns
    client = client_as(partner_staff)
    assert client.get(reverse("jobs:partner_internship", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("jobs:partner_internship", args=[ended.pk])).status_code == 404


def test_partner_staff_of_another_organisation_see_no_intern(world, interns, client_as):
    other = UserFactory(office=OfficeFactory(), roles=["partner_staff"])
    client = client_as(other)
    assert world.case.person.full_name not in client.get(reverse("jobs:partner_internships")).content.decode()
    assert client.get(reverse("jobs:partner_internship", args=[interns[0].pk])).status_code == 404


def test_hub_staff_use_the_case_pages_not_the_partner_portal(interns, employment_worker, client_as):
    client = client_as(employment_worker)
    assert client.get(reverse("jobs:partner_internships")).status_code == 403
    assert client.get(reverse("jobs:partner_internship", args=[interns[0].pk])).status_code == 403


def test_the_partner_portal_navigation_links_to_the_interns(partner_staff, employment_worker, client_as):
    link = f'href="{reverse("jobs:partner_internships")}"'
    assert link in client_as(partner_staff).get(reverse("programs:partner_home")).content.decode()
    assert link not in client_as(employment_worker).get(reverse("jobs:home")).content.decode()
