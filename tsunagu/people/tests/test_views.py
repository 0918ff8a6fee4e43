"""The person pages, per role: who sees a person, who changes one, and what bad input does."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.models import CaseStatus
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember, Person, StageChange
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory


@pytest.fixture
def person(consultation_worker):
    """A person with an open case in the hub's main office, assigned to the consultation worker."""
    person = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="やまだ", given_name_kana="たろう",
        date_of_birth=dt.date(1975, 1, 2), address="釧路市幸町1-1", phone="0154-11-2233",
    )  # fmt: skip
    CaseFactory(worker=consultation_worker, person=person)
    return person


@pytest.fixture
def other_office_worker(other_hub_office):
    return UserFactory(username="otoribetsu", office=other_hub_office, roles=["consultation_worker"])


def _edit_data(person: Person, **changes) -> dict:
    data = {
        "family_name": person.family_name,
        "given_name": person.given_name,
        "family_name_kana": person.family_name_kana,
        "given_name_kana": person.given_name_kana,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
        "sex": person.sex,
        "area": "",
        "postal_code": person.postal_code,
        "address": person.address,
        "phone": person.phone,
        "mobile_phone": person.mobile_phone,
        "email": person.email,
        "emergency_contact": person.emergency_contact,
        "edit_version": person.edit_version,
    }
    if person.is_dv_protected:
        data["is_dv_protected"] = "on"
    data.update(changes)
    return data


# --- who sees a person ---------------------------------------------------------------------------


@pytest.mark.parametrize("role_fixture", ["consultation_worker", "employment_worker", "supervisor"])
def test_casework_staff_of_the_office_see_the_person_and_the_read_is_audited(
    request, client_as, person, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    response = client_as(user).get(f"/people/{person.pk}/")
    assert response.status_code == 200
    assert "山田 太郎" in response.text and "やまだ たろう" in response.text
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor=user, object_type="people.person", object_id=str(person.pk)
    ).exists()


def test_the_page_shows_the_birth_date_in_wareki_and_seireki_with_the_age(
    client_as, consultation_worker, person
):
    response = client_as(consultation_worker).get(f"/people/{person.pk}/")
    today = timezone.localdate()
    age = today.year - 1975 - (0 if (today.month, today.day) >= (1, 2) else 1)
    assert "昭和50年1月2日" in response.text and "1975年1月2日" in response.text
    assert f"{age}歳" in response.text


def test_the_page_links_to_the_persons_cases(client_as, consultation_worker, person):
    case = person.cases.get()
    response = client_as(consultation_worker).get(f"/people/{person.pk}/")
    assert f'href="/cases/{case.pk}/"' in response.text


