"""People services: building and updating a person, consent, the Kushiro ladder, merging duplicates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.models import Case
from tsunagu.people import services
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember, Person, Stage, StageChange
from tsunagu.people.selectors import has_active_consent, possible_duplicates
from tsunagu.testing.factories import (
    AreaFactory,
    CaseFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def person_fields(**overrides):
    return {
        "family_name": "山田",
        "given_name": "太郎",
        "family_name_kana": "ヤマダ",
        "given_name_kana": "タロウ",
        "date_of_birth": dt.date(1980, 4, 1),
        "mobile_phone": "090-1234-5678",
        **overrides,
    }


def field_errors(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def in_scope_of(worker, **fields) -> Person:
    """A person with a case at the worker's office: the people services act only on people in scope."""
    return CaseFactory(person=PersonFactory(**fields), worker=worker).person


# ---------------------------------------------------------------- build_person and update_person


def test_a_built_person_is_unsaved_and_searchable_by_reading_and_phone():
    person = services.build_person(**person_fields())
    assert person.pk is None
    assert person.reading_key == "やまだたろう"
    assert person.name_key == "山田太郎"
    assert person.mobile_key == "09012345678"


@pytest.mark.parametrize("field", ["current_stage", "name_key", "familyname"])
def test_a_field_the_service_does_not_take_is_refused_loudly_when_building_a_person(field):
    # Derived or managed fields, and a misspelt one, are not the caller's to set: never silently dropped.
    with pytest.raises(TypeError, match=field):
        services.build_person(**person_fields(**{field: "x"}))


def test_a_birth_date_in_the_future_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        services.build_person(**person_fields(date_of_birth=timezone.localdate() + dt.timedelta(days=1)))
    assert field_errors(error.value) == {"date_of_birth"}
    assert not Person.objects.exists()


def test_a_birth_date_before_1900_is_refused():
    with pytest.raises(ValidationError) as error:
        services.build_person(**person_fields(date_of_birth=dt.date(1899, 12, 31)))
    assert field_errors(error.value) == {"date_of_birth"}


def test_a_person_without_a_reading_is_refused():
    with pytest.raises(ValidationError) as error:
        services.build_person(**person_fields(family_name_kana="", given_name_kana=""))
    assert "family_name_kana" in field_errors(error.value)


def test_updating_a_person_keeps_the_earlier_version_in_the_history(consultation_worker):
    person = in_scope_of(consultation_worker, address="釧路市幸町1-1")
    before = person.history.count()
    services.update_person(
        person=person, actor=consultation_worker, edit_version=1, address="釧路市末広町2-2"
    )
    assert person.history.count() == before + 1
    latest, previous = person.history.all()[:2]
    assert (previous.address, latest.address) == ("釧路市幸町1-1", "釧路市末広町2-2")
    assert latest.history_user == consultation_worker


def test_updating_a_person_writes_an_audit_event_naming_the_fields_not_their_values(consultation_worker):
    person = in_scope_of(consultation_worker)
    services.update_person(
        person=person, actor=consultation_worker, edit_version=1, address="釧路市末広町2-2"
    )
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="people.person")
    assert event.actor == consultation_worker
    assert event.detail == {"fields": ["address"]}


def test_changing_the_reading_changes_what_search_finds(consultation_worker):
    person = in_scope_of(consultation_worker)
    services.update_person(
        person=person,
        actor=consultation_worker,
        edit_version=1,
        family_name_kana="ｽｽﾞｷ",
        given_name_kana="ﾊﾅｺ",
    )
    person.refresh_from_db()
    assert person.reading_key == "すずきはなこ"


def test_an_update_with_a_birth_date_in_the_future_is_refused_and_nothing_changes(consultation_worker):
    person = in_scope_of(consultation_worker, date_of_birth=dt.date(1970, 1, 1), address="釧路市幸町1-1")
    history = person.history.count()
    with pytest.raises(ValidationError) as error:
        services.update_person(
            person=person,
            actor=consultation_worker,
            edit_version=person.edit_version,
            address="釧路市末広町2-2",
            date_of_birth=timezone.localdate() + dt.timedelta(days=3),
        )
    assert field_errors(error.value) == {"date_of_birth"}
    person.refresh_from_db()
    assert (person.date_of_birth, person.address) == (dt.date(1970, 1, 1), "釧路市幸町1-1")
    assert person.history.count() == history


