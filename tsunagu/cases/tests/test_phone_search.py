"""Issue 9, hole 4: a DV-protected person's phone number finds them only for those who may see it."""

import pytest

from tsunagu.cases import selectors, services
from tsunagu.cases.models import Case
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

PROTECTED_MOBILE = "090-5555-0101"


@pytest.fixture
def protected_case(consultation_worker, city_caseworker):
    person = PersonFactory(
        family_name="秘匿島", family_name_kana="ひとくじま", phone="", mobile_phone=PROTECTED_MOBILE,
        is_dv_protected=True,
    )  # fmt: skip
    return CaseFactory(person=person, worker=consultation_worker, referring_caseworker=city_caseworker)


def search(client, text: str) -> str:
    page = client.get("/cases/", {"q": text})
    assert page.status_code == 200
    return page.text.split("<tbody>", 1)[1] if "<tbody>" in page.text else ""


def found(user, text: str) -> list[Case]:
    return list(selectors.case_list(user, selectors.CaseFilters(query=text)))


def test_the_assigned_worker_finds_the_protected_person_by_phone(
    client_as, protected_case, consultation_worker
):
    assert "秘匿島" in search(client_as(consultation_worker), "09055550101")
    assert found(consultation_worker, PROTECTED_MOBILE) == [protected_case]


@pytest.mark.parametrize("role_fixture", ["supervisor", "employment_worker"])
def test_dv_phone_search_finds_nothing_for_unassigned_worker(
    request, client_as, protected_case, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    assert "秘匿島" not in search(client_as(user), "09055550101")
    assert found(user, PROTECTED_MOBILE) == []
    # The name still finds them: only the number is withheld.
    assert found(user, "ひとくじま") == [protected_case]


def test_city_caseworker_phone_search_does_not_confirm_dv_number(client_as, protected_case, city_caseworker):
    assert "秘匿島" not in search(client_as(city_caseworker), "09055550101")
    assert found(city_caseworker, PROTECTED_MOBILE) == []
    assert found(city_caseworker, "ひとくじま") == [protected_case]


def test_city_caseworker_still_finds_an_unprotected_person_by_phone(consultation_worker, city_caseworker):
    case = CaseFactory(
        person=PersonFactory(phone="", mobile_phone="090-5555-0202"),
        worker=consultation_worker,
        referring_caseworker=city_caseworker,
    )
    assert found(city_caseworker, "09055550202") == [case]


def test_an_attached_case_awaiting_confirmation_does_not_find_the_number(
    protected_case, hub_office, supervisor
):
    colleague = UserFactory(office=hub_office, roles=["consultation_worker"])
    Case.objects.filter(pk=protected_case.pk).update(status="closed")  # the person comes back later
    services.register_intake(
        actor=colleague, person=protected_case.person, case_fields={"intake_date": protected_case.intake_date,
        "route": "self"}, concerns=["income"],
    )  # fmt: skip
    assert found(colleague, PROTECTED_MOBILE) == []
    services.confirm_contact_access(case=Case.objects.get(worker=colleague), actor=supervisor)
    assert len(found(colleague, PROTECTED_MOBILE)) == 2


def test_a_closed_case_no_longer_finds_the_number(protected_case, consultation_worker):
    Case.objects.filter(pk=protected_case.pk).update(status="closed")
    assert found(consultation_worker, PROTECTED_MOBILE) == []
