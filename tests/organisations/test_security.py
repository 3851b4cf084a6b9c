import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tests.html import parse

ROOT = Path(__file__).resolve().parents[2]


def _production_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="coproduction.example.gov.uk",
        CSRF_TRUSTED_ORIGINS="https://coproduction.example.gov.uk",
        SITE_URL="https://coproduction.example.gov.uk",
        SMTP_HOST="smtp.example.gov.uk",
        SMTP_USER="coproduction",
        SMTP_PASSWORD="not-a-real-password",
        DATABASE_URL="sqlite:////tmp/coproduction-check-deploy.sqlite3",
        DJANGO_SETTINGS_MODULE="coproduction.settings",
    )
    return env


def test_check_deploy_prints_no_warnings_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "System check identified no issues" in output


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env["SECRET_KEY"] = ""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def _obeys_csp(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    page = parse(response)
    assert not [element.tag for element in page.select("[style]")]
    # Any script or style element must carry the nonce the policy names.
    nonce = re.search(r"'nonce-([^']+)'", policy)
    for element in page.select("script") + page.select("style"):
        assert nonce and element.attrs.get("nonce") == nonce.group(1), element


def test_not_found_page_is_ours_and_obeys_the_csp(client, officer):
    client.force_login(officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text and 'lang="en-GB"' in response.text
    _obeys_csp(response)


def test_server_error_page_is_ours_and_obeys_the_csp(db, officer):
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    with mock.patch("projects.models.Project.objects.visible_to", side_effect=RuntimeError("boom")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    _obeys_csp(response)


def test_csrf_failure_page_is_ours_gives_a_way_back_and_obeys_the_csp(db, officer):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": officer.email, "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.text and 'href="/"' in response.text
    _obeys_csp(response)


def test_security_headers_are_sent(client, db):
    response = client.get(reverse("account_login"))
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    _obeys_csp(response)


@pytest.mark.parametrize("name", ["healthz", "accessibility"])
def test_public_pages_need_no_sign_in(client, db, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("path", ["/", "/projects/", "/projects/new/", "/organisation/staff/", "/projects/1/"])
def test_everything_else_sends_visitors_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=")


def test_pages_are_english_gb_with_uk_dates(client, officer, project):
    import datetime as dt

    project.start_date = dt.date(2026, 3, 2)
    project.save()
    client.force_login(officer)
    page = client.get(project.get_absolute_url()).text
    assert '<html lang="en-gb">' in page.lower() and "2 March 2026" in page


def test_footer_shows_the_three_principles(client, db):
    page = client.get(reverse("accessibility")).text
    for principle in ["Equality", "Making a difference", "Inclusive"]:
        assert principle in page
