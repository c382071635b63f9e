"""The support map's coverage analysis over the whole area (issue 13: 10,000 measures, 300 regions, < 2 s).

Builds 10,000 synthetic measures over 300 NUTS 2 regions in 12 countries (95 % regional, 4 % national,
1 % transnational; 9 value chains x 7 steps; TRL ranges, some open-ended; a third open abroad) and
times, for one value chain, what the whole-area pages and the command compute:

* the index (once per request),
* the whole-area matrix,
* every region's analysis: matrix, gaps, bottlenecks and ranked cross-border complements (300 analyses),
* the choropleth's count for each of the 300 regions at one TRL,

each `--repeat` times; prints the median and worst wall time and the median CPU time (CPU is the steadier
figure on a shared machine). Exits 1 when the median whole-area total reaches 2 s.

    python bench/bench_support.py [--repeat N] [--measures N] [--regions N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from northern_connections.support.coverage import ALL, ANY, LOCAL, NATIONAL, CoverageIndex, Measure  # noqa: E402

COUNTRIES = ["DK", "NO", "SE", "NL", "DE", "BE", "UK", "FR", "FI", "PL", "IE", "EE"]
CHAINS = ["offshore-wind", "onshore-wind", "ocean-energy", "solar", "bioenergy", "hydrogen", "storage",
          "smart-grids", "heating-cooling"]
STEPS = ["development", "research-design", "manufacturing", "installation", "operation-maintenance",
         "decommissioning", "cross-cutting"]
KINDS = ["grant", "voucher", "finance", "test_facility", "advisory", "network", "training", "procurement", "tax"]
TODAY = date(2026, 12, 1)


def regions(count: int) -> list[str]:
    return [f"{COUNTRIES[i % len(COUNTRIES)]}{i // len(COUNTRIES):02d}" for i in range(count)]


def measures(count: int, region_codes: list[str], seed: int = 13) -> list[Measure]:
    rng = random.Random(seed)
    result = []
    for pk in range(count):
        roll = rng.random()
        if roll < 0.95:
            areas = (rng.choice(region_codes),)
        elif roll < 0.99:
            areas = (rng.choice(COUNTRIES),)
        else:
            areas = tuple(sorted(rng.sample(COUNTRIES, 3)))
        low = rng.choice([None, 3, 4, 5, 5, 6, 6, 7, 8])
        high = rng.choice([None, 6, 7, 7, 8, 9]) if low is None else rng.choice([None, *range(low, 10)])
        result.append(Measure(
            id=pk, areas=areas, trl_min=low, trl_max=high,
            value_chains=frozenset(rng.sample(CHAINS, rng.choice([1, 1, 1, 2]) if rng.random() > 0.02 else 0)),
            steps=frozenset(rng.sample(STEPS, rng.choice([1, 1, 2, 3]) if rng.random() > 0.05 else 0)),
            eligibility=rng.choice([LOCAL, LOCAL, NATIONAL, ANY]), kind=rng.choice(KINDS),
            verified_on=TODAY - timedelta(days=rng.randrange(0, 900))))
    return result


def whole_area(all_measures: list[Measure], region_codes: list[str], chain: str) -> dict[str, float]:
    """One run: the figures each part took (seconds)."""
    parts = {}
    start = time.perf_counter()
    built = CoverageIndex(all_measures, steps=STEPS, today=TODAY)
    parts["index"] = time.perf_counter() - start
    start = time.perf_counter()
    built.analyse(scope=ALL, value_chain=chain)
    parts["whole-area matrix"] = time.perf_counter() - start
    start = time.perf_counter()
    analyses = [built.analyse(scope=code, value_chain=chain) for code in region_codes]
    gaps, complements = sum(len(a.gaps) for a in analyses), sum(len(a.complements) for a in analyses)
    parts[f"{len(region_codes)} regional analyses ({gaps} gaps, {complements} complements)"] = (
        time.perf_counter() - start)
    start = time.perf_counter()
    built.region_counts(regions=region_codes, value_chain=chain, trl=7)
    parts[f"choropleth counts ({len(region_codes)} regions)"] = time.perf_counter() - start
    return parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--regions", type=int, default=300)
    args, _ = parser.parse_known_args()  # run.py passes its own arguments to every bench
    region_codes = regions(args.regions)
    all_measures = measures(args.measures, region_codes)
    runs, totals, cpu = [], [], []
    for _ in range(args.repeat):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        runs.append(whole_area(all_measures, region_codes, "offshore-wind"))
        totals.append(time.perf_counter() - wall_start)
        cpu.append(time.process_time() - cpu_start)
    print(f"{args.measures} measures, {args.regions} regions, value chain offshore-wind, {args.repeat} runs")
    for name in runs[0]:
        print(f"  {name}: median {1000 * statistics.median(r[name] for r in runs):.0f} ms")
    median = statistics.median(totals)
    print(f"whole-area total: median {1000 * median:.0f} ms wall, worst {1000 * max(totals):.0f} ms, "
          f"median {1000 * statistics.median(cpu):.0f} ms CPU (limit 2000 ms)")
    return 0 if median < 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
