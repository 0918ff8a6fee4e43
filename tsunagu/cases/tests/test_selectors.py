"""Casework selectors: who sees which case, search, the case list and its filters, caseloads, duplicates."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.utils import timezone

from conftest import ROLE_FIXTURES
from tsunagu.accounts.roles import Role
from tsunagu.cases import selectors, services
from tsunagu.cases.models import CaseConcern, CaseStatus, ClosureReason, Concern, Contract, PlanStatus
from tsunagu.people.models import ConsentScope, Stage
from tsunagu.people.selectors import possible_duplicates
from tsunagu.people.services import change_stage, merge_people, record_consent, withdraw_consent
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def listed(user, **filters) -> set:
    return set(selectors.case_list(user, selectors.CaseFilters(**filters)))


def plan_fields():
    start = days_ago(40)
    return {
        "period_start": start, "period_end": start + dt.timedelta(days=180), "long_term_goal": "自立",
        "short_term_goals": "通所", "agreed_on": start, "next_monitoring_on": start + dt.timedelta(days=30),
    }  # fmt: skip


def submitted_plan(case):
    plan = services.create_plan(case=case, actor=case.worker, fields=plan_fields())
    return services.submit_plan(plan=plan, actor=case.worker)


# ---------------------------------------------------------------- scope


@pytest.fixture
def world(consultation_worker, supervisor, city_caseworker, other_hub_office, city_office):
    """A case of the worker's own, a case of the office referred by the city, and two of another office."""
    elsewhere_worker = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    other_caseworker = UserFactory(office=city_office, roles=[Role.CITY_CASEWORKER])
    return SimpleNamespace(
        own=CaseFactory(worker=consultation_worker),
        referred=CaseFactory(
            worker=supervisor, referring_caseworker=city_caseworker, route="city_department"
        ),
        elsewhere=CaseFactory(worker=elsewhere_worker),
        referred_elsewhere=CaseFactory(worker=elsewhere_worker, referring_caseworker=city_caseworker),
        referred_by_colleague=CaseFactory(worker=elsewhere_worker, referring_caseworker=other_caseworker),
    )


