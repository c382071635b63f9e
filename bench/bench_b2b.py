"""Benchmark of B2B meeting scheduling on the 40 real brokerage-event instances (issue 11).

Usage: python bench/bench_b2b.py [--time-limit SECONDS] [--only TEXT] [--originals]

Reads ``../shared/data/b2b/`` (8 events of Bofill et al., JAIR 2022, 5 variants each: the original,
two with other unavailabilities, two with 20 % / 40 % of the meetings fixed in advance) and runs
the scheduler on each with the time limit of ``schedule_meetings --time-limit`` (60 s by default).
Per instance: meetings scheduled, breaks, the proven lower bound on breaks, the published optimum
(originals), seconds to the best schedule and to the proof, whether fixed meetings stayed; then
the totals. Exits non-zero when a schedule breaks a hard rule or moves a fixed meeting.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from northern_connections.events.scheduling import InstanceError, check_hard_rules, parse_instance, solve  # noqa: E402

DATA = Path(os.environ.get("B2B_DATA", ROOT.parent / "shared" / "data" / "b2b"))


def _fixed_kept(data: dict, schedule) -> bool:
    slot_of = schedule.slot_of()
    return all(slot_of.get(m["id"]) == m["locked_slot"] for m in data["meetings"] if m.get("locked_slot"))


def _cell(value) -> str:
    return "-" if value is None else str(value)


def run_one(entry: dict, limit: float, seed: int) -> dict:
    data = json.loads((DATA / entry["file"]).read_text(encoding="utf-8"))
    try:
        inst = parse_instance(data)
    except InstanceError as error:  # the file contradicts itself: say so and go on with the others
        return {"name": entry["file"].removesuffix(".json"), "variant": entry["variant"], "refused": str(error)}
    t0 = time.monotonic()
    schedule = solve(inst, time_limit=limit, seed=seed)
    wall = time.monotonic() - t0
    st = schedule.stats
    problems = check_hard_rules(inst, {a.meeting: (a.slot, a.table) for a in schedule.assignments})
    return {
        "name": entry["file"].removesuffix(".json"), "variant": entry["variant"],
        "requested": st["requested"], "scheduled": st["scheduled"], "breaks": st["breaks"],
        "bound": st["bound_breaks"], "published": entry.get("published_optimum_breaks"),
        "optimal": st["optimal"], "to_best": st.get("seconds_to_best"), "to_proof": st.get("seconds_to_proof"),
        "wall": round(wall, 1), "fixed_kept": _fixed_kept(data, schedule), "valid": not problems,
        "found_by": schedule.method, "methods": schedule.methods,
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"),
    }


HEADER = (f"{'instance':<30} {'sched':>9} {'breaks':>6} {'bound':>5} {'publ':>4} {'opt':>3} {'best s':>6} "
          f"{'proof s':>7} {'wall':>5} {'fixed':>5} {'load':>4}  found by")


def _row(r: dict) -> str:
    if "refused" in r:
        return f"{r['name']:<30} refused: {r['refused']}"
    return (f"{r['name']:<30} {r['scheduled']:>4}/{r['requested']:<4} {r['breaks']:>6} {_cell(r['bound']):>5} "
            f"{_cell(r['published']):>4} {'yes' if r['optimal'] else 'no':>3} {_cell(r['to_best']):>6} "
            f"{_cell(r['to_proof']):>7} {r['wall']:>5} {'kept' if r['fixed_kept'] else 'MOVED':>5} "
            f"{r['load']:>4.1f}  {r['found_by']}")


def totals(results: list[dict]) -> list[str]:
    refused = [r for r in results if "refused" in r]
    results = [r for r in results if "refused" not in r]
    originals = [r for r in results if r["variant"] == "original"]
    variants = [r for r in results if r["variant"] != "original"]
    all_in = sum(r["scheduled"] == r["requested"] for r in results)
    at_published = sum(r["breaks"] == r["published"] for r in originals)
    below_published = sum(r["published"] is not None and r["breaks"] < r["published"] for r in originals)
    at_bound = sum(r["bound"] is not None and r["breaks"] == r["bound"] for r in variants)
    proofs = [r["to_proof"] for r in results if r["to_proof"] is not None]
    return [
        f"instances: {len(results)}; every meeting scheduled: {all_in}/{len(results)}; fixed meetings kept: "
        f"{sum(r['fixed_kept'] for r in results)}/{len(results)}; hard rules kept: "
        f"{sum(r['valid'] for r in results)}/{len(results)}",
        f"originals at the published optimum: {at_published}/{len(originals)} (below it: {below_published}); "
        f"variants at the proven bound: {at_bound}/{len(variants)}; proven optimal: "
        f"{sum(r['optimal'] for r in results)}/{len(results)}",
        f"breaks total {sum(r['breaks'] for r in results)}, bound total "
        f"{sum(r['bound'] or 0 for r in results)}; slowest proof {max(proofs) if proofs else '-'} s; "
        f"wall total {sum(r['wall'] for r in results):.0f} s; refused as contradictory: "
        f"{', '.join(r['name'] for r in refused) or 'none'}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance (default 60)")
    parser.add_argument("--quick", action="store_true", help="originals only, 20 s each")
    parser.add_argument("--only", default=None, help="run only instances whose file name contains this text")
    parser.add_argument("--originals", action="store_true", help="only the 8 original events")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", default=None, help="also write the per-instance results to this file")
    parser.add_argument("--start-at", default=None, help="skip the instances listed before this file name")
    args = parser.parse_args(argv)
    if not (DATA / "index.json").exists():
        print(f"no instances in {DATA}: skipped")
        return 0
    limit = 20.0 if args.quick and args.time_limit == 60.0 else args.time_limit
    entries = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
    if args.originals or args.quick:
        entries = [e for e in entries if e["variant"] == "original"]
    if args.only:
        entries = [e for e in entries if args.only in e["file"]]
    if args.start_at:
        names = [e["file"] for e in entries]
        entries = entries[next((k for k, n in enumerate(names) if args.start_at in n), 0):]
    print(f"real B2B instances: {len(entries)}, time limit {limit:g} s, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}")
    print(HEADER)
    print("-" * len(HEADER))
    results = []
    for entry in entries:
        r = run_one(entry, limit, args.seed)
        results.append(r)
        print(_row(r), flush=True)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("-" * len(HEADER))
    for line in totals(results):
        print(line)
    ok = all(r["valid"] and r["fixed_kept"] for r in results if "refused" not in r)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
