"""Reference files found in the shared folder, the cache, or downloaded and checked (issue 10, item 5).

No test touches the network: downloads go to a patched opener or a server on 127.0.0.1.
"""

import hashlib
import http.server
import io
import threading
import urllib.error
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from northern_connections.directory import reference_files
from northern_connections.directory.models import CpvCode, NutsRegion, Organisation


def no_network(url):
    raise AssertionError(f"a download was attempted: {url}")


def offline(url):
    raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")


def test_every_pin_is_the_shared_copy():
    for ref in reference_files.FILES:
        data = (settings.SHARED_DATA_DIR / ref.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == ref.sha256, ref.path
        assert ref.url is None or ref.url.startswith("https://"), ref.path


@pytest.mark.django_db
def test_no_download_when_the_files_are_there(settings, monkeypatch, tmp_path):
    settings.REFERENCE_DOWNLOADS, settings.VAR_DIR = True, tmp_path
    monkeypatch.setattr(reference_files, "fetch", no_network)
    err = io.StringIO()
    call_command("load_reference_data", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""
    assert CpvCode.objects.count() == 9454
    assert NutsRegion.objects.filter(code="TLM5", geometry__isnull=False).exists()
    found = reference_files.locate_all([f.path for f in reference_files.FILES], report=no_network)
    assert set(found) == set(reference_files.BY_PATH)
    assert not (tmp_path / "data").exists()  # nothing cached either


@pytest.mark.django_db
def test_offline_each_missing_file_is_one_line_and_the_loader_succeeds(settings, monkeypatch, tmp_path):
    settings.REFERENCE_DOWNLOADS, settings.VAR_DIR = True, tmp_path
    calls = []
    monkeypatch.setattr(reference_files, "fetch", lambda url: calls.append(url) or offline(url))
    err, out = io.StringIO(), io.StringIO()
    call_command("load_reference_data", "--data-dir", str(tmp_path / "none"), stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    expected = [f.path for f in reference_files.FILES if f.path != reference_files.H2020_ORGANISATIONS]
    assert [line.split()[1] for line in lines] == expected
    assert all(line.startswith("missing ") and "to get it:" in line for line in lines)
    assert "download https://raw.githubusercontent.com/openprocurement/standards/" in lines[0]
    assert "no further downloads tried" in lines[0] and len(calls) == 1  # offline: tried once, not 13 times
    assert "value_chains: " in out.getvalue() and NutsRegion.objects.filter(code="TLM").exists()
    assert CpvCode.objects.count() == 0


@pytest.mark.django_db
def test_demo_loads_with_synthetic_smes_without_the_h2020_file(settings, monkeypatch, tmp_path):
    settings.REFERENCE_DOWNLOADS, settings.VAR_DIR = True, tmp_path
    settings.SHARED_DATA_DIR = tmp_path / "none"
    monkeypatch.setattr(reference_files, "fetch", offline)
    call_command("load_reference_data", "--facts-only", stdout=io.StringIO())
    err, out = io.StringIO(), io.StringIO()
    call_command("load_demo_data", stdout=out, stderr=err)
    assert err.getvalue().startswith("missing h2020/organisations_2017.csv (the demo's real H2020 SMEs")
    assert "directory: partners 22, smes 360" in out.getvalue()
    smes = Organisation.objects.filter(external_id__startswith="demo-synthetic")
    assert smes.count() == 360 and smes.filter(country="DK").exists()


def test_a_download_with_a_wrong_checksum_is_refused_and_not_cached(tmp_path):
    ref = reference_files.BY_PATH["cpv/cpv2008_en.json"]
    lines = []
    found = reference_files.locate_all([ref.path], report=lines.append, shared_dir=tmp_path / "none",
                                       cache_dir=tmp_path / "cache", downloads=True, opener=lambda url: b"{}")
    assert found == {} and not (tmp_path / "cache" / ref.path).exists()
    assert len(lines) == 1 and "the download was refused: sha256" in lines[0] and "not cached" in lines[0]
    assert list((tmp_path / "cache").rglob("*")) in ([], [tmp_path / "cache" / "cpv"])  # no half-written file


def test_a_good_download_is_cached_and_then_read_from_the_cache(tmp_path):
    ref = reference_files.BY_PATH["eforms/contract-nature.gc"]
    data = (settings.SHARED_DATA_DIR / ref.path).read_bytes()
    calls = []
    options = {"shared_dir": tmp_path / "none", "cache_dir": tmp_path / "cache", "downloads": True,
               "opener": lambda url: calls.append(url) or data}
    first = reference_files.locate(ref.path, report=no_network, **options)
    second = reference_files.locate(ref.path, report=no_network, **options)
    assert first == second == tmp_path / "cache" / ref.path and first.read_bytes() == data
    assert calls == [ref.url]


def test_fetch_over_http_from_a_local_server(tmp_path):
    """The real opener, against a server on 127.0.0.1: the pin decides, not the server."""
    (tmp_path / "served").mkdir()
    payload = b"<gc/>"
    (tmp_path / "served" / "good.gc").write_bytes(payload)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path / "served"), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        pin = hashlib.sha256(payload).hexdigest()
        good = reference_files.ReferenceFile("eforms/good.gc", f"{base}/good.gc", pin, "")
        assert reference_files.download(good, tmp_path / "cache").read_bytes() == payload
        bad = reference_files.ReferenceFile("eforms/bad.gc", f"{base}/good.gc", "0" * 64, "")
        with pytest.raises(reference_files.ChecksumMismatch):
            reference_files.download(bad, tmp_path / "cache")
        assert not Path(tmp_path / "cache" / "eforms" / "bad.gc").exists()
        missing = reference_files.ReferenceFile("eforms/gone.gc", f"{base}/gone.gc", "0" * 64, "")
        with pytest.raises(urllib.error.HTTPError):
            reference_files.download(missing, tmp_path / "cache")
    finally:
        server.shutdown()
        server.server_close()
