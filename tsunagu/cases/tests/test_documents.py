"""The printable plan and support record: embedded Japanese font, 和暦 dates, scope, audit."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import documents
from tsunagu.cases.models import ApprovalMethod, Note, NoteMethod, Plan, PlanStatus, StatutoryService
from tsunagu.people.models import Consent, ConsentScope
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory
from tsunagu.testing.pdf import A4_POINTS, pdf_fonts, pdf_missing_glyphs, pdf_page_sizes, pdf_pages, pdf_text

JST = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def case(consultation_worker, city_caseworker):
    person = PersonFactory(
        family_name="山田",
        given_name="花子",
        family_name_kana="ヤマダ",
        given_name_kana="ハナコ",
        date_of_birth=dt.date(1975, 1, 2),
    )
    return CaseFactory(
        person=person,
        worker=consultation_worker,
        intake_date=dt.date(2026, 3, 2),
        referring_caseworker=city_caseworker,
    )


@pytest.fixture
def plan(case, consultation_worker, supervisor):
    plan = Plan.objects.create(
        case=case,
        version=1,
        status=PlanStatus.APPROVED,
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 9, 30),
        long_term_goal="一人暮らしを続けながら、週3日働けるようになる。",
        short_term_goals="毎朝決まった時間に起きる。",
        own_actions="生活リズム表をつける。",
        statutory_services=[StatutoryService.CONSULTATION, StatutoryService.WORK_READINESS],
        agreed_on=dt.date(2026, 3, 25),
        next_monitoring_on=dt.date(2026, 6, 1),
        approval_method=ApprovalMethod.MEETING,
        meeting_date=dt.date(2026, 3, 27),
        approved_by=supervisor,
        approved_on=dt.date(2026, 3, 27),
        author=consultation_worker,
    )
    plan.support_rows.create(agency="就労準備支援事業", content="就労準備支援", frequency="週2回")
    plan.support_rows.create(agency="家計改善支援員", content="家計相談", frequency="月1回")
    return plan


def add_note(case, worker, when: dt.datetime, content: str, method: str = NoteMethod.PHONE) -> Note:
    return Note.objects.create(
        case=case, worker=worker, occurred_at=when, method=method, minutes=15, content=content
    )


def share_with_city(case, recorded_by) -> Consent:
    return Consent.objects.create(
        person=case.person,
        scope=ConsentScope.SHARE_CITY,
        signed_on=dt.date(2026, 3, 2),
        recorded_by=recorded_by,
    )


def assert_no_document(response, status: int) -> None:
    """Refused: the status, no PDF nor the person's name in the answer, and no export in the audit log."""
    assert response.status_code == status
    assert not response.content.startswith(b"%PDF")
    # The person's name and reading (an error page shows the signed-in user's own name in its header).
    assert "山田 花子".encode() not in response.content and "ヤマダ".encode() not in response.content
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


# ---------------------------------------------------------------- the plan as a document


def test_the_plan_pdf_embeds_a_japanese_font_and_shows_wareki_dates(plan):
    pdf = documents.plan_pdf(plan)
    fonts = pdf_fonts(pdf)
    assert "IPAexGothic" in {font.name for font in fonts}
    # Every font in the file is embedded: nothing depends on the printer's fonts.
    assert all(font.embedded for font in fonts), fonts
    text = pdf_text(pdf)
    assert "プラン兼事業等利用申込書" in text
    assert "山田" in text and "花子" in text and "ヤマダ" in text
    assert "昭和50年1月2日" in text  # date of birth
    assert "令和8年4月1日" in text and "令和8年9月30日" in text  # plan period
    assert "令和8年6月1日" in text  # next monitoring


def test_every_character_of_the_plan_pdf_has_a_glyph(plan):
    # No box printed where a character should be (the check needs no rasteriser).
    assert pdf_missing_glyphs(documents.plan_pdf(plan)) == 0


def test_a_character_no_font_has_is_reported_as_missing(plan):
    # The check above would catch tofu: a private-use character has a glyph in no installed font.
    plan.long_term_goal = "一人暮らし\U000f0000を続ける。"
    assert pdf_missing_glyphs(documents.plan_pdf(plan)) == 1


def test_the_plan_pdf_is_one_a4_portrait_page(plan):
    assert pdf_page_sizes(documents.plan_pdf(plan)) == [A4_POINTS]  # one page, portrait (width < height)


