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

Every malformed line of both files is reported as ``FILE:LINE: message`` on stderr (all of them,
not just the first, so a user fixes a file in one round), and then nothing is written. Blank
lines are ignored. The output is written to a temporary file next to the target and renamed, so
a crash cannot leave a truncated result file. Cross-border preference is neutral unless a query
says otherwise: batch callers usually filter by country themselves.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from typing import Any, TextIO

from .documents import CROSS_BORDER_MODES, Document, Query
from .engine import MatchingEngine
from .scoring import Weights

EXIT_OK = 0
EXIT_BAD_INPUT = 1


class InputError(Exception):
    pass


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_tags(tags: Any) -> dict[str, list[str]]:
    if tags is None:
        return {}
    if not isinstance(tags, dict):
        raise InputError(f"'tags' must be an object of facet -> list of strings, not {type(tags).__name__}")
    out = {}
    for k, v in tags.items():
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, (str, int, float)) and not isinstance(x, bool)
                                               for x in v):
            raise InputError(f"tag {k!r} must be a list of strings")
        out[k] = [str(x) for x in v]
    return out


def _opt_str(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        raise InputError(f"{key!r} must be a string")
    return v


def _opt_str_list(obj: dict, key: str) -> list[str] | None:
    v = obj.get(key)
    if v is None:
        return None
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise InputError(f"{key!r} must be a list of strings")
    return v


def _common(obj: Any) -> tuple[str, str]:
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}")
    pid = obj.get("id")
    if not isinstance(pid, str) or not pid.strip():
        raise InputError("'id' is missing or not a non-empty string")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("'text' is missing or not a string")
    return pid, text


def parse_profile(obj: Any) -> Document:
    pid, text = _common(obj)
    tags = _check_tags(obj.get("tags"))
    activity = obj.get("activity", 0)
    if activity is None:
        activity = 0
    if not _is_number(activity) or activity < 0:
        raise InputError("'activity' must be a non-negative number")
    trl = obj.get("trl")
    if trl is not None and (not isinstance(trl, int) or isinstance(trl, bool) or not 1 <= trl <= 9):
        raise InputError("'trl' must be an integer from 1 to 9")
    name = _opt_str(obj, "name")
    fields = {"name": name, "text": text} if name else {"text": text}
    return Document(id=pid, fields=fields, tags=tags, trl=trl, kind=_opt_str(obj, "kind"),
                    country=_opt_str(obj, "country"), activity=float(activity),
                    language=_opt_str(obj, "language"))


def parse_query(obj: Any, default_top: int) -> tuple[str, Query]:
    qid, text = _common(obj)
    tags = _check_tags(obj.get("tags"))
    exclude = _opt_str_list(obj, "exclude") or []
    cb = obj.get("cross_border", "neutral")
    if cb not in CROSS_BORDER_MODES:
        raise InputError(f"'cross_border' must be one of {', '.join(CROSS_BORDER_MODES)}")
    sme_only = obj.get("sme_only", False)
    if not isinstance(sme_only, bool):
        raise InputError("'sme_only' must be true or false")
    top = obj.get("top", default_top)
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise InputError("'top' must be a positive integer")
    trl = {}
    for key in ("trl_min", "trl_max"):
        v = obj.get(key)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= 9):
            raise InputError(f"{key!r} must be an integer from 1 to 9")
        trl[key] = v
    kinds = _opt_str_list(obj, "kinds")
    countries = _opt_str_list(obj, "countries")
    q = Query(text=text, tags=tags, country=_opt_str(obj, "country"), exclude=tuple(exclude),
              cross_border=cb, kinds=tuple(kinds) if kinds is not None else None,
              countries=tuple(countries) if countries is not None else None, sme_only=sme_only,
              language=_opt_str(obj, "language"), top_k=top, **trl)
    return qid, q


def _read_jsonl(path: str, parse, errors: list[str]) -> list[tuple[int, Any]]:
    """Parse every non-blank line, collecting ``FILE:LINE: message`` errors instead of stopping."""
    out = []
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as exc:
        errors.append(f"{path}: cannot read: {exc.strerror or exc}")
        return out
    with fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(f"{path}:{lineno}: invalid JSON: {exc.msg} (column {exc.colno})")
                    continue
                try:
                    out.append((lineno, parse(obj)))
                except InputError as exc:
                    errors.append(f"{path}:{lineno}: {exc}")
                except ValueError as exc:
                    errors.append(f"{path}:{lineno}: {exc}")
        except UnicodeDecodeError as exc:
            errors.append(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
    return out


def load_profiles(path: str, errors: list[str]) -> list[Document]:
    parsed = _read_jsonl(path, parse_profile, errors)
    seen: dict[str, int] = {}
    docs = []
    for lineno, doc in parsed:
        if doc.id in seen:
            errors.append(f"{path}:{lineno}: duplicate profile id {doc.id!r} (first on line {seen[doc.id]})")
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
            errors.append(f"{path}:{lineno}: duplicate query id {qid!r} (first on line {seen[qid]})")
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


def main(profiles_path: str, queries_path: str, top_k: int, out_path: str, *, weights: Weights | None = None,
         stderr: TextIO | None = None) -> int:
    """Match every query against the profiles and write the results; returns the exit status."""
    err = stderr or sys.stderr
    errors: list[str] = []
    if not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 1:
        errors.append(f"--top must be a positive integer, not {top_k!r}")
        top_k = 1
    profiles = load_profiles(profiles_path, errors)
    queries = load_queries(queries_path, top_k, errors)
    if errors:
        for e in errors:
            err.write(e + "\n")
        err.write(f"match_batch: {len(errors)} error(s) in the input; no output written\n")
        return EXIT_BAD_INPUT
    out_dir = os.path.dirname(os.path.abspath(out_path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".match_batch-", suffix=".jsonl", dir=out_dir)
    except OSError as exc:
        err.write(f"{out_path}: cannot write: {exc.strerror or exc}\n")
        return EXIT_BAD_INPUT
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for record in run(profiles, queries, weights=weights):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
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
