"""A guardian with an open case (the consultation worker assigned), a child in the household, and a
children's-support worker of the same office."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from tsunagu.children import services
from tsunagu.children.models import CHILDREN_SUPPORT_GROUP
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def children_support(hub_office):
    user = UserFactory(username="kodomo", office=hub_office, roles=["consultation_worker"])
    user.groups.add(Group.objects.get_or_create(name=CHILDREN_SUPPORT_GROUP)[0])
    return user


def add_child(actor, guardian, *, family_name="釧路", given_name="未来", born=dt.date(2012, 6, 1), **fields):
    return services.add_child(
        actor=actor, guardian=guardian, relation="長男",
        person_fields={"family_name": family_name, "given_name": given_name, "family_name_kana": "くしろ",
                       "given_name_kana": "みらい", "date_of_birth": born, "sex": "male"},
        fields={"school": "釧路市立鳥取中学校", "recorded_grade": None, "household_situation": "public_assistance",
                **fields},
    )  # fmt: skip


@pytest.fixture
def family(consultation_worker, employment_worker):
    guardian = PersonFactory(family_name="釧路", given_name="母子")
    case = CaseFactory(person=guardian, worker=consultation_worker, employment_worker=employment_worker)
    child = add_child(consultation_worker, guardian, given_name="秘密児")
    return SimpleNamespace(guardian=guardian, case=case, child=child)
