"""The report of continuing cases to the municipality (自治体への継続支援ケース報告): which cases a month
lists for each reporting body, what each role sees of them, the reads recorded and the PDF to send."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import (
    Assessment,
    Case,
    Closure,
    ClosureKind,
    ClosureStatus,
    Plan,
    PlanKind,
    PlanStatus,
    ScreeningOutcome,
)
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory, UserFactory
from tsunagu.testing.pdf import pdf_page_sizes, pdf_text

TODAY = timezone.localdate()
# The month reported: two months back, so that records before, in and after it can all be dated.
MONTH = (TODAY.replace(day=1) - dt.timedelta(days=40)).replace(day=1)
MONTH_END = (MONTH + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
BEFORE = MONTH - dt.timedelta(days=20)
IN_MONTH = MONTH + dt.timedelta(days=10)
URL = "/cases/municipal-report/"


def _case(worker, family_name, *, area, intake=BEFORE, **fields) -> Case:
    person = PersonFactory(family_name=family_name, area=area)
    return CaseFactory(worker=worker, person=person, intake_date=intake, **fields)


def _assess(case, on=BEFORE) -> None:
    Assessment.objects.create(
        case=case, assessed_on=on, assessor=case.worker, work_status="unemployed", housing_type="rented",
        score_daily_routine=2, proposed_stage="daily_life", confirmed_stage="daily_life",
    )  # fmt: skip


def _plan(case, *, approved_on=None, decided_on=None, services=(), version=1, kind=PlanKind.INITIAL) -> Plan:
    plan = Plan.objects.create(
        case=case, version=version, kind=kind, period_start=BEFORE, period_end=BEFORE + dt.timedelta(days=180),
        long_term_goal="働く", short_term_goals="週2回通う", author=case.worker,
        status=PlanStatus.APPROVED if approved_on else PlanStatus.SUBMITTED, approved_on=approved_on,
        decided_on=decided_on, statutory_services=list(services),
    )  # fmt: skip
    # Entered when it was written, not when the test ran.
    Plan.objects.filter(pk=plan.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(BEFORE, dt.time(9)))
    )
    return plan


def _close(case, on, reason) -> None:
    kind = ClosureKind.INTERRUPTED if reason == "moved" else ClosureKind.CONCLUDED
    Closure.objects.create(
        case=case,
        closed_on=on,
        reason=reason,
        kind=kind,
        status=ClosureStatus.APPROVED,
        requested_by=case.worker,
    )
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=on)


@pytest.fixture
def caseload(consultation_worker, city_caseworker, other_hub_office):
    """The main office's cases in 美原 (釧路市) and 厚岸町 (a town: reported to 北海道), and one of the 音別 office."""
    mihara = AreaFactory(name="美原", municipality="釧路市")
    akkeshi = AreaFactory(name="厚岸町", municipality="厚岸町")
    onbetsu_worker = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    cases = {}
    cases["supported"] = _case(
        consultation_worker, "一ノ瀬", area=mihara, referring_caseworker=city_caseworker
    )
    _assess(cases["supported"])
    _plan(cases["supported"], approved_on=IN_MONTH, decided_on=IN_MONTH, services=["work_readiness"])
    cases["assessing"] = _case(consultation_worker, "二階堂", area=mihara, intake=IN_MONTH)
    _assess(cases["assessing"], on=IN_MONTH)
    cases["planning"] = _case(consultation_worker, "三田村", area=mihara)
    _assess(cases["planning"])
    _plan(cases["planning"])
    cases["approved_later"] = _case(consultation_worker, "四方田", area=mihara)
    _assess(cases["approved_later"])
    _plan(cases["approved_later"], approved_on=MONTH_END + dt.timedelta(days=3))
    cases["moved_away"] = _case(consultation_worker, "五味川", area=mihara)
    _assess(cases["moved_away"])
    _close(cases["moved_away"], IN_MONTH, "moved")
    cases["closed_before"] = _case(consultation_worker, "六車", area=mihara)
    _assess(cases["closed_before"])
    _close(cases["closed_before"], MONTH - dt.timedelta(days=1), "goal_achieved")
    cases["intake_only"] = _case(consultation_worker, "七尾", area=mihara)
    cases["information"] = _case(
        consultation_worker, "八雲", area=mihara, screening_outcome=ScreeningOutcome.INFORMATION_ONLY
    )
    _assess(cases["information"])
    cases["after_month"] = _case(
        consultation_worker, "九鬼", area=mihara, intake=MONTH_END + dt.timedelta(days=1)
    )
    _assess(cases["after_month"], on=MONTH_END + dt.timedelta(days=1))
    cases["town"] = _case(consultation_worker, "十河", area=akkeshi)
    _assess(cases["town"])
    cases["onbetsu"] = _case(onbetsu_worker, "百瀬", area=mihara)
    _assess(cases["onbetsu"])
    return cases


def _get(client, to="釧路市", month=MONTH):
    return client.get(URL, {"month": f"{month:%Y-%m}", "to": to})


