"""The casework against the national standard forms (相談受付・申込票 A/B, インテーク・アセスメントシート,
プラン兼事業等利用申込書, 評価シート): each national item list is written out here, and each test fails
when an item is missing from the choices, the page's form or the PDF."""

import importlib

import pytest
from django.core.exceptions import ValidationError

from tsunagu.cases import documents, services
from tsunagu.cases.forms import AssessmentForm, EvaluationForm, IntakeForm
from tsunagu.cases.models import (
    LIFE_CHANGES,
    WORK_CHANGES,
    Challenge,
    ClosureKind,
    EmergencyKind,
    HealthInsurance,
    Housing,
    PensionStatus,
    PlanKind,
    Route,
    StatutoryService,
    WorkStatus,
)
from tsunagu.cases.tests.helpers import (
    approve,
    assess,
    days_ago,
    field_errors,
    intake,
    plan_fields,
    request_closure,
    submitted_plan,
)
from tsunagu.organisations.models import Office, Organisation, OrganisationType
from tsunagu.testing.pdf import A4_POINTS, pdf_fonts, pdf_page_sizes, pdf_text

pytestmark = pytest.mark.django_db

# B票 「ご本人について」: seven codes each for 仕事 and 住居 (the 4th of each unverified, see models).
NATIONAL_WORK = ["正社員・公務員", "臨時職員・パート・アルバイト・派遣社員", "自営業・家族従業者・内職", "学生",
                 "年金生活", "失業・休職中", "その他"]  # fmt: skip
NATIONAL_HOUSING = ["持家", "借家", "公営住宅", "親族・知人宅", "会社寮・借上げ住宅", "野宿", "その他"]
NATIONAL_INSURANCE = ["社会保険", "国民健康保険"]  # the two codes read on the stored copy of the form
NATIONAL_PENSION = ["受給中"]
# インテーク・アセスメントシート 「課題と背景要因」 (as the issue names them; the rest in models.Challenge).
NATIONAL_CHALLENGES = ["経済的困窮", "債務", "家計管理", "就職活動困難", "就職定着困難", "生活習慣の乱れ",
                       "社会的孤立", "メンタルヘルス", "障害", "住まい不安定", "ホームレス", "ひとり親",
                       "外国籍", "刑余者"]  # fmt: skip
# 評価シート 「状態像の変化」.
NATIONAL_LIFE = ["自立意欲の向上・改善", "精神の安定", "対人関係・家族関係の改善", "社会参加機会の増加",
                 "生活習慣の改善", "健康状態の改善", "住まいの確保・安定", "家計の改善"]  # fmt: skip
NATIONAL_WORK_CHANGES = ["就職活動開始", "職業訓練の開始", "就職", "就労収入増加"]
# プラン兼事業等利用申込書: the boxes in force since 2025-04-01.
NATIONAL_PLAN_SERVICES = ["自立相談支援事業", "就労準備支援事業", "家計改善支援事業", "住居確保給付金",
                          "居住支援事業", "子どもの学習・生活支援事業", "認定就労訓練事業"]  # fmt: skip


def _labels(choices) -> str:
    return " ".join(str(label) for _code, label in choices)


def test_the_b_form_codes_are_the_national_ones_with_casual_work_and_family_workers():
    assert len(WorkStatus.choices) == 7 and len(Housing.choices) == 7
    assert list(documents.FORM_WORK.values()) == NATIONAL_WORK
    assert list(documents.FORM_HOUSING.values()) == NATIONAL_HOUSING
    assert set(documents.FORM_WORK) == set(WorkStatus.values)
    assert set(documents.FORM_HOUSING) == set(Housing.values)
    assert set(documents.FORM_INSURANCE) == set(HealthInsurance.values)
    assert set(documents.FORM_PENSION) == set(PensionStatus.values)
    for name in NATIONAL_INSURANCE:
        assert name in documents.FORM_INSURANCE.values()
    assert "アルバイト" in str(WorkStatus.NON_REGULAR.label) and "家族従業者" in str(
        WorkStatus.SELF_EMPLOYED.label
    )


def test_the_intake_form_asks_for_the_visitors_phone_the_postal_code_and_the_city_department():
    form = IntakeForm()
    for name in ("visitor_phone", "postal_code", "referring_department"):
        assert name in form.fields
    assert Route.OUTREACH in dict(form.fields["route"].choices)


