"""Hole 3 of issue 9, lost updates: two workers saving the same person at the same moment both succeeded
and one change vanished (10 of 10 tries), and a save without the version field overwrote. Now a save is
made only from the version the worker saw: of two saves from one version exactly one wins, the other is
told someone else saved first and that nothing of theirs was saved. The same for the household and
consents."""

import datetime as dt
from functools import partial

import pytest

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.core.editing import EditConflict
from tsunagu.people import services
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember, Person, Stage, StageChange
from tsunagu.testing.concurrency import SAVED, save_at_once, save_while_first_is_open
from tsunagu.testing.factories import CaseFactory, PersonFactory

CONFLICT_JA = "あなたの変更は保存されていません"


@pytest.fixture
def person(consultation_worker):
    person = PersonFactory(address="釧路市幸町1-1", emergency_contact="")
    CaseFactory(worker=consultation_worker, person=person)
    return person


def _edit_data(person: Person, **changes) -> dict:
    data = {
        "family_name": person.family_name,
        "given_name": person.given_name,
        "family_name_kana": person.family_name_kana,
        "given_name_kana": person.given_name_kana,
        "date_of_birth": "1975-01-02",
        "sex": person.sex,
        "area": "",
        "postal_code": person.postal_code,
        "address": person.address,
        "phone": person.phone,
        "mobile_phone": person.mobile_phone,
        "email": person.email,
        "emergency_contact": person.emergency_contact,
    }
    return data | changes


def _saves(outcomes) -> int:
    return sum(outcome == SAVED for outcome in outcomes)


# ---------------------------------------------------------------- two real transactions at once


@pytest.mark.django_db(transaction=True)
def test_two_workers_saving_the_same_person_at_once_never_lose_a_change(
    person, consultation_worker, employment_worker
):
    for attempt in range(10):
        mine, theirs = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
        loaded = mine.edit_version
        outcomes = save_at_once(
            partial(
                services.update_person,
                person=mine, actor=consultation_worker, edit_version=loaded, address=f"住所{attempt}",
            ),
            partial(
                services.update_person,
                person=theirs, actor=employment_worker, edit_version=loaded, emergency_contact=f"姉{attempt}",
            ),
        )  # fmt: skip
        assert _saves(outcomes) == 1, outcomes
        (conflict,) = [outcome for outcome in outcomes if isinstance(outcome, EditConflict)]
        assert CONFLICT_JA in conflict.messages[0]
        saved = Person.objects.get(pk=person.pk)
        assert saved.edit_version == loaded + 1
        mine_won = outcomes[0] == SAVED  # the winner's change is stored, the other one's is not
        assert (saved.address == f"住所{attempt}") is mine_won
        assert (saved.emergency_contact == f"姉{attempt}") is not mine_won


@pytest.mark.django_db(transaction=True)
def test_a_save_made_while_a_colleagues_save_is_still_open_is_refused_once_it_commits(
    person, consultation_worker, employment_worker
):
    mine, theirs = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    outcomes = save_while_first_is_open(
        lambda: services.update_person(person=mine, actor=consultation_worker, edit_version=1, address="先"),
        lambda: services.update_person(person=theirs, actor=employment_worker, edit_version=1, address="後"),
    )
    assert outcomes[0] == SAVED and isinstance(outcomes[1], EditConflict)
    assert [change.theirs for change in outcomes[1].changes] == ["先"]
    saved = Person.objects.get(pk=person.pk)
    assert (saved.address, saved.edit_version) == ("先", 2)
    assert saved.history.count() == 2  # created, then the one save: the refused one left no trace


