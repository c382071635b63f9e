from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports, reference_files


class Command(BatchCommand):
    help = (
        "Attach NUTS region boundaries and label points from Eurostat/GISCO GeoJSON (Nuts2json layout: "
        "nutsrg_<level>_*.json boundaries, nutspt_<level>_*.json points) to the regions already loaded; UK "
        "(NUTS 2016) codes become ITL codes (UKM5 → TLM5). Run load_reference_data first. All or nothing. "
        "Without sources: the declared NUTS files, Scotland's included, from the shared data folder, the cache "
        "var/data/ or Eurostat GISCO."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="GeoJSON paths or URLs; default: the declared NUTS files.")

    def handle(self, *args, sources, **options):
        sources = sources or list(reference_files.locate_all(reference_files.group("nuts/"),
                                                             report=self.stderr.write).values())
        boundaries = [s for s in sources if "nutspt" not in str(s)]
        points = [s for s in sources if "nutspt" in str(s)]
        try:
            n = imports.nuts_geometry_import(boundaries, points)
        except (imports.ImportError_, OSError) as error:
            self.fail(getattr(error, "problems", []), f"boundaries not imported ({error})")
        self.stdout.write(f"{n} regions with boundaries or label points")
