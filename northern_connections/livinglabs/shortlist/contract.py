"""The file contract of ``manage.py shortlist_living_labs`` (plain Python, the rules of ``core.batchio``).

Input::

    {"criteria":   [{"id": "fit", "weight": 3, "direction": "benefit"}, ...],     # direction: benefit | cost
     "candidates": [{"id": "lab-1", "region": "NO08", "host": "org-7",            # host: id or list of ids
                     "value_chain": "offshore-wind", "country": "NO",             # optional; country defaults
                     "scores": {"fit": 4.5, ...}}, ...]}                           #   to the region's first 2 letters

Output: ``selected`` (id, region, score, rank, region_rank, best first), and per candidate its
score, ranks, whether it is selected, its ``selection_frequency`` under perturbation (``null``
without ``--samples``/``--perturb``), the criterion the choice hinges on, and a plain-language
``explanation``. Every problem of the input is reported (up to :data:`MAX_PROBLEMS`), one a line.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from northern_connections.core.batchio import BatchInputError, dumps, shown

from . import explain
from .mcda import METHODS, TOPSIS
from .run import Problem, Result
from .selection import Pool, Rules, short_regions

MAX_CANDIDATES = 10_000
MAX_CRITERIA = 50
MAX_ID_LENGTH = 200
MAX_WEIGHT = 1_000_000
MAX_SCORE = 1e9
MAX_PER_REGION = 100
MAX_SAMPLES = 100_000
MAX_PERTURB = 0.9
MAX_SEED = 2**32 - 1
MAX_PROBLEMS = 20
DEFAULT_SAMPLES = 1000
DEFAULT_PERTURB = 0.2
LIMITS = (f"at most {MAX_CANDIDATES:,} candidates and {MAX_CRITERIA} criteria; ids up to {MAX_ID_LENGTH} "
          f"characters; weights above 0 up to {MAX_WEIGHT:,}; scores finite, at most {MAX_SCORE:g} in size "
          f"(and not negative for TOPSIS); --per-region 1 to {MAX_PER_REGION}; --samples 1 to {MAX_SAMPLES:,}; "
          f"--perturb above 0 up to {MAX_PERTURB}; --seed 0 to {MAX_SEED}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH and value.strip() == value


def _ids(value: Any) -> tuple[str, ...] | None:
    """An id or a list of ids (hosts, value chains); ``None`` if it is neither."""
    if value is None:
        return ()
    if _id(value):
        return (value,)
    if isinstance(value, list) and all(_id(v) for v in value):
        return tuple(value)
    return None


class _Problems:
    def __init__(self, name: str):
        self.name, self.lines = name, []

    def add(self, where: str, reason: str) -> None:
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(f"{self.name}: {where}: {reason}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise BatchInputError(self.lines)


def check_options(*, per_region: int, samples: int | None, perturb: float | None, seed: int,
                  max_per_host: int | None, min_value_chains: int | None) -> None:
    """Options outside their bounds, all at once."""
    problems = []
    if not 1 <= per_region <= MAX_PER_REGION:
        problems.append(f"--per-region must be from 1 to {MAX_PER_REGION}, not {per_region}")
    if samples is not None and not 1 <= samples <= MAX_SAMPLES:
        problems.append(f"--samples must be from 1 to {MAX_SAMPLES:,}, not {samples}")
    if perturb is not None and not 0 < perturb <= MAX_PERTURB:
        problems.append(f"--perturb must be above 0 and at most {MAX_PERTURB}, not {perturb:g}")
    if not 0 <= seed <= MAX_SEED:
        problems.append(f"--seed must be from 0 to {MAX_SEED}, not {seed}")
    if max_per_host is not None and not 1 <= max_per_host <= MAX_PER_REGION:
        problems.append(f"--max-per-host must be from 1 to {MAX_PER_REGION}, not {max_per_host}")
    if min_value_chains is not None and not 1 <= min_value_chains <= MAX_CRITERIA:
        problems.append(f"--min-value-chains-per-country must be from 1 to {MAX_CRITERIA}, not {min_value_chains}")
    if problems:
        raise BatchInputError(problems)


def _criteria(data: dict, problems: _Problems) -> list[tuple[str, float, bool]]:
    criteria = data.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        problems.add("criteria", "must be a non-empty list of {id, weight, direction}")
        return []
    if len(criteria) > MAX_CRITERIA:
        problems.add("criteria", f"has {len(criteria):,} entries; at most {MAX_CRITERIA} are allowed")
        return []
    out, seen = [], set()
    for n, item in enumerate(criteria):
        where = f"criteria[{n}]"
        if not isinstance(item, dict):
            problems.add(where, f"must be an object, not {shown(item)}")
            continue
        cid, weight, direction = item.get("id"), item.get("weight"), item.get("direction", "benefit")
        if not _id(cid):
            problems.add(f"{where}.id", f"must be a string of 1 to {MAX_ID_LENGTH} characters, not {shown(cid)}")
            continue
        if cid in seen:
            problems.add(f"{where}.id", f"criterion {shown(cid)} appears twice")
        seen.add(cid)
        if not _number(weight) or not 0 < weight <= MAX_WEIGHT:
            problems.add(f"{where}.weight", f"must be a number above 0 and at most {MAX_WEIGHT:,}, not {shown(weight)}")
        if direction not in ("benefit", "cost"):
            problems.add(f"{where}.direction", f"must be 'benefit' or 'cost', not {shown(direction)}")
        out.append((cid, weight if _number(weight) else 0.0, direction == "benefit"))
    return out


def _candidate(n: int, item: Any, criteria: list[str], method: str, problems: _Problems):
    where = f"candidates[{n}]"
    if not isinstance(item, dict):
        problems.add(where, f"must be an object, not {shown(item)}")
        return None
    cid = item.get("id")
    if not _id(cid):
        problems.add(f"{where}.id", f"must be a string of 1 to {MAX_ID_LENGTH} characters, not {shown(cid)}")
        return None
    where = f"{where} ({shown(cid)})"
    region, country = item.get("region"), item.get("country", None)
    hosts, chains = _ids(item.get("host")), _ids(item.get("value_chain"))
    ok = True
    for field_name, good in (("region", _id(region)), ("country", country is None or _id(country)),
                             ("host", hosts is not None), ("value_chain", chains is not None)):
        if not good:
            wanted = "a region code (a string)" if field_name == "region" else "an id, a list of ids or absent"
            problems.add(f"{where}.{field_name}", f"must be {wanted}, not {shown(item.get(field_name))}")
            ok = False
    scores = item.get("scores")
    if not isinstance(scores, dict):
        problems.add(f"{where}.scores", f"must be an object of scores by criterion id, not {shown(scores)}")
        return None
    row = []
    for criterion in criteria:
        value = scores.get(criterion)
        if criterion not in scores:
            problems.add(f"{where}.scores", f"no score for criterion {shown(criterion)}")
            ok = False
        elif not _number(value) or abs(value) > MAX_SCORE or (method == TOPSIS and value < 0):
            bound = "from 0 " if method == TOPSIS else f"from {-MAX_SCORE:g} "
            problems.add(f"{where}.scores.{criterion}", f"must be a number {bound}to {MAX_SCORE:g}, not {shown(value)}")
            ok = False
        row.append(float(value) if _number(value) else 0.0)
    for unknown in sorted(set(scores) - set(criteria))[:1]:
        problems.add(f"{where}.scores", f"criterion {shown(unknown)} is not in 'criteria'")
        ok = False
    if not ok:
        return None
    return cid, region, country or region[:2], hosts, chains, row


def parse(data: Any, name: str, *, method: str, per_region: int) -> Problem:
    """The :class:`Problem` in ``data``, or a BatchInputError listing every problem (up to MAX_PROBLEMS)."""
    if method not in METHODS:
        raise BatchInputError(f"--method must be one of {', '.join(METHODS)}, not {shown(method)}")
    if not isinstance(data, dict):
        raise BatchInputError(f"{name}: the input must be a JSON object with 'criteria' and 'candidates'")
    problems = _Problems(name)
    criteria = _criteria(data, problems)
    candidates = data.get("candidates")
    if not isinstance(candidates, list) or not candidates:
        problems.add("candidates", "must be a non-empty list of candidates")
        problems.raise_if_any()
    if len(candidates) > MAX_CANDIDATES:
        raise BatchInputError(f"{name}: candidates: has {len(candidates):,} entries; at most {MAX_CANDIDATES:,} "
                              "are allowed")
    problems.raise_if_any()
    ids = [c[0] for c in criteria]
    rows, seen = [], set()
    for n, item in enumerate(candidates):
        row = _candidate(n, item, ids, method, problems)
        if row is not None:
            if row[0] in seen:
                problems.add(f"candidates[{n}].id", f"candidate {shown(row[0])} appears twice")
            seen.add(row[0])
            rows.append(row)
    problems.raise_if_any()
    pool = Pool.of([r[1] for r in rows], hosts=[r[3] for r in rows], value_chains=[r[4] for r in rows],
                   countries=[r[2] for r in rows])
    for region, count in short_regions(pool, per_region)[:MAX_PROBLEMS]:
        problems.add("candidates", f"region {shown(region)} has {count} candidate(s); --per-region asks for "
                     f"{per_region}")
    problems.raise_if_any()
    return Problem(criteria=tuple(ids), weights=tuple(c[1] for c in criteria), benefit=tuple(c[2] for c in criteria),
                   candidates=tuple(r[0] for r in rows), pool=pool, x=np.array([r[5] for r in rows], dtype=float))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def output(result: Result) -> dict:
    """The output document (see the module docstring)."""
    rules: Rules = result.rules
    return {
        "method": result.method,
        "per_region": rules.per_region,
        "rules": {"max_per_host": rules.max_per_host,
                  "min_value_chains_per_country": rules.min_value_chains_per_country},
        "solver": result.solver,
        "objective": _rounded(result.objective),
        "selected": [{"id": c.id, "region": c.region, "score": _rounded(c.score), "rank": c.rank,
                      "region_rank": c.region_rank} for c in result.selected],
        "candidates": [{"id": c.id, "region": c.region, "score": _rounded(c.score), "rank": c.rank,
                        "region_rank": c.region_rank, "selected": c.selected,
                        "selection_frequency": _rounded(c.frequency), "hinges_on": c.hinge,
                        "explanation": explain.render(c.reason, samples=result.samples, perturb=result.perturb)}
                       for c in result.candidates],
        "sensitivity": None if result.samples is None else {
            "perturb": result.perturb, "samples": result.samples, "seed": result.seed,
            "exact_solves": result.exact_solves},
    }


def dumps_output(result: Result) -> str:
    return dumps(output(result), indent=1) + "\n"