def test_a_worker_sees_the_month_continuing_cases_of_their_office_reported_to_the_city(
    client_as, consultation_worker, caseload
):
    page = _get(client_as(consultation_worker))
    html = page.content.decode()
    assert page.status_code == 200
    for listed in ("一ノ瀬", "二階堂", "三田村", "四方田", "五味川"):
        assert listed in html, listed
    for left_out in ("六車", "七尾", "八雲", "九鬼", "十河", "百瀬"):
        assert left_out not in html, left_out
    report = page.context["report"]
    stages = {row.name.split()[0]: row for row in report.rows}
    assert stages["一ノ瀬"].stage == "support"
    assert stages["一ノ瀬"].decided_on == IN_MONTH
    assert stages["一ノ瀬"].service_codes == ["work_readiness"]
    assert "就労準備支援" in html
    assert stages["二階堂"].stage == "assessing"
    assert stages["三田村"].stage == "planning"
    # Approved after the month: at the month's end it was still being prepared, and no date was known.
    assert stages["四方田"].stage == "planning" and stages["四方田"].approved_on is None
    assert stages["五味川"].stage == "interrupted" and stages["五味川"].ended_on == IN_MONTH
    assert report.total == 5
    assert "継続支援と判断され" in html  # the definition, on the page


def test_the_towns_cases_are_reported_to_the_prefecture_with_their_town(client_as, supervisor, caseload):
    page = _get(client_as(supervisor), to="北海道")
    report = page.context["report"]
    assert [(row.name.split()[0], row.municipality) for row in report.rows] == [("十河", "厚岸町")]
    assert [value for value, _label in page.context["form"].fields["to"].choices][:2] == ["釧路市", "北海道"]


def test_the_statistician_sees_counts_of_every_office_and_no_one(client_as, statistician, caseload):
    page = _get(client_as(statistician))
    html = page.content.decode()
    assert page.status_code == 200
    report = page.context["report"]
    assert report.counts_only and report.rows == []
    assert report.total == 6  # the 音別 office's case counted too
    for name in ("一ノ瀬", "百瀬", "五味川"):
        assert name not in html
    assert caseload["supported"].reference not in html
    assert not AuditEvent.objects.filter(detail__page="municipal_report").exists()


def test_a_city_caseworker_sees_only_the_cases_they_referred(client_as, city_caseworker, caseload):
    report = _get(client_as(city_caseworker)).context["report"]
    assert [row.pk for row in report.rows] == [caseload["supported"].pk]


def test_partner_staff_and_administrators_may_not_open_the_report(client_as, partner_staff, administrator):
    assert client_as(partner_staff).get(URL).status_code == 403
    assert client_as(administrator).get(URL).status_code == 403


def test_the_report_records_whom_it_showed(client_as, consultation_worker, caseload):
    _get(client_as(consultation_worker))
    event = AuditEvent.objects.get(detail__page="municipal_report")
    shown = {
        caseload[key].person_id
        for key in ("supported", "assessing", "planning", "approved_later", "moved_away")
    }
    assert set(event.detail["people"]) == shown


def test_a_month_that_is_not_one_is_refused_and_this_month_shown(client_as, consultation_worker):
    page = client_as(consultation_worker).get(URL, {"month": "2026-13"})
    assert page.status_code == 400
    assert page.context["report"].month == TODAY.replace(day=1)


def test_the_report_is_in_the_navigation_of_the_roles_that_use_it(
    client_as, consultation_worker, administrator
):
    assert URL in client_as(consultation_worker).get("/").content.decode()
    assert URL not in client_as(administrator).get("/").content.decode()


def test_the_pdf_to_send_is_a4_in_wareki_with_the_cases(client_as, consultation_worker, caseload):
    response = client_as(consultation_worker).get(URL + "pdf/", {"month": f"{MONTH:%Y-%m}", "to": "釧路市"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "継続支援ケース報告" in text
    assert "令和" in text
    assert "一ノ瀬" in text and caseload["supported"].reference in text
    assert "就労準備支" in text  # 就労準備支援事業, wrapped in its column
    assert "百瀬" not in text
    assert {tuple(sorted(size)) for size in pdf_page_sizes(response.content)} == {(595.28, 841.89)}
    assert AuditEvent.objects.filter(detail__page="municipal_report_pdf", action="export").exists()


def test_the_report_reads_the_same_number_of_queries_for_ten_more_cases(
    client_as, consultation_worker, caseload
):
    client = client_as(consultation_worker)
    _get(client)  # sessions and caches warmed
    with CaptureQueriesContext(connection) as before:
        _get(client)
    for n in range(10):
        extra = _case(consultation_worker, f"追加{n}", area=caseload["supported"].person.area)
        _assess(extra)
        _plan(extra, approved_on=IN_MONTH)
    with CaptureQueriesContext(connection) as after:
        page = _get(client)
    assert page.context["report"].total == 15
    assert len(after) == len(before)
