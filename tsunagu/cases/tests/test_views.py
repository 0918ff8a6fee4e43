"""The casework screens, role by role: allowed, forbidden, and not-found outside one's scope."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import ROLE_FIXTURES
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services
from tsunagu.cases.models import Case, CaseStatus, ClosureStatus, Note, Plan, PlanStatus
from tsunagu.people.models import Person
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

TODAY = timezone.localdate()


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
        "concerns": ["income", "job_search"],
        "most_pressing": "income",
        "wishes": "仕事を見つけたい",
        "application_signed_on": TODAY.isoformat(),
        "screening_outcome": "continuing",
        "contract": "consultation",
        "welfare_status": "not_receiving",
    }
    data.update(overrides)
    return data


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="佐藤", family_name_kana="さとう")
    )


@pytest.fixture
def approved_case(case, consultation_worker, supervisor):
    plan = services.create_plan(
        case=case,
        actor=consultation_worker,
        fields={
            "period_start": case.intake_date,
            "period_end": case.intake_date + dt.timedelta(days=180),
            "long_term_goal": "安定した生活",
            "short_term_goals": "生活リズムを整える",
            "agreed_on": TODAY,
            "next_monitoring_on": TODAY + dt.timedelta(days=30),
        },
    )
    services.submit_plan(plan=plan, actor=consultation_worker)
    services.approve_plans(plans=[plan], actor=supervisor, method="supervisor", approved_on=TODAY)
    case.refresh_from_db()
    return case


# ---------------------------------------------------------------- intake


def test_a_worker_registers_an_intake_and_lands_on_the_case_page(client_as, consultation_worker):
    response = client_as(consultation_worker).post("/cases/new/", intake_form())
    assert response.status_code == 302
    case = Case.objects.get()
    assert response.url == f"/cases/{case.pk}/"
    assert case.person.full_name == "山田 太郎"
    assert case.status == CaseStatus.INTAKE
    assert case.concerns.get(is_most_pressing=True).concern == "income"
    assert case.person.consents.filter(scope="application").exists()


def test_intake_offers_the_person_already_on_record_instead_of_a_second_one(client_as, consultation_worker):
    existing = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="ヤマダ", given_name_kana="タロウ",
        date_of_birth=dt.date(1980, 4, 1), phone="",
    )  # fmt: skip
    earlier = CaseFactory(person=existing, worker=consultation_worker, status=CaseStatus.CLOSED)
    client = client_as(consultation_worker)
    response = client.post("/cases/new/", intake_form(phone=""))
    assert response.status_code == 200
    assert "既に登録されている可能性があります" in response.text and "山田 太郎" in response.text
    assert Person.objects.count() == 1 and Case.objects.count() == 1
    response = client.post("/cases/new/", intake_form(phone="", existing_person=existing.pk))
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Case.objects.exclude(pk=earlier.pk).get().person == existing


def test_a_worker_may_still_register_a_different_person_with_the_same_reading(client_as, consultation_worker):
    PersonFactory(family_name_kana="やまだ", given_name_kana="たろう", date_of_birth=dt.date(1980, 4, 1))
    response = client_as(consultation_worker).post("/cases/new/", intake_form(confirm_new_person="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        (
            {"date_of_birth": (TODAY + dt.timedelta(days=1)).isoformat()},
            "生年月日に未来の日付は入力できません",
        ),
        ({"intake_date": (TODAY + dt.timedelta(days=2)).isoformat()}, "受付日に未来の日付は入力できません"),
        ({"concerns": [], "most_pressing": ""}, "相談内容を1つ以上選んでください"),
        ({"most_pressing": "debt"}, "最も困っていることは、選んだ相談内容の中から"),
        ({"screening_outcome": "handover"}, "つなぎ先を選んでください"),
        ({"family_name": ""}, "このフィールドは必須です"),
    ],
)
def test_bad_intakes_are_refused_in_japanese_and_nothing_is_saved(
    client_as, consultation_worker, overrides, field_message
):
    response = client_as(consultation_worker).post("/cases/new/", intake_form(**overrides))
    assert response.status_code == 400
    assert field_message in response.text
    assert Person.objects.count() == 0 and Case.objects.count() == 0


@pytest.mark.parametrize(
    "role_fixture", ["city_caseworker", "partner_staff", "statistician", "administrator"]
)
def test_only_casework_staff_open_intakes(request, client_as, role_fixture):
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get("/cases/new/").status_code == 403
    assert client.post("/cases/new/", intake_form()).status_code == 403
    assert not Case.objects.exists() and not Person.objects.exists()


# ---------------------------------------------------------------- case page and scope


@pytest.mark.parametrize("role_fixture", ["consultation_worker", "employment_worker", "supervisor"])
def test_casework_staff_of_the_office_read_the_case_and_the_read_is_audited(
    request, client_as, case, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    response = client_as(user).get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    assert case.person.full_name in response.text
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, object_type="cases.case", object_id=str(case.pk)
    ).exists()


@pytest.mark.parametrize(
    "role_fixture", ["partner_staff", "statistician", "administrator", "city_caseworker"]
)
def test_roles_without_the_case_in_scope_get_404(request, client_as, case, role_fixture):
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="cases.case").exists()


def test_a_worker_of_another_office_gets_404(client_as, case, other_hub_office):
    elsewhere = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    assert client_as(elsewhere).get(f"/cases/{case.pk}/").status_code == 404
    assert client_as(elsewhere).post(f"/cases/{case.pk}/notes/", {"content": "x"}).status_code == 404
    assert not Note.objects.exists()


def test_a_city_caseworker_reads_the_cases_they_referred_but_cannot_write(client_as, case, city_caseworker):
    Case.objects.filter(pk=case.pk).update(referring_caseworker=city_caseworker)
    client = client_as(city_caseworker)
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    assert "支援経過記録を追加" not in page.text
    assert client.get(f"/cases/{case.pk}/assessment/").status_code == 403
    assert client.post(f"/cases/{case.pk}/notes/", {"content": "x"}).status_code == 403


def test_dv_protected_contact_is_withheld_from_colleagues_who_are_not_assigned(client_as, case, supervisor):
    Person.objects.filter(pk=case.person_id).update(is_dv_protected=True, phone="0154-99-9999")
    colleague_view = client_as(supervisor).get(f"/cases/{case.pk}/")
    assert "秘匿" in colleague_view.text and "0154-99-9999" not in colleague_view.text
    own_view = client_as(case.worker).get(f"/cases/{case.pk}/")
    assert "0154-99-9999" in own_view.text


# ---------------------------------------------------------------- notes


def test_a_quick_note_from_a_phone_is_saved_and_shown_in_the_timeline(client_as, case):
    client = client_as(case.worker)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/cases/{case.pk}/notes/",
        {"occurred_at": now, "method": "home_visit", "minutes": "45", "content": "訪問。食料の状況を確認。"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "訪問。食料の状況を確認。" in response.text and "<html" not in response.text
    case.refresh_from_db()
    assert case.last_contact_on == TODAY


def test_a_note_dated_in_the_future_is_refused_and_not_saved(client_as, case):
    later = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_as(case.worker).post(
        f"/cases/{case.pk}/notes/",
        {"occurred_at": later, "method": "phone", "minutes": "5", "content": "電話"},
    )
    assert response.status_code == 400
    assert "未来の日時" in response.text
    assert not Note.objects.exists()


def test_a_long_case_shows_its_latest_30_notes_and_the_whole_timeline_on_request(client_as, case):
    now = timezone.now()
    Note.objects.bulk_create(
        Note(case=case, worker=case.worker, occurred_at=now - dt.timedelta(days=n), method="phone", minutes=5,
             content=f"記録{n:02d}番")
        for n in range(35)
    )  # fmt: skip
    client = client_as(case.worker)
    page = client.get(f"/cases/{case.pk}/").text
    assert "記録00番" in page and "記録29番" in page and "記録30番" not in page
    assert "最新30件の支援記録を表示しています。" in page and "経過をすべて表示" in page
    whole = client.get(f"/cases/{case.pk}/?timeline=all").text
    assert "記録34番" in whole and "経過をすべて表示" not in whole


def test_names_and_notes_are_escaped_in_the_list_the_caseload_and_the_timeline(
    client_as, consultation_worker
):
    person = PersonFactory(family_name="<b>悪</b>", given_name='"x"', family_name_kana="<i>あく</i>")
    case = CaseFactory(worker=consultation_worker, person=person, next_monitoring_on=TODAY)
    services.add_note(case=case, actor=consultation_worker, occurred_at=timezone.now(), method="phone",
                      minutes=5, content="<script>alert(1)</script>\n二行目")  # fmt: skip
    client = client_as(consultation_worker)
    for path in ("/cases/", "/cases/caseload/", f"/cases/{case.pk}/"):
        page = client.get(path).text
        assert "<b>悪</b>" not in page and "&lt;b&gt;悪&lt;/b&gt;" in page, path
        assert "<i>あく</i>" not in page and "<script>alert" not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>二行目" in client.get(f"/cases/{case.pk}/").text


# ---------------------------------------------------------------- plans and approval


def plan_form(case, **overrides):
    data = {
        "period_start": case.intake_date.isoformat(),
        "period_end": (case.intake_date + dt.timedelta(days=180)).isoformat(),
        "long_term_goal": "就労による自立",
        "short_term_goals": "週3回ボランティア体験に参加する",
        "own_actions": "朝8時に起きる",
        "supports-TOTAL_FORMS": "1",
        "supports-INITIAL_FORMS": "0",
        "supports-0-agency": "釧路市動物園協会",
        "supports-0-content": "動物園環境整備ボランティア体験事業",
        "supports-0-frequency": "週3回",
        "statutory_services": ["consultation", "work_readiness"],
        "agreed_on": TODAY.isoformat(),
        "next_monitoring_on": (TODAY + dt.timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_plan_that_ends_before_it_starts_is_refused(client_as, case):
    form = plan_form(case, period_end=(case.intake_date - dt.timedelta(days=1)).isoformat())
    response = client_as(case.worker).post(f"/cases/{case.pk}/plans/new/", form)
    assert response.status_code == 400
    assert "計画期間の終了日が開始日より前です" in response.text
    assert not Plan.objects.exists()


def test_the_second_of_two_concurrent_plan_edits_is_refused_with_what_changed(
    client_as, case, employment_worker
):
    client_as(case.worker).post(f"/cases/{case.pk}/plans/new/", plan_form(case))
    plan = Plan.objects.get()
    first = client_as(case.worker)
    second = client_as(employment_worker)
    loaded_version = plan.edit_version
    assert (
        first.post(
            f"/cases/plans/{plan.pk}/",
            plan_form(case, long_term_goal="一般就労", edit_version=loaded_version),
        ).status_code
        == 302
    )
    response = second.post(
        f"/cases/plans/{plan.pk}/", plan_form(case, short_term_goals="別の目標", edit_version=loaded_version)
    )
    assert response.status_code == 400
    assert "先に保存しました" in response.text and "一般就労" in response.text
    plan.refresh_from_db()
    assert plan.long_term_goal == "一般就労" and plan.short_term_goals == "週3回ボランティア体験に参加する"


def test_a_supervisor_approves_several_plans_at_a_coordination_meeting(
    client_as, consultation_worker, supervisor
):
    cases = [CaseFactory(worker=consultation_worker) for _ in range(3)]
    for c in cases:
        client_as(consultation_worker).post(f"/cases/{c.pk}/plans/new/", plan_form(c))
    for plan in Plan.objects.all():
        assert client_as(consultation_worker).post(f"/cases/plans/{plan.pk}/submit/").status_code == 302
    client = client_as(supervisor)
    queue = client.get("/cases/approvals/")
    assert queue.status_code == 200
    response = client.post(
        "/cases/approvals/",
        {
            "plans": [p.pk for p in Plan.objects.all()],
            **{f"version-{p.pk}": p.edit_version for p in Plan.objects.all()},  # as the page shows them
            "method": "meeting",
            "approved_on": TODAY.isoformat(),
            "meeting_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert set(Plan.objects.values_list("status", flat=True)) == {PlanStatus.APPROVED}
    assert set(Case.objects.values_list("status", flat=True)) == {CaseStatus.SUPPORT}


def test_meeting_approval_without_a_meeting_date_is_refused(client_as, consultation_worker, supervisor):
    case = CaseFactory(worker=consultation_worker)
    client_as(consultation_worker).post(f"/cases/{case.pk}/plans/new/", plan_form(case))
    plan = Plan.objects.get()
    client_as(consultation_worker).post(f"/cases/plans/{plan.pk}/submit/")
    response = client_as(supervisor).post(
        "/cases/approvals/", {"plans": [plan.pk], "method": "meeting", "approved_on": TODAY.isoformat()}
    )
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "supervisor"])
def test_only_supervisors_see_the_approval_queue(request, client_as, role_fixture):
    assert client_as(request.getfixturevalue(role_fixture)).get("/cases/approvals/").status_code == 403


# ---------------------------------------------------------------- closure


def test_a_closure_without_a_reason_is_refused(client_as, approved_case):
    response = client_as(approved_case.worker).post(
        f"/cases/{approved_case.pk}/closure/", {"closed_on": TODAY.isoformat(), "reason": ""}
    )
    assert response.status_code == 400
    assert "終結の理由を選んでください" in response.text
    assert not approved_case.closures.exists()


def test_a_closure_before_intake_is_refused(client_as, approved_case):
    before = (approved_case.intake_date - dt.timedelta(days=1)).isoformat()
    response = client_as(approved_case.worker).post(
        f"/cases/{approved_case.pk}/closure/", {"closed_on": before, "reason": "employed"}
    )
    assert response.status_code == 400
    assert "受付日より前に終結することはできません" in response.text


def test_closure_needs_the_supervisors_approval(client_as, approved_case, supervisor):
    client_as(approved_case.worker).post(
        f"/cases/{approved_case.pk}/closure/", {"closed_on": TODAY.isoformat(), "reason": "employed"}
    )
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.CLOSURE_PENDING
    closure = approved_case.closures.get()
    assert (
        client_as(approved_case.worker)
        .post(f"/cases/closures/{closure.pk}/decide/", {"approve": "1"})
        .status_code
        == 403
    )
    assert (
        client_as(supervisor).post(f"/cases/closures/{closure.pk}/decide/", {"approve": "1"}).status_code
        == 302
    )
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.CLOSED and approved_case.closed_on == TODAY
    assert approved_case.closures.get().status == ClosureStatus.APPROVED


# ---------------------------------------------------------------- lists


def test_search_by_half_width_katakana_finds_the_person(client_as, consultation_worker):
    CaseFactory(
        worker=consultation_worker,
        person=PersonFactory(
            family_name="山田", given_name="花子", family_name_kana="やまだ", given_name_kana="はなこ"
        ),
    )
    # A surname Faker never makes, so that no generated worker or person shares it.
    CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="砂糖島", family_name_kana="さとうじま")
    )
    response = client_as(consultation_worker).get("/cases/", {"q": "ﾔﾏﾀﾞ"})
    table = response.text.split("<tbody>", 1)[1]
    assert "山田 花子" in table and "砂糖島" not in table


def test_the_case_list_shows_only_the_office_cases(client_as, consultation_worker, other_hub_office):
    CaseFactory(worker=consultation_worker, person=PersonFactory(family_name="自所"))
    CaseFactory(
        worker=UserFactory(office=other_hub_office, roles=["consultation_worker"]),
        person=PersonFactory(family_name="他所"),
    )
    table = client_as(consultation_worker).get("/cases/").text.split("<tbody>", 1)[1]
    assert "自所" in table and "他所" not in table


def test_the_case_list_runs_the_same_number_of_queries_for_5_or_40_cases(client_as, consultation_worker):
    client = client_as(consultation_worker)
    CaseFactory.create_batch(5, worker=consultation_worker)
    client.get("/cases/")  # warm the session and user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/cases/")
    CaseFactory.create_batch(35, worker=consultation_worker)
    with CaptureQueriesContext(connection) as many:
        client.get("/cases/")
    assert len(many) == len(few)


def test_the_caseload_lists_cases_with_no_recent_contact(client_as, consultation_worker):
    quiet = CaseFactory(worker=consultation_worker, intake_date=TODAY - dt.timedelta(days=90))
    Case.objects.filter(pk=quiet.pk).update(last_contact_on=TODAY - dt.timedelta(days=45))
    response = client_as(consultation_worker).get("/cases/caseload/")
    assert response.status_code == 200
    assert quiet.person.full_name in response.text


def test_a_supervisor_reassigns_a_case_to_a_worker_of_the_office(
    client_as, case, supervisor, employment_worker
):
    response = client_as(supervisor).post(f"/cases/{case.pk}/reassign/", {"worker": employment_worker.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.worker == employment_worker


def test_the_note_form_sits_near_the_top_of_the_case_page_above_the_plan_and_the_timeline(
    client_as, consultation_worker
):
    case = CaseFactory(worker=consultation_worker)
    Plan.objects.create(
        case=case, version=1, status=PlanStatus.APPROVED, period_start=case.intake_date,
        period_end=case.intake_date + dt.timedelta(days=180), long_term_goal="自立", author=consultation_worker,
    )  # fmt: skip
    page = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    form, plan, timeline = (
        page.index('id="note-heading"'),
        page.index('id="plan-heading"'),
        page.index('data-testid="timeline"'),
    )
    assert form < plan < timeline


def test_a_note_sent_with_htmx_answers_the_form_and_the_timeline_out_of_band(client_as, consultation_worker):
    case = CaseFactory(worker=consultation_worker)
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/notes/",
        {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "method": "phone", "minutes": "5",
         "content": "電話で様子を聞いた。"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    assert 'id="note-heading"' in response.text
    timeline = response.text[response.text.index('<div id="case-timeline" hx-swap-oob="innerHTML">') :]
    assert "電話で様子を聞いた。" in timeline