@pytest.mark.parametrize(
    "role_fixture", ["other_office_worker", "partner_staff", "statistician", "administrator"]
)
def test_anyone_outside_the_persons_scope_gets_not_found(request, client_as, person, role_fixture):
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get(f"/people/{person.pk}/").status_code == 404
    assert client.get(f"/people/{person.pk}/edit/").status_code == 404
    assert client.post(f"/people/{person.pk}/household/", {"household-name": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="people.person").exists()


def test_an_unknown_person_is_not_found(client_as, consultation_worker):
    assert client_as(consultation_worker).get("/people/999999/").status_code == 404


def test_a_city_case_worker_sees_only_the_people_they_referred(
    client_as, consultation_worker, city_caseworker, person
):
    referred = PersonFactory()
    CaseFactory(worker=consultation_worker, person=referred, referring_caseworker=city_caseworker)
    client = client_as(city_caseworker)
    page = client.get(f"/people/{referred.pk}/")
    assert page.status_code == 200
    assert f'href="/people/{referred.pk}/edit/"' not in page.text
    assert client.get(f"/people/{person.pk}/").status_code == 404


def test_a_city_case_worker_reads_but_does_not_change(client_as, consultation_worker, city_caseworker):
    referred = PersonFactory()
    CaseFactory(worker=consultation_worker, person=referred, referring_caseworker=city_caseworker)
    client = client_as(city_caseworker)
    assert client.get(f"/people/{referred.pk}/edit/").status_code == 403
    assert (
        client.post(f"/people/{referred.pk}/edit/", _edit_data(referred, family_name="x")).status_code == 403
    )
    assert client.post(f"/people/{referred.pk}/stage/", {"stage-stage": "daily_life"}).status_code == 403
    referred.refresh_from_db()
    assert referred.family_name != "x"


# --- DV protection -------------------------------------------------------------------------------


def test_dv_an_unassigned_colleague_sees_withheld_not_the_address(client_as, employment_worker, person):
    Person.objects.filter(pk=person.pk).update(is_dv_protected=True)
    client = client_as(employment_worker)
    page = client.get(f"/people/{person.pk}/")
    assert page.status_code == 200
    assert "秘匿" in page.text
    assert "幸町" not in page.text and "0154-11-2233" not in page.text
    edit = client.get(f"/people/{person.pk}/edit/")
    assert "幸町" not in edit.text and "0154-11-2233" not in edit.text


def test_dv_the_assigned_worker_sees_the_address(client_as, consultation_worker, person):
    Person.objects.filter(pk=person.pk).update(is_dv_protected=True)
    page = client_as(consultation_worker).get(f"/people/{person.pk}/")
    assert "釧路市幸町1-1" in page.text and "0154-11-2233" in page.text


def test_dv_an_unassigned_colleagues_edit_keeps_the_withheld_contact(client_as, employment_worker, person):
    Person.objects.filter(pk=person.pk).update(is_dv_protected=True)
    data = _edit_data(person, emergency_contact="姉 090-0000-0000")
    for name in ("postal_code", "address", "phone", "mobile_phone", "email"):
        data.pop(name)
    data.pop("is_dv_protected", None)
    response = client_as(employment_worker).post(f"/people/{person.pk}/edit/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_dv_protected and person.address == "釧路市幸町1-1"
    assert person.emergency_contact == "姉 090-0000-0000"


# --- editing -------------------------------------------------------------------------------------


def test_casework_staff_edit_a_person_and_the_history_is_kept(client_as, consultation_worker, person):
    before = person.history.count()
    client = client_as(consultation_worker)
    edit = client.get(f"/people/{person.pk}/edit/")
    version = edit.context["form"]["edit_version"].value()
    data = _edit_data(person, address="釧路市鳥取南2-2", edit_version=version)
    response = client.post(f"/people/{person.pk}/edit/", data)
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/"
    person.refresh_from_db()
    assert person.address == "釧路市鳥取南2-2"
    assert person.history.count() == before + 1
    assert person.history.earliest().address == "釧路市幸町1-1"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="people.person")
    assert event.detail == {"fields": ["address"]}


def test_an_edit_over_someone_elses_newer_change_is_refused(
    client_as, consultation_worker, employment_worker, person
):
    client = client_as(consultation_worker)
    version = client.get(f"/people/{person.pk}/edit/").context["form"]["edit_version"].value()
    theirs = client_as(employment_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, emergency_contact="兄 090-1111-2222")
    )
    assert theirs.status_code == 302
    response = client.post(
        f"/people/{person.pk}/edit/", _edit_data(person, address="別の住所", edit_version=version)
    )
    assert response.status_code == 400
    assert "他の人がこの相談者を先に保存しました" in response.text
    assert "あなたの変更は保存されていません" in response.text
    assert "兄 090-1111-2222" in response.text  # what they changed
    assert 'value="別の住所"' in response.text  # what this user typed is kept in the form
    person.refresh_from_db()
    assert person.address == "釧路市幸町1-1" and person.emergency_contact == "兄 090-1111-2222"


def test_a_birth_date_in_the_future_is_refused_in_japanese_next_to_the_field(
    client_as, consultation_worker, person
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, date_of_birth=tomorrow.isoformat(), address="新住所")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"] == ["生年月日に未来の日付は入力できません。"]
    assert "生年月日に未来の日付は入力できません。" in response.text
    person.refresh_from_db()
    assert person.date_of_birth == dt.date(1975, 1, 2) and person.address == "釧路市幸町1-1"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("昭和50年1月2日", dt.date(1975, 1, 2)),
        ("S50.1.2", dt.date(1975, 1, 2)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("1980/4/1", dt.date(1980, 4, 1)),
        ("１９８０－０４－０１", dt.date(1980, 4, 1)),
    ],
)
def test_a_birth_date_is_accepted_as_wareki_or_seireki(
    client_as, consultation_worker, person, typed, expected
):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, date_of_birth=typed)
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.date_of_birth == expected


def test_a_birth_date_that_is_not_a_date_is_refused_in_japanese(client_as, consultation_worker, person):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, date_of_birth="昭和50年2月30日")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"] == ["存在しない日付です。"]
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, date_of_birth="いつか")
    )
    assert "日付は 2026-11-28 または 令和8年11月28日 の形で入力してください。" in response.text


