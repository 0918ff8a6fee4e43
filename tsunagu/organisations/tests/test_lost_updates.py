"""Hole 3 of issue 9 for organisations: an edit is saved only from the version the administrator saw.
(Offices and contacts are only ever added, so they carry no version.)"""

from functools import partial

import pytest

from tsunagu.organisations import services
from tsunagu.organisations.models import Organisation
from tsunagu.testing.concurrency import SAVED, save_at_once
from tsunagu.testing.factories import OrganisationFactory, UserFactory

CONFLICT_JA = "あなたの変更は保存されていません"


@pytest.fixture
def zoo(db) -> Organisation:
    return OrganisationFactory(name="NPO法人 動物園協会", type="npo", phone="0154-11-1111")


def _form(organisation: Organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "type": organisation.type,
        "phone": organisation.phone,
        "is_active": "on",
    }
    return data | changes


@pytest.mark.django_db(transaction=True)
def test_two_administrators_saving_the_same_organisation_at_once_never_lose_a_change(zoo, administrator):
    other_administrator = UserFactory(office=administrator.office, roles=["administrator"])
    mine, theirs = Organisation.objects.get(pk=zoo.pk), Organisation.objects.get(pk=zoo.pk)
    outcomes = save_at_once(
        partial(services.update_organisation, organisation=mine, actor=administrator, edit_version=1,
                phone="0154-22-2222"),
        partial(services.update_organisation, organisation=theirs, actor=other_administrator, edit_version=1,
                is_active=False),
    )  # fmt: skip
    assert sum(outcome == SAVED for outcome in outcomes) == 1, outcomes
    zoo.refresh_from_db()
    assert zoo.edit_version == 2
    assert (zoo.phone == "0154-22-2222") is (outcomes[0] == SAVED)
    assert (zoo.is_active is False) is (outcomes[1] == SAVED)


def test_an_organisation_saved_without_the_version_is_refused(client_as, administrator, zoo):
    response = client_as(administrator).post(f"/organisations/{zoo.pk}/edit/", _form(zoo, phone="0"))
    assert response.status_code == 400 and "読み込み直して" in response.text
    zoo.refresh_from_db()
    assert zoo.phone == "0154-11-1111"


def test_an_organisation_saved_from_a_stale_version_is_refused_with_the_input_kept(
    client_as, administrator, zoo
):
    client = client_as(administrator)
    first = client.post(f"/organisations/{zoo.pk}/edit/", _form(zoo, is_active="", edit_version=1))
    assert first.status_code == 302
    response = client.post(f"/organisations/{zoo.pk}/edit/", _form(zoo, phone="0154-33-3333", edit_version=1))
    assert response.status_code == 400
    assert "他の人がこの組織を先に保存しました" in response.text and CONFLICT_JA in response.text
    assert 'value="0154-33-3333"' in response.text
    zoo.refresh_from_db()
    assert (zoo.phone, zoo.is_active) == ("0154-11-1111", False)
