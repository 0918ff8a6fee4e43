"""Pagination by key and `updated_since`, for synchronisation: every row once across the pages, in the
order of (moment, id), a row changed while paging moving to the end; bad parameters refused with 400."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tsunagu.people.models import Person
from tsunagu.testing.factories import CaseFactory


def _pages(client, route: str, **params) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = client.get(route, query).json()
        pages.append([row["id"] for row in body["results"]])
        cursor = body["next"]
        if not cursor:
            return pages


def test_pages_by_key_show_every_person_once_in_order_of_change(consultation_worker, token_client):
    cases = [CaseFactory(worker=consultation_worker) for _ in range(7)]
    # Several people changed at the same moment: the id breaks the tie.
    moment = timezone.now() - dt.timedelta(hours=1)
    Person.objects.filter(pk__in=[c.person_id for c in cases[:4]]).update(updated_at=moment)
    client = token_client(consultation_worker)
    pages = _pages(client, "/api/v1/people/", page_size=3)
    assert [len(page) for page in pages] == [3, 3, 1]
    seen = [pk for page in pages for pk in page]
    assert sorted(seen) == sorted(c.person_id for c in cases) and len(set(seen)) == len(seen)
    assert seen[:4] == sorted(c.person_id for c in cases[:4])


def test_a_person_changed_while_paging_is_not_shown_twice_nor_skipped(consultation_worker, token_client):
    cases = [CaseFactory(worker=consultation_worker) for _ in range(4)]
    client = token_client(consultation_worker)
    first = client.get("/api/v1/people/", {"page_size": 2}).json()
    changed = Person.objects.get(pk=first["results"][0]["id"])
    changed.save()  # updated now: it moves to the end
    rest = _pages(client, "/api/v1/people/", page_size=2, cursor=first["next"])
    later = [pk for page in rest for pk in page]
    assert set(later) | {r["id"] for r in first["results"]} == {c.person_id for c in cases}
    assert later[-1] == changed.pk


def test_updated_since_gives_only_the_people_changed_since(consultation_worker, token_client):
    old, new = CaseFactory(worker=consultation_worker), CaseFactory(worker=consultation_worker)
    Person.objects.filter(pk=old.person_id).update(updated_at=timezone.now() - dt.timedelta(days=3))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    client = token_client(consultation_worker)
    body = client.get("/api/v1/people/", {"updated_since": since}).json()
    assert [row["id"] for row in body["results"]] == [new.person_id]
    assert len(client.get("/api/v1/people/", {"updated_since": "2020-01-01"}).json()["results"]) == 2


def test_a_bad_updated_since_cursor_or_unknown_parameter_is_refused_clearly(
    consultation_worker, token_client
):
    client = token_client(consultation_worker)
    bad = client.get("/api/v1/people/", {"updated_since": "昨日"}, headers={"Accept-Language": "en"})
    assert bad.status_code == 400
    assert bad.json() == {
        "updated_since": ["Give a date and time in ISO 8601, e.g. 2026-12-01T09:00:00+09:00."]
    }
    assert client.get("/api/v1/people/", {"cursor": "nonsense"}).status_code == 400
    assert client.get("/api/v1/people/", {"page_size": "0"}).status_code == 400
    named = client.get("/api/v1/people/", {"name": "山田"})
    assert named.status_code == 400 and "name" in named.json()
