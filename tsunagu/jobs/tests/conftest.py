"""A jobs world: a case of the main office with its employment worker, a case of the 音別 office out of
scope, a company's opening."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from tsunagu.cases.tests.helpers import days_ago
from tsunagu.testing.factories import CaseFactory, JobOpeningFactory, PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(consultation_worker, employment_worker, other_hub_office):
    case = CaseFactory(
        worker=consultation_worker, employment_worker=employment_worker,
        person=PersonFactory(family_name="就労"), intake_date=days_ago(90),
    )  # fmt: skip
    onbetsu = UserFactory(office=other_hub_office, roles=["employment_worker"])
    far = CaseFactory(worker=onbetsu, person=PersonFactory(family_name="圏外"), intake_date=days_ago(90))
    return SimpleNamespace(
        case=case, far=far, onbetsu=onbetsu, opening=JobOpeningFactory(created_by=employment_worker)
    )
