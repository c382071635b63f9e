"""Batch matching over JSON Lines files: the logic behind ``manage.py match_batch``.

File contract (DESIGN.md §6: batch commands exit non-zero with errors on bad input and never leave
partial output behind):

* profiles, one JSON object a line:
  ``{"id": str, "text": str, "tags": {facet: [str, ...]}, "country": "NO", "kind": str, "activity": number}``
  (all but ``id`` and ``text`` optional; optional ``name``, ``language``, ``trl`` are also read);
* queries: ``{"id": str, "text": str, "tags": {...}, "country": str, "exclude": [profile ids]}``
  (all but ``id`` and ``text`` optional; optional ``cross_border`` "prefer"/"neutral"/"only",
  ``kinds``, ``countries``, ``sme_only``, ``trl_min``/``trl_max``, ``language``, ``top``);
* results: ``{"query": id, "results": [{"id": str, "score": float, "why": str}]}`` in rank order,
  one line per query in input order.

Every malformed line of both files is reported as ``FILE: line N: field: reason`` (all of them,
not just the first, so a user fixes a file in one round), and then nothing is written. Blank
lines are ignored. Files are read and written by the rules every batch command shares
(:mod:`northern_connections.core.batchio`: UTF-8, strict JSON, output renamed into place only on
success). Values beyond :data:`LIMITS` are refused, so that one line cannot make the engine
allocate without bound. Cross-border preference is neutral unless a query says otherwise: batch
callers usually filter by country themselves.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from typing import Any, TextIO

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError, shown

from .documents import CROSS_BORDER_MODES, Document, Query, canonical_facet, parse_trl_range
from .engine import MatchingEngine
from .scoring import Weights

EXIT_OK = 0
EXIT_BAD_INPUT = 1

MAX_ID_LENGTH = 200
MAX_TEXT_LENGTH = 100_000
MAX_STRING_LENGTH = 200  # a tag, a country, a kind, a language
MAX_FACETS = 50
MAX_LIST = 1_000  # values of one facet, kinds, countries
MAX_EXCLUDE = 10_000
MAX_ACTIVITY = 1_000_000
MAX_TOP = 1_000
LIMITS = (
    f"ids: non-empty strings of at most {MAX_ID_LENGTH} characters, unique per file; text at most "
    f"{MAX_TEXT_LENGTH:,} characters; tags at most {MAX_FACETS} facets of at most {MAX_LIST:,} values; other "
    f"strings at most {MAX_STRING_LENGTH} characters; exclude at most {MAX_EXCLUDE:,} ids; activity 0 to "
    f"{MAX_ACTIVITY:,}; trl, trl_min, trl_max 1-9; top 1-{MAX_TOP:,}; numbers must be JSON numbers, never strings "
    "or booleans"
)


class InputError(ValueError):
    """One line of a profiles or queries file does not follow the contract (``field: reason``)."""


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int_in(v: Any, low: int, high: int) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _string(v: Any, key: str, limit: int = MAX_STRING_LENGTH) -> str:
    if not isinstance(v, str):
        raise InputError(f"{key}: must be a string, not {shown(v)}")
    if len(v) > limit:
        raise InputError(f"{key}: longer than {limit:,} characters ({len(v):,})")
    return v


def _check_tags(tags: Any) -> dict[str, list[str]]:
    if tags is None:
        return {}
    if not isinstance(tags, dict):
        raise InputError(f"tags: must be an object of facet -> list of strings, not {shown(tags)}")
    if len(tags) > MAX_FACETS:
        raise InputError(f"tags: more than {MAX_FACETS} facets ({len(tags)})")
    out = {}
    for k, v in tags.items():
        _string(k, "tags: facet name")
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, (str, int, float)) and not isinstance(x, bool)
                                               for x in v):
            raise InputError(f"tags.{shown(k)}: must be a list of strings, not {shown(v)}")
        if len(v) > MAX_LIST:
            raise InputError(f"tags.{shown(k)}: more than {MAX_LIST:,} values ({len(v):,})")
        out[k] = [_string(str(x), f"tags.{shown(k)}") for x in v]
        if canonical_facet(k) == "trl" and v and parse_trl_range(out[k]) == (None, None):
            raise InputError(f"tags.{shown(k)}: not a TRL from 1 to 9 or a range such as '6-8', {shown(v)}")
    return out


def _opt_str(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    return None if v is None else _string(v, key)


def _opt_str_list(obj: dict, key: str, limit: int = MAX_LIST) -> list[str] | None:
    v = obj.get(key)
    if v is None:
        return None
    if not isinstance(v, list):
        raise InputError(f"{key}: must be a list of strings, not {shown(v)}")
    if len(v) > limit:
        raise InputError(f"{key}: more than {limit:,} values ({len(v):,})")
    return [_string(x, key, MAX_ID_LENGTH) for x in v]


def _common(obj: Any) -> tuple[str, str]:
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, not {shown(obj)}")
    pid = obj.get("id")
    if not isinstance(pid, str) or not pid.strip():
        raise InputError(f"id: missing or not a non-empty string ({shown(pid)})")
    _string(pid, "id", MAX_ID_LENGTH)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(f"text: missing or not a string ({shown(text)})")
    return pid, _string(text, "text", MAX_TEXT_LENGTH)


def _trl(obj: dict, key: str) -> int | None:
    v = obj.get(key)
    if v is not None and not _is_int_in(v, 1, 9):
        raise InputError(f"{key}: must be an integer from 1 to 9, not {shown(v)}")
    return v


def parse_profile(obj: Any) -> Document:
    """A profile line as an engine document; :class:`InputError` naming the field if it breaks the contract."""
    pid, text = _common(obj)
    tags = _check_tags(obj.get("tags"))
    activity = obj.get("activity", 0)
    if activity is None:
        activity = 0
    if not _is_number(activity) or not 0 <= activity <= MAX_ACTIVITY:
        raise InputError(f"activity: must be a number from 0 to {MAX_ACTIVITY:,}, not {shown(activity)}")
    trl = _trl(obj, "trl")
    name = _opt_str(obj, "name")
    fields = {"name": name, "text": text} if name else {"text": text}
    return Document(id=pid, fields=fields, tags=tags, trl=trl, kind=_opt_str(obj, "kind"),
                    country=_opt_str(obj, "country"), activity=float(activity),
                    language=_opt_str(obj, "language"))


def check_top(top: Any, key: str = "--top") -> int:
    if not _is_int_in(top, 1, MAX_TOP):
        raise InputError(f"{key}: must be an integer from 1 to {MAX_TOP:,}, not {shown(top)}")
    return top


def parse_query(obj: Any, default_top: int) -> tuple[str, Query]:
    """A query line as (id, engine query); :class:`InputError` naming the field if it breaks the contract."""
    qid, text = _common(obj)
    tags = _check_tags(obj.get("tags"))
    exclude = _opt_str_list(obj, "exclude", MAX_EXCLUDE) or []
    cb = obj.get("cross_border", "neutral")
    if not isinstance(cb, str) or cb not in CROSS_BORDER_MODES:
        raise InputError(f"cross_border: must be one of {', '.join(CROSS_BORDER_MODES)}, not {shown(cb)}")
    sme_only = obj.get("sme_only", False)
    if not isinstance(sme_only, bool):
        raise InputError(f"sme_only: must be true or false, not {shown(sme_only)}")
    top = check_top(obj.get("top", default_top), "top")
    trl = {key: _trl(obj, key) for key in ("trl_min", "trl_max")}
    if None not in trl.values() and trl["trl_min"] > trl["trl_max"]:
        raise InputError(f"trl_min: {trl['trl_min']} is above trl_max {trl['trl_max']}")
    kinds = _opt_str_list(obj, "kinds")
    countries = _opt_str_list(obj, "countries")
    q = Query(text=text, tags=tags, country=_opt_str(obj, "country"), exclude=tuple(exclude),
              cross_border=cb, kinds=tuple(kinds) if kinds is not None else None,
              countries=tuple(countries) if countries is not None else None, sme_only=sme_only,
              language=_opt_str(obj, "language"), top_k=top, **trl)
    return qid, q


def parse_lines(text: str, name: str, parse: Callable[[Any], Any], errors: list[str]) -> list[tuple[int, Any]]:
    """(line number, parsed value) of each good non-blank line; a bad one adds ``NAME: line N: ...`` to errors."""
    out = []
    for lineno, value in batchio.json_lines(text, name):
        if isinstance(value, BatchInputError):
            errors.extend(value.problems)
            continue
        try:
            out.append((lineno, parse(value)))
        except InputError as exc:
            errors.append(f"{name}: line {lineno}: {exc}")
    return out


def _read_jsonl(path: str, parse: Callable[[Any], Any], errors: list[str]) -> list[tuple[int, Any]]:
    """Parse every non-blank line, collecting ``FILE: line N: field: reason`` errors instead of stopping."""
    try:
        text = batchio.read_text(path)
    except BatchInputError as error:
        errors.extend(error.problems)
        return []
    return parse_lines(text, path, parse, errors)


def load_profiles(path: str, errors: list[str]) -> list[Document]:
    parsed = _read_jsonl(path, parse_profile, errors)
    seen: dict[str, int] = {}
    docs = []
    for lineno, doc in parsed:
        if doc.id in seen:
            errors.append(f"{path}: line {lineno}: id: duplicate profile id {doc.id!r} (first on line {seen[doc.id]})")
            continue
        seen[doc.id] = lineno
        docs.append(doc)
    return docs


def load_queries(path: str, top_k: int, errors: list[str]) -> list[tuple[str, Query]]:
    parsed = _read_jsonl(path, lambda o: parse_query(o, top_k), errors)
    seen: dict[str, int] = {}
    out = []
    for lineno, (qid, q) in parsed:
        if qid in seen:
            errors.append(f"{path}: line {lineno}: id: duplicate query id {qid!r} (first on line {seen[qid]})")
            continue
        seen[qid] = lineno
        out.append((qid, q))
    return out


def run(profiles: list[Document], queries: list[tuple[str, Query]], *, weights: Weights | None = None,
        engine: MatchingEngine | None = None):
    """Yield one result record per query (used by :func:`main` and by the evaluation)."""
    engine = engine or MatchingEngine.build(profiles, weights=weights)
    for qid, q in queries:
        matches = engine.search(q)
        yield {"query": qid, "results": [{"id": m.id, "score": round(m.score, 6), "why": m.why} for m in matches]}


def load(profiles_path: str, queries_path: str, top_k: Any) -> tuple[list[Document], list[tuple[str, Query]]]:
    """Both files, validated; :class:`BatchInputError` with every problem of both if any line is bad."""
    errors: list[str] = []
    try:
        check_top(top_k)
    except InputError as exc:
        errors.append(str(exc))
        top_k = 1
    profiles = load_profiles(profiles_path, errors)
    queries = load_queries(queries_path, top_k, errors)
    if errors:
        raise BatchInputError(errors)
    return profiles, queries


def writer(profiles: list[Document], queries: list[tuple[str, Query]], *,
           weights: Weights | None = None) -> Callable[[TextIO], None]:
    """Writes the results file, one line per query (for :func:`batchio.write_atomic`)."""

    def write(fh: TextIO) -> None:
        for record in run(profiles, queries, weights=weights):
            fh.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")

    return write


def main(profiles_path: str, queries_path: str, top_k: int, out_path: str, *, weights: Weights | None = None,
         stderr: TextIO | None = None) -> int:
    """Match every query against the profiles and write the results; returns the exit status."""
    err = stderr or sys.stderr
    try:
        batchio.check_output(out_path)
        profiles, queries = load(profiles_path, queries_path, top_k)
        batchio.write_atomic(out_path, writer(profiles, queries, weights=weights))
    except BatchInputError as error:
        for problem in error.problems:
            err.write(problem + "\n")
        err.write(f"match_batch: {len(error.problems)} error(s) in the input; no output written\n")
        return EXIT_BAD_INPUT
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover - convenience for running without Django
    import argparse

    ap = argparse.ArgumentParser(description="Match queries against profiles (JSON Lines).")
    ap.add_argument("--profiles", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sys.exit(main(a.profiles, a.queries, a.top, a.out))
