from northern_connections.directory import imports

from ..reference_import import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = (
        "Import eForms code lists (OASIS genericode .gc files, paths or URLs). All or nothing. Without sources: "
        "the declared code lists from the shared data folder, the cache var/data/ or the OP-TED eForms SDK."
    )
    declared = "eforms/"
    sources_help = "Files; default: the declared eForms code lists."
    missing = "no eForms code list found, nothing imported"
    failed = "eForms code lists not imported"
    counted = "{n} eForms codes"

    def run_import(self, sources):
        return imports.eforms_import(sources)