def test_a_city_referral_names_a_department_of_the_city_and_only_the_city(consultation_worker):
    city = Organisation.objects.create(name="釧路市役所", type=OrganisationType.MUNICIPALITY)
    welfare = Office.objects.create(organisation=city, name="生活福祉事務所")
    case = intake(consultation_worker, route=Route.CITY_DEPARTMENT, referring_department=welfare,
                  visitor_name="釧路 花子", visitor_relation="母", visitor_phone="0154-00-0000")  # fmt: skip
    case.refresh_from_db()
    assert (case.referring_department, case.visitor_phone) == (welfare, "0154-00-0000")
    npo = Office.objects.create(
        organisation=Organisation.objects.create(name="NPO", type=OrganisationType.NPO), name="本部"
    )
    with pytest.raises(ValidationError) as error:
        intake(consultation_worker, route=Route.CITY_DEPARTMENT, referring_department=npo)
    assert "referring_department" in field_errors(error.value)
    # Another route keeps no department.
    assert (
        intake(consultation_worker, route=Route.OUTREACH, referring_department=welfare).referring_department
        is None
    )


def test_emergency_support_is_recorded_with_date_kind_and_provider_before_any_plan(case, consultation_worker):
    support = services.record_emergency_support(
        case=case, actor=consultation_worker, provided_on=days_ago(59), kind=EmergencyKind.FOOD,
        provider="フードバンク釧路", detail="3日分",
    )  # fmt: skip
    assert (support.provided_on, support.kind, support.provider) == (days_ago(59), "food", "フードバンク釧路")
    with pytest.raises(ValidationError) as error:
        services.record_emergency_support(
            case=case, actor=consultation_worker, provided_on=days_ago(61), kind=EmergencyKind.SHELTER,
            provider="シェルター",
        )  # fmt: skip
    assert "provided_on" in field_errors(error.value)


def test_the_assessment_form_carries_the_national_checklist_beside_the_scale():
    form = AssessmentForm()
    labels = _labels(form.fields["challenges"].choices)
    for item in NATIONAL_CHALLENGES:
        assert item in labels, item
    for name in ("score_housing", "monthly_income", "debt_total", "person_wishes", "narrative",
                 "employment_support", "health_insurance", "pension"):  # fmt: skip
        assert name in form.fields
    assert set(documents.FORM_CHALLENGES) == set(Challenge.values)


def test_an_assessment_keeps_rows_amounts_and_the_persons_wishes_apart_from_the_view(
    case, consultation_worker
):
    assessment = assess(
        case, consultation_worker,
        work_history=[{"period": "2015-04〜2019-03", "employer_or_job": "水産加工", "work_type": "non_regular",
                       "reason_left": "体調不良"}],
        family=[{"relation": "母", "age": 72, "lives_together": True, "situation": "年金生活"}],
    )  # fmt: skip
    assessment.challenges, assessment.monthly_income = ["debt", "single_parent"], 98000
    assert [(r.employer_or_job, r.reason_left) for r in assessment.work_history.all()] == [
        ("水産加工", "体調不良")
    ]
    assert [(m.relation, m.age) for m in assessment.family.all()] == [("母", 72)]
    with pytest.raises(ValidationError) as error:
        services.record_assessment(
            case=case, actor=consultation_worker, scores={}, confirmed_stage="daily_life",
            fields={"assessed_on": days_ago(50), "work_status": "student", "housing_type": "with_others",
                    "challenges": ["no_such_thing"]},
        )  # fmt: skip
    assert "challenges" in field_errors(error.value)


def test_free_text_insurance_and_pension_are_refused_and_only_the_migration_maps_them(
    case, consultation_worker
):
    with pytest.raises(ValidationError) as refused:
        services.record_assessment(
            case=case, actor=consultation_worker, scores={}, confirmed_stage="daily_life",
            fields={"assessed_on": days_ago(50), "work_status": "pension", "housing_type": "public",
                    "health_insurance": "生活保護（医療扶助）", "pension": "老齢年金受給"},
        )  # fmt: skip
    assert {"health_insurance", "pension"} <= set(refused.value.message_dict)
    migration = importlib.import_module("tsunagu.cases.migrations.0005_national_forms")
    assert migration._insurance("生活保護（医療扶助）") == "medical_assistance"
    assert migration._pension("老齢年金受給") == "receiving"


