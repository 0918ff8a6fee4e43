"""The licence for free job placement (職業安定法第33条): its number and period are recorded by a supervisor,
shown where the placement work and its yearly report are, and refused when they cannot be right."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tsunagu.cases.tests.helpers import today
from tsunagu.core.dates import fiscal_year_of, local_date
from tsunagu.jobs import services
from tsunagu.jobs.models import Licence
from tsunagu.jobs.tests.conftest import in_english

pytestmark = pytest.mark.django_db


def licence_form(number="北海道-無-000123", valid_from=None, valid_until=None) -> dict:
    valid_from = valid_from or today() - dt.timedelta(days=400)
    valid_until = valid_until or today() + dt.timedelta(days=400)
    return {"number": number, "valid_from": valid_from.isoformat(), "valid_until": valid_until.isoformat()}


def test_a_recorded_licence_shows_with_its_period_on_the_job_placement_home_and_the_annual_report(
    supervisor, employment_worker, client_as
):
    start, end = dt.date(2025, 4, 1), today() + dt.timedelta(days=300)
    response = in_english(client_as(supervisor)).post(
        reverse("jobs:licence"), licence_form(valid_from=start, valid_until=end)
    )
    assert response.status_code == 302
    client = in_english(client_as(employment_worker))
    home = client.get(reverse("jobs:home")).content.decode()
    assert "北海道-無-000123" in home
    with translation.override("en"):
        period = f"{local_date(start)}〜{local_date(end)}"
    assert period in home
    year = fiscal_year_of(today())
    report = client.get(reverse("jobs:placement_report"), {"year": year}).content.decode()
    assert f"Licence 北海道-無-000123 ({period})." in report
    assert "No licence is recorded for this year." not in report


def test_a_licence_period_that_ends_before_it_starts_is_refused_next_to_the_end_and_nothing_is_saved(
    supervisor, client_as
):
    response = in_english(client_as(supervisor)).post(
        reverse("jobs:licence"),
        licence_form(valid_from=today(), valid_until=today() - dt.timedelta(days=1)),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["valid_until"] == ["The end cannot come before the start."]
    assert not Licence.objects.exists()


def test_a_licence_number_already_recorded_is_refused_next_to_the_number(supervisor, client_as):
    client = in_english(client_as(supervisor))
    assert client.post(reverse("jobs:licence"), licence_form()).status_code == 302
    response = client.post(
        reverse("jobs:licence"), licence_form(valid_from=today(), valid_until=today() + dt.timedelta(days=30))
    )
    assert response.status_code == 400
    assert response.context["form"].errors["number"] == ["This licence number is already recorded."]
    assert Licence.objects.count() == 1


def test_the_licence_service_refuses_a_duplicate_number_even_with_spaces_around_it(supervisor):
    fields = {"number": "北海道-無-7", "valid_from": today(), "valid_until": today() + dt.timedelta(days=30)}
    services.save_licence(actor=supervisor, fields=fields)
    with pytest.raises(ValidationError) as refused:
        services.save_licence(actor=supervisor, fields={**fields, "number": " 北海道-無-7 "})
    assert "number" in refused.value.message_dict
    assert Licence.objects.count() == 1
