"""``manage.py match_batch``: rank profiles for queries from JSON Lines files.

A thin wrapper (DESIGN.md §4.2): the file contract and all validation live in
``northern_connections.matchmaking.engine.batch`` so that tests and benchmarks can run them
without Django.
"""

from django.core.management.base import BaseCommand, CommandError

from northern_connections.matchmaking.engine import batch


class Command(BaseCommand):
    help = (
        "Match queries against profiles with the cross-border matching engine. "
        "PROFILES: one JSON object per line, "
        '{"id": str, "text": str, "tags": {facet: [str, ...]}, "country": "NO", "kind": str, "activity": number} '
        "(all but id and text optional). "
        'QUERIES: {"id": str, "text": str, "tags": {...}, "country": str, "exclude": [profile ids]} '
        '(all but id and text optional; "cross_border": prefer|neutral|only, default neutral). '
        'OUT: one line per query, {"query": id, "results": [{"id": str, "score": float, "why": str}]} '
        "in rank order. Malformed lines are all reported as FILE:LINE on stderr and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", required=True, metavar="P.jsonl", help="profiles to rank (JSON Lines)")
        parser.add_argument("--queries", required=True, metavar="Q.jsonl", help="queries (JSON Lines)")
        parser.add_argument("--top", type=int, default=10, metavar="K",
                            help="number of results per query (default 10)")
        parser.add_argument("--out", required=True, metavar="R.jsonl",
                            help="results file, written atomically only when all input is valid")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be a positive integer")
        status = batch.main(options["profiles"], options["queries"], options["top"], options["out"],
                            stderr=self.stderr)
        if status != 0:
            raise CommandError("invalid input; see the errors above (no output written)")
        self.stdout.write(f"Wrote {options['out']}")
