"""The licence's paperwork: the 求人求職管理簿 (Excel and PDF, scoped, audited) and the 職業紹介事業報告
(様式第8号) of a fiscal year, its figures compared with a count made by hand."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.tests.helpers import today
from tsunagu.jobs import paperwork, selectors
from tsunagu.jobs.models import Introduction
from tsunagu.jobs.tests.conftest import in_english
from tsunagu.testing.factories import CaseFactory, JobOpeningFactory, JobSeekerFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _introduce(opening, seeker, status, on, worker):
    return Introduction.objects.create(
        opening=opening, seeker=seeker, introduced_on=on - dt.timedelta(days=7), status=status,
        result_on=on if status in ("hired", "not_hired", "declined") else None, worker=worker,
    )  # fmt: skip


def test_the_annual_report_counts_what_a_hand_count_of_the_fiscal_year_gives(world, employment_worker):
    """Fiscal year 2025: 1 April 2025 to 31 March 2026. Each row says whether it counts, and where."""
    by = {"created_by": employment_worker}

    def opening(received, term, positions):
        return JobOpeningFactory(received_on=received, valid_until=received + dt.timedelta(days=90),
                                 term=term, positions=positions, **by)  # fmt: skip

    def seeker(received, term):
        return JobSeekerFactory(case=world.case, received_on=received,
                                valid_until=received + dt.timedelta(days=90), term=term, **by)  # fmt: skip

    a = opening(D(2025, 3, 31), "regular", 5)  # the day before the year: not counted
    b = opening(D(2025, 4, 1), "regular", 2)  # a 6-month contract (4 months or more: 常用) → 常用 +2
    c = opening(D(2025, 9, 10), "temporary", 3)  # a 3-month contract (under 4 months: 臨時) → 臨時 +3
    d = opening(D(2026, 3, 31), "day", 1)  # the year's last day → 日雇 +1
    opening(D(2026, 4, 1), "regular", 4)  # the next year's first day: not counted
    f = opening(D(2025, 12, 1), "regular", 1)  # no fixed term → 常用 +1
    # 求人数 (positions): 常用 2 + 1 = 3, 臨時 3, 日雇 1.

    s1 = seeker(D(2025, 3, 31), "regular")  # not counted
    s2 = seeker(D(2025, 4, 1), "regular")  # 常用 +1
    s3 = seeker(D(2025, 10, 15), "temporary")  # 臨時 +1
    s4 = seeker(D(2026, 3, 31), "day")  # 日雇 +1
    seeker(D(2026, 4, 1), "regular")  # not counted
    s6 = seeker(D(2025, 6, 1), "regular")  # 常用 +1
    # 求職者数: 常用 2, 臨時 1, 日雇 1.

    w = employment_worker
    _introduce(a, s1, "hired", D(2025, 3, 31), w)  # hired the day before the year: not counted
    _introduce(b, s2, "hired", D(2025, 4, 1), w)  # 常用 +1
    _introduce(f, s6, "hired", D(2026, 3, 31), w)  # 常用 +1
    _introduce(a, s6, "hired", D(2025, 5, 1), w)  # an opening of the year before, hired in this one: 常用 +1
    _introduce(c, s3, "hired", D(2025, 11, 1), w)  # 臨時 +1
    _introduce(d, s4, "hired", D(2026, 4, 1), w)  # decided in the next year: not counted
    _introduce(c, s2, "not_hired", D(2025, 10, 1), w)  # not a hire
    _introduce(b, s6, "declined", D(2025, 5, 1), w)  # not a hire
    _introduce(d, s3, "interviewed", D(2025, 12, 1), w)  # no result yet
    # 就職件数: 常用 3, 臨時 1, 日雇 0.

    report = paperwork.placement_report(2025)
    assert (report.first, report.last, report.due_on) == (D(2025, 4, 1), D(2026, 3, 31), D(2026, 4, 30))
    assert report.openings.counts == (3, 3, 1) and report.openings.total == 7
    assert report.seekers.counts == (2, 1, 1) and report.seekers.total == 4
    assert report.placements.counts == (3, 1, 0) and report.placements.total == 4
    assert report.label == "令和7年度"


def test_the_annual_report_page_shows_each_figure_with_its_definition_and_prints(
    world, employment_worker, client_as
):
    JobOpeningFactory(received_on=D(2025, 5, 1), valid_until=D(2025, 8, 1), positions=2,
                      created_by=employment_worker)  # fmt: skip
    client = in_english(client_as(employment_worker))
    response = client.get(reverse("jobs:placement_report"), {"year": 2025})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-figure="openings"><th scope="row">Openings (求人数, positions)</th><td>2</td>' in text
    assert "4 months or more" in text and "received on from 1 April to 31 March" in text
    pdf = client.get(reverse("jobs:placement_report_pdf"), {"year": 2025})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("pk")
    assert event.detail == {"page": "jobs:placement_report_pdf", "year": 2025}
    assert client.get(reverse("jobs:placement_report"), {"year": "1999"}).status_code == 400


@pytest.fixture
def register(world, employment_worker):
    """This month's register: an opening with introductions of a seeker in scope and one out of it."""
    seeker = JobSeekerFactory(case=world.case, created_by=employment_worker, wishes="午前中のみ")
    far = JobSeekerFactory(case=world.far, created_by=world.onbetsu)
    _introduce(world.opening, seeker, "hired", today(), employment_worker)
    _introduce(world.opening, far, "introduced", today(), world.onbetsu)
    return seeker


