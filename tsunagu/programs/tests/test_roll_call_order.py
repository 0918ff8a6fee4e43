"""The roll-call lists people in あいうえお順 of their reading, and the host's earlier roll-calls are one tap
away (the previous session at the top, a short list at the bottom)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tsunagu.programs import services
from tsunagu.programs.models import Session
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory

TODAY = timezone.localdate()


def placed(host, worker, family: str, kana: str, given_kana: str = "たろう"):
    person = PersonFactory(family_name=family, family_name_kana=kana, given_name_kana=given_kana)
    return PlacementFactory(host=host, case=CaseFactory(worker=worker, person=person), worker=worker)


def session_on(host, days_ago: int) -> Session:
    return Session.objects.create(
        host=host, date=TODAY - dt.timedelta(days=days_ago), start_time=dt.time(9, 30)
    )


def names_in_order(page: str) -> list[str]:
    return re.findall(r'<span class="rc-name">(\S+) ', page)


@pytest.mark.parametrize("role", ["partner_staff", "consultation_worker"])
def test_the_roll_call_lists_people_in_the_order_of_the_kana_table(
    request, client_as, consultation_worker, zoo_host, role
):
    # Entered in another order; 郷田 (ごうだ) goes with こ, before 佐藤, and 小池 before 小林 by the given name
    for family, kana, given in [
        ("渡辺", "ワタナベ", "たろう"), ("佐藤", "さとう", "たろう"), ("郷田", "ごうだ", "たろう"),
        ("小林", "こばやし", "たろう"), ("阿部", "あべ", "たろう"), ("小池", "こいけ", "たろう"),
        ("小池", "こいけ", "あきこ"),
    ]:  # fmt: skip
        placed(zoo_host, consultation_worker, family, kana, given)
    session = session_on(zoo_host, 0)
    page = client_as(request.getfixturevalue(role)).get(f"/programs/sessions/{session.pk}/").text
    assert names_in_order(page) == ["阿部", "小池", "小池", "郷田", "小林", "佐藤", "渡辺"]


def test_the_previous_roll_call_is_one_tap_away_at_the_top(
    client_as, partner_staff, consultation_worker, zoo_host
):
    placed(zoo_host, consultation_worker, "阿部", "あべ")
    older, previous, current = session_on(zoo_host, 14), session_on(zoo_host, 7), session_on(zoo_host, 0)
    page = client_as(partner_staff).get(f"/programs/sessions/{current.pk}/").text
    nav = page.split('data-testid="roll-call-nav"')[1].split("</nav>")[0]
    assert f'rel="prev" href="/programs/sessions/{previous.pk}/"' in nav
    assert "前回" in nav and 'rel="next"' not in nav
    earlier = page.split('data-testid="earlier-roll-calls"')[1].split("</ul>")[0]
    links = re.findall(r'href="/programs/sessions/(\d+)/"', earlier)
    assert links == [str(previous.pk), str(older.pk)]  # newest first
    assert "未記録" in earlier


def test_an_earlier_roll_call_says_how_many_were_recorded_and_links_on_to_the_next(
    client_as, consultation_worker, zoo_host
):
    placement = placed(zoo_host, consultation_worker, "阿部", "あべ")
    previous, current = session_on(zoo_host, 7), session_on(zoo_host, 0)
    services.record_roll_call(
        actor=consultation_worker,
        session=previous,
        entries=[services.RollCallEntry(placement.pk, "present", 2)],
    )
    client = client_as(consultation_worker)
    page = client.get(f"/programs/sessions/{current.pk}/").text
    earlier = page.split('data-testid="earlier-roll-calls"')[1].split("</ul>")[0]
    assert "1人記録済み" in earlier
    back = client.get(f"/programs/sessions/{previous.pk}/").text
    assert f'rel="next" href="/programs/sessions/{current.pk}/"' in back


def test_another_hosts_sessions_are_not_among_the_earlier_roll_calls(
    client_as, partner_staff, consultation_worker, zoo_host, other_host
):
    placed(zoo_host, consultation_worker, "阿部", "あべ")
    elsewhere = session_on(other_host, 7)
    current = session_on(zoo_host, 0)
    page = client_as(partner_staff).get(f"/programs/sessions/{current.pk}/").text
    assert f"/programs/sessions/{elsewhere.pk}/" not in page
    assert 'data-testid="earlier-roll-calls"' not in page