def test_the_plan_pdf_ticks_the_services_applied_for_out_of_all_of_them(plan):
    text = pdf_text(documents.plan_pdf(plan))
    for name in documents.FORM_SERVICE_NAMES.values():
        assert name in text
    # Two columns of boxes: a tick stands right before the name it marks.
    ticked = re.findall(r"✓\s+(\S+)", text)
    assert sorted(ticked) == ["就労準備支援事業", "自立相談支援事業"]


def test_the_plan_pdf_lists_the_supports_and_leaves_a_line_for_the_signature(plan):
    text = pdf_text(documents.plan_pdf(plan))
    assert re.search(r"就労準備支援事業\s+就労準備支援\s+週2回", text)
    assert re.search(r"家計改善支援員\s+家計相談\s+月1回", text)
    assert "上記の内容に同意し、事業の利用を申し込みます。" in text
    assert "本人署名" in text
    assert "令和8年3月25日" in text  # agreed on
    assert "令和8年3月27日" in text  # co-ordination meeting


def test_an_unsigned_draft_leaves_the_dates_blank_for_handwriting(plan):
    plan.status, plan.agreed_on, plan.approval_method = PlanStatus.DRAFT, None, ""
    plan.meeting_date = plan.approved_on = plan.approved_by = None
    plan.save()
    text = pdf_text(documents.plan_pdf(plan))
    assert "令和8年3月25日" not in text
    # The blanks left for the handwritten date come out as spaces.
    assert re.search(r"同意日\s+令和\s+年\s+月\s+日", text)


def test_a_plan_approved_by_a_supervisor_names_the_supervisor(plan, supervisor):
    plan.approval_method, plan.meeting_date = ApprovalMethod.SUPERVISOR, None
    plan.save()
    text = pdf_text(documents.plan_pdf(plan))
    assert str(supervisor) in text.replace("\n", "")


def test_every_service_and_contact_method_has_its_national_form_wording():
    assert set(documents.FORM_SERVICE_NAMES) == set(StatutoryService.values)
    assert set(documents.FORM_NOTE_METHODS) == set(NoteMethod.values)


# ---------------------------------------------------------------- the support record as a document


def test_support_record_lists_notes_oldest_first(case, consultation_worker):
    add_note(case, consultation_worker, dt.datetime(2026, 5, 10, 14, 30, tzinfo=JST), "二回目の面談。")
    add_note(
        case,
        consultation_worker,
        dt.datetime(2026, 3, 2, 9, 15, tzinfo=JST),
        "初回の来所相談。",
        NoteMethod.VISIT_IN,
    )
    add_note(case, consultation_worker, dt.datetime(2026, 12, 1, 8, 0, tzinfo=JST), "三回目の電話。")
    text = pdf_text(documents.support_record_pdf(case, case.notes.all()))
    assert text.index("初回の来所相談。") < text.index("二回目の面談。") < text.index("三回目の電話。")
    assert "令和8年3月2日" in text and "09:15" in text and "来所" in text
    assert case.reference in text and "山田" in text and "ヤマダ" in text


def test_support_record_repeats_the_table_header_on_every_page(case, consultation_worker):
    start = dt.datetime(2026, 3, 2, 10, 0, tzinfo=JST)
    for day in range(40):
        add_note(case, consultation_worker, start + dt.timedelta(days=day), "長い記録。" * 60)
    pages = pdf_pages(documents.support_record_pdf(case, case.notes.all()))
    assert len(pages) > 1
    assert all("年月日" in page and "内容" in page for page in pages)


# ---------------------------------------------------------------- the views: who may print


