"""Backup and restore of the database and the uploaded files (issue 19; `manage.py backup` / `restore`).

A backup is a folder: `database.dump` (PostgreSQL: `pg_dump --format=custom`, restored with
`pg_restore`) or `database.sqlite3` (SQLite's online backup API: a consistent copy while the
platform runs), `media.tar.gz` (MEDIA_ROOT) and `manifest.json` (when, which engine, the newest
applied migration of each app, and the SHA-256 of every file, checked before a restore).
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why in one line."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"no backup for database engine {engine}")


def _pg_env(settings_dict: dict) -> tuple[list[str], dict]:
    """pg_dump/pg_restore connection options; the password goes through the environment, never argv."""
    args = ["--host", settings_dict.get("HOST") or "localhost", "--port", str(settings_dict.get("PORT") or 5432)]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} not found: install the PostgreSQL client tools") from error
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip().splitlines()[-1:] or result.returncode}")


def _latest_migrations(alias: str) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def backup(destination: Path, *, alias: str = DEFAULT_DB_ALIAS, media_root: Path | None = None) -> Path:
    """Write a new backup folder inside `destination` and return it."""
    connection = connections[alias]
    engine = _engine(connection.settings_dict)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(destination) / f"nc-backup-{stamp}"
    folder.mkdir(parents=True)
    if engine == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", *args,
              "--file", str(folder / "database.dump"), connection.settings_dict["NAME"]], env)
    else:
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
    media = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")
    files = {p.name: _sha256(p) for p in sorted(folder.iterdir())}
    manifest = {"format": FORMAT, "created": stamp, "engine": engine, "files": files,
                "migrations": _latest_migrations(alias)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking that every file it names is there with its checksum."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder}: no {MANIFEST} (not a backup folder)")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}")
    for name, digest in manifest["files"].items():
        file = Path(folder) / name
        if not file.is_file() or _sha256(file) != digest:
            raise BackupError(f"{file}: missing or damaged (checksum differs)")
    return manifest


def restore(folder: Path, *, database_url: str | None = None, media_root: Path | None = None) -> dict:
    """Restore a backup into the configured database (or `database_url`) and MEDIA_ROOT (or `media_root`).

    PostgreSQL: `pg_restore --clean --if-exists` in one transaction (all or nothing). SQLite: the backup
    API copies the saved database over the target page by page. Stop the web processes and workers first.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    target = (dj_database_url.parse(database_url) if database_url
              else connections[DEFAULT_DB_ALIAS].settings_dict)
    engine = _engine(target)
    if engine != manifest["engine"]:
        raise BackupError(f"the backup is of a {manifest['engine']} database, the target is {engine}")
    if engine == "postgresql":
        args, env = _pg_env(target)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
              "--exit-on-error", *args, "--dbname", target["NAME"], str(folder / "database.dump")], env)
    else:
        if not database_url:
            connections[DEFAULT_DB_ALIAS].close()
        source = sqlite3.connect(folder / "database.sqlite3")
        destination = sqlite3.connect(target["NAME"], uri=str(target["NAME"]).startswith("file:"))
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
    _restore_media(folder / "media.tar.gz", Path(media_root or settings.MEDIA_ROOT))
    return manifest


def _restore_media(archive_path: Path, media: Path) -> None:
    """Unpack into a sibling folder, then swap it in; the previous files stay beside it until it worked."""
    staging = media.parent / f".{media.name}.restoring"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(staging, filter="data")  # the data filter refuses absolute paths, links out, devices
    unpacked = staging / "media"
    unpacked.mkdir(exist_ok=True)
    previous = media.parent / f".{media.name}.before-restore"
    shutil.rmtree(previous, ignore_errors=True)
    if media.exists():
        media.rename(previous)
    unpacked.rename(media)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(previous, ignore_errors=True)
