"""The file rules every batch command shares (DESIGN.md §6), in plain Python (no Django).

``core.management.batch.BatchCommand`` is the Django face of these functions; they live in a
plain module so that the algorithm packages behind the commands (``events.scheduling``,
``matchmaking.engine``), which run without Django in tests and benchmarks, read and write files by
exactly the same rules as the commands do.

The rules: input is a regular file of UTF-8 text (a byte-order mark is allowed), not empty;
JSON is strict JSON (no ``NaN``/``Infinity``, no number Python turns into infinity, integers of at
most :data:`MAX_INT_DIGITS` digits, no key twice in one object, at most :data:`MAX_DEPTH` levels
of nesting); output goes to a temporary file next to the target and is renamed into place only
when everything succeeded, and an unusable ``--out`` is refused before any work starts. Every
problem is one line ``FILE: line N: field: reason`` (as much of it as is known).
"""

from __future__ import annotations

import json
import math
import os
import re
import reprlib
import stat
import tempfile
from collections.abc import Callable, Iterator
from typing import Any, TextIO

MAX_DEPTH = 32  # no batch format nests deeper than 4; the margin only keeps recursion far away
MAX_INT_DIGITS = 15  # beyond any bound a parser accepts, and far below Python's 4,300-digit limit

SHOWN_LENGTH = 80  # a value quoted in a message; escapes such as \U0001f600 make reprs long
_short = reprlib.Repr()
_short.maxstring = 40
_short.maxother = 40
_short.maxlist = _short.maxtuple = _short.maxdict = 4
_short.maxlevel = 2


class BatchInputError(ValueError):
    """Input that cannot be used (or an unusable output path); ``problems`` has one line each."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self.problems[0] if len(self.problems) == 1 else f"{len(self.problems)} problems")


def shown(value: Any) -> str:
    """A user's value as it may appear in a one-line message: its repr, cut short.

    A hostile file can hold a megabyte-long id or a deeply nested list where an id belongs; the
    message must still be one readable line.
    """
    text = _short.repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "..."


# ---------------------------------------------------------------------------- reading


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file, or one line saying why it cannot be read."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise BatchInputError(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise BatchInputError(f"{path}: is not a regular file")
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise BatchInputError(f"{path}: no such file") from None
    except PermissionError:
        raise BatchInputError(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise BatchInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); another encoding or an empty file is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BatchInputError(f"{name}: line 1: the file is UTF-16; save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BatchInputError(
            f"{name}: line {line}: not UTF-8 text (byte {data[exc.start]:#04x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BatchInputError(f"{name}: line {line}: contains a NUL character")
    if not text.strip():
        raise BatchInputError(f"{name}: the file is empty")
    return text


def read_text(path: str) -> str:
    return decode_text(read_bytes(path), path)


class _Refused:
    """Placeholder the JSON hooks leave where a value is refused, so the walk can name its field."""

    def __init__(self, reason: str):
        self.reason = reason


class _DuplicateKey(dict):
    duplicate: str = ""


def _constant(token: str) -> _Refused:
    return _Refused(f"{token} is not a number in JSON")


def _float(token: str) -> float | _Refused:
    value = float(token)
    return value if math.isfinite(value) else _Refused(f"number {token[:20]} is too large")


def _int(token: str) -> int | _Refused:
    if len(token.lstrip("-")) > MAX_INT_DIGITS:
        return _Refused(f"number {token[:20]}... has more than {MAX_INT_DIGITS} digits")
    return int(token)


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out and not isinstance(out, _DuplicateKey):
            out = _DuplicateKey(out)
            out.duplicate = key
        out[key] = value
    return out


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _path(parent: str, key: str | int) -> str:
    """`tables.T1[2]`; a key that is not a short plain name is quoted (`x['\\n']`): a key of the
    user's file may hold a newline or a megabyte, and the message must stay one short line."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if not _PLAIN_KEY.fullmatch(key):
        return f"{parent}[{shown(key)}]"
    return f"{parent}.{key}" if parent else key


