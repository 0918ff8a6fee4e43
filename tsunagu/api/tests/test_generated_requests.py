"""Requests generated from the API's own OpenAPI schema (schemathesis, in this process): for each operation
and role, valid and invalid query parameters and ids (random ones, and those of records in and out of the
caller's scope). No answer is a 500, and none names a person outside the caller's scope.

Schemathesis' own WSGI transport is not used: the generated cases are sent with Django's test client, inside
pytest-django's transaction, with a token of the role. Bounded: a few examples per operation and mode, no
deadline, no example database."""

from __future__ import annotations

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from tsunagu.api.tests.conftest import OUT_NAME

EXAMPLES = 3
ROLES = ("consultation_worker", "city_caseworker", "partner_staff", "statistician")


def _operations():
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    for result in schema.get_all_operations():
        yield result.ok()


def _known_ids(world) -> dict[str, list[int]]:
    """Each detail's kwarg → the ids of the records in and out of scope."""
    kinds = {
        "person_id": "person", "case_id": "case", "note_id": "note", "plan_id": "plan",
        "placement_id": "placement", "attendance_id": "attendance", "work_log_id": "work_log",
    }  # fmt: skip
    ids = {kwarg: [getattr(world.inside, a).pk, getattr(world.outside, a).pk] for kwarg, a in kinds.items()}
    ids["referral_id"] = [world.inside.referral.pk]
    return ids


@pytest.mark.parametrize("role", ROLES)
def test_generated_requests_find_no_error_and_no_one_out_of_scope(request, api_world, token_client, role):
    client = token_client(request.getfixturevalue(role))
    known = _known_ids(api_world)
    seen = {"operations": 0, "answers": set()}

    for operation in _operations():
        seen["operations"] += 1
        strategies = [operation.as_strategy(generation_mode=mode) for mode in GenerationMode]
        kwargs = [p.name for p in operation.path_parameters]
        if kwargs:
            (kwarg,) = kwargs
            strategies += [operation.as_strategy(path_parameters={kwarg: pk}) for pk in known[kwarg]]

        for strategy in strategies:

            @settings(
                max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck),
            )  # fmt: skip
            @given(case=strategy)
            def check(case):
                query = {k: v for k, v in (case.query or {}).items() if v is not None}
                response = client.get(case.formatted_path, query)
                seen["answers"].add(response.status_code)
                assert response.status_code < 500, (case.formatted_path, query, response.content[:300])
                assert OUT_NAME.encode() not in response.content, (case.formatted_path, query)
                assert "圏外".encode() not in response.content, (case.formatted_path, query)

            check()

    assert seen["operations"] >= 17
    assert 200 in seen["answers"] and (404 in seen["answers"] or 403 in seen["answers"])