EXPECTED_SCOPE = {
    "consultation_worker": {"own", "referred"},
    "employment_worker": {"own", "referred"},
    "supervisor": {"own", "referred"},
    "city_caseworker": {"referred", "referred_elsewhere"},
    "partner_staff": set(),
    "statistician": set(),
    "administrator": set(),
}
assert set(EXPECTED_SCOPE) == set(ROLE_FIXTURES)
ALL_CASES = ("own", "referred", "elsewhere", "referred_elsewhere", "referred_by_colleague")


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_each_role_sees_exactly_the_cases_in_its_scope(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    expected = {getattr(world, name) for name in EXPECTED_SCOPE[role_fixture]}
    assert set(selectors.visible_cases(user)) == expected
    assert listed(user) == expected


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_a_case_out_of_scope_is_not_found_and_one_in_scope_opens(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    for name in ALL_CASES:
        case = getattr(world, name)
        if name in EXPECTED_SCOPE[role_fixture]:
            assert selectors.get_case(user, case.pk) == case
            assert selectors.case_with_records(user, case.pk) == case
            assert selectors.get_person(user, case.person_id) == case.person
        else:
            with pytest.raises(Http404):
                selectors.get_case(user, case.pk)
            with pytest.raises(Http404):
                selectors.case_with_records(user, case.pk)
            with pytest.raises(Http404):
                selectors.get_person(user, case.person_id)


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_the_panels_filter_by_a_case_only_for_those_who_see_it(request, world, role_fixture):
    user = request.getfixturevalue(role_fixture)
    for name in ALL_CASES:
        case = type(getattr(world, name)).objects.get(pk=getattr(world, name).pk)  # not fetched by the scope
        seen = name in EXPECTED_SCOPE[role_fixture]
        assert selectors.case_ids_in_scope(user, case) == ([case.pk] if seen else [])
        if seen:  # the page's own case, fetched through the scope, answers without asking again
            page_case = selectors.case_with_records(user, case.pk)
            assert selectors.case_ids_in_scope(user, page_case) == [case.pk]
            # ... and for that user alone
            assert selectors.case_ids_in_scope(request.getfixturevalue("partner_staff"), page_case) == []


def test_a_case_that_does_not_exist_is_not_found_like_one_out_of_scope(supervisor):
    with pytest.raises(Http404):
        selectors.get_case(supervisor, 999_999)


def test_plans_and_closures_of_another_office_are_not_found(world, supervisor, other_hub_office):
    plan = submitted_plan(world.elsewhere)
    other_supervisor = UserFactory(office=other_hub_office, roles=[Role.SUPERVISOR])
    services.approve_plans(plans=[plan], actor=other_supervisor, method="supervisor", approved_on=days_ago(1))
    world.elsewhere.refresh_from_db()
    closure = services.request_closure(
        case=world.elsewhere, actor=world.elsewhere.worker, closed_on=days_ago(1), reason=ClosureReason.MOVED
    )
    with pytest.raises(Http404):
        selectors.get_plan(supervisor, plan.pk)
    with pytest.raises(Http404):
        selectors.get_closure(supervisor, closure.pk)
    assert selectors.get_plan(other_supervisor, plan.pk) == plan
    assert selectors.get_closure(other_supervisor, closure.pk) == closure


def test_a_city_case_worker_sees_only_the_people_they_referred(world, city_caseworker):
    assert set(selectors.visible_people(city_caseworker)) == {
        world.referred.person,
        world.referred_elsewhere.person,
    }
    with pytest.raises(Http404):
        selectors.get_case(city_caseworker, world.referred_by_colleague.pk)


def test_a_person_with_several_cases_is_listed_once(consultation_worker):
    person = PersonFactory()
    CaseFactory(person=person, worker=consultation_worker, intake_date=days_ago(300))
    CaseFactory(person=person, worker=consultation_worker)
    assert list(selectors.visible_people(consultation_worker)) == [person]


# ---------------------------------------------------------------- search


@pytest.fixture
def yamada(consultation_worker):
    person = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="やまだ", given_name_kana="たろう",
        mobile_phone="090-1234-5678",
    )  # fmt: skip
    return CaseFactory(person=person, worker=consultation_worker)


@pytest.fixture
def suzuki(consultation_worker):
    person = PersonFactory(
        family_name="鈴木", given_name="花子", family_name_kana="すずき", given_name_kana="はなこ"
    )
    return CaseFactory(person=person, worker=consultation_worker)


@pytest.mark.parametrize(
    "query", ["ﾔﾏﾀﾞ", "ヤマダ", "やまだ", "山田", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ", "山田 太郎", "たろう", "やま"]
)
def test_search_ignores_hiragana_katakana_width_and_spaces(consultation_worker, yamada, suzuki, query):
    assert listed(consultation_worker, query=query) == {yamada}


@pytest.mark.parametrize("query", ["やまだじろう", "山田次郎", "ﾔﾏﾀﾞｼﾞﾛｳ"])
def test_search_does_not_find_someone_else_with_the_same_family_name(consultation_worker, yamada, query):
    assert listed(consultation_worker, query=query) == set()


@pytest.mark.parametrize(
    "query", ["090-1234-5678", "09012345678", " ０９０ １２３４ ５６７８ ", "(090)1234-5678"]
)
def test_search_finds_a_phone_number_written_either_way(consultation_worker, yamada, suzuki, query):
    assert listed(consultation_worker, query=query) == {yamada}


def test_search_finds_a_case_reference(consultation_worker, yamada, suzuki):
    assert listed(consultation_worker, query=f" {suzuki.reference} ") == {suzuki}


def test_search_stays_within_scope(yamada, other_hub_office):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.SUPERVISOR])
    assert listed(elsewhere, query="やまだ") == set()


# ---------------------------------------------------------------- case_list filters