def test_the_intake_assessment_pdf_prints_every_national_item_on_a4_with_wareki(case, consultation_worker):
    services.record_emergency_support(case=case, actor=consultation_worker, provided_on=days_ago(59),
                                      kind=EmergencyKind.LOAN, provider="釧路市社会福祉協議会")  # fmt: skip
    assessment = assess(case, consultation_worker, family=[{"relation": "長女", "age": 9}])
    pdf = documents.intake_assessment_pdf(case, assessment)
    text = pdf_text(pdf)
    for item in [*NATIONAL_WORK, *NATIONAL_HOUSING, *NATIONAL_INSURANCE, *NATIONAL_PENSION]:
        assert item in text, item
    for item in documents.FORM_CHALLENGES.values():
        assert item in text, item
    for heading in (
        "課題と背景要因",
        "本人の意向",
        "支援員の見立て",
        "就労支援の要否",
        "職歴",
        "家族",
        "緊急支援",
    ):
        assert heading in text, heading
    assert "釧路市社会福祉協議会" in text and "長女" in text
    assert "令和" in text
    assert 1 <= len(pdf_page_sizes(pdf)) <= 2 and set(pdf_page_sizes(pdf)) == {A4_POINTS}
    assert all(font.embedded for font in pdf_fonts(pdf))


def test_plan_boxes_are_the_terms_in_force_and_an_old_code_is_refused(case, consultation_worker, supervisor):
    labels = _labels(StatutoryService.choices)
    assert "居住支援" in labels and "一時生活支援" not in labels and "被保護者" not in labels
    assert sorted(documents.FORM_SERVICE_NAMES.values()) == sorted(NATIONAL_PLAN_SERVICES)
    for old in ("temporary_living", "welfare_work_readiness"):
        with pytest.raises(ValidationError):
            services.create_plan(
                case=case,
                actor=consultation_worker,
                fields=plan_fields(statutory_services=["consultation", old]),
            )
    plan = submitted_plan(case, consultation_worker, statutory_services=["consultation", "housing_support"])
    assert plan.statutory_services == ["consultation", "housing_support"]
    assert plan.kind == PlanKind.INITIAL
    approve([plan], supervisor)
    plan.refresh_from_db()
    services.record_service_decision(plan=plan, actor=consultation_worker, decided_on=days_ago(30))
    plan.refresh_from_db()
    assert plan.decided_on == days_ago(30)
    replan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    assert replan.kind == PlanKind.REPLAN
    text = pdf_text(documents.plan_pdf(plan))
    for name in NATIONAL_PLAN_SERVICES:
        assert name in text, name
    assert "支援決定日" in text and "初回" in text and "協議会" in text


def test_the_evaluation_lists_the_national_state_items_and_each_goal(case_in_support, consultation_worker):
    form = EvaluationForm(goals=["週3回、午前中に起きる"])
    for item in NATIONAL_LIFE:
        assert item in _labels(form.fields["life_changes"].choices), item
    for item in NATIONAL_WORK_CHANGES:
        assert item in _labels(form.fields["work_changes"].choices), item
    assert "goal_0" in form.fields
    assert [documents.FORM_LIFE_CHANGES[c] for c in LIFE_CHANGES][:8] == NATIONAL_LIFE
    assert [documents.FORM_WORK_CHANGES[c] for c in WORK_CHANGES][:4] == NATIONAL_WORK_CHANGES
    evaluation = services.record_evaluation(
        case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(2),
        state_changes=["habits", "budget", "employed"], summary="生活リズムが整った", outcome="continue",
        goals=[("週3回、午前中に起きる", "achieved")],
    )  # fmt: skip
    assert evaluation.state_changes == ["habits", "budget", "employed"]
    assert [(g.goal, g.achievement) for g in evaluation.goals.all()] == [
        ("週3回、午前中に起きる", "achieved")
    ]
    pdf = documents.evaluation_pdf(evaluation)
    text = pdf_text(pdf)
    for item in [*NATIONAL_LIFE, *NATIONAL_WORK_CHANGES, "生活面", "就労面", "達成"]:
        assert item in text, item
    assert len(pdf_page_sizes(pdf)) == 1 and "令和" in text


def test_a_closure_tells_an_interruption_from_a_conclusion(case, consultation_worker):
    assert request_closure(case, consultation_worker, reason="lost_contact").kind == ClosureKind.INTERRUPTED
    case.closures.all().delete()
    assert request_closure(case, consultation_worker, reason="goal_achieved").kind == ClosureKind.CONCLUDED


def test_the_plan_services_refuse_the_old_supports_text_and_state_codes(
    case, case_in_support, consultation_worker
):
    # The plan's supports are rows; the old one-line-per-support text lives on only in migration 0005.
    with pytest.raises(TypeError):
        services.create_plan(case=case, actor=consultation_worker, fields=plan_fields(supports="面談"))
    with pytest.raises(ValidationError):
        services.record_evaluation(
            case=case_in_support, actor=consultation_worker, evaluated_on=days_ago(1), state_changes=["debt"],
            summary="—", outcome="continue",
        )  # fmt: skip
