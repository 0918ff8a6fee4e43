"""The retention job's screen and command (cases/retention.py): a dry run first, counts only, and an apply
that must be confirmed; a second apply finds no one. The proof of what is blanked is tests/test_retention.py."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tsunagu.cases.models import CaseStatus
from tsunagu.people.models import Person
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("cases:retention")


@pytest.fixture
def closed_long_ago(consultation_worker):
    """A case closed in 2015, of a person with no other case: due under any period up to ten years."""
    return CaseFactory(
        person=PersonFactory(family_name="古川", given_name="太郎"), worker=consultation_worker,
        intake_date=dt.date(2014, 4, 1), status=CaseStatus.CLOSED, closed_on=dt.date(2015, 3, 31),
    )  # fmt: skip


@pytest.fixture
def english(client_as, administrator):
    client = client_as(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_screen_shows_a_dry_run_in_counts_and_changes_nothing(english, closed_long_ago):
    response = english.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "a dry run: nothing has been changed" in page
    assert "古川" not in page  # counts only, never a name
    assert response.context["report"].people == 1
    assert Person.objects.get(pk=closed_long_ago.person_id).anonymised_on is None


def test_applying_without_confirming_is_refused_and_changes_nothing(english, closed_long_ago):
    response = english.post(URL, {})
    assert response.status_code == 400
    assert Person.objects.get(pk=closed_long_ago.person_id).family_name == "古川"


def test_applying_confirmed_anonymises_and_a_second_submit_finds_no_one(english, closed_long_ago):
    response = english.post(URL, {"confirm": "on"})
    assert response.status_code == 200
    assert "1 person anonymised." in response.content.decode()
    person = Person.objects.get(pk=closed_long_ago.person_id)
    assert (person.family_name, person.anonymised_on is not None) == ("", True)
    again = english.post(URL, {"confirm": "on"})
    assert again.status_code == 200 and again.context["report"].people == 0


def test_the_command_runs_dry_by_default_and_applies_when_told(closed_long_ago):
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert "Would anonymise 1 people" in out.getvalue()
    assert Person.objects.get(pk=closed_long_ago.person_id).anonymised_on is None
    out = io.StringIO()
    call_command("retention", "--apply", stdout=out)
    assert "Anonymised 1 people" in out.getvalue()
    assert f"Cases: {closed_long_ago.pk}" in out.getvalue()
    assert Person.objects.get(pk=closed_long_ago.person_id).anonymised_on is not None


def test_a_person_with_a_case_still_open_is_not_due(closed_long_ago, consultation_worker):
    CaseFactory(person=closed_long_ago.person, worker=consultation_worker)
    out = io.StringIO()
    call_command("retention", "--apply", stdout=out)
    assert "Anonymised 0 people" in out.getvalue()
