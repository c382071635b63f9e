"""Benchmark of the matching engine at directory scale, then its labelled evaluation.

Usage: python bench/bench_matching.py [--quick] [--profiles N] [--queries N] [--no-eval]

* profiles: the 16,591 real Horizon 2020 organisations (name, short name, city, country, type,
  track record) plus synthetic organisations from ``northern_connections.directory.synthetic`` up
  to 100,000 (``--quick``: 20,000);
* measures index build time, memory (growth of the process's resident set during the build —
  tracemalloc would slow the pure-Python analysis down tenfold — and the size of the snapshot),
  top-20 query latency p50/p95 over ~500 queries made from the real 2026 EU
  funding-call texts (title + description, so long queries are exercised), and the cost of single
  incremental updates;
* then runs bench/matching_eval.py (recall@10 and MRR of engine vs BM25 vs activity).

Targets (issue "Cross-border matchmaking engine"): build < 60 s and < 1 GB for 100,000 profiles,
top-20 p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import matching_eval  # noqa: E402
import numpy as np  # noqa: E402

from northern_connections.directory.synthetic import generate_organisations  # noqa: E402
from northern_connections.matchmaking.engine import Document, MatchingEngine, Query  # noqa: E402


def rss_mib() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MiB from /proc (Linux), else from getrusage."""
    try:
        with open("/proc/self/status") as fh:
            info = {k: v for k, v in (line.split(":", 1) for line in fh if ":" in line)}
        return int(info["VmRSS"].split()[0]) / 1024, int(info["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError):  # pragma: no cover - non-Linux
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak


def real_documents() -> list[Document]:
    docs = []
    for o in matching_eval.read_organisations():
        name = o["name"] if o["short"] in ("", o["name"]) else f"{o['name']} ({o['short']})"
        docs.append(Document(id=f"h2020-{o['id']}", fields={"name": name, "text": o["city"]}, kind=o["kind"],
                             country=o["country"], activity=o["projects"]))
    return docs


def synthetic_documents(n: int, seed: int = 0) -> list[Document]:
    out = []
    for i, o in enumerate(generate_organisations(n, seed=seed)):
        out.append(Document(
            id=f"syn-{i}", fields={"name": o["name"], "text": o["description"]},
            tags={"value_chains": o["value_chains"], "steps": o["value_chain_steps"], "nace": o["nace_codes"],
                  "languages": o["languages"]},
            trl=o["trl"], kind=o["kind"], country=o["country"], activity=o["activity"],
            language=o["description_language"]))
    return out


def call_queries(n: int, seed: int = 1) -> list[Query]:
    calls = matching_eval.read_calls()
    rng = random.Random(seed)
    countries = ["DK", "NO", "SE", "NL", "DE", "GB", "BE"]
    vcs = ["offshore-wind", "solar", "hydrogen-ptx", "heating-cooling", "smart-grids", None, None, None]
    out = []
    for i in range(n):
        c = calls[i % len(calls)]
        text = c.get("title", "") + ". " + matching_eval._TAG_RE.sub(" ", c.get("description", ""))[:4000]
        vc = rng.choice(vcs)
        out.append(Query(text=text, tags={"value_chains": [vc]} if vc else {}, country=rng.choice(countries),
                         cross_border=rng.choice(["prefer", "neutral", "only"]), top_k=20,
                         trl_min=6 if i % 3 == 0 else None, trl_max=8 if i % 3 == 0 else None))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Matching engine benchmark")
    ap.add_argument("--quick", action="store_true", help="20,000 profiles, 200 queries, small evaluation")
    ap.add_argument("--profiles", type=int, default=None)
    ap.add_argument("--queries", type=int, default=None)
    ap.add_argument("--no-eval", action="store_true", help="skip the labelled evaluation")
    a = ap.parse_args(argv)
    n_profiles = a.profiles or (20_000 if a.quick else 100_000)
    n_queries = a.queries or (200 if a.quick else 500)

    t = time.perf_counter()
    docs = real_documents()
    docs = docs[:n_profiles] + synthetic_documents(max(0, n_profiles - len(docs)))
    print(f"profiles: {len(docs):,} ({min(len(docs), 16_591):,} real H2020 organisations + synthetic), "
          f"prepared in {time.perf_counter() - t:.1f}s")

    rss0, _ = rss_mib()
    t = time.perf_counter()
    engine = MatchingEngine.build(docs)
    build_s = time.perf_counter() - t
    rss1, hwm1 = rss_mib()
    snapshot = engine.dump()
    print(f"index build: {build_s:.1f}s; memory: RSS +{rss1 - rss0:.0f} MiB for the index "
          f"(process peak {hwm1:.0f} MiB, including the input documents); snapshot {len(snapshot) / 2**20:.0f} MiB")
    t = time.perf_counter()
    MatchingEngine.load(snapshot)
    print(f"snapshot load: {time.perf_counter() - t:.2f}s")

    queries = call_queries(n_queries)
    engine.search(queries[0])  # warm-up: loads the language model and caches
    lat = []
    for q in queries:
        t = time.perf_counter()
        res = engine.search(q)
        lat.append((time.perf_counter() - t) * 1000)
        assert len(res) <= 20
    lat = np.asarray(lat)
    print(f"top-20 query latency over {len(lat)} call texts: p50 {np.percentile(lat, 50):.1f} ms, "
          f"p95 {np.percentile(lat, 95):.1f} ms, max {lat.max():.1f} ms")

    upd = []
    for i, d in enumerate(synthetic_documents(50, seed=99)):
        d.id = f"upd-{i}"
        t = time.perf_counter()
        engine.add(d)
        upd.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    engine.search(queries[1])
    first_after = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    engine.remove("upd-0")
    rm = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    engine.compact()
    compact_s = time.perf_counter() - t
    print(f"incremental: add p50 {np.median(upd):.2f} ms, remove {rm:.2f} ms, first query after changes "
          f"{first_after:.1f} ms, compaction {compact_s:.1f}s")

    if not a.no_eval:
        print("\nlabelled partner-search evaluation (bench/matching_eval.py):")
        matching_eval.run_evaluation(n_queries=300 if a.quick else 800)
    return 0


if __name__ == "__main__":
    sys.exit(main())
