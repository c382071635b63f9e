"""The file contract of ``manage.py build_consortium`` (issue 17 item 5; plain Python, the rules of ``core.batchio``).

Input::

    {"min_size": 3, "max_size": 8, "max_per_country": 2,            # max_per_country: int or null
     "competences": ["blades", "installation"],                     # each covered by at least one member
     "required_categories": ["transition", "less_developed"],       # more_developed | transition | less_developed
     "required_countries": ["NO", "DK"],
     "fixed": ["org-1"],                                            # ids of candidates that must be members
     "candidates": [{"id": "org-1", "country": "NO", "category": null,
                     "competences": ["blades"], "fit": 0.83}, ...]}

``min_size``, ``max_size``, ``competences`` and ``candidates`` are required; the other fields
default to null / empty. Output::

    {"consortia": [{"members": [ids], "fit": number, "covers": {competence: [ids]}, "why": {id: str}}],
     "infeasible": null | ["the rules that cannot all be met", ...], "optimal": bool}

Every problem of the input is reported (up to :data:`MAX_PROBLEMS`), one a line.
"""

from __future__ import annotations

import math
import re
from typing import Any

from northern_connections.core.batchio import BatchInputError, dumps, shown

from .rules import CATEGORIES, Candidate, Requirements
from .solver import Result

MAX_CANDIDATES = 20_000
MAX_COMPETENCES = 200
MAX_SIZE = 100
MAX_ID_LENGTH = 200
MAX_FIT = 1_000_000
MAX_TOP = 20
MAX_TIME_LIMIT = 3600.0
MAX_PROBLEMS = 20
FIELDS = ("min_size", "max_size", "max_per_country", "competences", "required_categories", "required_countries",
          "fixed", "candidates")
CANDIDATE_FIELDS = ("id", "country", "category", "competences", "fit")
LIMITS = (f"at most {MAX_CANDIDATES:,} candidates and {MAX_COMPETENCES} competences; sizes 1 to {MAX_SIZE}; "
          f"ids and competences up to {MAX_ID_LENGTH} characters; countries two capital letters (NO, DK, EL); "
          f"fit a finite number of at most {MAX_FIT:,} in size; --top 1 to {MAX_TOP}; "
          f"--time-limit above 0 up to {MAX_TIME_LIMIT:g} seconds")
_COUNTRY = re.compile(r"[A-Z]{2}")