def test_the_status_filter_takes_one_status_or_every_open_one(consultation_worker):
    by_status = {
        status: CaseFactory(worker=consultation_worker, status=status) for status in CaseStatus.values
    }
    assert listed(consultation_worker, status=CaseStatus.SUPPORT) == {by_status[CaseStatus.SUPPORT]}
    assert listed(consultation_worker, status="open") == {
        by_status[s]
        for s in (CaseStatus.INTAKE, CaseStatus.ASSESSMENT, CaseStatus.PLANNING, CaseStatus.SUPPORT,
                  CaseStatus.CLOSURE_PENDING)
    }  # fmt: skip
    assert len(listed(consultation_worker)) == len(CaseStatus.values)


def test_the_worker_filter_finds_cases_where_they_are_either_worker(
    consultation_worker, employment_worker, supervisor
):
    own = CaseFactory(worker=employment_worker)
    shared = CaseFactory(worker=consultation_worker, employment_worker=employment_worker)
    CaseFactory(worker=supervisor)
    assert listed(supervisor, worker_id=employment_worker.pk) == {own, shared}


def test_the_area_filter(consultation_worker):
    onbetsu = AreaFactory(name="音別")
    there = CaseFactory(worker=consultation_worker, person=PersonFactory(area=onbetsu))
    CaseFactory(worker=consultation_worker, person=PersonFactory(area=AreaFactory(name="美原")))
    CaseFactory(worker=consultation_worker)
    assert listed(consultation_worker, area_id=onbetsu.pk) == {there}


def test_the_stage_filter_uses_the_persons_current_stage(consultation_worker):
    social = CaseFactory(worker=consultation_worker, person=PersonFactory(current_stage=Stage.SOCIAL_LIFE))
    CaseFactory(worker=consultation_worker, person=PersonFactory(current_stage=Stage.EMPLOYMENT))
    assert listed(consultation_worker, stage=Stage.SOCIAL_LIFE) == {social}


def test_the_concern_filter_finds_any_marked_concern_once(consultation_worker):
    debt = CaseFactory(worker=consultation_worker)
    CaseConcern.objects.create(case=debt, concern=Concern.DEBT, is_most_pressing=True)
    CaseConcern.objects.create(case=debt, concern=Concern.HOUSING)
    also_debt = CaseFactory(worker=consultation_worker)
    CaseConcern.objects.create(case=also_debt, concern=Concern.DEBT)
    CaseConcern.objects.create(case=CaseFactory(worker=consultation_worker), concern=Concern.HOUSING)
    cases = list(selectors.case_list(consultation_worker, selectors.CaseFilters(concern=Concern.DEBT)))
    assert sorted(c.pk for c in cases) == sorted([debt.pk, also_debt.pk])


def test_the_contract_filter(consultation_worker):
    readiness = CaseFactory(worker=consultation_worker, contract=Contract.WORK_READINESS)
    CaseFactory(worker=consultation_worker, contract=Contract.CONSULTATION)
    assert listed(consultation_worker, contract=Contract.WORK_READINESS) == {readiness}


def test_the_opened_between_filter_includes_both_ends(consultation_worker):
    cases = {
        days: CaseFactory(worker=consultation_worker, intake_date=days_ago(days)) for days in (40, 30, 20, 10)
    }
    assert listed(consultation_worker, opened_from=days_ago(30), opened_to=days_ago(20)) == {
        cases[30],
        cases[20],
    }
    assert listed(consultation_worker, opened_from=days_ago(15)) == {cases[10]}
    assert listed(consultation_worker, opened_to=days_ago(35)) == {cases[40]}


def test_the_list_is_newest_first_with_the_most_pressing_concern(consultation_worker):
    older = CaseFactory(worker=consultation_worker, intake_date=days_ago(20))
    newer = CaseFactory(worker=consultation_worker, intake_date=days_ago(10))
    CaseConcern.objects.create(case=newer, concern=Concern.NO_FOOD, is_most_pressing=True)
    CaseConcern.objects.create(case=newer, concern=Concern.DEBT)
    keys = list(
        selectors.case_list(consultation_worker, selectors.CaseFilters()).values_list("pk", flat=True)
    )
    assert keys == [newer.pk, older.pk]
    rows = {row.pk: row for row in selectors.case_rows(keys)}
    assert rows[newer.pk].primary_concerns == [Concern.NO_FOOD]
    assert rows[older.pk].primary_concerns == []


