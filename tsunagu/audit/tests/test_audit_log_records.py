"""The audit log names records as their users know them (ケース 2026-000301), people by number only, shows
when in the UI's style, and filters by a person or a case."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.audit.services import record_event
from tsunagu.cases import services
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[str]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in body.split("</tr>")
        if "<td" in row
    ]


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="秘密"), reference="2026-000301"
    )


def test_a_case_and_its_plan_are_named_as_workers_know_them(
    client_as, administrator, consultation_worker, case
):
    start = case.intake_date
    plan = services.create_plan(
        case=case, actor=consultation_worker,
        fields={"period_start": start, "period_end": start + dt.timedelta(days=90), "long_term_goal": "自立",
                "short_term_goals": "通所"},
    )  # fmt: skip
    record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=case)
    html = client_as(administrator).get("/audit/").content.decode()
    assert "ケース 2026-000301" in html
    assert f"プラン 2026-000301 第{plan.version}版" in html
    assert "cases.case" not in html and "cases.plan" not in html


def test_a_person_is_named_by_number_only(client_as, administrator, consultation_worker, case):
    record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=case.person)
    html = client_as(administrator).get("/audit/").content.decode()
    assert f"相談者 #{case.person.pk}" in html
    assert "秘密" not in html


def test_when_is_shown_in_the_uis_date_and_time_style(client_as, administrator, consultation_worker, case):
    event = record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=case)
    html = client_as(administrator).get("/audit/").content.decode()
    local = timezone.localtime(event.occurred_at)
    assert f"{local.month}月{local.day}日 {local:%H:%M}" in html
    assert not re.search(r"\d{4}-\d{2}-\d{2}", html.split("<tbody>")[1])


def test_filtering_by_case_keeps_the_case_its_records_and_the_reads_of_their_pages(
    client_as, administrator, consultation_worker, case
):
    other = CaseFactory(worker=consultation_worker, reference="2026-000302")
    note = services.add_note(case=case, actor=consultation_worker, occurred_at=timezone.now(), method="phone",
                             minutes=5, content="電話")  # fmt: skip
    client_as(consultation_worker).get(f"/cases/{case.pk}/")  # a read of the case page
    record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=other)
    response = client_as(administrator).get("/audit/", {"case": "2026-000301"})
    found = rows(response.content.decode())
    assert len(found) == 2
    assert any("閲覧" in row and "ケース 2026-000301" in row and "1人を表示" in row for row in found)
    assert any("作成" in row and "支援経過記録 2026-000301" in row for row in found)
    assert note.pk  # (the note's creation is the second row)


def test_filtering_by_person_keeps_their_records_and_every_read_that_showed_them(
    client_as, administrator, consultation_worker, case
):
    person = case.person
    # Ids that contain the person's id as text, to show the match is by whole id.
    near = [PersonFactory(), PersonFactory()]
    AuditEvent.objects.create(actor=consultation_worker, action=AuditAction.VIEW,
                              detail={"page": "case_list", "people": [near[0].pk, person.pk, near[1].pk]})  # fmt: skip
    AuditEvent.objects.create(actor=consultation_worker, action=AuditAction.VIEW,
                              detail={"page": "case_list", "people": [int(f"{person.pk}1"), int(f"1{person.pk}")]})  # fmt: skip
    record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=case)
    record_event(action=AuditAction.UPDATE, actor=consultation_worker, target=near[0])
    response = client_as(administrator).get("/audit/", {"person": str(person.pk)})
    found = rows(response.content.decode())
    assert len(found) == 2
    assert any("3人を表示" in row for row in found)
    assert any("ケース 2026-000301" in row for row in found)


def test_an_unknown_case_reference_is_explained(client_as, administrator):
    response = client_as(administrator).get("/audit/", {"case": "2026-999999"})
    assert response.status_code == 400
    assert "この受付番号のケースはありません。" in response.content.decode()