# ---------------------------------------------------------------- household


def test_household_members_are_added_and_removed(consultation_worker):
    person = in_scope_of(consultation_worker)
    member = services.add_household_member(
        person=person, actor=consultation_worker, name="山田 花子", relation="母", age=72
    )
    assert list(person.household.all()) == [member]
    services.remove_household_member(member=member, actor=consultation_worker, edit_version=1)
    assert not person.household.exists()


def test_a_household_member_without_a_relation_is_refused(consultation_worker):
    person = in_scope_of(consultation_worker)
    with pytest.raises(ValidationError) as error:
        services.add_household_member(person=person, actor=consultation_worker, name="山田 花子", relation="")
    assert "relation" in field_errors(error.value)
    assert not HouseholdMember.objects.exists()


# ---------------------------------------------------------------- consent


def test_a_consent_is_recorded_with_the_organisations_it_may_be_shared_with(consultation_worker):
    person = in_scope_of(consultation_worker)
    partner = OrganisationFactory()
    consent = services.record_consent(
        person=person,
        actor=consultation_worker,
        scope=ConsentScope.SHARE_PARTNERS,
        signed_on=days_ago(2),
        shared_with=[partner],
    )
    assert consent.is_active
    assert list(consent.shared_with.all()) == [partner]
    assert consent.recorded_by == consultation_worker
    assert has_active_consent(person, ConsentScope.SHARE_PARTNERS)