@pytest.mark.django_db(transaction=True)
def test_two_workers_removing_the_same_household_member_at_once_remove_it_once(
    person, consultation_worker, employment_worker
):
    member = HouseholdMember.objects.create(person=person, name="山田 花子", relation="母")
    mine, theirs = HouseholdMember.objects.get(pk=member.pk), HouseholdMember.objects.get(pk=member.pk)
    outcomes = save_at_once(
        lambda: services.remove_household_member(member=mine, actor=consultation_worker, edit_version=1),
        lambda: services.remove_household_member(member=theirs, actor=employment_worker, edit_version=1),
    )
    assert _saves(outcomes) == 1, outcomes
    assert not HouseholdMember.objects.exists()
    removals = AuditEvent.objects.filter(action=AuditAction.UPDATE, detail={"household": "remove"})
    assert removals.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_withdrawing_the_same_consent_at_once_keep_the_first_date(
    person, consultation_worker, employment_worker
):
    consent = Consent.objects.create(
        person=person,
        scope=ConsentScope.SHARE_CITY,
        signed_on=dt.date(2025, 4, 1),
        recorded_by=consultation_worker,
    )
    mine, theirs = Consent.objects.get(pk=consent.pk), Consent.objects.get(pk=consent.pk)
    outcomes = save_at_once(
        lambda: services.withdraw_consent(
            consent=mine, actor=consultation_worker, edit_version=1, withdrawn_on=dt.date(2025, 5, 1)
        ),
        lambda: services.withdraw_consent(
            consent=theirs, actor=employment_worker, edit_version=1, withdrawn_on=dt.date(2025, 6, 1)
        ),
    )
    assert _saves(outcomes) == 1, outcomes
    consent.refresh_from_db()
    assert consent.withdrawn_on == (dt.date(2025, 5, 1) if outcomes[0] == SAVED else dt.date(2025, 6, 1))
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="people.consent").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_changes_of_stage_at_once_are_both_kept_as_a_chain(
    person, consultation_worker, employment_worker
):
    """A change of stage is recorded, never refused: the second starts from the stage the first set."""
    Person.objects.filter(pk=person.pk).update(current_stage=Stage.DAILY_LIFE)
    mine, theirs = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    outcomes = save_at_once(
        partial(services.change_stage, person=mine, actor=consultation_worker, stage=Stage.SOCIAL_LIFE,
                changed_on=dt.date(2025, 5, 1), reason="部会で確認"),
        partial(services.change_stage, person=theirs, actor=employment_worker, stage=Stage.EMPLOYMENT,
                changed_on=dt.date(2025, 5, 1), reason="就職"),
    )  # fmt: skip
    assert outcomes == [SAVED, SAVED]
    first, second = StageChange.objects.filter(person=person).order_by("id")
    assert first.previous_stage == Stage.DAILY_LIFE and second.previous_stage == first.stage
    person.refresh_from_db()
    assert person.current_stage == second.stage


# ---------------------------------------------------------------- through the pages: stale or no version


def test_a_person_saved_without_the_version_is_refused_and_nothing_is_saved(
    client_as, consultation_worker, person
):
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, address="新")
    )
    assert response.status_code == 400 and "読み込み直して" in response.text
    person.refresh_from_db()
    assert (person.address, person.edit_version) == ("釧路市幸町1-1", 1)


def test_a_person_saved_from_a_stale_version_is_refused_with_what_changed_and_the_input_kept(
    client_as, consultation_worker, employment_worker, person
):
    stale = {"edit_version": person.edit_version}
    first = client_as(employment_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, emergency_contact="兄 090-1111-2222", **stale)
    )
    assert first.status_code == 302
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, address="釧路市新富士町3-3", **stale)
    )
    assert response.status_code == 400
    assert "他の人がこの相談者を先に保存しました" in response.text and CONFLICT_JA in response.text
    assert "兄 090-1111-2222" in response.text and 'value="釧路市新富士町3-3"' in response.text
    person.refresh_from_db()
    assert (person.address, person.emergency_contact) == ("釧路市幸町1-1", "兄 090-1111-2222")


