from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports, reference_files

CPV = "cpv/cpv2008_en.json"


class Command(BatchCommand):
    help = (
        "Import CPV 2008 codes from a JSON object {code: name} at a path or URL. All or nothing. Without a "
        "source: the shared data folder, the cache var/data/, or the publisher's file (pinned sha256)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="Path or http(s) URL.")

    def handle(self, *args, source, **options):
        source = source or reference_files.locate(CPV, report=self.stderr.write)
        if source is None:
            self.fail([], f"{CPV}: not found, CPV not imported")
        try:
            n = imports.cpv_import(source)
        except (imports.ImportError_, OSError) as error:
            self.fail(getattr(error, "problems", []), f"{source}: CPV not imported ({error})")
        self.stdout.write(f"{n} CPV codes")
