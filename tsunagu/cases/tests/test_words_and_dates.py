"""The words and dates of the casework pages: 地区 on the case, 氏名 for a person's name, メール for a
note by e-mail (the address stays メールアドレス), and dates in the UI's one style, never ISO."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tsunagu.cases.tests.helpers import days_ago, submitted_plan
from tsunagu.organisations.models import Area
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_persons_area(client_as, consultation_worker):
    area = Area.objects.create(name="音別町")
    case = CaseFactory(worker=consultation_worker, person=PersonFactory(area=area))
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    assert re.search(r'<dt>地区</dt><dd data-testid="case-area">音別町</dd>', html)


def test_a_persons_name_is_headed_shimei_in_the_case_list_and_the_approvals(
    client_as, consultation_worker, supervisor
):
    case = CaseFactory(worker=consultation_worker, intake_date=days_ago(60))
    submitted_plan(case, consultation_worker)
    cases = client_as(consultation_worker).get("/cases/").content.decode()
    approvals = client_as(supervisor).get("/cases/approvals/").content.decode()
    assert "<th>氏名</th>" in cases and "<th>氏名</th>" in approvals
    assert "名称" not in cases and "名称" not in approvals


def test_a_note_by_e_mail_is_meru_while_the_address_is_meru_adoresu(client_as, consultation_worker):
    case = CaseFactory(worker=consultation_worker)
    case_page = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    person_page = client_as(consultation_worker).get(f"/people/{case.person_id}/").content.decode()
    assert '<option value="email">メール</option>' in case_page
    assert "<dt>メールアドレス</dt>" in person_page


def test_the_date_of_birth_is_shown_in_wareki_with_the_western_date(client_as, consultation_worker):
    case = CaseFactory(worker=consultation_worker, person=PersonFactory(date_of_birth=dt.date(1975, 1, 2)))
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    assert "昭和50年1月2日（1975年1月2日）" in html
    assert "1975-01-02" not in html


def test_the_approvals_show_when_a_plan_was_sent_in_the_uis_style(client_as, consultation_worker, supervisor):
    plan = submitted_plan(
        CaseFactory(worker=consultation_worker, intake_date=days_ago(60)), consultation_worker
    )
    html = client_as(supervisor).get("/cases/approvals/").content.decode()
    sent = timezone.localtime(plan.submitted_at)
    assert f'<td data-label="提出日時">{sent.month}月{sent.day}日 {sent:%H:%M}</td>' in html
    assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", html)
