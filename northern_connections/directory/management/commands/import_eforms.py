from django.conf import settings

from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports


class Command(BatchCommand):
    help = "Import eForms code lists (OASIS genericode .gc files, paths or URLs). All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="Files; default: every .gc in the shared eforms folder.")

    def handle(self, *args, sources, **options):
        sources = sources or sorted((settings.SHARED_DATA_DIR / "eforms").glob("*.gc"))
        try:
            n = imports.eforms_import(sources)
        except (imports.ImportError_, OSError) as error:
            self.fail(getattr(error, "problems", []), f"eForms code lists not imported ({error})")
        self.stdout.write(f"{n} eForms codes")