def test_a_stale_conflict_never_shows_a_withheld_contact_to_a_worker_who_may_not_see_it(
    client_as, consultation_worker, supervisor, person
):
    """The list of what changed names only fields this worker's form shows (DV protection)."""
    Person.objects.filter(pk=person.pk).update(is_dv_protected=True)
    person.refresh_from_db()
    data = _edit_data(person, address="秘匿される新住所", edit_version=1)
    data["is_dv_protected"] = "on"
    assert client_as(consultation_worker).post(f"/people/{person.pk}/edit/", data).status_code == 302
    hidden = _edit_data(person, emergency_contact="別の連絡先", edit_version=1)
    for name in ("postal_code", "address", "phone", "mobile_phone", "email"):
        hidden.pop(name)
    response = client_as(supervisor).post(f"/people/{person.pk}/edit/", hidden)
    assert response.status_code == 400 and CONFLICT_JA in response.text
    assert "秘匿される新住所" not in response.text


def test_a_merge_makes_an_edit_form_opened_before_it_stale(
    client_as, consultation_worker, supervisor, person
):
    duplicate = PersonFactory(family_name=person.family_name, given_name=person.given_name)
    CaseFactory(person=duplicate, worker=consultation_worker)
    services.merge_people(keep=Person.objects.get(pk=person.pk), duplicate=duplicate, actor=supervisor)
    response = client_as(consultation_worker).post(
        f"/people/{person.pk}/edit/", _edit_data(person, address="古い画面から", edit_version=1)
    )
    assert response.status_code == 400 and CONFLICT_JA in response.text
    person.refresh_from_db()
    assert person.address == "釧路市幸町1-1"


def test_a_household_member_removed_without_the_version_stays(client_as, consultation_worker, person):
    member = HouseholdMember.objects.create(person=person, name="山田 花子", relation="母")
    response = client_as(consultation_worker).post(f"/people/household/{member.pk}/remove/")
    assert response.status_code == 400 and "読み込み直して" in response.text
    assert HouseholdMember.objects.filter(pk=member.pk).exists()


def test_a_household_member_removed_from_a_stale_version_stays_and_htmx_is_told(
    client_as, consultation_worker, person
):
    member = HouseholdMember.objects.create(person=person, name="山田 花子", relation="母")
    HouseholdMember.objects.filter(pk=member.pk).update(edit_version=2)  # changed by someone else since
    client = client_as(consultation_worker)
    page = client.post(f"/people/household/{member.pk}/remove/", {"edit_version": "1"})
    assert page.status_code == 400 and CONFLICT_JA in page.text
    partial = client.post(
        f"/people/household/{member.pk}/remove/", {"edit_version": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in partial.text and CONFLICT_JA in partial.text and "山田 花子" in partial.text
    assert HouseholdMember.objects.filter(pk=member.pk).exists()


def test_the_remove_button_carries_the_members_version(client_as, consultation_worker, person):
    HouseholdMember.objects.create(person=person, name="山田 花子", relation="母", edit_version=3)
    page = client_as(consultation_worker).get(f"/people/{person.pk}/")
    assert '<input type="hidden" name="edit_version" value="3">' in page.text


def _consent(person, worker) -> Consent:
    return Consent.objects.create(
        person=person, scope=ConsentScope.SHARE_CITY, signed_on=dt.date(2025, 4, 1), recorded_by=worker
    )


def test_a_consent_withdrawn_without_the_version_is_refused_and_stays_in_force(
    client_as, consultation_worker, person
):
    consent = _consent(person, consultation_worker)
    response = client_as(consultation_worker).post(
        f"/people/consents/{consent.pk}/withdraw/", {f"withdraw-{consent.pk}-withdrawn_on": "2025-05-01"}
    )
    assert response.status_code == 400 and "読み込み直して" in response.text
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_consent_withdrawn_from_a_stale_version_is_refused_and_the_first_withdrawal_stays(
    client_as, consultation_worker, employment_worker, person
):
    consent = _consent(person, consultation_worker)
    form = {f"withdraw-{consent.pk}-withdrawn_on": "2025-05-01", f"withdraw-{consent.pk}-edit_version": "1"}
    assert (
        client_as(employment_worker).post(f"/people/consents/{consent.pk}/withdraw/", form).status_code == 302
    )
    form[f"withdraw-{consent.pk}-withdrawn_on"] = "2025-06-01"
    response = client_as(consultation_worker).post(f"/people/consents/{consent.pk}/withdraw/", form)
    assert response.status_code == 400
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2025, 5, 1)
