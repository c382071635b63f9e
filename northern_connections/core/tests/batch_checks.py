"""What every batch command's refusal looks like, for the command tests of each app."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def files_under(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def refused(command: str, *args: str, folder: Path) -> str:
    """Run ``command``, which must refuse: a CommandError of one short line, nothing written in ``folder``.

    Returns the line. "Nothing written" covers the output, temporary files and any existing file.
    """
    before = files_under(folder)
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=io.StringIO(), stderr=err)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400, message
    assert err.getvalue() == ""  # a single problem is the error line itself
    assert files_under(folder) == before
    return message
