"""A contracts world: this fiscal year's city consultation and work-readiness contracts, a case of the main
office with a placement, and a case of the 音別 office out of the fixture workers' scope."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from tsunagu.cases.tests.helpers import days_ago, today
from tsunagu.contracts import services
from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_of
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def contract_fields(year: int | None = None, **overrides) -> dict:
    year = fiscal_year_of(today()) if year is None else year
    first, last = fiscal_year_bounds(year)
    return {
        "funder": "city", "fiscal_year": year, "service": "consultation", "title": "", "starts_on": first,
        "ends_on": last, "model_project": False, "deliverables": "実績報告書", **overrides,
    }  # fmt: skip


@pytest.fixture
def world(supervisor, consultation_worker, other_hub_office):
    consultation = services.create_contract(actor=supervisor, fields=contract_fields())
    readiness = services.create_contract(actor=supervisor, fields=contract_fields(service="work_readiness"))
    case = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="契約"), intake_date=days_ago(400)
    )
    placement = PlacementFactory(
        case=case, person=case.person, worker=consultation_worker, started_on=days_ago(30)
    )
    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    far = CaseFactory(worker=onbetsu, person=PersonFactory(family_name="圏外"), intake_date=days_ago(90))
    return SimpleNamespace(
        consultation=consultation,
        readiness=readiness,
        case=case,
        placement=placement,
        far=far,
        onbetsu=onbetsu,
    )
