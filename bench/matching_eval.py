"""Labelled partner-search evaluation of the matching engine on real organisations and call texts.

Usage: python bench/matching_eval.py [--queries N] [--seed S] [--tune] [--keep DIR]

How the labels are obtained — and why they are partly simulated
--------------------------------------------------------------
The obvious real labels would be "who took part in which project" from the Horizon 2020 dump
(`../shared/data/h2020/organisations_2017.csv`). Inspecting it shows the file holds ONLY the
16,591 organisation nodes of that graph: every row has `projectNode = false`, and `acronym`,
`objective`, `topics`, `rcn`, `role`, `projectsTogether` are empty or 0 for all rows. What it does
hold per organisation is real: name, type, country, and its Horizon 2020 track record
(`numProjects`, `numPartners`). No organisation–project or organisation–organisation relation is
in the shared data, and nothing may be downloaded. So the evaluation keeps every real ingredient
and simulates only the missing participation records:

* organisations: the 16,591 real ones; each takes part in exactly its real `numProjects`
  projects (the real, heavy-tailed degree sequence: 70 % have one project, the busiest 496);
* projects: instances of the 629 real 2026 EU funding topics (`cordis/calls_open_2026.jsonl.gz`);
  a project's text is its topic title plus a random selection of sentences of the topic
  description, as two proposals to the same topic share vocabulary but not wording;
* who joins which project: every organisation has a few speciality topics ("anchors"; more for
  organisations with more projects, as universities spread widely). 40 % of its participations
  are on an anchor topic, 40 % on other topics of the anchors' programme families (e.g.
  HORIZON-CL5, LIFE), 20 % anywhere; the project within a topic is drawn uniformly.
  This plants the two signals real partner data has
  (topical fit and track record) without giving either an advantage by construction: experienced
  organisations appear in more projects only because their real `numProjects` says so.

The partner-search task then follows the real-data protocol:

* queries = held-out projects with at least 3 participants: text = the project's text; country =
  the coordinator's country; the coordinator (drawn ∝ 1 + track record, as coordinators are
  usually experienced) is in `exclude`; relevant = the other participants;
* profiles = all organisations: text = name + titles and texts of their OTHER projects (held-out
  projects never appear in any profile), activity = their number of projects EXCLUDING the
  held-out ones. No label leaks into a profile's text or activity.

Held-out projects are split by a hash into TRAIN (weights are tuned there, `--tune`) and TEST
(reported). Methods: the engine through `batch.main` (the `match_batch` file contract), plain
BM25 from the independent `bm25s` library on the same texts (lower-cased words, English stop
words, no stemming), and ranking by activity alone. Metrics: recall@10 and MRR (first relevant
partner's reciprocal rank within the top 100).

Everything is generated at run time into a temporary directory; nothing derived from the data is
committed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

from northern_connections.matchmaking.engine import MatchingEngine, Weights, batch  # noqa: E402

DATA = os.environ.get("NC_SHARED_DATA") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "data")
H2020 = os.path.join(DATA, "h2020", "organisations_2017.csv")
CALLS = os.path.join(DATA, "cordis", "calls_open_2026.jsonl.gz")

KIND = {"PRC": "sme", "HES": "knowledge_institution", "REC": "knowledge_institution",
        "PUB": "regional_authority", "OTH": "other"}
COUNTRY = {"UK": "GB", "EL": "GR"}


# ---------------------------------------------------------------- reading the real data
def read_calls(path: str = CALLS) -> list[dict]:
    """The funding-call file is gzip of concatenated JSON objects (no newlines), utf-8 with BOM."""
    with gzip.open(path, "rb") as fh:
        raw = fh.read().decode("utf-8-sig")
    dec = json.JSONDecoder()
    i, out = 0, []
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        obj, i = dec.raw_decode(raw, i)
        out.append(obj)
    return out


def read_organisations(path: str = H2020) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    orgs = []
    for r in rows:
        if not r["orgId"]:
            continue
        orgs.append({
            "id": r["orgId"], "name": r["name"].strip(), "short": r["shortName"].strip(),
            "kind": KIND.get(r["activityType"], "other"),
            "country": COUNTRY.get(r["country"], r["country"]), "city": r["city"].title(),
            "projects": max(1, int(float(r["numProjects"] or 1))),
        })
    return orgs


_TAG_RE = re.compile(r"<[^>]+>")
_SENT_RE = re.compile(r"(?<=[.!?;:])\s*(?=[A-Z])")


def call_sentences(call: dict) -> list[str]:
    text = " ".join(x for x in (call.get("description"), call.get("objectives")) if x)
    text = _TAG_RE.sub(" ", text)
    sents = [s.strip() for s in _SENT_RE.split(text) if len(s.strip()) > 30]
    return sents or [call.get("title", "")]


def call_family(call: dict) -> str:
    cid = call.get("callIdentifier") or call.get("topicId") or "?"
    return "-".join(cid.split("-")[:2])


# ---------------------------------------------------------------- simulation of participations
class _ProjectDraw:
    """Draws the projects one organisation joins: its speciality topics, its programme families, or any."""

    def __init__(self, rng, anchors, home, fams, fam_names, fam_w, by_topic, anchor_share, home_share):
        self.rng, self.anchors, self.home, self.fams = rng, anchors, home, fams
        self.fam_names, self.fam_w, self.by_topic = fam_names, fam_w, by_topic
        self.anchor_share, self.home_share = anchor_share, home_share

    def new_project(self, joined: set[int]) -> int | None:
        """A project not joined yet, in at most six tries (None when every try hit a joined one)."""
        rng = self.rng
        for _attempt in range(6):
            u = rng.random()
            if u < self.anchor_share:  # the organisation's own speciality topics
                topic = rng.choice(self.anchors)
            elif u < self.home_share:  # other topics of the same programme families
                topic = rng.choice(self.fams[rng.choice(self.home)])
            else:
                topic = rng.choice(self.fams[rng.choices(self.fam_names, weights=self.fam_w)[0]])
            p = rng.choice(self.by_topic[topic])
            if p not in joined:
                return p
        return None


def simulate(orgs: list[dict], calls: list[dict], *, seed: int, anchor_share: float = 0.4,
             home_share: float = 0.8):
    """Return projects [{id, topic, text, short_text, members}] with every org in numProjects projects."""
    rng = random.Random(seed)
    fams: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(calls):
        fams[call_family(c)].append(i)
    fam_names = sorted(fams)
    fam_w = [len(fams[f]) for f in fam_names]
    projects = []
    by_topic: dict[int, list[int]] = {}
    for t, c in enumerate(calls):
        sents = call_sentences(c)
        by_topic[t] = []
        for _ in range(rng.randint(5, 13)):
            pick = rng.sample(sents, k=min(len(sents), rng.randint(3, 6)))
            short = rng.sample(sents, k=min(len(sents), 2))
            by_topic[t].append(len(projects))
            projects.append({"id": f"P{len(projects)}", "topic": c.get("topicId"), "title": c.get("title", ""),
                             "text": c.get("title", "") + ". " + " ".join(pick),
                             "short_text": c.get("title", "") + ". " + " ".join(short), "members": []})
    topic_family = [call_family(c) for c in calls]
    for o in orgs:
        d = o["projects"]
        n_home = 1 + min(5, int(np.log2(1 + d)))
        anchors = rng.sample(range(len(calls)), k=n_home)
        home = [topic_family[t] for t in anchors]
        joined: set[int] = set()
        draw = _ProjectDraw(rng, anchors, home, fams, fam_names, fam_w, by_topic, anchor_share, home_share)
        for _ in range(d):
            p = draw.new_project(joined)
            if p is None:
                continue
            joined.add(p)
            projects[p]["members"].append(o["id"])
    return projects


def build_dataset(out_dir: str, *, seed: int = 7, n_queries: int = 800, max_profile_projects: int = 20):
    """Write P.jsonl, Q_train.jsonl, Q_test.jsonl into ``out_dir``; return paths and relevance labels."""
    orgs = read_organisations()
    calls = read_calls()
    projects = simulate(orgs, calls, seed=seed)
    rng = random.Random(seed + 1)
    org_by_id = {o["id"]: o for o in orgs}
    eligible = [p for p in projects if len(p["members"]) >= 4]
    held = rng.sample(eligible, k=min(n_queries, len(eligible)))
    held_ids = {p["id"] for p in held}
    # Profiles: everything but the held-out projects.
    org_projects: dict[str, list[dict]] = defaultdict(list)
    for p in projects:
        if p["id"] in held_ids:
            continue
        for m in p["members"]:
            org_projects[m].append(p)
    profiles_path = os.path.join(out_dir, "P.jsonl")
    with open(profiles_path, "w", encoding="utf-8") as fh:
        for o in orgs:
            mine = org_projects.get(o["id"], [])
            shown = mine if len(mine) <= max_profile_projects else rng.sample(mine, max_profile_projects)
            text = ". ".join([o["name"]] + [p["short_text"] for p in shown])
            rec = {"id": o["id"], "text": text, "tags": {}, "country": o["country"], "kind": o["kind"],
                   "activity": len(mine)}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    splits: dict[str, list[dict]] = {"train": [], "test": []}
    qrels: dict[str, set[str]] = {}
    for p in held:
        members = p["members"]
        weights = [1 + len(org_projects.get(m, [])) for m in members]
        coord = rng.choices(members, weights=weights)[0]
        qrels[p["id"]] = {m for m in members if m != coord}
        split = "train" if int(hashlib.sha1(p["id"].encode()).hexdigest(), 16) % 2 == 0 else "test"
        splits[split].append({"id": p["id"], "text": p["text"], "country": org_by_id[coord]["country"],
                              "exclude": [coord]})
    paths = {"profiles": profiles_path}
    for split, rows in splits.items():
        paths[split] = os.path.join(out_dir, f"Q_{split}.jsonl")
        with open(paths[split], "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return paths, qrels, splits


# ---------------------------------------------------------------- metrics and methods
def metrics(rankings: dict[str, list[str]], qrels: dict[str, set[str]], k: int = 10) -> dict[str, float]:
    rec, rr = [], []
    for qid, ranked in rankings.items():
        rel = qrels[qid]
        rec.append(len(rel.intersection(ranked[:k])) / len(rel))
        first = next((i for i, d in enumerate(ranked[:100], start=1) if d in rel), None)
        rr.append(1.0 / first if first else 0.0)
    return {"recall@10": float(np.mean(rec)), "mrr": float(np.mean(rr)), "queries": len(rec)}


def load_jsonl(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def engine_via_batch(paths, split, top=100, weights: Weights | None = None) -> dict[str, list[str]]:
    out = os.path.join(os.path.dirname(paths["profiles"]), f"R_{split}.jsonl")
    status = batch.main(paths["profiles"], paths[split], top, out, weights=weights)
    if status != 0:
        raise SystemExit(f"batch.main failed with status {status}")
    return {r["query"]: [x["id"] for x in r["results"]] for r in load_jsonl(out)}


def bm25_baseline(paths, split, top=100) -> dict[str, list[str]]:
    import bm25s

    profiles = load_jsonl(paths["profiles"])
    ids = [p["id"] for p in profiles]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([p["text"] for p in profiles], stopwords="en", show_progress=False),
                    show_progress=False)
    out = {}
    for q in load_jsonl(paths[split]):
        toks = bm25s.tokenize([q["text"]], stopwords="en", show_progress=False)
        docs, scores = retriever.retrieve(toks, k=top + len(q.get("exclude", [])), show_progress=False)
        ex = set(q.get("exclude", []))
        out[q["id"]] = [ids[i] for i, s in zip(docs[0], scores[0], strict=True) if ids[i] not in ex and s > 0][:top]
    return out


def activity_baseline(paths, split, top=100) -> dict[str, list[str]]:
    profiles = load_jsonl(paths["profiles"])
    order = [p["id"] for p in sorted(profiles, key=lambda p: (-p.get("activity", 0), p["id"]))]
    out = {}
    for q in load_jsonl(paths[split]):
        ex = set(q.get("exclude", []))
        out[q["id"]] = [d for d in order[: top + len(ex)] if d not in ex][:top]
    return out


def tune(paths, qrels, *, verbose=True) -> Weights:
    """Grid search of the activity-prior weight and BM25's b on the TRAIN split (engine API directly)."""
    docs = batch.load_profiles(paths["profiles"], [])
    queries = batch.load_queries(paths["train"], 100, [])
    engine = MatchingEngine.build(docs)
    best = None
    for b in (0.3, 0.5, 0.75):
        engine.index.config.b = b
        engine.index._cache.clear()
        for act in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7):
            engine.weights = Weights(activity=act)
            ranks = {qid: [m.id for m in engine.search(q)] for qid, q in queries}
            m = metrics(ranks, qrels)
            score = m["recall@10"] + 0.5 * m["mrr"]
            if verbose:
                print(f"  train b={b:<4} activity={act:<4} recall@10={m['recall@10']:.4f} mrr={m['mrr']:.4f}")
            if best is None or score > best[0]:
                best = (score, b, act)
    print(f"best on train: b={best[1]} activity weight={best[2]}")
    return Weights(activity=best[2])


