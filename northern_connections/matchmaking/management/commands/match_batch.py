"""``manage.py match_batch``: rank profiles for queries from JSON Lines files.

A thin wrapper (DESIGN.md §4.2): the file contract and all validation live in
``northern_connections.matchmaking.engine.batch`` so that tests and benchmarks can run them
without Django; reading and writing files is the batch-command base's.
"""

from northern_connections.core.management.batch import INPUT_RULES, BatchCommand, ascii_int
from northern_connections.matchmaking.engine import batch


class Command(BatchCommand):
    help = (
        "Match queries against profiles with the cross-border matching engine. "
        "PROFILES: one JSON object per line, "
        '{"id": str, "text": str, "tags": {facet: [str, ...]}, "country": "NO", "kind": str, "activity": number} '
        "(all but id and text optional). "
        'QUERIES: {"id": str, "text": str, "tags": {...}, "country": str, "exclude": [profile ids]} '
        '(all but id and text optional; "cross_border": prefer|neutral|only, default neutral). '
        'OUT: one line per query, {"query": id, "results": [{"id": str, "score": float, "why": str}]} '
        f"in rank order. Limits: {batch.LIMITS}. {INPUT_RULES}"
        "Malformed lines are all reported as 'FILE: line N: field: reason' on stderr and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", required=True, metavar="P.jsonl", help="profiles to rank (JSON Lines)")
        parser.add_argument("--queries", required=True, metavar="Q.jsonl", help="queries (JSON Lines)")
        parser.add_argument("--top", type=ascii_int, default=10, metavar="K",
                            help=f"number of results per query, 1 to {batch.MAX_TOP:,} (default 10)")
        parser.add_argument("--out", required=True, metavar="R.jsonl",
                            help="results file, written atomically only when all input is valid")

    def handle(self, *args, profiles, queries, top, out, **options):
        self.check_output(out)
        documents, searches = batch.load(profiles, queries, top)
        self.write_output(out, batch.writer(documents, searches))
        self.stdout.write(f"Wrote {out}")
