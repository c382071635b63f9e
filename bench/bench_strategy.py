"""The synergy analysis and scorecard arithmetic at the scale of a larger alliance (plain Python, no database).

Builds `--regions` synthetic regional strategies (default 300: every NUTS 2 region of a dozen countries),
each with 2–6 priorities tagged with 3–8 domains out of 22 NACE sections, 14 NABS chapters, 16 policy
objectives and 9 value chains; `--groups` activity groups (challenges, events: 3–30 organisations of
random regions) over 20 organisations per region; `--facts` scorecard facts over three years. Times what
the synergy page and the brief compute: the similarity matrix (n²/2 pairs), the joint-activity links, the
untapped pairs, the strongest pairs and group for one domain, and every region's scorecard; each
`--repeat` times, printing the median and worst wall time and the median CPU time.

    python bench/bench_strategy.py [--repeat N] [--regions N] [--groups N] [--facts N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from northern_connections.strategy import scorecard, synergy  # noqa: E402

DOMAINS = ([f"economic:{chr(65 + i)}" for i in range(22)] + [f"scientific:{i:02d}" for i in range(1, 15)]
           + [f"policy:P{i}" for i in range(16)] + [f"chain:c{i}" for i in range(9)])


def profiles(count: int, rng: random.Random) -> list[synergy.Profile]:
    return [synergy.Profile(f"R{i:03d}", tuple(
        synergy.Priority(frozenset(rng.sample(DOMAINS, rng.randint(3, 8))), float(rng.randint(1, 3)))
        for _ in range(rng.randint(2, 6)))) for i in range(count)]


def groups(count: int, regions: int, rng: random.Random) -> list[synergy.ActivityGroup]:
    return [synergy.ActivityGroup("challenge" if i % 2 else "event", str(i), frozenset(
        rng.randrange(regions * 20) for _ in range(rng.randint(3, 30)))) for i in range(count)]


def facts(count: int, regions: int, rng: random.Random) -> list[scorecard.Fact]:
    return [scorecard.Fact(f"R{rng.randrange(regions):03d}", rng.choice(["2024", "2025", "2026"]),
                           rng.choice(scorecard.COUNTED)) for _ in range(count)]


def run(args) -> dict[str, float]:
    rng = random.Random(16)
    found, activity, events = profiles(args.regions, rng), groups(args.groups, args.regions, rng), \
        facts(args.facts, args.regions, rng)
    codes = [p.region for p in found]
    timings = {}

    def timed(name, work):
        start = time.perf_counter()
        result = work()
        timings[name] = time.perf_counter() - start
        return result

    timed("matrix", lambda: synergy.similarity_matrix(found))
    links = timed("links", lambda: synergy.joint_activity(activity, lambda o: codes[o // 20]))
    timed("untapped", lambda: synergy.untapped_pairs(found, links))
    timed("domain", lambda: (synergy.strongest_pairs(found, "chain:c1"), synergy.strongest_group(found, "chain:c1")))
    timed("scorecards", lambda: scorecard.scorecards(events, regions=codes, periods=["2024", "2025", "2026"]))
    timings["total"] = sum(timings.values())
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--regions", type=int, default=300)
    parser.add_argument("--groups", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=50000)
    args, _ = parser.parse_known_args()
    runs, cpu = [], []
    for _ in range(args.repeat):
        start = time.process_time()
        runs.append(run(args))
        cpu.append(time.process_time() - start)
    print(f"{args.regions} regions ({args.regions * (args.regions - 1) // 2} pairs), {args.groups} activity "
          f"groups, {args.facts} facts; {args.repeat} runs")
    for name in runs[0]:
        values = [r[name] for r in runs]
        print(f"  {name:<11} median {statistics.median(values):7.3f} s   worst {max(values):7.3f} s")
    print(f"  CPU per run median {statistics.median(cpu):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
