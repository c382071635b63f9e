"""Server time of the organisation list, search and detail pages over the real H2020 directory.

Imports the 16,592 CORDIS H2020 organisations (plus the demo world) into a fresh SQLite file and
a fresh PostgreSQL database, then times Django's full request handling (middleware, queries,
template rendering) through the test client, so network and browser time are excluded.
Target (issue 2): p95 < 150 ms on both databases.

    python bench/bench_directory.py [--requests N] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DB = "nc_bench_directory"

PAGES = {
    "list": "/directory/organisations/",
    "list, filtered": "/directory/organisations/?country=DE&kind=sme&value_chain=offshore-wind",
    "list, page 40": "/directory/organisations/?page=40&per_page=100",
    "search": "/directory/organisations/?q=energy",
    "search + filter": "/directory/organisations/?q=wind+turbine&country=DK&country=NO",
    "API list": "/api/v1/organisations/?country=NL&page_size=100",
    "detail": None,  # filled with real organisation slugs
}


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def child(requests: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "0"
    django.setup()
    import io

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from northern_connections.directory.models import Organisation

    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_reference_data", **quiet)
    call_command("import_organisations", str(settings.SHARED_DATA_DIR / "h2020" / "organisations_2017.csv"),
                 "--preset", "h2020", **quiet)
    call_command("load_demo_data", **quiet)
    print(f"  setup: {Organisation.objects.count():,} organisations in {time.perf_counter() - started:.0f} s")
    slugs = list(Organisation.objects.order_by("?").values_list("slug", flat=True)[:requests])
    client = Client(HTTP_HOST="localhost")
    for name, url in PAGES.items():
        urls = [f"/directory/organisations/{s}/" for s in slugs] if url is None else [url] * requests
        client.get(urls[0])  # warm caches
        times = []
        for u in urls:
            t0 = time.perf_counter()
            response = client.get(u)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (u, response.status_code)
        print(f"  {name:<18} p50 {statistics.median(times):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms"
              f"   ({len(times)} requests)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests)
        return 0
    print("Directory pages over the real H2020 directory (target p95 < 150 ms)")
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        targets = {"sqlite": f"sqlite:///{tmp}/bench.sqlite3", "postgresql": f"postgres://postgres@127.0.0.1:5432/{PG_DB}"}
        for label, url in targets.items():
            if args.only and args.only != label:
                continue
            print(f"{label}:")
            if label == "postgresql":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_DB], check=True)
                subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_DB], check=True)
            env = {**os.environ, "DATABASE_URL": url, "NC_VAR_DIR": tmp}
            result = subprocess.run([sys.executable, __file__, "--child", "--requests", str(args.requests)], env=env)
            status |= result.returncode
            if label == "postgresql":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_DB])
    return status


if __name__ == "__main__":
    sys.exit(main())