def run_evaluation(*, n_queries=800, seed=7, do_tune=False, keep: str | None = None, verbose=True) -> dict:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="nc-matching-eval-") as tmp:
            return _run_in(tmp, n_queries=n_queries, seed=seed, do_tune=do_tune, verbose=verbose)
    os.makedirs(keep, exist_ok=True)
    return _run_in(keep, n_queries=n_queries, seed=seed, do_tune=do_tune, verbose=verbose)


def _run_in(tmp: str, *, n_queries: int, seed: int, do_tune: bool, verbose: bool) -> dict:
    t0 = time.time()
    paths, qrels, splits = build_dataset(tmp, seed=seed, n_queries=n_queries)
    if verbose:
        print(f"dataset: {sum(1 for _ in open(paths['profiles']))} profiles, "
              f"{len(splits['train'])} train / {len(splits['test'])} test queries, "
              f"mean {np.mean([len(v) for v in qrels.values()]):.1f} relevant partners per query "
              f"({time.time() - t0:.1f}s) in {tmp}")
    if do_tune:
        tune(paths, qrels, verbose=verbose)
    results = {}
    for split in ("train", "test"):
        t = time.time()
        results[split] = {
            "engine": metrics(engine_via_batch(paths, split), qrels),
            "bm25 (bm25s)": metrics(bm25_baseline(paths, split), qrels),
            "activity only": metrics(activity_baseline(paths, split), qrels),
        }
        if verbose:
            print(f"\n{split.upper()} split ({results[split]['engine']['queries']} queries, {time.time() - t:.1f}s)")
            print(f"  {'method':<16} {'recall@10':>10} {'MRR':>8}")
            for name, m in results[split].items():
                print(f"  {name:<16} {m['recall@10']:>10.4f} {m['mrr']:>8.4f}")
    test = results["test"]
    best_base = max(test["bm25 (bm25s)"]["recall@10"], test["activity only"]["recall@10"])
    gain = test["engine"]["recall@10"] / best_base - 1 if best_base else float("inf")
    if verbose:
        mrr_ok = test["engine"]["mrr"] >= max(test["bm25 (bm25s)"]["mrr"], test["activity only"]["mrr"])
        print(f"\nTEST: engine recall@10 is {gain * 100:+.1f} % relative to the better baseline; MRR "
              f"{'not below' if mrr_ok else 'BELOW'} both baselines")
    results["relative_recall_gain"] = gain
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--queries", type=int, default=800, help="held-out projects (split train/test)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tune", action="store_true", help="grid-search weights on the train split first")
    ap.add_argument("--keep", help="write the generated files to this directory instead of a temp dir")
    a = ap.parse_args(argv)
    run_evaluation(n_queries=a.queries, seed=a.seed, do_tune=a.tune, keep=a.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