def test_the_case_list_costs_the_same_few_queries_for_10_or_50_rows(supervisor, django_assert_num_queries):
    areas = [AreaFactory(name=f"地区{n}") for n in range(3)]
    for n in range(55):
        case = CaseFactory(worker=supervisor, person=PersonFactory(area=areas[n % 3]))
        CaseConcern.objects.create(case=case, concern=Concern.INCOME, is_most_pressing=True)
        CaseConcern.objects.create(case=case, concern=Concern.DEBT)
    assert supervisor.role_codes  # read once per request, before the page

    def show_page(size: int) -> list:
        keys = selectors.case_list(supervisor, selectors.CaseFilters(status="open")).values_list(
            "pk", flat=True
        )
        page = selectors.case_rows(list(keys[:size]))
        return [(row.family_name, row.area_name, row.worker_name, row.primary_concerns) for row in page]

    # The page's keys, its rows with their people's names, areas and workers, and the most pressing concerns.
    with django_assert_num_queries(3):
        assert len(show_page(10)) == 10
    with django_assert_num_queries(3):
        assert len(show_page(50)) == 50


# ---------------------------------------------------------------- caseload


def test_monitoring_due_lists_own_open_cases_due_within_a_week(consultation_worker, supervisor):
    overdue = CaseFactory(
        worker=consultation_worker, status=CaseStatus.SUPPORT, next_monitoring_on=days_ago(2)
    )
    soon = CaseFactory(
        worker=consultation_worker,
        status=CaseStatus.SUPPORT,
        next_monitoring_on=today() + dt.timedelta(days=7),
    )
    CaseFactory(
        worker=consultation_worker,
        status=CaseStatus.SUPPORT,
        next_monitoring_on=today() + dt.timedelta(days=8),
    )
    CaseFactory(worker=consultation_worker, status=CaseStatus.CLOSED, next_monitoring_on=days_ago(2))
    CaseFactory(worker=supervisor, status=CaseStatus.SUPPORT, next_monitoring_on=days_ago(2))
    due = selectors.caseload(consultation_worker).monitoring_due
    assert [(c.pk, c.name, c.on) for c in due] == [
        (overdue.pk, overdue.person.full_name, overdue.next_monitoring_on),
        (soon.pk, soon.person.full_name, soon.next_monitoring_on),
    ]


def test_plans_awaiting_approval_lists_own_submitted_plans(consultation_worker, supervisor):
    mine = CaseFactory(worker=consultation_worker)
    plan = submitted_plan(mine)
    services.create_plan(
        case=CaseFactory(worker=consultation_worker), actor=consultation_worker, fields=plan_fields()
    )
    submitted_plan(CaseFactory(worker=supervisor))
    assert [(p.pk, p.name, p.version) for p in selectors.caseload(consultation_worker).plans_awaiting] == [
        (plan.pk, mine.person.full_name, plan.version)
    ]


def test_missing_consent_lists_open_cases_without_an_active_application_consent(consultation_worker):
    signed, withdrawn, missing = (CaseFactory(worker=consultation_worker) for _ in range(3))
    record_consent(
        person=signed.person,
        actor=consultation_worker,
        scope=ConsentScope.APPLICATION,
        signed_on=days_ago(60),
    )
    consent = record_consent(
        person=withdrawn.person,
        actor=consultation_worker,
        scope=ConsentScope.APPLICATION,
        signed_on=days_ago(60),
    )
    withdraw_consent(consent=consent, actor=consultation_worker, edit_version=1, withdrawn_on=days_ago(1))
    record_consent(
        person=missing.person,
        actor=consultation_worker,
        scope=ConsentScope.SHARE_CITY,
        signed_on=days_ago(60),
    )
    assert {c.pk for c in selectors.caseload(consultation_worker).missing_consent} == {
        withdrawn.pk,
        missing.pk,
    }


