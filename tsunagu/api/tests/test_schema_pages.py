"""The OpenAPI schema and its documentation page: every endpoint described with the bearer token, the page's
scripts served from our own static files (nothing from the internet) and none inline (the CSP)."""

from __future__ import annotations

import re

import yaml


def test_the_schema_describes_every_endpoint_and_the_token(client_as, consultation_worker):
    response = client_as(consultation_worker).get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    paths = set(schema["paths"])
    for route in ("people", "cases", "notes", "plans", "placements", "attendance", "referrals", "work-logs"):
        assert f"/api/v1/{route}/" in paths, route
        assert any(path.startswith(f"/api/v1/{route}/{{") for path in paths), route
    assert "/api/v1/statistics/" in paths
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"
    people = schema["paths"]["/api/v1/people/"]["get"]
    assert {p["name"] for p in people["parameters"]} >= {"updated_since", "cursor", "page_size"}


def test_the_docs_page_loads_its_scripts_from_our_own_static_files(client_as, consultation_worker):
    client = client_as(consultation_worker)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources and all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html), (
        "no inline script (CSP script-src 'self')"
    )
    assert "script-src 'self'" in page["Content-Security-Policy"]
    init = next(s for s in sources if "script" in s and "?" in s)
    assert client.get(init).status_code == 200


def test_the_docs_and_schema_need_a_user(db, client):
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code == 401
