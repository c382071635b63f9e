from django.conf import settings

from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports


class Command(BatchCommand):
    help = (
        "Attach NUTS region boundaries and label points from Eurostat/GISCO GeoJSON (Nuts2json layout: "
        "nutsrg_<level>_*.json boundaries, nutspt_<level>_*.json points) to the regions already loaded. "
        "Run load_reference_data first. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="GeoJSON paths or URLs; default: the shared nuts folder.")

    def handle(self, *args, sources, **options):
        if sources:
            boundaries = [s for s in sources if "nutspt" not in str(s)]
            points = [s for s in sources if "nutspt" in str(s)]
        else:
            folder = settings.SHARED_DATA_DIR / "nuts"
            boundaries, points = sorted(folder.glob("nutsrg_*.json")), sorted(folder.glob("nutspt_*.json"))
        try:
            n = imports.nuts_geometry_import(boundaries, points)
        except (imports.ImportError_, OSError) as error:
            self.fail(getattr(error, "problems", []), f"boundaries not imported ({error})")
        self.stdout.write(f"{n} regions with boundaries or label points")
