"""Each list reads a fixed number of queries whatever its length."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tsunagu.api.tests.conftest import _records
from tsunagu.testing.factories import CaseFactory, ProgramHostFactory

ROUTES = ("people", "cases", "notes", "plans", "placements", "attendance", "work-logs", "referrals")


def _queries(client, route: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/{route}/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ROUTES)
def test_a_list_reads_as_many_queries_for_ten_rows_as_for_one(
    api_world, consultation_worker, token_client, route
):
    client = token_client(consultation_worker)
    client.get("/api/v1/people/")  # the token's first use writes its time once a minute
    one = _queries(client, route)
    organisation = api_world.inside.placement.host.organisation
    for _ in range(9):  # each at a host of its own (a host has one session a day)
        host = ProgramHostFactory(organisation=organisation)
        _records(CaseFactory(worker=consultation_worker), consultation_worker, host)
    assert _queries(client, route) == one