def test_no_recent_contact_lists_cases_untouched_for_30_days_never_contacted_first(consultation_worker):
    never = CaseFactory(worker=consultation_worker, intake_date=days_ago(45))
    long_ago = CaseFactory(worker=consultation_worker, intake_date=days_ago(90), last_contact_on=days_ago(40))
    lately = CaseFactory(worker=consultation_worker, intake_date=days_ago(90), last_contact_on=days_ago(31))
    CaseFactory(worker=consultation_worker, intake_date=days_ago(90), last_contact_on=days_ago(5))
    CaseFactory(worker=consultation_worker, intake_date=days_ago(10))
    CaseFactory(worker=consultation_worker, intake_date=days_ago(90), status=CaseStatus.CLOSED)
    load = selectors.caseload(consultation_worker)
    assert [c.pk for c in load.no_recent_contact] == [never.pk, long_ago.pk, lately.pk]
    assert load.open_count == 5


def test_a_note_takes_a_case_off_the_no_contact_list(consultation_worker):
    case = CaseFactory(worker=consultation_worker, intake_date=days_ago(45))
    services.add_note(
        case=case,
        actor=consultation_worker,
        occurred_at=timezone.now(),
        method="phone",
        minutes=10,
        content="近況確認",
    )
    assert selectors.caseload(consultation_worker).no_recent_contact == []


def test_the_caseload_of_someone_without_cases_is_empty(statistician):
    load = selectors.caseload(statistician)
    assert (load.monitoring_due, load.plans_awaiting, load.missing_consent, load.no_recent_contact) == (
        [],
        [],
        [],
        [],
    )
    assert load.open_count == 0


# ---------------------------------------------------------------- approval queue


def test_a_supervisor_sees_the_plans_and_closures_of_their_office_awaiting_a_decision(
    supervisor, consultation_worker, other_hub_office
):
    plan = submitted_plan(CaseFactory(worker=consultation_worker))
    services.create_plan(
        case=CaseFactory(worker=consultation_worker), actor=consultation_worker, fields=plan_fields()
    )
    closing = CaseFactory(worker=consultation_worker)
    closure = services.request_closure(
        case=closing, actor=consultation_worker, closed_on=days_ago(1), reason=ClosureReason.MOVED
    )
    submitted_plan(CaseFactory(worker=UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])))
    assert selectors.approval_queue(supervisor) == selectors.ApprovalQueue([plan], [closure], 1, 1)
    services.approve_plans(plans=[plan], actor=supervisor, method="supervisor", approved_on=today())
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    assert selectors.approval_queue(supervisor) == selectors.ApprovalQueue([], [], 0, 0)


@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "supervisor"])
def test_only_supervisors_have_an_approval_queue(request, consultation_worker, role_fixture):
    submitted_plan(CaseFactory(worker=consultation_worker))
    assert selectors.approval_queue(request.getfixturevalue(role_fixture)) == selectors.ApprovalQueue(
        [], [], 0, 0
    )


# ---------------------------------------------------------------- duplicates at intake


@pytest.fixture
def taro():
    return PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="やまだ", given_name_kana="たろう",
        date_of_birth=dt.date(1980, 4, 1), phone="0154-12-3456", mobile_phone="",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("family", "given"), [("やまだ", "たろう"), ("ヤマダ", "タロウ"), ("ﾔﾏﾀﾞ", "ﾀﾛｳ"), ("やまだ ", " たろう")]
)
def test_the_same_reading_and_birth_date_is_offered_however_the_reading_is_written(taro, family, given):
    assert list(
        possible_duplicates(family_name_kana=family, given_name_kana=given, date_of_birth=dt.date(1980, 4, 1))
    ) == [taro]


