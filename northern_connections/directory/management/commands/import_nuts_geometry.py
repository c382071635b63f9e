from northern_connections.directory import imports

from ..reference_import import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = (
        "Attach NUTS region boundaries and label points from Eurostat/GISCO GeoJSON (Nuts2json layout: "
        "nutsrg_<level>_*.json boundaries, nutspt_<level>_*.json points) to the regions already loaded; UK "
        "(NUTS 2016) codes become ITL codes (UKM5 → TLM5). Run load_reference_data first. All or nothing. "
        "Without sources: the declared NUTS files, Scotland's included, from the shared data folder, the cache "
        "var/data/ or Eurostat GISCO."
    )
    declared = "nuts/"
    sources_help = "GeoJSON paths or URLs; default: the declared NUTS files."
    missing = ""  # no file: nothing to attach, and no error
    failed = "boundaries not imported"
    counted = "{n} regions with boundaries or label points"

    def run_import(self, sources):
        boundaries = [s for s in sources if "nutspt" not in str(s)]
        points = [s for s in sources if "nutspt" in str(s)]
        return imports.nuts_geometry_import(boundaries, points)