def _first_refusal(value: Any) -> tuple[str, str] | None:
    """(field path, reason) of the first refused value, too deep a nesting or repeated key."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, _Refused):
            return where, item.reason
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            return where, f"nested deeper than {MAX_DEPTH} levels"
        if isinstance(item, _DuplicateKey):
            return where, f"key {shown(item.duplicate)} appears twice"
        children = item.items() if isinstance(item, dict) else enumerate(item)
        stack.extend((child, _path(where, key), depth + 1) for key, child in reversed(list(children)))
    return None


def loads(text: str, name: str, *, line: int | None = None) -> Any:
    """Strict JSON; problems name the file, the line and (where known) the field."""
    at = f"{name}: line {line}" if line is not None else name
    try:
        value = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int,
                           object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        lineno = line if line is not None else exc.lineno
        raise BatchInputError(f"{name}: line {lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise BatchInputError(f"{at}: nested deeper than {MAX_DEPTH} levels") from None
    refused = _first_refusal(value)
    if refused is not None:
        where, reason = refused
        raise BatchInputError(f"{at}: {where}: {reason}" if where else f"{at}: {reason}")
    return value


def read_json(path: str) -> Any:
    """One JSON document from a file, by the rules above."""
    return loads(read_text(path), path)


def json_lines(text: str, name: str) -> Iterator[tuple[int, Any]]:
    """(line number, value) of every non-blank line; a bad line yields its BatchInputError as value."""
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 is valid inside JSON
        if not line.strip():
            continue
        try:
            yield number, loads(line, name, line=number)
        except BatchInputError as error:
            yield number, error


_ASCII_INT = re.compile(r"[+-]?[0-9]+")
_ASCII_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def ascii_int(text: str) -> int:
    """An integer written with the digits 0-9 only.

    ``int()`` also reads "٣" (Arabic-Indic three) and "1_000"; ``str.isdigit()`` even accepts "²",
    which ``int()`` then refuses. Input is checked against the ASCII digits instead.
    """
    if not _ASCII_INT.fullmatch(text) or len(text.lstrip("+-")) > MAX_INT_DIGITS:
        raise ValueError(f"must be a whole number written with the digits 0-9, not {shown(text)}")
    return int(text)


def ascii_number(text: str) -> float:
    """A finite decimal number written with the digits 0-9 only (no "inf", "nan", "1_0" or "١")."""
    if not _ASCII_NUMBER.fullmatch(text) or not math.isfinite(float(text)):
        raise ValueError(f"must be a number written with the digits 0-9, not {shown(text)}")
    return float(text)


# ---------------------------------------------------------------------------- writing


def check_output(path: str) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise BatchInputError(f"--out {path}: is a directory; give the name of a file")
    if os.path.lexists(target) and not os.path.isfile(target):
        raise BatchInputError(f"--out {path}: exists and is not a regular file")
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise BatchInputError(f"--out {path}: the directory {folder} does not exist")
    try:  # os.access is not enough: root passes it on a read-only file system
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise BatchInputError(f"--out {path}: cannot write in {folder} ({exc.strerror or exc})") from None


def write_atomic(path: str, content: str | Callable[[TextIO], None]) -> None:
    """Write ``content`` (text, or a function writing to a file) to ``path`` all at once.

    The text goes to a temporary file in the same directory, which is renamed over ``path`` only
    when writing finished: a failed run leaves neither a partial nor a temporary file behind.
    """
    check_output(path)
    target = os.path.abspath(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".part",
                                     dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            if callable(content):
                content(fh)
            else:
                fh.write(content)
        os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else 0o644)
        os.replace(temporary, target)
    except BaseException as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise BatchInputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
        raise


def dumps(value: Any, *, indent: int | None = None) -> str:
    """JSON for output files: UTF-8 as is, and never NaN or Infinity (other tools refuse them)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