def test_the_register_downloads_as_a_workbook_with_japanese_headers_and_only_the_seekers_in_scope(
    world, employment_worker, client_as, register
):
    client = in_english(client_as(employment_worker))
    month = today().strftime("%Y-%m")
    response = client.get(reverse("jobs:register_xlsx"), {"first": month})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["求人", "求職"]
    openings, seekers = book["求人"], book["求職"]
    assert [c.value for c in openings[2]][:3] == ["受付年月日", "職種", "求人者（事業所）"]
    assert "紹介の結果" in [c.value for c in openings[2]]
    assert openings.column_dimensions["C"].width >= 20
    rows = [[c.value for c in row] for row in openings.iter_rows(min_row=3)]
    names = {row[8] for row in rows}
    assert world.case.person.full_name in names and world.far.person.full_name not in names
    assert rows[0][1] == "清掃" and rows[0][4] == "常用" and rows[0][9] == "採用"
    seeker_rows = [[c.value for c in row] for row in seekers.iter_rows(min_row=3)]
    assert [row[1] for row in seeker_rows] == [world.case.person.full_name]
    assert seeker_rows[0][5] == "午前中のみ" and seeker_rows[0][9] == "採用"
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("pk")
    assert event.detail["people"] == [world.case.person_id] and event.detail["page"] == "jobs:register_xlsx"


def test_the_register_prints_as_a_pdf_and_the_download_is_audited(
    world, employment_worker, client_as, register
):
    client = in_english(client_as(employment_worker))
    response = client.get(reverse("jobs:register_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("pk")
    assert event.detail["people"] == [world.case.person_id] and event.detail["seekers"] == 1


def test_the_register_page_counts_the_month_and_refuses_a_period_back_to_front(
    world, employment_worker, client_as, register
):
    client = in_english(client_as(employment_worker))
    page = client.get(reverse("jobs:register"))
    assert page.status_code == 200 and "1 openings, 1 job seekers" in page.content.decode()
    backwards = {"first": "2026-05", "last": "2026-01"}
    assert client.get(reverse("jobs:register"), backwards).status_code == 400
    assert client.get(reverse("jobs:register_xlsx"), backwards).status_code == 400


def test_the_register_is_four_queries_whatever_its_size(world, employment_worker):
    first, last = today().replace(day=1), today()
    for _ in range(3):
        seeker = JobSeekerFactory(case=CaseFactory(worker=employment_worker, person=PersonFactory()),
                                  created_by=employment_worker)  # fmt: skip
        _introduce(
            JobOpeningFactory(created_by=employment_worker), seeker, "introduced", today(), employment_worker
        )
    selectors.ledger(employment_worker, first=first, last=last)  # the user's roles, read once
    with CaptureQueriesContext(connection) as small:
        selectors.ledger(employment_worker, first=first, last=last)
    for _ in range(3):
        seeker = JobSeekerFactory(case=CaseFactory(worker=employment_worker, person=PersonFactory()),
                                  created_by=employment_worker)  # fmt: skip
        _introduce(
            JobOpeningFactory(created_by=employment_worker), seeker, "introduced", today(), employment_worker
        )
    with CaptureQueriesContext(connection) as big:
        ledger = selectors.ledger(employment_worker, first=first, last=last)
    assert len(ledger.seekers) == 6 and len(small) == len(big) == 4
