"""`load_demo_data` never runs under production settings (issue 9, item 7)."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from northern_connections.accounts.models import User
from northern_connections.directory import demo


@pytest.mark.django_db
def test_refused_when_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    call_command("load_reference_data", "--facts-only", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="refuses to run"):
        call_command("load_demo_data", stdout=io.StringIO())
    with pytest.raises(RuntimeError, match="not allowed"):
        demo.load(seed=1)  # called directly, the loader refuses as well
    assert not User.objects.filter(email="admin@example.org").exists()
    assert not User.objects.filter(is_superuser=True).exists()


def test_production_settings_refuse_even_when_the_environment_asks(tmp_path):
    """A real `manage.py load_demo_data` under config.settings.prod: non-zero exit, no demo administrator."""
    database = tmp_path / "prod.sqlite3"
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.prod", "SECRET_KEY": "x" * 50,
        "DATABASE_URL": f"sqlite:///{database}", "NC_DEMO_DATA_ALLOWED": "1", "NC_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "manage.py", "load_demo_data"], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "refuses to run" in result.stderr
    assert not database.exists() or database.stat().st_size == 0
