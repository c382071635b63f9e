"""Benchmark of B2B meeting scheduling: CP-SAT optimiser vs. the greedy fallback.

Usage: python bench/bench_scheduling.py [--quick] [--time-limit SECONDS]

Instances come from the package's generator (power-law popularity, partial availability, tables
that bind, priorities, locks, block restrictions), plus "forum" instances shaped like the
published brokerage events in which every meeting fits and only breaks are at stake.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from northern_connections.events.scheduling import (  # noqa: E402
    check_hard_rules,
    generate_forum_instance,
    generate_girona_instance,
    generate_instance,
    parse_instance,
    solve,
)

CASES = [
    # the sizes: power-law popularity, some participants in one block only, tables that
    # bind, max_meetings, a few locks and block-restricted requests; every request counts the same
    ("60/200", lambda: generate_instance(60, 200, blocks=2, slots_per_block=(8, 12), seed=1, priorities=False)),
    ("300/1500", lambda: generate_instance(300, 1500, blocks=2, slots_per_block=(8, 12), seed=2, priorities=False)),
    ("800/5000", lambda: generate_instance(800, 5000, blocks=2, slots_per_block=(8, 12), seed=3, priorities=False)),
    # the same with priorities 1/2/3 (70/20/10 %): phase 1 maximises the weight, so a heavier
    # schedule may hold fewer meetings than the count bound; compare weight% there
    ("800/5000 prio", lambda: generate_instance(800, 5000, blocks=2, slots_per_block=(8, 12), seed=3)),
    ("forum 45/125", lambda: generate_forum_instance(45, 125, seed=11, blocks=2, slots=10)),
    ("forum 60/200", lambda: generate_forum_instance(60, 200, seed=12, blocks=2, slots=10)),
    ("forum 80/300", lambda: generate_forum_instance(80, 300, seed=13, blocks=2, slots=12)),
    # shaped like the Girona technology-park forums: sessions, session-restricted meetings,
    # late arrivals / early departures / holes in availability, every meeting fits
    ("girona 45/125", lambda: generate_girona_instance(45, 125, sessions=2, seed=1)),
    ("girona 40/130/1s", lambda: generate_girona_instance(40, 130, sessions=1, seed=4)),
    ("girona 60/200", lambda: generate_girona_instance(60, 200, sessions=2, seed=2)),
    ("girona 70/250", lambda: generate_girona_instance(70, 250, sessions=2, seed=5)),
    ("girona 80/300", lambda: generate_girona_instance(80, 300, sessions=2, seed=3)),
]

COLUMNS = ("requested", "scheduled", "breaks", "idle_slots", "bound_scheduled", "bound_breaks", "optimal", "seconds")
# scheduled / bound_scheduled and weight / bound_weight, in per cent
RATIOS = (("sched%", "scheduled", "bound_scheduled"), ("weight%", "weight", "bound_weight"))


def _percent(value: int, bound: int | None) -> str:
    return "-" if not bound else f"{100 * value / bound:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s per instance instead of 55 s")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per instance for the optimiser")
    parser.add_argument("--only", default=None, help="run only cases whose name contains this text")
    parser.add_argument("--methods", default="cpsat,greedy", help="comma-separated: cpsat,greedy")
    parser.add_argument("--seeds", type=int, default=1,
                        help="solver seeds per instance (the optimiser's result varies with the seed and "
                             "the machine load); with more than one, a min/median/max breaks line follows")
    args = parser.parse_args(argv)
    limit = args.time_limit or (10.0 if args.quick else 55.0)
    header = (f"{'instance':<17} {'method':<7} {'seed':>4} " + " ".join(f"{c:>15}" for c in COLUMNS)
              + "".join(f" {r[0]:>7}" for r in RATIOS) + f" {'load':>5}  found by (methods that ran)")
    print(f"time limit per instance: {limit:g} s, {os.cpu_count()} cores")
    print(header)
    print("-" * len(header))
    ok = True
    for name, make in CASES:
        if args.only and args.only not in name:
            continue
        data = make()
        inst = parse_instance(data)
        for method in args.methods.split(","):
            seeds = range(args.seeds) if method == "cpsat" else range(1)
            breaks = []
            for seed in seeds:
                t0 = time.monotonic()
                s = solve(inst, time_limit=limit if method == "cpsat" else min(limit, 10.0), method=method,
                          seed=seed)
                wall = time.monotonic() - t0
                problems = check_hard_rules(inst, {a.meeting: (a.slot, a.table) for a in s.assignments})
                ok &= not problems
                st = dict(s.stats, seconds=round(wall, 1))
                breaks.append(st["breaks"])
                cells = " ".join(f"{'-' if st[c] is None else str(st[c]):>15}" for c in COLUMNS)
                cells += "".join(f" {_percent(st[a], st[b]):>7}" for _, a, b in RATIOS)
                load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
                print(f"{name:<17} {method:<7} {seed:>4} {cells} {load:>5.1f}  {s.method} ({', '.join(s.methods)})",
                      flush=True)
            if len(breaks) > 1:
                b = sorted(breaks)
                print(f"{name:<17} {method:<7} breaks min/median/max over {len(b)} seeds: "
                      f"{b[0]}/{b[len(b) // 2]}/{b[-1]}", flush=True)
    if not ok:
        print("hard-rule violations found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
