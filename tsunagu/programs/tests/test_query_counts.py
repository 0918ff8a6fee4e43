"""The program pages the benchmark measures run an exact number of queries: a page that starts running more
fails here before it is slow in the benchmark. Each page pays 3 for the session, the user and their roles, and 1 more for the
second-factor device that verified the session (every role but the statistician)."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tsunagu.programs.models import Attendance, PlacementStatus, Session
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
)

TODAY = timezone.localdate()
OVERVIEW = "/programs/overview/"


def queries(client, method: str, path: str, data: dict | None = None, status: int = 200) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data)
    assert response.status_code == status
    return len(captured)


def roll_call_data(placements, status: str) -> dict:
    data: dict = {"placement": [p.pk for p in placements]}
    for p in placements:
        data |= {f"p{p.pk}-status": status, f"p{p.pk}-hours": "3", f"p{p.pk}-absence_reason": ""}
    return data


def test_saving_a_40_person_roll_call_runs_15_queries_and_saving_it_again_as_many(
    client_as, employment_worker, zoo_host
):
    placed = [
        PlacementFactory(host=zoo_host, worker=employment_worker, case=CaseFactory(worker=employment_worker),
                         status=PlacementStatus.ACTIVE, started_on=TODAY - dt.timedelta(days=30))
        for _ in range(40)
    ]  # fmt: skip
    session = Session.objects.create(host=zoo_host, date=TODAY, start_time=dt.time(9, 30))
    client = client_as(employment_worker)
    path = f"/programs/sessions/{session.pk}/"
    client.get(path)  # warm: the session
    # The session with its host, the people expected; then in one transaction (a savepoint in a test): the
    # session locked, the people expected again, what is recorded, the checks higher apps register on
    # changing attendance (work: whether the month's pay is closed), the insert, the audit chain's newest
    # hash and the audit row.
    assert queries(client, "post", path, roll_call_data(placed, "present"), status=302) == 4 + 2 + 9
    # Saved again: one update instead of the insert.
    assert queries(client, "post", path, roll_call_data(placed, "late"), status=302) == 4 + 2 + 9
    assert Attendance.objects.filter(session=session, status="late").count() == 40


def test_the_overview_runs_8_queries_and_5_while_its_counts_are_kept(client_as, statistician):
    for i in range(6):
        program = ProgramFactory(name=f"プログラム{i}", stage=("daily_life", "social_life", "")[i % 3])
        for _ in range(2):
            host = ProgramHostFactory(program=program, capacity=5)
            PlacementFactory(
                host=host, status=PlacementStatus.ACTIVE, started_on=TODAY, person=PersonFactory()
            )
    client = client_as(statistician)
    client.get(OVERVIEW)  # warm: the session
    cache.clear()
    # The programs on offer, their hosts with their organisations, the people per host, the stage changes
    # and the time from stage to stage.
    assert queries(client, "get", OVERVIEW) == 3 + 5
    # Within the minute: the programs and the hosts only.
    assert queries(client, "get", OVERVIEW) == 3 + 2


def test_the_catalog_runs_6_queries_however_many_hosts_have_a_capacity(client_as, consultation_worker):
    for i in range(4):
        program = ProgramFactory(name=f"カタログ{i}", stage=("daily_life", "social_life", "")[i % 3])
        for _ in range(3):
            host = ProgramHostFactory(program=program, capacity=4)
            PlacementFactory(
                host=host, status=PlacementStatus.ACTIVE, started_on=TODAY, person=PersonFactory()
            )
    client = client_as(consultation_worker)
    client.get("/programs/")  # warm: the session
    # The programs on offer, then their hosts with their organisations and places taken.
    assert queries(client, "get", "/programs/") == 4 + 2
    assert client.get("/programs/").text.count("定員4人・空き3人") == 12
