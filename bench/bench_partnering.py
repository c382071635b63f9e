"""Benchmark of the consortium builder (issue 17): 2,000 candidates, 12 competences, consortia of 5-12, top 3.

Usage: python bench/bench_partnering.py [--candidates N] [--seed S]

Candidates come from eight countries, a third in each EU region category (Norway's and the UK's
have none), with one to three of twelve competences (two of them rare, so that covering them
matters) and a fit from 0 to 1 in steps of 0.001 (ties are common, as with rounded match
scores). The rules: every competence covered, 5 to 12 members, at most 3 per country, a member
from each region category and from NO, DK and SE, two fixed members. A second case makes the
rules infeasible (a member from each of five countries with at most 4 members) and times the
explanation. Exit status 1 if the top 3 take 10 s or more.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

from northern_connections.partnering.builder.rules import CATEGORIES, Candidate, Requirements  # noqa: E402
from northern_connections.partnering.builder.solver import build  # noqa: E402

LIMIT = 10.0
COUNTRIES = ("NO", "DK", "SE", "NL", "DE", "BE", "UK", "PL")


def candidates(n: int = 2000, competences: int = 12, seed: int = 1) -> list[Candidate]:
    rng = np.random.default_rng(seed)
    weights = np.ones(competences)
    weights[-2:] = 0.05  # two rare competences
    weights /= weights.sum()
    out = []
    for i in range(n):
        country = COUNTRIES[int(rng.integers(len(COUNTRIES)))]
        category = None if country in ("NO", "UK") else CATEGORIES[int(rng.integers(3))]
        chosen = rng.choice(competences, size=int(rng.integers(1, 4)), replace=False, p=weights)
        out.append(Candidate(f"org-{i}", country, category, frozenset(f"c{j}" for j in chosen),
                             float(rng.integers(0, 1001)) / 1000))
    return out


def timed(label: str, requirements: Requirements, pool: list[Candidate]) -> float:
    start = time.perf_counter()
    result = build(requirements, pool, top=3, time_limit=60)
    seconds = time.perf_counter() - start
    shown = ", ".join(f"{len(c.members)} members fit {c.fit:.3f}" for c in result.consortia) or "none"
    print(f"{label:<28} candidates={len(pool):>5} optimal={result.optimal!s:<5} {seconds:6.2f} s  consortia: {shown}"
          + (f"  infeasible: {len(result.infeasible)} rules" if result.infeasible else ""), flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    pool = candidates(args.candidates, seed=args.seed)
    rules = Requirements(min_size=5, max_size=12, competences=tuple(f"c{j}" for j in range(12)),
                         required_categories=CATEGORIES, required_countries=("NO", "DK", "SE"), max_per_country=3,
                         fixed=(pool[0].id, pool[1].id))
    seconds = timed("top 3, every rule", rules, pool)
    timed("infeasible (explained)", Requirements(min_size=2, max_size=4, competences=("c0",),
                                                 required_countries=("NO", "DK", "SE", "NL", "DE")), pool)
    if seconds >= LIMIT:
        print(f"FAIL: {seconds:.2f} s >= {LIMIT:g} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
