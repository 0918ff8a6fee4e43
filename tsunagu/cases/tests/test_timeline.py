"""The case timeline: one order of everything that happened to the case, newest first, each day by the
time things happened; the closure's request and decision; dates as the rest of the UI shows them."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tsunagu.cases import services
from tsunagu.cases.models import ClosureReason
from tsunagu.cases.tests.helpers import approve, assess, days_ago, submitted_plan
from tsunagu.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def timeline_items(html: str) -> list[tuple[str, str]]:
    """(kind, text) of each timeline entry, in page order."""
    found = re.findall(r'<li class="card" data-kind="(\w+)">(.*?)</li>', html, re.S)
    return [(kind, re.sub(r"<[^>]+>", "", text).strip()) for kind, text in found]


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=days_ago(60))


def note(case, worker, when: dt.datetime, content: str, method: str = "phone"):
    return services.add_note(
        case=case, actor=worker, occurred_at=when, method=method, minutes=10, content=content
    )


def test_within_a_day_entries_go_by_the_time_they_happened_newest_first(client_as, consultation_worker, case):
    day = days_ago(3)
    note(case, consultation_worker, at(day, 9, 5), "朝の電話")
    note(case, consultation_worker, at(day, 15, 40), "夕方の電話")
    note(case, consultation_worker, at(day, 11, 0), "昼の訪問", method="home_visit")
    assess(case, consultation_worker, assessed_on=day)  # dated only, entered today: before the day's times
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    that_day = [
        text
        for kind, text in timeline_items(html)
        if kind in ("note", "assessment") and f"{day.month}月{day.day}日" in text
    ]
    assert [re.search(r"(朝|夕方|昼)の|アセスメント", text).group(0) for text in that_day] == [
        "夕方の", "昼の", "朝の", "アセスメント",
    ]  # fmt: skip
    assert f"{day.month}月{day.day}日 15:40" in that_day[0]


def test_the_timeline_shows_moments_as_the_rest_of_the_ui_never_as_iso(client_as, consultation_worker, case):
    day = days_ago(2)
    note(case, consultation_worker, at(day, 10, 30), "近況を聞いた")
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    ((_kind, text),) = [item for item in timeline_items(html) if item[0] == "note"]
    moment = f"{day.month}月{day.day}日 10:30" if day.year == timezone.localdate().year else (
        f"{day.year}年{day.month}月{day.day}日 10:30"
    )  # fmt: skip
    assert moment in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", html.split('data-testid="timeline"')[1])


def test_the_closure_request_and_its_approval_are_on_the_timeline(
    client_as, consultation_worker, supervisor, case
):
    approve([submitted_plan(case, consultation_worker)], supervisor)
    closure = services.request_closure(
        case=case,
        actor=consultation_worker,
        closed_on=days_ago(1),
        reason=ClosureReason.EMPLOYED,
        detail="就職",
    )
    services.decide_closure(closure=closure, actor=supervisor, approve=True, comment="お疲れさまでした")
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    items = timeline_items(html)
    kinds = [kind for kind, _text in items]
    assert kinds[:2] == ["closure_decision", "closure_request"]
    closing = days_ago(1)
    assert (
        f"終結を申請：就労による自立（終結日 {closing.year}年{closing.month}月{closing.day}日）"
        in items[1][1]
    )
    assert "終結を承認" in items[0][1] and "お疲れさまでした" in items[0][1]
    assert {"plan", "submission", "approval"} <= set(kinds)


def test_a_closure_sent_back_says_so_with_the_reason(client_as, consultation_worker, supervisor, case):
    closure = services.request_closure(
        case=case, actor=consultation_worker, closed_on=days_ago(1), reason=ClosureReason.MOVED
    )
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="転居先の確認が必要")
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    decision = [text for kind, text in timeline_items(html) if kind == "closure_decision"]
    assert (
        len(decision) == 1 and "終結の申請を差し戻し" in decision[0] and "転居先の確認が必要" in decision[0]
    )


def test_the_assessment_and_plan_entries_open_their_pages(client_as, consultation_worker, case):
    assessment = assess(case, consultation_worker)
    plan = submitted_plan(case, consultation_worker)
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    assert f'<a href="/cases/assessments/{assessment.pk}/">アセスメント：日常生活自立</a>' in html
    assert f'<a href="/cases/plans/{plan.pk}/">プラン第1版の承認を依頼</a>' in html
