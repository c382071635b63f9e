"""The funding-call file of the EU Funding & Tenders portal (``../shared/data/cordis/``), in plain Python.

The file is gzip (or plain text) of JSON objects, one per topic, written one after another with or
without newlines between them (``json.JSONDecoder.raw_decode`` in a loop reads both), UTF-8 with an
optional byte-order mark. Fields used: ``topicId`` (the key: a new import updates the call),
``title``, ``programme``, ``callIdentifier``, ``callTitle``, ``typesOfAction``/``actionType``,
``deadline`` (ISO date), ``deadlineModel`` (single-stage, two-stage, multiple cut-off; the ``stage``
field says two-stage for every topic and is not used), ``callStatus``, ``budgetMin``/``budgetMax``,
``expectedGrants``, ``keywords`` (comma-separated; the topic's own identifiers are dropped),
``description``, ``portalUrl``. Texts the portal double-encoded (``â€œ`` for ``“``) are repaired.

Horizon Europe research and innovation actions and innovation actions take the General Annexes'
minimum: three independent partners from three different countries.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from typing import Any

from northern_connections.core.batchio import BatchInputError, decode_text, shown

MAX_CALLS = 20_000
MAX_PROBLEMS = 20
MAX_TEXT = 100_000
STATUSES = ("open", "forthcoming", "closed")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TAG = re.compile(r"<[^>]+>")
HORIZON_MINIMUM = ("HORIZON Research and Innovation Actions", "HORIZON Innovation Actions")


def decode(data: bytes, name: str) -> str:
    """The file's text: gunzipped if it is gzip, then strict UTF-8 (core.batchio rules)."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise BatchInputError(f"{name}: not a readable gzip file ({exc})") from None
    return decode_text(data, name)


def objects(text: str, name: str) -> list[tuple[int, Any]]:
    """(line, value) of each JSON value in ``text``, concatenated or one a line."""
    decoder, position, out = json.JSONDecoder(), 0, []
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return out
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise BatchInputError(f"{name}: line {exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        out.append((line, value))
        if len(out) > MAX_CALLS:
            raise BatchInputError(f"{name}: more than {MAX_CALLS:,} calls in one file")


# the characters cp1252 shows for the bytes 0x80-0x9f
_CP1252_EXTRA = ("\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
                 "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_EXTRA}]+")


def _as_cp1252(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                raise
            out.append(ord(ch))  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined in cp1252, kept as the byte
    return bytes(out)


def _undo(match: re.Match) -> str:
    try:
        return _as_cp1252(match.group()).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group()


def repaired(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 (``â€™`` → ``’``), one garbled run at a time.

    Each run (a lead byte of a UTF-8 sequence followed by continuation bytes, as cp1252 shows them)
    is decoded again only if it is valid UTF-8, so correct accented text (``Liège``) is left alone.
    """
    return _MOJIBAKE.sub(_undo, text) if ("â" in text or "Ã" in text or "Â" in text) else text


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        return ""
    return repaired(_TAG.sub(" ", value)).strip()[:limit]


def _date(value: Any) -> date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _amount(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**13 else None


def _keywords(value: Any, own: set[str]) -> list[str]:
    words = [w.strip() for w in value.split(",")] if isinstance(value, str) else []
    out: list[str] = []
    for word in words:
        if word and word not in own and word not in out and len(word) <= 100:
            out.append(repaired(word))
    return out[:50]


def call_fields(item: dict) -> dict:
    """The FundingCall fields of one topic object (already checked by ``parse``)."""
    topic = item["topicId"].strip()
    kinds = _text(item.get("typesOfAction"), 200)
    model = _text(item.get("deadlineModel"), 100)
    minimum = 3 if any(kind in kinds for kind in HORIZON_MINIMUM) else None
    return {
        "topic_identifier": topic, "title": _text(item["title"], 500), "programme": _text(item["programme"], 200),
        "call_identifier": _text(item.get("callIdentifier"), 200), "call_title": _text(item.get("callTitle"), 500),
        "action_type": kinds or _text(item.get("actionType"), 200), "deadline_model": model,
        "stage": "two-stage" if model == "two-stage" else "single-stage", "deadline": _date(item.get("deadline")),
        "status": item.get("callStatus") if item.get("callStatus") in STATUSES else "open",
        "budget_min_eur": _amount(item.get("budgetMin")), "budget_max_eur": _amount(item.get("budgetMax")),
        "expected_grants": _amount(item.get("expectedGrants")),
        "keywords": _keywords(item.get("keywords"), {topic, _text(item.get("callIdentifier"))}),
        "description": _text(item.get("description")), "url": _text(item.get("portalUrl"), 500),
        "min_partners": minimum, "min_countries": minimum,
    }


def parse(text: str, name: str) -> list[tuple[int, dict]]:
    """(line, FundingCall fields) of every topic; every bad topic is reported (up to MAX_PROBLEMS), one a line."""
    problems, rows, seen = [], [], set()
    for line, item in objects(text, name):
        where = f"{name}: line {line}"
        if not isinstance(item, dict):
            problems.append(f"{where}: a call must be a JSON object, not {shown(item)}")
            continue
        topic = item.get("topicId")
        for key in ("topicId", "title", "programme"):
            value = item.get(key)
            if not isinstance(value, str) or not value.strip() or len(value) > 500:
                problems.append(f"{where}: {key}: must be a text of 1 to 500 characters, not {shown(value)}")
        if item.get("deadline") not in (None, "") and _date(item.get("deadline")) is None:
            problems.append(f"{where}: deadline: must be a date YYYY-MM-DD, not {shown(item.get('deadline'))}")
        if isinstance(topic, str) and topic.strip() in seen:
            problems.append(f"{where}: topicId: {shown(topic)} appears twice")
        if len(problems) >= MAX_PROBLEMS:
            break
        if not problems:
            seen.add(topic.strip())
            rows.append((line, call_fields(item)))
    if problems:
        raise BatchInputError(problems[:MAX_PROBLEMS])
    if not rows:
        raise BatchInputError(f"{name}: no calls in the file")
    return rows