def test_the_assigned_worker_gets_the_plan_as_an_inline_pdf_named_by_id(client_as, consultation_worker, plan):
    response = client_as(consultation_worker).get(reverse("cases:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'inline; filename="plan-{plan.pk}.pdf"'
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("role_fixture", ["supervisor", "employment_worker", "city_caseworker"])
def test_staff_in_scope_can_print_the_plan(request, client_as, role_fixture, plan):
    user = request.getfixturevalue(role_fixture)
    response = client_as(user).get(reverse("cases:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "プラン兼事業等利用申込書" in text and "山田" in text and "花子" in text


@pytest.mark.parametrize("role_fixture", ["statistician", "administrator"])
def test_statisticians_and_administrators_get_404_for_both_pdfs(request, client_as, role_fixture, plan):
    user = request.getfixturevalue(role_fixture)
    assert_no_document(client_as(user).get(reverse("cases:plan_pdf", args=[plan.pk])), 404)
    assert_no_document(client_as(user).get(reverse("cases:support_record_pdf", args=[plan.case.pk])), 404)


def test_partner_staff_get_404_for_a_plan_pdf(client_as, partner_staff, plan):
    client = client_as(partner_staff)
    assert_no_document(client.get(reverse("cases:plan_pdf", args=[plan.pk])), 404)
    assert_no_document(client.get(reverse("cases:support_record_pdf", args=[plan.case.pk])), 404)


def test_a_worker_of_another_office_gets_404(client_as, other_hub_office, plan):
    outsider = UserFactory(username="otherbranch", office=other_hub_office, roles=[Role.SUPERVISOR.value])
    client = client_as(outsider)
    assert_no_document(client.get(reverse("cases:plan_pdf", args=[plan.pk])), 404)
    assert_no_document(client.get(reverse("cases:support_record_pdf", args=[plan.case.pk])), 404)


def test_a_city_caseworker_who_did_not_refer_the_person_gets_404(client_as, city_office, plan):
    other_cw = UserFactory(username="cw2", office=city_office, roles=[Role.CITY_CASEWORKER.value])
    assert_no_document(client_as(other_cw).get(reverse("cases:plan_pdf", args=[plan.pk])), 404)


def test_an_unknown_plan_is_404(client_as, consultation_worker, db):
    assert_no_document(client_as(consultation_worker).get(reverse("cases:plan_pdf", args=[999999])), 404)


def test_anonymous_visitors_are_sent_to_log_in(client, plan):
    response = client.get(reverse("cases:plan_pdf", args=[plan.pk]))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_reading_a_plan_pdf_is_audited(client_as, consultation_worker, plan):
    client_as(consultation_worker).get(reverse("cases:plan_pdf", args=[plan.pk]))
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == consultation_worker
    assert (event.object_type, event.object_id) == ("cases.plan", str(plan.pk))
    assert event.detail == {"page": "plan_pdf", "people": [plan.case.person_id]}


def test_a_refused_plan_pdf_is_not_audited_as_an_export(client_as, partner_staff, plan):
    client_as(partner_staff).get(reverse("cases:plan_pdf", args=[plan.pk]))
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_support_record_pdf_is_inline_named_by_id_and_audited(client_as, consultation_worker, case):
    add_note(case, consultation_worker, dt.datetime(2026, 3, 2, 9, 15, tzinfo=JST), "初回。")
    response = client_as(consultation_worker).get(reverse("cases:support_record_pdf", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="support-record-{case.pk}.pdf"'
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert event.detail == {"page": "support_record_pdf", "people": [case.person_id], "notes": 1}


def test_city_caseworker_without_share_consent_gets_404_for_the_support_record(
    client_as, city_caseworker, case
):
    response = client_as(city_caseworker).get(reverse("cases:support_record_pdf", args=[case.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_city_caseworker_with_share_consent_gets_the_support_record(
    client_as, city_caseworker, consultation_worker, case
):
    share_with_city(case, consultation_worker)
    add_note(case, consultation_worker, dt.datetime(2026, 3, 2, 9, 15, tzinfo=JST), "初回の来所相談。")
    response = client_as(city_caseworker).get(reverse("cases:support_record_pdf", args=[case.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert case.reference in text and "山田" in text and "初回の来所相談。" in text


def test_a_withdrawn_share_consent_closes_the_support_record_again(
    client_as, city_caseworker, consultation_worker, case
):
    consent = share_with_city(case, consultation_worker)
    consent.withdrawn_on = dt.date(2026, 4, 1)
    consent.save()
    response = client_as(city_caseworker).get(reverse("cases:support_record_pdf", args=[case.pk]))
    assert_no_document(response, 404)


def test_the_pdfs_are_only_read_never_posted(client_as, consultation_worker, plan):
    response = client_as(consultation_worker).post(reverse("cases:plan_pdf", args=[plan.pk]))
    assert_no_document(response, 405)
