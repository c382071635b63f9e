"""``manage.py schedule_meetings``: schedule B2B meetings from a JSON instance file.

A thin wrapper: all parsing, validation and solving lives in
``northern_connections.events.scheduling.cli`` so the web page, the task queue and this command
can never disagree.
"""

from __future__ import annotations

import io

from django.core.management.base import BaseCommand, CommandError

from northern_connections.events.scheduling import cli


class Command(BaseCommand):
    help = (
        "Place accepted one-to-one meetings of a brokerage event into time slots and tables. "
        "Maximises the (priority-weighted) number of scheduled meetings, then minimises breaks "
        "(runs of free slots between two meetings of a participant within a block), then idle "
        "slots. Reads the instance JSON "
        '{"slots": [{"id", "block"}], "tables": {block: n}, "participants": [{"id", "available", '
        '"max_meetings"}], "meetings": [{"id", "participants": [a, b], "priority", "locked_slot", "slots"}]} '
        'and writes {"assignments": [{"meeting", "slot", "table"}], "unscheduled": [...], "stats": {...}}. '
        "Exits non-zero with a one-line error on malformed input or infeasible locks; the output "
        "file is only written on success."
    )

    def add_arguments(self, parser):
        parser.add_argument("--instance", required=True, metavar="I.json", help="instance file to read")
        parser.add_argument("--out", required=True, metavar="S.json", help="schedule file to write")
        parser.add_argument(
            "--time-limit", type=float, default=cli.DEFAULT_TIME_LIMIT, metavar="SECONDS",
            help=f"total wall-clock budget; stops earlier once proven optimal (default {cli.DEFAULT_TIME_LIMIT:g})",
        )
        parser.add_argument(
            "--previous", metavar="S.json", default=None,
            help="previously published schedule: its meetings keep their slot and table (rescheduling)",
        )

    def handle(self, *args, **options):
        err = io.StringIO()
        code = cli.main(options["instance"], options["out"], options["time_limit"],
                        previous_path=options["previous"], stderr=err)
        if code != 0:
            message = err.getvalue().strip().splitlines()
            raise CommandError(message[0].removeprefix("error: ") if message else "scheduling failed")
        self.stdout.write(f"Schedule written to {options['out']}")
