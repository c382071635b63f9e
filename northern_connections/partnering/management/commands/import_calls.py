"""``manage.py import_calls [SOURCE]``: the EU portal's funding-call file into the call catalogue, all or nothing.

SOURCE is a path or an http(s) address of a file in the format of ``../shared/data/cordis/``
(see ``partnering.calls``); without one, the copy in the shared data folder is read. Calls are
found by their topic identifier, so a new import updates existing calls instead of doubling them.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError

from northern_connections.core.batchio import BatchInputError, read_bytes
from northern_connections.core.management.batch import INPUT_RULES, BatchCommand
from northern_connections.partnering import calls, services

DEFAULT_FILE = "cordis/calls_open_2026.jsonl.gz"
MAX_DOWNLOAD = 64 * 1024 * 1024


def fetch(url: str, *, timeout: float = 30) -> bytes:
    """The bytes at ``url`` (at most MAX_DOWNLOAD), or one line saying why not."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (http(s) checked by the caller)
            data = response.read(MAX_DOWNLOAD + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise BatchInputError(f"{url}: cannot be downloaded ({getattr(error, 'reason', error)})") from None
    if len(data) > MAX_DOWNLOAD:
        raise BatchInputError(f"{url}: larger than {MAX_DOWNLOAD // 2**20} MB")
    return data


class Command(BatchCommand):
    help = (
        "Import funding calls from the EU Funding & Tenders portal's topic file (gzip or plain; JSON objects one "
        "after another, as in ../shared/data/cordis/calls_open_2026.jsonl.gz) from a path or an http(s) address. "
        "A call is identified by its topicId: existing calls are updated, new ones created. Every topic is checked "
        f"before anything is written; any problem is reported one line each and nothing is imported. {INPUT_RULES}"
    )
    consequence = "nothing was imported"

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help=f"path or URL (default: the shared data folder's {DEFAULT_FILE})")

    def handle(self, *args, source=None, **options):
        source = source or str(settings.SHARED_DATA_DIR / DEFAULT_FILE)
        data = fetch(source) if source.startswith(("http://", "https://")) else read_bytes(source)
        rows = calls.parse(calls.decode(data, source), source)
        try:
            counts = services.calls_import(rows=rows, name=source)
        except ValidationError as error:
            raise BatchInputError(error.messages) from None
        self.stdout.write(f"{counts['created']} calls created, {counts['updated']} updated from {source}")