def test_a_consent_signed_in_the_future_is_refused_and_nothing_is_saved(consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.record_consent(
            person=in_scope_of(consultation_worker),
            actor=consultation_worker,
            scope=ConsentScope.APPLICATION,
            signed_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert field_errors(error.value) == {"signed_on"}
    assert not Consent.objects.exists()


def test_a_consent_of_an_unknown_scope_is_refused(consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.record_consent(
            person=in_scope_of(consultation_worker),
            actor=consultation_worker,
            scope="everything",
            signed_on=days_ago(1),
        )
    assert field_errors(error.value) == {"scope"}
    assert not Consent.objects.exists()


@pytest.fixture
def consent(consultation_worker):
    return services.record_consent(
        person=in_scope_of(consultation_worker),
        actor=consultation_worker,
        scope=ConsentScope.SHARE_CITY,
        signed_on=days_ago(10),
    )


def test_a_withdrawn_consent_no_longer_counts(consent, consultation_worker):
    services.withdraw_consent(
        consent=consent,
        actor=consultation_worker,
        edit_version=consent.edit_version,
        withdrawn_on=days_ago(1),
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == days_ago(1)
    assert not consent.is_active
    assert not has_active_consent(consent.person, ConsentScope.SHARE_CITY)


def test_a_consent_withdrawn_before_it_was_given_is_refused_and_nothing_is_saved(
    consent, consultation_worker
):
    with pytest.raises(ValidationError) as error:
        services.withdraw_consent(
            consent=consent,
            actor=consultation_worker,
            edit_version=consent.edit_version,
            withdrawn_on=days_ago(11),
        )
    assert field_errors(error.value) == {"withdrawn_on"}
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert has_active_consent(consent.person, ConsentScope.SHARE_CITY)


def test_a_withdrawal_dated_in_the_future_is_refused(consent, consultation_worker):
    with pytest.raises(ValidationError) as error:
        services.withdraw_consent(
            consent=consent,
            actor=consultation_worker,
            edit_version=consent.edit_version,
            withdrawn_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert field_errors(error.value) == {"withdrawn_on"}
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_consent_cannot_be_withdrawn_twice_and_the_first_date_stays(consent, consultation_worker):
    services.withdraw_consent(
        consent=consent,
        actor=consultation_worker,
        edit_version=consent.edit_version,
        withdrawn_on=days_ago(5),
    )
    with pytest.raises(ValidationError):
        services.withdraw_consent(
            consent=consent,
            actor=consultation_worker,
            edit_version=consent.edit_version,
            withdrawn_on=days_ago(1),
        )
    consent.refresh_from_db()
    assert consent.withdrawn_on == days_ago(5)


def test_a_second_withdrawal_from_a_screen_opened_before_the_first_is_refused(consent, consultation_worker):
    stale = Consent.objects.get(pk=consent.pk)
    services.withdraw_consent(
        consent=consent,
        actor=consultation_worker,
        edit_version=consent.edit_version,
        withdrawn_on=days_ago(5),
    )
    with pytest.raises(ValidationError):
        services.withdraw_consent(
            consent=stale,
            actor=consultation_worker,
            edit_version=stale.edit_version,
            withdrawn_on=days_ago(1),
        )
    consent.refresh_from_db()
    assert consent.withdrawn_on == days_ago(5)


# ---------------------------------------------------------------- stage changes


def test_a_change_of_stage_is_kept_with_its_date_reason_and_previous_stage(consultation_worker):
    person = in_scope_of(consultation_worker, current_stage=Stage.DAILY_LIFE)
    change = services.change_stage(
        person=person,
        actor=consultation_worker,
        stage=Stage.SOCIAL_LIFE,
        changed_on=days_ago(3),
        reason="  生活リズムが安定し、ボランティア体験を始めた  ",
    )
    person.refresh_from_db()
    assert person.current_stage == Stage.SOCIAL_LIFE
    assert (change.previous_stage, change.stage, change.changed_on) == (
        Stage.DAILY_LIFE,
        Stage.SOCIAL_LIFE,
        days_ago(3),
    )
    assert change.reason == "生活リズムが安定し、ボランティア体験を始めた"
    assert change.recorded_by == consultation_worker


def test_staying_on_the_same_stage_writes_nothing(consultation_worker):
    person = in_scope_of(consultation_worker, current_stage=Stage.SOCIAL_LIFE)
    result = services.change_stage(
        person=person, actor=consultation_worker, stage=Stage.SOCIAL_LIFE, changed_on=days_ago(1), reason=""
    )
    assert result is None
    assert not StageChange.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_change_of_stage_without_a_reason_is_refused_and_nothing_is_saved(consultation_worker, reason):
    person = in_scope_of(consultation_worker, current_stage=Stage.DAILY_LIFE)
    with pytest.raises(ValidationError) as error:
        services.change_stage(
            person=person,
            actor=consultation_worker,
            stage=Stage.EMPLOYMENT,
            changed_on=days_ago(1),
            reason=reason,
        )
    assert field_errors(error.value) == {"stage_reason"}
    person.refresh_from_db()
    assert person.current_stage == Stage.DAILY_LIFE
    assert not StageChange.objects.exists()


def test_a_change_of_stage_dated_in_the_future_is_refused(consultation_worker):
    person = in_scope_of(consultation_worker)
    with pytest.raises(ValidationError) as error:
        services.change_stage(
            person=person,
            actor=consultation_worker,
            stage=Stage.DAILY_LIFE,
            changed_on=timezone.localdate() + dt.timedelta(days=1),
            reason="面談",
        )
    assert field_errors(error.value) == {"changed_on"}
    assert not StageChange.objects.exists()


def test_a_stage_off_the_ladder_is_refused(consultation_worker):
    person = in_scope_of(consultation_worker)
    with pytest.raises(ValidationError) as error:
        services.change_stage(
            person=person, actor=consultation_worker, stage="retired", changed_on=days_ago(1), reason="面談"
        )
    assert field_errors(error.value) == {"stage"}
    person.refresh_from_db()
    assert person.current_stage == ""
    assert not StageChange.objects.exists()


def test_moving_down_the_ladder_is_kept_too(consultation_worker):
    person = in_scope_of(consultation_worker, current_stage=Stage.EMPLOYMENT)
    services.change_stage(
        person=person,
        actor=consultation_worker,
        stage=Stage.DAILY_LIFE,
        changed_on=days_ago(1),
        reason="体調悪化",
    )
    assert list(person.stage_changes.values_list("previous_stage", "stage")) == [
        (Stage.EMPLOYMENT, Stage.DAILY_LIFE)
    ]


# ---------------------------------------------------------------- merging duplicates


@pytest.fixture
def duplicate_pair(consultation_worker, supervisor):
    """The same person registered twice: once with a landline only, once with the rest."""
    area = AreaFactory(name="音別")
    keep = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="やまだ", given_name_kana="たろう",
        date_of_birth=None, phone="0154-12-3456", mobile_phone="", area=None, address="釧路市幸町1-1",
        email="",
    )  # fmt: skip
    duplicate = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="ヤマダ", given_name_kana="タロウ",
        date_of_birth=dt.date(1975, 5, 5), phone="", mobile_phone="090-1111-2222", area=area,
        address="釧路市音別町", email="taro@example.jp", is_dv_protected=True,
    )  # fmt: skip
    CaseFactory(person=keep, worker=consultation_worker)
    CaseFactory(person=duplicate, worker=consultation_worker)
    CaseFactory(person=duplicate, worker=consultation_worker)
    services.add_household_member(
        person=duplicate, actor=consultation_worker, name="山田 花子", relation="妻"
    )
    services.record_consent(
        person=duplicate, actor=consultation_worker, scope=ConsentScope.APPLICATION, signed_on=days_ago(40)
    )
    services.change_stage(
        person=keep, actor=consultation_worker, stage=Stage.DAILY_LIFE, changed_on=days_ago(50), reason="初回"
    )
    services.change_stage(
        person=duplicate,
        actor=consultation_worker,
        stage=Stage.SOCIAL_LIFE,
        changed_on=days_ago(20),
        reason="体験開始",
    )
    return keep, duplicate


def test_merging_moves_every_case_household_member_consent_and_stage_change(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    assert Case.objects.filter(person=keep).count() == 3
    assert list(keep.household.values_list("name", flat=True)) == ["山田 花子"]
    assert keep.consents.filter(scope=ConsentScope.APPLICATION).count() == 1
    assert list(keep.stage_changes.values_list("stage", flat=True)) == [Stage.DAILY_LIFE, Stage.SOCIAL_LIFE]
    assert not Case.objects.filter(person=duplicate).exists()
    assert not duplicate.household.exists()
    assert not duplicate.consents.exists()
    assert not duplicate.stage_changes.exists()


def test_merging_fills_blank_fields_from_the_duplicate_and_keeps_what_was_there(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    keep.refresh_from_db()
    assert keep.date_of_birth == dt.date(1975, 5, 5)
    assert keep.mobile_phone == "090-1111-2222"
    assert keep.email == "taro@example.jp"
    assert keep.area.name == "音別"
    assert keep.address == "釧路市幸町1-1"
    assert keep.phone == "0154-12-3456"
    assert keep.mobile_key == "09011112222"


def test_merging_keeps_dv_protection_and_the_latest_stage(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    keep.refresh_from_db()
    assert keep.is_dv_protected
    assert keep.current_stage == Stage.SOCIAL_LIFE


def test_the_duplicate_stays_on_record_marked_as_merged(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert list(possible_duplicates(
        family_name_kana="やまだ", given_name_kana="たろう", date_of_birth=dt.date(1975, 5, 5)
    )) == [keep]  # fmt: skip


def test_a_merge_writes_an_audit_event_and_history_for_both_records(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    event = AuditEvent.objects.filter(object_type="people.person", object_id=str(keep.pk)).latest("id")
    assert event.actor == supervisor
    assert event.detail["merged"] == duplicate.pk
    assert event.detail["cases_moved"] == 2
    assert "date_of_birth" in event.detail["filled"]
    assert keep.history.latest().history_change_reason == f"merged #{duplicate.pk}"
    assert duplicate.history.latest().history_change_reason == f"merged into #{keep.pk}"
    assert keep.history.latest().history_user == supervisor


def test_a_record_cannot_be_merged_with_itself(duplicate_pair, supervisor):
    keep, _duplicate = duplicate_pair
    with pytest.raises(ValidationError):
        services.merge_people(keep=keep, duplicate=Person.objects.get(pk=keep.pk), actor=supervisor)
    keep.refresh_from_db()
    assert keep.merged_into is None


def test_a_record_cannot_be_merged_twice(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    stale_copy = Person.objects.get(pk=duplicate.pk)
    third = PersonFactory()
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    with pytest.raises(ValidationError):
        services.merge_people(keep=third, duplicate=stale_copy, actor=supervisor)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep


def test_nothing_can_be_merged_into_a_record_that_was_merged_away(duplicate_pair, supervisor):
    keep, duplicate = duplicate_pair
    services.merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    other = PersonFactory()
    CaseFactory(person=other)
    with pytest.raises(ValidationError):
        services.merge_people(keep=Person.objects.get(pk=duplicate.pk), duplicate=other, actor=supervisor)
    assert other.cases.count() == 1


@pytest.mark.parametrize(
    "role_fixture", ["consultation_worker", "employment_worker", "statistician", "administrator"]
)
def test_only_a_supervisor_merges_records(request, duplicate_pair, role_fixture):
    keep, duplicate = duplicate_pair
    with pytest.raises(PermissionDenied):
        services.merge_people(keep=keep, duplicate=duplicate, actor=request.getfixturevalue(role_fixture))
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert duplicate.cases.count() == 2


def test_a_supervisor_merges_only_records_in_their_scope(duplicate_pair, supervisor, other_hub_office):
    keep, _duplicate = duplicate_pair
    elsewhere = CaseFactory(worker=UserFactory(office=other_hub_office, roles=["consultation_worker"])).person
    with pytest.raises(PermissionDenied):
        services.merge_people(keep=keep, duplicate=elsewhere, actor=supervisor)
    elsewhere.refresh_from_db()
    assert elsewhere.merged_into is None and elsewhere.cases.count() == 1


# ---------------------------------------------------------------- who may change a person's record


def _person_services(person: Person, member: HouseholdMember, consent: Consent):
    """Each service that changes a person's record, for an actor."""
    return {
        "update_person": lambda actor: services.update_person(
            person=person, actor=actor, edit_version=person.edit_version, address="釧路市末広町2-2"
        ),
        "add_household_member": lambda actor: services.add_household_member(
            person=person, actor=actor, name="山田 花子", relation="母"
        ),
        "remove_household_member": lambda actor: services.remove_household_member(
            member=member, actor=actor, edit_version=member.edit_version
        ),
        "record_consent": lambda actor: services.record_consent(
            person=person, actor=actor, scope=ConsentScope.SHARE_CITY, signed_on=days_ago(1)
        ),
        "withdraw_consent": lambda actor: services.withdraw_consent(
            consent=consent, actor=actor, withdrawn_on=days_ago(1), edit_version=consent.edit_version
        ),
        "change_stage": lambda actor: services.change_stage(
            person=person, actor=actor, stage=Stage.EMPLOYMENT, changed_on=days_ago(1), reason="就労開始"
        ),
    }


def _record(person: Person) -> tuple:
    person.refresh_from_db()
    return (
        person.address,
        person.current_stage,
        sorted(person.household.values_list("name", flat=True)),
        sorted(person.consents.values_list("scope", "withdrawn_on")),
    )


PERSON_SERVICES = [
    "update_person", "add_household_member", "remove_household_member", "record_consent", "withdraw_consent",
    "change_stage",
]  # fmt: skip


@pytest.fixture
def record(consultation_worker):
    person = in_scope_of(consultation_worker, address="釧路市幸町1-1")
    member = services.add_household_member(
        person=person, actor=consultation_worker, name="山田 一郎", relation="父"
    )
    consent = services.record_consent(
        person=person, actor=consultation_worker, scope=ConsentScope.APPLICATION, signed_on=days_ago(5)
    )
    return person, member, consent


@pytest.mark.parametrize("service", PERSON_SERVICES)
@pytest.mark.parametrize(
    "role_fixture", ["city_caseworker", "partner_staff", "statistician", "administrator"]
)
def test_only_casework_staff_change_a_persons_record(request, record, service, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    before = _record(record[0])
    with pytest.raises(PermissionDenied):
        _person_services(*record)[service](actor)
    assert _record(record[0]) == before


@pytest.mark.parametrize("service", PERSON_SERVICES)
def test_workers_of_another_office_cannot_change_a_persons_record(record, other_hub_office, service):
    elsewhere = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    before = _record(record[0])
    with pytest.raises(PermissionDenied):
        _person_services(*record)[service](elsewhere)
    assert _record(record[0]) == before


@pytest.mark.parametrize("service", PERSON_SERVICES)
def test_the_persons_workers_change_their_record(record, consultation_worker, service):
    before = _record(record[0])
    _person_services(*record)[service](consultation_worker)
    assert _record(record[0]) != before


def test_a_field_update_person_does_not_know_is_refused_and_nothing_changes(consultation_worker):
    person = in_scope_of(consultation_worker, address="釧路市幸町1-1", phone="0154-11-1111")
    with pytest.raises(TypeError, match="adress"):
        services.update_person(
            person=person,
            actor=consultation_worker,
            edit_version=1,
            adress="釧路市末広町2-2",
            phone="0154-00-0000",
        )
    person.refresh_from_db()
    assert (person.address, person.phone, person.edit_version) == ("釧路市幸町1-1", "0154-11-1111", 1)
