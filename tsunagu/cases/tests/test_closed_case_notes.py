"""A case that has ended says why it takes no more support notes, and takes a follow-up only when the
worker says the note is one; the follow-up is marked on the timeline."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tsunagu.cases.models import CaseStatus, Note
from tsunagu.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(consultation_worker, city_caseworker):
    today = timezone.localdate()
    return CaseFactory(
        worker=consultation_worker, status=CaseStatus.CLOSED, closed_on=today.replace(day=1),
        intake_date=today.replace(day=1) - dt.timedelta(days=200), referring_caseworker=city_caseworker,
    )  # fmt: skip


def follow_up(**overrides) -> dict:
    return {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "method": "phone", "minutes": "10",
            "content": "終結後、近況を確認する電話", **overrides}  # fmt: skip


def test_a_closed_case_says_why_it_takes_no_more_notes_and_offers_a_follow_up(
    client_as, consultation_worker, closed_case
):
    html = client_as(consultation_worker).get(f"/cases/{closed_case.pk}/").content.decode()
    day = closed_case.closed_on
    assert f"このケースは{day.year}年{day.month}月{day.day}日に終了しました（終結）。" in html
    assert 'href="/cases/new/">新しく受付をしてください</a>' in html
    assert "終結後のフォローアップとして記録する" in html
    assert "記録を保存" not in html  # not the ordinary note form


def test_a_follow_up_not_said_to_be_one_is_refused_and_nothing_is_saved(
    client_as, consultation_worker, closed_case
):
    response = client_as(consultation_worker).post(
        f"/cases/{closed_case.pk}/notes/", follow_up(), headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert (
        "このケースは終了しています。終結後のフォローアップとして記録する場合はチェックを入れてください。"
        in (response.content.decode())
    )
    assert not Note.objects.exists()


def test_a_follow_up_is_saved_and_marked_on_the_timeline(client_as, consultation_worker, closed_case):
    client = client_as(consultation_worker)
    response = client.post(f"/cases/{closed_case.pk}/notes/", follow_up(after_closure="on"))
    assert response.status_code == 302
    assert Note.objects.get().content == "終結後、近況を確認する電話"
    html = client.get(f"/cases/{closed_case.pk}/").content.decode()
    assert re.search(r'data-kind="note"><div><strong>電話（終結後のフォローアップ）</strong>', html)


def test_the_city_caseworker_gets_no_note_form_on_a_closed_case(client_as, city_caseworker, closed_case):
    html = client_as(city_caseworker).get(f"/cases/{closed_case.pk}/").content.decode()
    assert 'data-testid="follow-up"' not in html and 'name="content"' not in html
