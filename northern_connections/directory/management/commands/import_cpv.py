from django.conf import settings

from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports


class Command(BatchCommand):
    help = "Import CPV 2008 codes from a JSON object {code: name} at a path or URL. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", default=str(settings.SHARED_DATA_DIR / "cpv" / "cpv2008_en.json"),
                            help="Path or http(s) URL (default: %(default)s).")

    def handle(self, *args, source, **options):
        try:
            n = imports.cpv_import(source)
        except (imports.ImportError_, OSError) as error:
            self.fail(getattr(error, "problems", []), f"{source}: CPV not imported ({error})")
        self.stdout.write(f"{n} CPV codes")
