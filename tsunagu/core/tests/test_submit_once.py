"""A create form sent twice (a double tap on a slow line, the same page sent again) saves once and shows
the first result the second time; a refused form can be corrected and sent with the same token."""

import re
from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from tsunagu.cases.models import Case, Note
from tsunagu.core.models import FormSubmission
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.testing.concurrency import save_at_once
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

TODAY = timezone.localdate()
TOKEN = "a-one-time-token-of-32-characters"


def intake_form(**overrides):
    data = {
        "family_name": "山田",
        "given_name": "太郎",
        "family_name_kana": "やまだ",
        "given_name_kana": "たろう",
        "date_of_birth": "1980-04-01",
        "sex": "male",
        "phone": "0154-22-1234",
        "intake_date": TODAY.isoformat(),
        "route": "self",
        "concerns": ["income"],
        "most_pressing": "income",
        "application_signed_on": TODAY.isoformat(),
        "screening_outcome": "continuing",
        "contract": "consultation",
        "welfare_status": "not_receiving",
        "form_token": TOKEN,
    }
    data.update(overrides)
    return data


def note_form(**overrides):
    data = {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "method": "phone",
        "minutes": "20",
        "content": "電話で近況を確認した。",
        "form_token": TOKEN,
    }
    data.update(overrides)
    return data


def token_in(html: str, name: str = "form_token") -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', html)[1]


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, person=PersonFactory(family_name="佐藤"))


def test_an_intake_sent_twice_opens_one_case_and_the_repeat_shows_it(client_as, consultation_worker):
    client = client_as(consultation_worker)
    first = client.post("/cases/new/", intake_form())
    second = client.post("/cases/new/", intake_form())

    case = Case.objects.get()
    assert Person.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == f"/cases/{case.pk}/"
    shown = [str(m) for m in get_messages(second.wsgi_request)]
    assert "この入力はすでに送信され、1回だけ保存されています。保存された内容を表示します。" in shown


@pytest.mark.django_db(transaction=True)
def test_a_double_tap_reaching_the_server_twice_at_the_same_moment_opens_one_case(
    client_as, consultation_worker
):
    clients = [client_as(consultation_worker), client_as(consultation_worker)]
    responses: list = [None, None]

    def tap(index: int) -> None:
        responses[index] = clients[index].post("/cases/new/", intake_form())

    save_at_once(partial(tap, 0), partial(tap, 1))
    case = Case.objects.get()
    assert Person.objects.count() == 1
    assert [response.status_code for response in responses] == [302, 302]
    assert {response.url for response in responses} == {f"/cases/{case.pk}/"}


def test_the_intake_page_issues_a_fresh_token_each_time(client_as, consultation_worker):
    client = client_as(consultation_worker)
    first, second = (token_in(client.get("/cases/new/").text) for _ in range(2))
    assert first != second and len(first) >= 32


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(client_as, consultation_worker):
    client = client_as(consultation_worker)
    refused = client.post("/cases/new/", intake_form(family_name=""))
    assert refused.status_code == 400 and token_in(refused.text) == TOKEN
    assert not FormSubmission.objects.exists()

    saved = client.post("/cases/new/", intake_form())
    assert saved.status_code == 302 and Case.objects.count() == 1


def test_a_note_sent_twice_with_htmx_is_saved_once(client_as, consultation_worker, case):
    client = client_as(consultation_worker)
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver/cases/{case.pk}/"}
    first = client.post(f"/cases/{case.pk}/notes/", note_form(), headers=headers)
    second = client.post(f"/cases/{case.pk}/notes/", note_form(), headers=headers)

    assert Note.objects.filter(case=case).count() == 1
    assert first.status_code == 200 and "記録を保存しました。" in first.text
    # The fresh form after a save carries a new token, so the next note is not taken for a repeat.
    assert token_in(first.text) != TOKEN
    assert second.status_code == 200 and second["HX-Redirect"] == f"/cases/{case.pk}/"


def test_two_notes_typed_one_after_the_other_are_both_saved(client_as, consultation_worker, case):
    client = client_as(consultation_worker)
    headers = {"HX-Request": "true"}
    first = client.post(f"/cases/{case.pk}/notes/", note_form(), headers=headers)
    client.post(
        f"/cases/{case.pk}/notes/",
        note_form(content="二件目", form_token=token_in(first.text)),
        headers=headers,
    )
    assert Note.objects.filter(case=case).count() == 2


def test_a_household_member_added_twice_is_added_once(client_as, consultation_worker, case):
    client = client_as(consultation_worker)
    data = {"household-name": "佐藤 花子", "household-relation": "母", "household-form_token": TOKEN}
    for _ in range(2):
        client.post(f"/people/{case.person_id}/household/", data, headers={"HX-Request": "true"})
    assert HouseholdMember.objects.filter(person=case.person).count() == 1


def test_another_users_token_is_refused_and_nothing_is_saved(client_as, consultation_worker, case):
    client_as(consultation_worker).post(f"/cases/{case.pk}/notes/", note_form())
    colleague = UserFactory(
        username="colleague", office=consultation_worker.office, roles=["consultation_worker"]
    )
    case.worker = colleague
    case.save()
    response = client_as(colleague).post(f"/cases/{case.pk}/notes/", note_form(content="別の記録"))
    assert response.status_code == 400
    assert list(Note.objects.filter(case=case).values_list("content", flat=True)) == [
        "電話で近況を確認した。"
    ]


def test_a_form_sent_without_a_token_is_saved_as_before(client_as, consultation_worker):
    response = client_as(consultation_worker).post("/cases/new/", intake_form(form_token=""))
    assert response.status_code == 302 and Case.objects.count() == 1
    assert not FormSubmission.objects.exists()


CREATE_PAGES = [
    "/cases/new/",
    "/cases/{case}/assessment/",
    "/cases/{case}/plans/new/",
    "/cases/{case}/closure/",
    "/cases/{case}/",
    "/people/{person}/",
    "/programs/placements/new/{person}/",
]


@pytest.mark.parametrize("page", CREATE_PAGES)
def test_every_create_form_carries_a_one_time_token(client_as, consultation_worker, case, page):
    url = page.format(case=case.pk, person=case.person_id)
    response = client_as(consultation_worker).get(url)
    assert response.status_code == 200
    assert re.search(r'name="([a-z]+-)?form_token" value="[\w-]{32}"', response.text)


@pytest.mark.parametrize("page", ["/accounts/users/new/", "/organisations/new/", "/programs/new/"])
def test_every_create_form_of_the_administrators_carries_a_one_time_token(client_as, administrator, page):
    response = client_as(administrator).get(page)
    assert response.status_code == 200
    assert 'name="form_token"' in response.text


def test_the_blank_note_and_consent_forms_drawn_from_the_cache_still_get_a_fresh_token(
    client_as, consultation_worker, case
):
    client = client_as(consultation_worker)
    case_pages = [client.get(f"/cases/{case.pk}/").text for _ in range(2)]
    assert token_in(case_pages[0]) != token_in(case_pages[1])
    person_pages = [client.get(f"/people/{case.person_id}/").text for _ in range(2)]
    assert token_in(person_pages[0], "consent-form_token") != token_in(person_pages[1], "consent-form_token")
