"""Intake's duplicate offer never opens a second case beside an open one: a person whose case is open is
offered that case; only a person whose cases have ended may get a new one."""

import datetime as dt

import pytest

from tsunagu.cases.models import Case, CaseStatus
from tsunagu.cases.tests.test_views import intake_form
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def yamada(db):
    return PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="ヤマダ", given_name_kana="タロウ",
        date_of_birth=dt.date(1980, 4, 1), phone="",
    )  # fmt: skip


def test_a_person_whose_case_is_open_is_offered_that_case_not_a_second_one(
    client_as, consultation_worker, yamada
):
    open_case = CaseFactory(person=yamada, worker=consultation_worker, status=CaseStatus.SUPPORT)
    response = client_as(consultation_worker).post("/cases/new/", intake_form(phone=""))
    assert response.status_code == 200
    assert f"この方のケース {open_case.reference} はまだ終結していません。" in response.text
    assert (
        f'<a class="button secondary" href="/cases/{open_case.pk}/">ケース {open_case.reference} を開く</a>'
        in (response.text)
    )
    assert 'name="existing_person"' not in response.text


def test_taking_the_offer_anyway_for_an_open_case_is_refused_and_nothing_is_saved(
    client_as, consultation_worker, yamada
):
    open_case = CaseFactory(person=yamada, worker=consultation_worker, status=CaseStatus.SUPPORT)
    response = client_as(consultation_worker).post(
        "/cases/new/", intake_form(phone="", existing_person=yamada.pk)
    )
    assert response.status_code == 400
    assert (
        f"この方のケース {open_case.reference} はまだ終結していません。相談はそのケースに記録してください。"
        in (response.text)
    )
    assert list(Case.objects.all()) == [open_case]


def test_a_person_whose_cases_have_ended_may_get_a_new_case(client_as, consultation_worker, yamada):
    CaseFactory(person=yamada, worker=consultation_worker, status=CaseStatus.CLOSED)
    client = client_as(consultation_worker)
    response = client.post("/cases/new/", intake_form(phone=""))
    assert f'name="existing_person" value="{yamada.pk}"' in response.text
    assert "この方で新しいケースを受け付ける" in response.text
    response = client.post("/cases/new/", intake_form(phone="", existing_person=yamada.pk))
    assert response.status_code == 302
    assert yamada.cases.count() == 2
