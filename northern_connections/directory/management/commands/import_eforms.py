from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports, reference_files


class Command(BatchCommand):
    help = (
        "Import eForms code lists (OASIS genericode .gc files, paths or URLs). All or nothing. Without sources: "
        "the declared code lists from the shared data folder, the cache var/data/ or the OP-TED eForms SDK."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="Files; default: the declared eForms code lists.")

    def handle(self, *args, sources, **options):
        sources = sources or list(reference_files.locate_all(reference_files.group("eforms/"),
                                                             report=self.stderr.write).values())
        if not sources:
            self.fail([], "no eForms code list found, nothing imported")
        try:
            n = imports.eforms_import(sources)
        except (imports.ImportError_, OSError) as error:
            self.fail(getattr(error, "problems", []), f"eForms code lists not imported ({error})")
        self.stdout.write(f"{n} eForms codes")