def test_the_same_reading_with_another_birth_date_is_not_offered(taro):
    found = possible_duplicates(
        family_name_kana="やまだ", given_name_kana="たろう", date_of_birth=dt.date(1980, 4, 2)
    )
    assert list(found) == []


def test_a_reading_without_a_birth_date_is_not_enough(taro):
    assert (
        list(possible_duplicates(family_name_kana="やまだ", given_name_kana="たろう", date_of_birth=None))
        == []
    )


@pytest.mark.parametrize("phone", ["0154123456", "(0154) 12-3456", "０１５４－１２－３４５６"])
def test_the_same_phone_number_is_offered_whatever_the_punctuation(taro, phone):
    found = possible_duplicates(
        family_name_kana="すずき", given_name_kana="はなこ", date_of_birth=None, phones=[phone]
    )
    assert list(found) == [taro]


def test_a_partial_phone_number_is_not_enough(taro):
    found = possible_duplicates(
        family_name_kana="", given_name_kana="", date_of_birth=None, phones=["12-3456"]
    )
    assert list(found) == []


def test_a_merged_record_is_not_offered_again(taro, supervisor, consultation_worker):
    keep = PersonFactory()
    for person in (keep, taro):
        CaseFactory(person=person, worker=consultation_worker)
    merge_people(keep=keep, duplicate=taro, actor=supervisor)
    found = possible_duplicates(
        family_name_kana="やまだ",
        given_name_kana="たろう",
        date_of_birth=dt.date(1980, 4, 1),
        phones=["0154-12-3456"],
    )
    assert list(found) == []


# ---------------------------------------------------------------- DV: protected contact details


@pytest.fixture
def dv_case(consultation_worker, employment_worker):
    person = PersonFactory(is_dv_protected=True)
    return CaseFactory(person=person, worker=consultation_worker, employment_worker=employment_worker)


def test_the_assigned_workers_see_a_protected_persons_contact_details(
    dv_case, consultation_worker, employment_worker
):
    assert selectors.can_see_protected_contact(consultation_worker, dv_case.person)
    assert selectors.can_see_protected_contact(employment_worker, dv_case.person)


@pytest.mark.parametrize(
    "role_fixture", ["supervisor", "city_caseworker", "partner_staff", "statistician", "administrator"]
)
def test_nobody_else_sees_a_protected_persons_contact_details(request, dv_case, role_fixture):
    assert not selectors.can_see_protected_contact(request.getfixturevalue(role_fixture), dv_case.person)


def test_a_colleague_of_the_office_does_not_see_a_protected_persons_contact_details(dv_case):
    colleague = UserFactory(office=dv_case.office, roles=[Role.CONSULTATION_WORKER])
    assert not selectors.can_see_protected_contact(colleague, dv_case.person)


def test_protection_outlasts_the_assignment_when_the_case_closes(dv_case, consultation_worker):
    type(dv_case).objects.filter(pk=dv_case.pk).update(status=CaseStatus.CLOSED)
    assert not selectors.can_see_protected_contact(consultation_worker, dv_case.person)


def test_anyone_with_the_case_sees_the_contact_of_an_unprotected_person(consultation_worker, supervisor):
    case = CaseFactory(worker=consultation_worker)
    assert selectors.can_see_protected_contact(supervisor, case.person)


# ---------------------------------------------------------------- who reads the support notes


def test_casework_staff_of_the_office_read_the_notes(world, consultation_worker, supervisor):
    assert selectors.can_read_notes(consultation_worker, world.own)
    assert selectors.can_read_notes(supervisor, world.referred)


def test_the_referring_city_case_worker_reads_notes_only_with_consent_to_share_with_the_city(
    world, city_caseworker, consultation_worker
):
    person = world.referred.person
    assert not selectors.can_read_notes(city_caseworker, world.referred)
    consent = record_consent(
        person=person, actor=consultation_worker, scope=ConsentScope.SHARE_CITY, signed_on=days_ago(5)
    )
    assert selectors.can_read_notes(city_caseworker, world.referred)
    withdraw_consent(consent=consent, actor=consultation_worker, edit_version=1, withdrawn_on=days_ago(1))
    assert not selectors.can_read_notes(city_caseworker, world.referred)


