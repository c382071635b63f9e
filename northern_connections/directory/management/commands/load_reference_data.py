from pathlib import Path

from django.conf import settings

from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports, reference_files

# The files this command imports (the demo loader locates the H2020 organisations itself).
REFERENCE_DATA = [f.path for f in reference_files.FILES if f.path != reference_files.H2020_ORGANISATIONS]


class Command(BatchCommand):
    help = (
        "Load the platform's vocabularies (value chains and steps, NUTS/ITL codes, NACE, smart-specialisation "
        "categories), then CPV, eForms code lists and NUTS boundaries from files found in --data-dir, in the cache "
        "var/data/, or downloaded from their publishers (pinned sha256). A missing file is reported in one line and "
        "skipped. Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(settings.SHARED_DATA_DIR),
                            help="Folder with cpv/, eforms/ and nuts/ (default: %(default)s, NC_SHARED_DATA_DIR).")
        parser.add_argument("--facts-only", action="store_true", help="Skip the reference files.")

    def handle(self, *args, data_dir, facts_only, **options):
        counts = imports.reference_data_load()
        if not facts_only:
            found = reference_files.locate_all(REFERENCE_DATA, report=self.stderr.write, shared_dir=Path(data_dir))
            try:
                counts.update(imports.reference_files_load(found))
            except (imports.ImportError_, OSError) as error:
                self.fail(getattr(error, "problems", []), f"reference data not loaded: {error}")
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
