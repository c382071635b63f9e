"""Backup and restore round trip on a small dataset (issue 19, core/backup.py).

Runs on the suite's own database: SQLite in `make test`, PostgreSQL in the second run of .ci/run
(pg_dump / pg_restore into a scratch database). The restored copy must hold the same rows and files.
"""

import builtins
import json
import sqlite3
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from northern_connections.core.backup import BackupError, backup, read_manifest, restore
from northern_connections.core.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dataset(tmp_path):
    users = [get_user_model().objects.create_user(email=f"person{n}@example.org", password="x" * 12)
             for n in range(3)]
    Job.objects.create(kind="report", owner=users[0])
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "evidence.pdf").write_bytes(b"%PDF-1.4 evidence")
    return media


def _scratch_target(tmp_path):
    """A database URL to restore into, and a function that lists its users' e-mail addresses."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        return f"sqlite:///{path}", lambda: [r[0] for r in sqlite3.connect(path).execute(
            "SELECT email FROM accounts_user ORDER BY email")], lambda: None
    name = f"{settings['NAME']}_restored"[:63]
    dsn = dict(host=settings["HOST"] or "localhost", port=settings["PORT"] or 5432, user=settings["USER"],
               password=settings["PASSWORD"] or None)
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{dsn['user']}@{dsn['host']}:{dsn['port']}/{name}"

    def emails():
        with psycopg.connect(dbname=name, **dsn) as restored:
            return [r[0] for r in restored.execute("SELECT email FROM accounts_user ORDER BY email")]

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    return url, emails, drop


def test_backup_and_restore_give_back_every_row_and_file(dataset, tmp_path):
    folder = backup(tmp_path / "backups", media_root=dataset)
    manifest = read_manifest(folder)
    assert manifest["engine"] == connection.vendor
    assert manifest["migrations"]["accounts"].startswith("00")
    url, emails, drop = _scratch_target(tmp_path)
    try:
        restore(folder, database_url=url, media_root=tmp_path / "restored-media")
        assert emails() == ["person0@example.org", "person1@example.org", "person2@example.org"]
    finally:
        drop()
    assert (tmp_path / "restored-media" / "documents" / "evidence.pdf").read_bytes() == b"%PDF-1.4 evidence"


def test_a_damaged_backup_is_refused_before_anything_is_touched(dataset, tmp_path):
    folder = backup(tmp_path / "backups", media_root=dataset)
    archive = folder / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-10])
    with pytest.raises(BackupError, match="media.tar.gz: missing or damaged"):
        restore(folder, database_url="sqlite:////nonexistent/never-written.sqlite3", media_root=tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_a_folder_without_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="not a backup folder"):
        read_manifest(tmp_path)


def test_the_commands_print_the_folder_and_refuse_without_confirmation(dataset, tmp_path, settings, capsys):
    settings.MEDIA_ROOT = dataset
    call_command("backup", str(tmp_path / "b"))
    folder = Path(capsys.readouterr().out.strip())
    assert json.loads((folder / "manifest.json").read_text())["files"].keys() >= {"media.tar.gz"}
    with mock.patch.object(builtins, "input", return_value="n"), pytest.raises(CommandError, match="nothing was"):
        call_command("restore", str(folder))
    assert (dataset / "documents" / "evidence.pdf").exists()
