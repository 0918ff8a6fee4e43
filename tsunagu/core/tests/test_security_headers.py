"""Hole 8: pages are not stored, scripts come only from our files, and HTTPS mode passes check --deploy."""

import os
import re
import subprocess
import sys
from pathlib import Path

import tsunagu

TEMPLATES = sorted(Path(tsunagu.__file__).parent.rglob("templates/**/*.html"))


def test_html_pages_are_not_stored(client_as, consultation_worker, statistician):
    for client, path in (
        (client_as(consultation_worker), "/"),
        (client_as(statistician), "/programs/overview/"),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_csp_header_forbids_inline_scripts(client_as, supervisor):
    policy = client_as(supervisor).get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                offenders.append(f"{template.name}: {tag}")
        offenders += [f"{template.name}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        offenders += [f"{template.name}: {m}" for m in re.findall(r"hx-on[:\-]|javascript:", text)]
    assert offenders == []


def test_htmx_adds_no_style_or_eval_of_its_own(client_as, supervisor):
    page = client_as(supervisor).get("/").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', page).group(1)
    assert '"includeIndicatorStyles": false' in config and '"allowEval": false' in config


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    # As a deployment runs it: without the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE or a developer's DEBUG.
    ignored = {"DEBUG", "TSUNAGU_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(
        {"DJANGO_SETTINGS_MODULE": "tsunagu.settings", "SECRET_KEY": "k" * 20 + "x9Q!" * 15, **env}
    )
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_check_deploy_is_clean_with_secure_cookies(tmp_path):
    result = deploy_check(TSUNAGU_SECURE_COOKIES="1", TSUNAGU_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secure_cookies_mode_redirects_to_https_and_sends_hsts(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tsunagu.settings",
        "TSUNAGU_VAR_DIR": str(tmp_path),
    }
    on = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**environment, "TSUNAGU_SECURE_COOKIES": "1"},
    )
    assert on.stdout.split() == ["True", str(365 * 24 * 3600), "True", "True"]
    environment.pop("TSUNAGU_SECURE_COOKIES", None)
    off = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment)
    assert off.stdout.split() == ["False", "0", "False", "False"]


def test_https_redirect_and_hsts_as_the_browser_sees_them(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    response = client.get("/accounts/login/")
    assert response.status_code == 301 and response.url.startswith("https://")
    secure = client.get("/accounts/login/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
