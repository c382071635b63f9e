"""The one shape of the reference-data import commands (CPV, eForms code lists, NUTS boundaries).

Each command names its declared files and its import; this base parses the sources, falls back to
the declared files (shared data folder, cache or publisher), runs the import all or nothing and
turns a bad file into the batch commands' one-line error.
"""

from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports, reference_files


class ReferenceImportCommand(BatchCommand):
    declared: str  # a declared file ("cpv/...json") or, ending in "/", a group of them ("eforms/")
    sources_help: str
    missing = "nothing found, nothing imported"
    failed = "not imported"  # after "{source}: " when one source is given
    counted: str  # "{n} CPV codes"
    single = False  # one optional source instead of any number

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="?" if self.single else "*", help=self.sources_help)

    def declared_sources(self) -> list:
        if self.declared.endswith("/"):
            found = reference_files.locate_all(reference_files.group(self.declared), report=self.stderr.write)
            return list(found.values())
        found = reference_files.locate(self.declared, report=self.stderr.write)
        return [found] if found is not None else []

    def run_import(self, sources: list) -> int:
        raise NotImplementedError

    def handle(self, *args, sources, **options):
        if self.single:
            sources = [sources] if sources else []
        sources = sources or self.declared_sources()
        if not sources and self.missing:
            self.fail([], self.missing)
        try:
            n = self.run_import(sources)
        except (imports.ImportError_, OSError) as error:
            prefix = f"{sources[0]}: " if self.single else ""
            self.fail(getattr(error, "problems", []), f"{prefix}{self.failed} ({error})")
        self.stdout.write(self.counted.format(n=n))