def test_the_reading_is_suggested_from_the_name_by_post(client_as, consultation_worker):
    client = client_as(consultation_worker)
    response = client.post(
        "/people/reading-suggestion/",
        {"family_name": "山田", "given_name": "太郎", "family_name_kana": "", "given_name_kana": "たろ"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "<html" not in response.text
    assert 'value="やまだ"' in response.text and 'value="たろう"' in response.text
    assert client.get("/people/reading-suggestion/?family_name=山田").status_code == 405


def test_reading_suggestion_is_for_casework_staff(client_as, partner_staff):
    response = client_as(partner_staff).post("/people/reading-suggestion/", {"family_name": "山田"})
    assert response.status_code == 403


# --- household -----------------------------------------------------------------------------------


def test_household_members_are_added_and_removed_with_htmx(client_as, consultation_worker, person):
    client = client_as(consultation_worker)
    response = client.post(
        f"/people/{person.pk}/household/",
        {"household-name": "蕗野 花子", "household-relation": "母", "household-age": "70"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "<html" not in response.text and "蕗野 花子" in response.text
    member = HouseholdMember.objects.get(person=person)
    assert (member.relation, member.age, member.is_also_supported) == ("母", 70, False)
    response = client.post(f"/people/{person.pk}/household/", {"household-name": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "このフィールドは必須です" in response.text
    response = client.post(
        f"/people/household/{member.pk}/remove/",
        {"edit_version": member.edit_version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "蕗野 花子" not in response.text
    assert not HouseholdMember.objects.exists()


def test_a_household_member_added_without_htmx_redirects_to_the_page(client_as, consultation_worker, person):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/household/", {"household-name": "山田 一郎", "household-relation": "子"}
    )
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/"
    assert list(person.household.values_list("name", "relation")) == [("山田 一郎", "子")]


def test_a_household_member_of_another_office_is_not_found(client_as, other_office_worker, person):
    member = HouseholdMember.objects.create(person=person, name="山田 花子", relation="母")
    assert client_as(other_office_worker).post(f"/people/household/{member.pk}/remove/").status_code == 404
    assert HouseholdMember.objects.filter(pk=member.pk).exists()


# --- consents ------------------------------------------------------------------------------------


def test_a_consent_is_recorded_with_the_organisations_it_names(
    client_as, consultation_worker, person, partner_org
):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/consents/",
        {
            "consent-scope": ConsentScope.SHARE_PARTNERS,
            "consent-shared_with": [partner_org.pk],
            "consent-signed_on": "令和7年4月1日",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(person=person)
    assert consent.signed_on == dt.date(2025, 4, 1) and list(consent.shared_with.all()) == [partner_org]
    page = client_as(consultation_worker).get(f"/people/{person.pk}/")
    assert partner_org.name in page.text


def test_a_consent_withdrawn_before_it_was_given_is_refused_and_nothing_saved(
    client_as, consultation_worker, person
):
    consent = Consent.objects.create(
        person=person,
        scope=ConsentScope.APPLICATION,
        signed_on=dt.date(2025, 4, 1),
        recorded_by=consultation_worker,
    )
    response = client_as(consultation_worker).post(
        f"/people/consents/{consent.pk}/withdraw/",
        {f"withdraw-{consent.pk}-withdrawn_on": "2025-03-31", f"withdraw-{consent.pk}-edit_version": "1"},
    )
    assert response.status_code == 400
    assert "同意した日より前に撤回することはできません。" in response.text
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="people.consent").exists()


def test_a_consent_is_withdrawn_and_shown_as_withdrawn(client_as, consultation_worker, person):
    consent = Consent.objects.create(
        person=person,
        scope=ConsentScope.APPLICATION,
        signed_on=dt.date(2025, 4, 1),
        recorded_by=consultation_worker,
    )
    client = client_as(consultation_worker)
    response = client.post(
        f"/people/consents/{consent.pk}/withdraw/",
        {f"withdraw-{consent.pk}-withdrawn_on": "2025-05-01", f"withdraw-{consent.pk}-edit_version": "1"},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2025, 5, 1)
    assert "2025年5月1日" in client.get(f"/people/{person.pk}/").text


# --- the Kushiro ladder --------------------------------------------------------------------------


def test_a_change_of_stage_is_kept_with_its_date_and_reason(client_as, consultation_worker, person):
    client = client_as(consultation_worker)
    for stage, day, reason in (
        ("daily_life", "2025-04-01", "生活リズムの立て直し"),
        ("social_life", "2025-09-01", "ボランティアに参加"),
    ):
        response = client.post(
            f"/people/{person.pk}/stage/",
            {"stage-stage": stage, "stage-changed_on": day, "stage-reason": reason},
        )
        assert response.status_code == 302
    changes = list(
        StageChange.objects.filter(person=person).values_list("previous_stage", "stage", "changed_on")
    )
    assert changes == [
        ("", "daily_life", dt.date(2025, 4, 1)),
        ("daily_life", "social_life", dt.date(2025, 9, 1)),
    ]
    person.refresh_from_db()
    assert person.current_stage == "social_life"
    page = client.get(f"/people/{person.pk}/")
    assert "ボランティアに参加" in page.text and "2025年9月1日" in page.text


def test_a_change_of_stage_without_a_reason_is_refused(client_as, consultation_worker, person):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/stage/",
        {"stage-stage": "daily_life", "stage-changed_on": "2025-04-01", "stage-reason": " "},
    )
    assert response.status_code == 400
    assert not StageChange.objects.exists()


# --- merging -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role_fixture", ["consultation_worker", "employment_worker"])
def test_only_a_supervisor_merges(request, client_as, consultation_worker, person, role_fixture):
    duplicate = PersonFactory()
    CaseFactory(worker=consultation_worker, person=duplicate)
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get(f"/people/{person.pk}/merge/").status_code == 403
    response = client.post(f"/people/{person.pk}/merge/", {"duplicate": duplicate.pk, "confirm": "on"})
    assert response.status_code == 403
    assert duplicate.cases.count() == 1


def test_a_supervisor_compares_then_merges_and_the_cases_move(
    client_as, consultation_worker, supervisor, person
):
    duplicate = PersonFactory(family_name="山田", given_name="太郎", email="taro@example.jp")
    moved = CaseFactory(worker=consultation_worker, person=duplicate)
    HouseholdMember.objects.create(person=duplicate, name="山田 花子", relation="母")
    client = client_as(supervisor)
    comparison = client.post(f"/people/{person.pk}/merge/", {"duplicate": moved.reference})
    assert comparison.status_code == 200
    assert comparison.context["duplicate"]["person"] == duplicate
    assert (
        "統合する記録" in comparison.text
        and f'<td data-label="統合する記録">{duplicate.pk}</td>' in comparison.text
    )
    assert person.cases.count() == 1
    unconfirmed = client.post(f"/people/{person.pk}/merge/", {"duplicate": duplicate.pk, "compared": "1"})
    assert unconfirmed.context["form"].errors["confirm"]
    response = client.post(
        f"/people/{person.pk}/merge/", {"duplicate": duplicate.pk, "compared": "1", "confirm": "on"}
    )
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/"
    moved.refresh_from_db()
    duplicate.refresh_from_db()
    person.refresh_from_db()
    assert moved.person_id == person.pk and person.cases.count() == 2
    assert person.household.get().name == "山田 花子"
    assert person.email == "taro@example.jp"
    assert duplicate.merged_into_id == person.pk


def test_a_supervisor_cannot_fold_in_a_record_outside_the_office(
    client_as, supervisor, other_office_worker, person
):
    elsewhere = CaseFactory(worker=other_office_worker).person
    response = client_as(supervisor).post(
        f"/people/{person.pk}/merge/", {"duplicate": elsewhere.pk, "confirm": "on"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["duplicate"]
    elsewhere.refresh_from_db()
    assert elsewhere.merged_into_id is None and elsewhere.cases.count() == 1


def test_a_record_cannot_be_merged_with_itself(client_as, supervisor, person):
    response = client_as(supervisor).post(
        f"/people/{person.pk}/merge/", {"duplicate": person.pk, "compared": "1", "confirm": "on"}
    )
    assert response.status_code == 400
    assert not response.context["duplicate"]
    assert "統合する2つの異なる記録を選んでください。" in response.text
    person.refresh_from_db()
    assert person.merged_into_id is None


def test_the_cases_table_shows_open_and_closed_cases(client_as, consultation_worker, person):
    CaseFactory(worker=consultation_worker, person=person, status=CaseStatus.CLOSED, reference="2020-000001")
    page = client_as(consultation_worker).get(f"/people/{person.pk}/")
    assert "2020-000001" in page.text
