import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_served(client, tmp_path):
    # drf-spectacular validates against the bundled OpenAPI 3 JSON schema; warnings fail too.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"),
                 stdout=io.StringIO(), stderr=io.StringIO())
    response = client.get(reverse("schema") + "?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/organisations/" in schema["paths"]
    assert client.get(reverse("api-docs")).status_code == 200


def test_production_settings_pass_deploy_checks():
    root = Path(__file__).resolve().parents[3]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "x" * 60 + "production-like-secret-key-for-the-check",
        "DATABASE_URL": "sqlite:////tmp/nc-deploy-check.sqlite3",
        "ALLOWED_HOSTS": "nc.example.org",
    }
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret():
    root = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY",)}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.prod", DATABASE_URL="sqlite:////tmp/x.sqlite3")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_api_docs_page_has_a_language(client):
    # Regression: drf-spectacular's page had no `lang` (axe: html-has-lang, serious).
    html = client.get(reverse("api-docs")).content.decode()
    # The start-up script is a request of its own (no inline script under the CSP, issue 19).
    assert '<html lang="en">' in html and 'src="/api/docs/?script="' in html
    assert "SwaggerUIBundle" in client.get(reverse("api-docs") + "?script=").content.decode()