def _name(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH and value.strip() == value


def _size(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SIZE


class _Problems:
    def __init__(self, name: str):
        self.name, self.lines = name, []

    def add(self, where: str, reason: str) -> None:
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(f"{self.name}: {where}: {reason}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise BatchInputError(self.lines)


def check_options(*, top: int, time_limit: float) -> None:
    problems = []
    if not 1 <= top <= MAX_TOP:
        problems.append(f"--top must be from 1 to {MAX_TOP}, not {top}")
    if not 0 < time_limit <= MAX_TIME_LIMIT:
        problems.append(f"--time-limit must be above 0 and at most {MAX_TIME_LIMIT:g} seconds, not {time_limit:g}")
    if problems:
        raise BatchInputError(problems)


def _names(data: dict, key: str, problems: _Problems, *, valid=_name, wanted: str = "a name") -> tuple[str, ...]:
    """A list of distinct names (competences, categories, countries, fixed ids); absent is empty."""
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.add(key, f"must be a list, not {shown(value)}")
        return ()
    if len(value) > MAX_COMPETENCES:
        problems.add(key, f"has {len(value):,} entries; at most {MAX_COMPETENCES} are allowed")
        return ()
    out: list[str] = []
    for n, item in enumerate(value):
        if not valid(item):
            problems.add(f"{key}[{n}]", f"must be {wanted}, not {shown(item)}")
        elif item in out:
            problems.add(f"{key}[{n}]", f"{shown(item)} appears twice")
        else:
            out.append(item)
    return tuple(out)


def _sizes(data: dict, problems: _Problems) -> tuple[int, int, int | None]:
    for key in ("min_size", "max_size"):
        if not _size(data.get(key)):
            problems.add(key, f"must be a whole number from 1 to {MAX_SIZE}, not {shown(data.get(key))}")
    per_country = data.get("max_per_country")
    if per_country is not None and not _size(per_country):
        problems.add("max_per_country",
                     f"must be null or a whole number from 1 to {MAX_SIZE}, not {shown(per_country)}")
    low, high = data.get("min_size"), data.get("max_size")
    if _size(low) and _size(high) and low > high:
        problems.add("max_size", f"is {high}, below min_size {low}")
    return low, high, per_country


def _candidate(n: int, item: Any, problems: _Problems) -> Candidate | None:
    where = f"candidates[{n}]"
    if not isinstance(item, dict):
        problems.add(where, f"must be an object with {', '.join(CANDIDATE_FIELDS)}, not {shown(item)}")
        return None
    cid = item.get("id")
    if not _name(cid):
        problems.add(f"{where}.id", f"must be a string of 1 to {MAX_ID_LENGTH} characters, not {shown(cid)}")
        return None
    where = f"{where} ({shown(cid)})"
    before = len(problems.lines)
    for unknown in sorted(set(item) - set(CANDIDATE_FIELDS))[:1]:
        problems.add(where, f"unknown field {shown(unknown)} (fields: {', '.join(CANDIDATE_FIELDS)})")
    country, category, fit = item.get("country"), item.get("category"), item.get("fit")
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        problems.add(f"{where}.country", f"must be two capital letters (NO, DK), not {shown(country)}")
    if category is not None and category not in CATEGORIES:
        problems.add(f"{where}.category", f"must be null or one of {', '.join(CATEGORIES)}, not {shown(category)}")
    if isinstance(fit, bool) or not isinstance(fit, (int, float)) or not math.isfinite(fit) or abs(fit) > MAX_FIT:
        problems.add(f"{where}.fit", f"must be a number of at most {MAX_FIT:,} in size, not {shown(fit)}")
    competences = _names(item, "competences", _Nested(problems, where), wanted="a competence name")
    if len(problems.lines) > before:
        return None
    return Candidate(cid, country, category, frozenset(competences), float(fit))


class _Nested(_Problems):
    """Problems of a candidate's own lists, named below the candidate."""

    def __init__(self, parent: _Problems, where: str):
        self.parent, self.where = parent, where
        self.name, self.lines = parent.name, parent.lines

    def add(self, where: str, reason: str) -> None:
        self.parent.add(f"{self.where}.{where}", reason)


def _candidates(data: dict, problems: _Problems) -> list[Candidate]:
    items = data.get("candidates")
    if not isinstance(items, list) or not items:
        problems.add("candidates", "must be a non-empty list of candidates")
        return []
    if len(items) > MAX_CANDIDATES:
        problems.add("candidates", f"has {len(items):,} entries; at most {MAX_CANDIDATES:,} are allowed")
        return []
    out, seen = [], set()
    for n, item in enumerate(items):
        candidate = _candidate(n, item, problems)
        if candidate is None:
            continue
        if candidate.id in seen:
            problems.add(f"candidates[{n}].id", f"candidate {shown(candidate.id)} appears twice")
        seen.add(candidate.id)
        out.append(candidate)
    return out


def parse(data: Any, name: str) -> tuple[Requirements, list[Candidate]]:
    """The requirements and candidates in ``data``, or a BatchInputError listing every problem."""
    if not isinstance(data, dict):
        raise BatchInputError(f"{name}: the input must be a JSON object with {', '.join(FIELDS)}")
    problems = _Problems(name)
    for unknown in sorted(set(data) - set(FIELDS))[:3]:
        problems.add(shown(unknown), f"unknown field (fields: {', '.join(FIELDS)})")
    low, high, per_country = _sizes(data, problems)
    if "competences" not in data:
        problems.add("competences", "is missing (a list of the competences to cover; it may be empty)")
    competences = _names(data, "competences", problems, wanted="a competence name")
    categories = _names(data, "required_categories", problems, valid=lambda v: v in CATEGORIES,
                        wanted=f"one of {', '.join(CATEGORIES)}")
    countries = _names(data, "required_countries", problems,
                       valid=lambda v: isinstance(v, str) and bool(_COUNTRY.fullmatch(v)), wanted="two capital letters")
    fixed = _names(data, "fixed", problems, wanted="a candidate id")
    candidates = _candidates(data, problems)
    problems.raise_if_any()
    known = {c.id for c in candidates}
    for n, fid in enumerate(fixed):
        if fid not in known:
            problems.add(f"fixed[{n}]", f"{shown(fid)} is not the id of a candidate")
    problems.raise_if_any()
    return Requirements(min_size=low, max_size=high, competences=competences, required_categories=categories,
                        required_countries=countries, max_per_country=per_country, fixed=fixed), candidates


def _rounded(value: float) -> float:
    return round(float(value), 6)


def output(result: Result) -> dict:
    """The output document (see the module docstring)."""
    return {
        "consortia": [{"members": list(c.members), "fit": _rounded(c.fit),
                       "covers": {k: list(v) for k, v in c.covers.items()}, "why": dict(c.why)}
                      for c in result.consortia],
        "infeasible": None if result.infeasible is None else list(result.infeasible),
        "optimal": result.optimal,
    }


def dumps_output(result: Result) -> str:
    return dumps(output(result), indent=1) + "\n"
