from django.conf import settings

from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports


class Command(BatchCommand):
    help = (
        "Load the platform's vocabularies (value chains and steps, NUTS/ITL codes, NACE, smart-specialisation "
        "categories); with the shared data directory present also CPV, eForms code lists and NUTS boundaries. "
        "Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(settings.SHARED_DATA_DIR),
                            help="Folder with cpv/, eforms/ and nuts/ (default: %(default)s).")
        parser.add_argument("--facts-only", action="store_true", help="Skip the files of --data-dir.")

    def handle(self, *args, data_dir, facts_only, **options):
        counts = imports.reference_data_load()
        from pathlib import Path

        folder = Path(data_dir)
        if not facts_only and folder.is_dir():
            try:
                counts["cpv_codes"] = imports.cpv_import(folder / "cpv" / "cpv2008_en.json")
                counts["eforms_codes"] = imports.eforms_import(sorted((folder / "eforms").glob("*.gc")))
                counts["nuts_geometries"] = imports.nuts_geometry_import(
                    sorted((folder / "nuts").glob("nutsrg_*.json")), sorted((folder / "nuts").glob("nutspt_*.json"))
                )
            except (imports.ImportError_, OSError) as error:
                self.fail(getattr(error, "problems", []), f"reference data not loaded: {error}")
        elif not facts_only:
            self.stderr.write(f"{folder} not found: CPV, eForms and boundaries skipped (use the import commands).")
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
