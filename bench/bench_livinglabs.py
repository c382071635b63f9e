"""Benchmark of Living Lab shortlisting (issue 12): 1,000 candidates, 50 regions, 10,000 perturbation samples.

Usage: python bench/bench_livinglabs.py [--samples N] [--rule-samples N]

The issue's case has no cross-region rule, so each sample's selection is the vectorised per-region
top-k (no solver). A second case adds "at most one per host organisation" with hosts shared across
regions: there every sample whose top-k breaks the rule is re-solved exactly with CP-SAT, and the
figure to read is seconds per exact solve. Exit status 1 if the issue's case takes 30 s or more.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

from northern_connections.livinglabs.shortlist import mcda  # noqa: E402
from northern_connections.livinglabs.shortlist.run import Problem, shortlist  # noqa: E402
from northern_connections.livinglabs.shortlist.selection import Pool, Rules  # noqa: E402

LIMIT = 30.0


def problem(candidates: int = 1000, regions: int = 50, criteria: int = 7, hosts: int = 400, seed: int = 1) -> Problem:
    """Scores 1-5 from three assessors averaged (so ties are rare but scores are coarse, as in a real round)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(candidates, criteria, 3)).mean(axis=2)
    countries = "DK NO SE NL DE UK".split()
    region_of = [f"{countries[r % 6]}{r:02d}" for r in rng.permutation(np.arange(candidates) % regions)]
    pool = Pool.of(region_of, hosts=[[f"h{h}"] for h in rng.integers(0, hosts, size=candidates)],
                   value_chains=[[f"v{v}"] for v in rng.integers(0, 9, size=candidates)])
    return Problem(criteria=tuple(f"c{j}" for j in range(criteria)),
                   weights=tuple(float(w) for w in rng.integers(1, 6, size=criteria)),
                   benefit=tuple(j != criteria - 1 for j in range(criteria)),
                   candidates=tuple(f"lab-{i}" for i in range(candidates)), pool=pool, x=x)


def timed(label: str, data: Problem, rules: Rules, method: str, samples: int) -> float:
    start = time.perf_counter()
    result = shortlist(data, method=method, rules=rules, samples=samples, seed=0)
    seconds = time.perf_counter() - start
    hinging = sum(1 for c in result.candidates if 0.1 < c.frequency < 0.9)
    per_solve = f"{seconds / result.exact_solves * 1000:.0f} ms/exact solve" if result.exact_solves else "no solver"
    print(f"{label:<34} {method:<12} samples={samples:>6} selected={len(result.selected):>4} "
          f"hinging={hinging:>4} exact={result.exact_solves:>5} {seconds:7.2f} s ({per_solve})", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--rule-samples", type=int, default=100)
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    data = problem()
    worst = 0.0
    for method in mcda.METHODS:
        worst = max(worst, timed("1000 candidates / 50 regions, k=2", data, Rules(2), method, args.samples))
    timed("same + at most 1 per host", data, Rules(2, max_per_host=1), mcda.TOPSIS, args.rule_samples)
    print(f"issue's case: {worst:.2f} s (limit {LIMIT:.0f} s): {'ok' if worst < LIMIT else 'TOO SLOW'}")
    return 0 if worst < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
