"""``manage.py schedule_meetings``: schedule B2B meetings from a JSON instance file.

A thin wrapper: validation and solving live in ``northern_connections.events.scheduling`` (the
instance contract in ``instance.py``, the file contract in ``cli.py``) so that the web page, the
task queue and this command can never disagree; reading and writing files is the batch-command
base's.
"""

from __future__ import annotations

from northern_connections.core.management.batch import INPUT_RULES, BatchCommand, ascii_number
from northern_connections.events.scheduling import cli
from northern_connections.events.scheduling.instance import LIMITS


class Command(BatchCommand):
    help = (
        "Place accepted one-to-one meetings of a brokerage event into time slots and tables. "
        "Maximises the (priority-weighted) number of scheduled meetings, then minimises breaks "
        "(runs of free slots between two meetings of a participant within a block), then idle "
        "slots. Reads the instance JSON "
        '{"slots": [{"id", "block"}], "tables": {block: n}, "participants": [{"id", "available", '
        '"max_meetings"}], "meetings": [{"id", "participants": [a, b], "priority", "locked_slot", "slots"}]} '
        'and writes {"assignments": [{"meeting", "slot", "table"}], "unscheduled": [...], "stats": {...}}. '
        f"Limits: {LIMITS}. {INPUT_RULES}"
        "Exits non-zero with a one-line error on malformed input, values outside the limits or infeasible "
        "locks; the output file is only written on success."
    )

    def add_arguments(self, parser):
        parser.add_argument("--instance", required=True, metavar="I.json", help="instance file to read")
        parser.add_argument("--out", required=True, metavar="S.json", help="schedule file to write")
        parser.add_argument(
            "--time-limit", type=ascii_number, default=cli.DEFAULT_TIME_LIMIT, metavar="SECONDS",
            help=f"total wall-clock budget, {cli.MIN_TIME_LIMIT:g} to {cli.MAX_TIME_LIMIT:g}; stops earlier "
                 f"once proven optimal (default {cli.DEFAULT_TIME_LIMIT:g})",
        )
        parser.add_argument(
            "--previous", metavar="S.json", default=None,
            help="previously published schedule: its meetings keep their slot and table (rescheduling)",
        )

    def handle(self, *args, instance, out, time_limit, previous, **options):
        self.check_output(out)
        cli.check_time_limit(time_limit)
        data = self.read_json(instance)
        earlier = self.read_json(previous) if previous else None
        result = cli.schedule(data, time_limit, previous=earlier)
        self.write_output(out, cli.dumps(result))
        self.stdout.write(f"Schedule written to {out}")
