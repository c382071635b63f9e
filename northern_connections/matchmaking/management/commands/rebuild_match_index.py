"""``manage.py rebuild_match_index``: build fresh snapshots of the shared matchmaking index."""

from django.core.management.base import BaseCommand, CommandError

from northern_connections.matchmaking import services
from northern_connections.matchmaking.documents import sources


class Command(BaseCommand):
    help = (
        "Build fresh snapshots of the matchmaking index from the database (all kinds, or those named) and store "
        "them where every web process and worker loads them. Run it after bulk imports, which bypass the "
        "change log; a nightly task runs it too."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", metavar="KIND",
                            help="kinds to rebuild: " + ", ".join(s.kind for s in sources()))

    def handle(self, *args, kinds, **options):
        known = {s.kind for s in sources()}
        unknown = [k for k in kinds if k not in known]
        if unknown:
            raise CommandError(f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        for snapshot in services.match_index_rebuild(kinds=kinds or None):
            self.stdout.write(f"{snapshot.kind}: {snapshot.documents} documents, {snapshot.size / 1e6:.1f} MB, "
                              f"built in {snapshot.build_seconds:.1f} s")
