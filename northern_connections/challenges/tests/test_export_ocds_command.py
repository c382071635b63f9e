"""Unusable --out and --base-url for ``manage.py export_ocds`` (issue 9, item 3): one line, no file."""

import io
import json

import pytest
from django.core.management import call_command

from northern_connections.core.tests.batch_checks import refused

from .factories import ChallengeFactory


@pytest.fixture
def published(db):
    return ChallengeFactory(status="published")


def test_out_that_is_a_directory_is_refused_and_leaves_no_part_file(published, tmp_path):
    (tmp_path / "ocds.json").mkdir()
    message = refused("export_ocds", "--out", str(tmp_path / "ocds.json"), folder=tmp_path)
    assert message == f"--out {tmp_path / 'ocds.json'}: is a directory; give the name of a file (nothing was written)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ocds.json"]


@pytest.mark.parametrize("out", ["missing/ocds.json", "/sys/ocds.json"])
def test_out_in_a_missing_or_unwritable_directory_is_refused(published, tmp_path, out):
    target = out if out.startswith("/") else str(tmp_path / out)
    message = refused("export_ocds", "--out", target, folder=tmp_path)
    assert message.startswith(f"--out {target}: ") and ("does not exist" in message or "cannot write" in message)


@pytest.mark.parametrize("base_url", ["javascript:alert(1)", "ftp://example.org", "not a url", "https://a b.org"])
def test_base_url_must_be_an_http_address(published, tmp_path, base_url):
    message = refused("export_ocds", "--out", str(tmp_path / "ocds.json"), "--base-url", base_url, folder=tmp_path)
    assert message.startswith("--base-url: must be an http(s) address")


def test_a_good_run_replaces_the_file_and_leaves_no_temporary_file(published, tmp_path):
    out = tmp_path / "ocds.json"
    out.write_text("old package")
    call_command("export_ocds", "--out", str(out), "--base-url", "https://nc.example.org", stderr=io.StringIO())
    assert len(json.loads(out.read_text())["releases"]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["ocds.json"]