@pytest.mark.parametrize("role_fixture", ["partner_staff", "statistician", "administrator"])
def test_consent_to_share_with_the_city_opens_the_notes_to_nobody_else(
    request, world, consultation_worker, role_fixture
):
    record_consent(
        person=world.referred.person,
        actor=consultation_worker,
        scope=ConsentScope.SHARE_CITY,
        signed_on=days_ago(5),
    )
    assert not selectors.can_read_notes(request.getfixturevalue(role_fixture), world.referred)


def test_consent_to_share_with_the_city_does_not_open_notes_to_another_office(world, consultation_worker):
    record_consent(person=world.elsewhere.person, actor=world.elsewhere.worker, scope=ConsentScope.SHARE_CITY,
                   signed_on=days_ago(5))  # fmt: skip
    assert not selectors.can_read_notes(consultation_worker, world.elsewhere)


# ---------------------------------------------------------------- the case page


def test_the_timeline_shows_every_record_newest_first_and_notes_only_when_allowed(
    consultation_worker, supervisor
):
    case = CaseFactory(worker=consultation_worker, intake_date=days_ago(60))
    services.record_assessment(
        case=case, actor=consultation_worker,
        fields={"assessed_on": days_ago(50), "work_status": "unemployed", "housing_type": "rented"},
        scores={"daily_routine": 2}, confirmed_stage=Stage.DAILY_LIFE,
    )  # fmt: skip
    plan = submitted_plan(case)
    services.approve_plans(plans=[plan], actor=supervisor, method="supervisor", approved_on=days_ago(30))
    services.add_note(
        case=case, actor=consultation_worker, occurred_at=timezone.now() - dt.timedelta(days=3), method="phone",
        minutes=5, content="電話で近況確認",
    )  # fmt: skip
    change_stage(person=case.person, actor=consultation_worker, stage=Stage.SOCIAL_LIFE, changed_on=days_ago(1),
                 reason="ボランティア開始")  # fmt: skip

    case = selectors.case_with_records(consultation_worker, case.pk)
    notes, older = selectors.recent_notes(case)
    assert not older
    full = selectors.timeline(consultation_worker, case, notes=notes)
    kinds = [entry.kind for entry in full]
    # The plan was drafted and sent today (at their moments); the other records are dated in the past.
    # The stage confirmed by the assessment follows it on the same day.
    assert kinds == ["submission", "plan", "stage", "note", "approval", "stage", "assessment", "intake"]
    assert [entry.sort_key for entry in full] == sorted((entry.sort_key for entry in full), reverse=True)
    without_notes = selectors.timeline(consultation_worker, case, notes=None)
    assert "note" not in [entry.kind for entry in without_notes]
    assert plan.status == PlanStatus.APPROVED


def test_a_landline_matches_even_when_the_person_also_has_a_mobile(db):
    person = PersonFactory(phone="0154-22-3333", mobile_phone="090-1234-5678")
    found = possible_duplicates(
        family_name_kana="", given_name_kana="", date_of_birth=None, phones=["0154223333"]
    )
    assert list(found) == [person]


def test_the_given_name_reading_alone_finds_the_person(consultation_worker):
    person = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="やまだ", given_name_kana="たろう"
    )
    CaseFactory(worker=consultation_worker, person=person)
    found = selectors.case_list(consultation_worker, selectors.CaseFilters(query="タロウ"))
    assert [c.person for c in found] == [person]


def test_the_approval_queue_shows_the_oldest_plans_first_and_counts_them_all(consultation_worker, supervisor):
    for _ in range(3):
        submitted_plan(CaseFactory(worker=consultation_worker))
    queue = selectors.approval_queue(supervisor, size=2)
    assert len(queue.plans) == 2 and queue.plans_waiting == 3
    assert queue.plans[0].submitted_at <= queue.plans[1].submitted_at
