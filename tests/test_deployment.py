"""Production settings, the health endpoint and the request log."""

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parents[1]

# The production environment the README documents (Deployment), less the database.
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "quotes.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://quotes.example.org",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "NUM_PROXIES": "1",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "CACHE",
            "SECURE_SSL_REDIRECT",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL="sqlite:///:memory:", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_check_deploy_is_clean_in_the_documented_production_configuration():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_a_secret_key_is_required():
    result = manage("check", **PRODUCTION)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_is_off_unless_set():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, "
        "settings.SESSION_COOKIE_SECURE, settings.SECURE_PROXY_SSL_HEADER)",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="quotes.example.org",
    )

    assert result.stdout.strip().splitlines()[-1].split() == [
        "False",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


def test_healthz_says_ok_when_the_database_answers_and_is_migrated(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_a_503_when_migrations_are_missing(client, db, monkeypatch):
    monkeypatch.setattr("core.views._migrated", False)
    monkeypatch.setattr("core.views._pending_migrations", lambda: ["quotes.0099_future"])

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 not applied: quotes.0099_future"


def test_healthz_is_a_503_when_the_database_is_unreachable(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("core.views.connection", Unreachable())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unreachable: DatabaseError"}


def test_every_response_has_a_content_security_policy(client, demo):
    for path in ["/", "/api/v1/quotes/", "/admin/login/", "/api/v1/docs/"]:
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy


def test_each_request_is_logged_as_one_json_line(client, demo, caplog):
    with caplog.at_level(logging.INFO, logger="quotes.requests"):
        client.get("/api/v1/quotes/?page_size=1", REMOTE_ADDR="203.0.113.9")

    record = json.loads(caplog.records[-1].getMessage())
    assert record["method"] == "GET"
    assert record["path"] == "/api/v1/quotes/"
    assert record["status"] == 200
    assert record["client"] == "203.0.113.9"
    assert record["duration_ms"] >= 0


@pytest.mark.parametrize("command", ["gunicorn"])
def test_the_readme_documents_the_production_command(command):
    readme = (ROOT / "README.md").read_text()

    assert "gunicorn config.wsgi" in readme
    assert "--timeout" in readme and "--workers" in readme
