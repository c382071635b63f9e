from northern_connections.directory import imports

from ..reference_import import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = (
        "Import CPV 2008 codes from a JSON object {code: name} at a path or URL. All or nothing. Without a "
        "source: the shared data folder, the cache var/data/, or the publisher's file (pinned sha256)."
    )
    declared = "cpv/cpv2008_en.json"
    single = True
    sources_help = "Path or http(s) URL."
    missing = f"{declared}: not found, CPV not imported"
    failed = "CPV not imported"
    counted = "{n} CPV codes"

    def run_import(self, sources):
        return imports.cpv_import(sources[0])
