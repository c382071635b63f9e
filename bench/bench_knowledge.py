"""The knowledge centre's one search over 50,000 documents (issue 15: p95 < 100 ms on SQLite and PostgreSQL).

Fills a fresh SQLite file and a fresh (throwaway) PostgreSQL database with 50,000 searchable documents:
25,000 procurement cases in six languages (each with its English summary, indexed in both), 12,500 toolbox
items, 7,500 publications and 5,000 Q&A questions, with texts recombined from the demo's case texts and a
vocabulary of procurement words, so that queries hit between a few and a few thousand documents. Then times:

* `knowledge_search` (the front page's one search: four ranked queries, the rows, highlighted snippets),
* the whole case-library page with a query (search + seven facet counts + rendering, through the test client),

for a fixed mix of one- to three-word queries in the six languages, `--requests` each. Prints p50/p95 and
exits 1 when the one search's p95 reaches 100 ms.

    python bench/bench_knowledge.py [--requests N] [--documents N] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DB = "nc_bench_knowledge"
TARGET_MS = 100.0
QUERIES = ["varmepumper", "heat pumps", "elektriske færger", "ferry", "vätgasbussar", "Wasserstoffbusse",
           "warmtepompen scholen", "market consultation", "innovasjonspartnerskap", "street lighting sensors",
           "Markterkundung", "solceller tak", "district heating storage", "PCP", "zero emission construction",
           "funding readiness", "tender SMEs consortium", "energieprestatiecontract"]
WORDS = ["energy", "procurement", "innovation", "supplier", "municipality", "contract", "pilot", "battery", "wind",
         "school", "climate", "dialogue", "tender", "lifecycle", "sensor", "waste", "water", "hydrogen", "solar",
         "bus", "heating", "port", "ferry", "lighting", "digital", "circular", "renovation", "SME", "cluster"]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _text(rng: random.Random, pieces: list[str], words: int = 25) -> str:
    return " ".join([rng.choice(pieces)] + rng.sample(WORDS, 6) + [rng.choice(pieces)])[: words * 12]


def fill(documents: int) -> None:
    """Bulk rows and their search entries (as the demo loader writes them)."""
    from datetime import UTC, datetime

    from northern_connections.core.search import bulk_index, bulk_index_parts
    from northern_connections.directory.models import Organisation
    from northern_connections.knowledge.demo_texts import LOCAL, TOPICS
    from northern_connections.knowledge.models import CommunityQuestion, ProcurementCase, Publication, ToolboxItem

    rng = random.Random(15)
    orgs = Organisation.objects.bulk_create([
        Organisation(slug=f"bench-{n}", name=f"Bench buyer {n}", kind="municipality", verification_status="verified",
                     country=rng.choice(["DK", "NO", "SE", "NL", "DE", "GB"])) for n in range(200)])
    local = [(lang, t[0], t[1], t[2]) for lang, topics in LOCAL.items() for t in topics.values()]
    english = [t[6] for t in TOPICS.values()] + [t[7] for t in TOPICS.values()]
    now = datetime(2025, 1, 1, tzinfo=UTC)
    n_cases, n_items, n_pubs = documents // 2, documents // 4, documents * 3 // 20
    n_questions = documents - n_cases - n_items - n_pubs
    cases = []
    for n in range(n_cases):
        lang, title, summary, lessons = rng.choice(local)
        cases.append(ProcurementCase(
            buyer=rng.choice(orgs), country="DK", slug=f"bench-case-{n}", title=f"{title} {n}", language=lang,
            summary=f"{summary.format(city='X')} {_text(rng, WORDS)}", summary_en=_text(rng, english),
            lessons=lessons, procedure=rng.choice(["open", "innovation", "comp-dial", "pcp"]),
            sector=rng.choice(["energy", "mobility", "buildings"]), stage="contract", status="published",
            published_at=now))
    cases = ProcurementCase.objects.bulk_create(cases, batch_size=2000)
    bulk_index_parts((c, [(f"{c.title} {c.summary} {c.lessons}", c.language), (c.summary_en, "en")]) for c in cases)
    items = ToolboxItem.objects.bulk_create([ToolboxItem(
        kind="guide", slug=f"bench-item-{n}", title=f"Guide {n}: {rng.choice(english)[:80]}",
        summary=_text(rng, english), lead_author=rng.choice(orgs), audience=["sme"], version=1, status="published")
        for n in range(n_items)], batch_size=2000)
    bulk_index((i, f"{i.title} {i.summary}", "en") for i in items)
    pubs = Publication.objects.bulk_create([Publication(
        kind="news", slug=f"bench-pub-{n}", title=f"News {n}", summary=_text(rng, english),
        publisher=rng.choice(orgs), status="published", published_at=now) for n in range(n_pubs)], batch_size=2000)
    bulk_index((p, f"{p.title} {p.summary}", "en") for p in pubs)
    from northern_connections.accounts.models import User

    author = User.objects.create_user(email="bench@example.org", password="x")
    questions = CommunityQuestion.objects.bulk_create([CommunityQuestion(
        slug=f"bench-q-{n}", title=f"{rng.choice(english)[:200]}?", author=author, status="published")
        for n in range(n_questions)], batch_size=2000)
    bulk_index((q, q.title, "en") for q in questions)


def timed(call, repeat: int) -> list[float]:
    call()  # warm caches
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def child(requests: int, documents: int) -> int:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "0"
    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from northern_connections.core.models import SearchEntry
    from northern_connections.knowledge.search import knowledge_search

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    fill(documents)
    print(f"  setup: migrate {migrated - started:.0f} s; {SearchEntry.objects.count():,} documents in "
          f"{time.perf_counter() - migrated:.0f} s ({connection.vendor})")
    anonymous = AnonymousUser()
    search, page, hits = [], [], []
    each = max(1, requests // len(QUERIES))
    for query in QUERIES:
        search += timed(lambda q=query: hits.append(sum(len(s.hits) for s in knowledge_search(
            actor=anonymous, query=q))), each)
    p95 = percentile(search, 0.95)
    print(f"  one search        p50 {statistics.median(search):6.1f} ms   p95 {p95:6.1f} ms   ({len(search)} "
          f"searches, {statistics.mean(hits):.0f} hits shown on average)", flush=True)
    # The page renders with plain static storage: the bench measures Django, not a collected manifest.
    from django.conf import settings

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    client = Client(HTTP_HOST="localhost")
    for query in QUERIES:
        page += timed(lambda q=query: client.get("/knowledge/cases/", {"q": q}), each)
    print(f"  case library page p50 {statistics.median(page):6.1f} ms   p95 {percentile(page, 0.95):6.1f} ms   "
          f"(search, facet counts, rendering)")
    return 0 if p95 < TARGET_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=180)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.requests, args.documents)
    print(f"Knowledge centre search over {args.documents:,} documents (target p95 < {TARGET_MS:.0f} ms)")
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        targets = {"sqlite": f"sqlite:///{tmp}/bench.sqlite3",
                   "postgresql": f"postgres://postgres@127.0.0.1:5432/{PG_DB}"}
        for label, url in targets.items():
            if args.only and args.only != label:
                continue
            print(f"{label}:", flush=True)
            if label == "postgresql":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_DB], check=True)
                subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_DB], check=True)
            env = {**os.environ, "DATABASE_URL": url, "NC_VAR_DIR": tmp}
            result = subprocess.run([sys.executable, __file__, "--child", "--requests", str(args.requests),
                                     "--documents", str(args.documents)], env=env)
            status |= result.returncode
            if label == "postgresql":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_DB])
    return status


if __name__ == "__main__":
    sys.exit(main())
