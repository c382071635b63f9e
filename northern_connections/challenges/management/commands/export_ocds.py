from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from northern_connections.challenges import ocds
from northern_connections.challenges.selectors import public_challenges
from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError, shown
from northern_connections.core.management.batch import BatchCommand


class Command(BatchCommand):
    help = ("Write every published challenge as one OCDS 1.1 release package (JSON) to --out. "
            "--out must be a file in an existing, writable directory (checked before any work); the package is "
            "written to a temporary file and renamed, so a failed run leaves neither a partial nor a stale file. "
            "--base-url must be an http(s) address.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Path of the JSON file to write ('-' for stdout).")
        parser.add_argument("--base-url", default=getattr(settings, "PLATFORM_URL", "") or "http://127.0.0.1:8000",
                            help="Address of the platform, for links to the challenge pages.")

    def handle(self, *args, out, base_url, **options):
        if out != "-":
            self.check_output(out)
        try:
            URLValidator(schemes=["http", "https"])(base_url)
        except ValidationError:
            raise BatchInputError(f"--base-url: must be an http(s) address, not {shown(base_url)}") from None
        challenges = list(public_challenges().order_by("pk"))
        if not challenges:
            self.fail([], "No published challenge: an OCDS release package needs at least one release.")
        base_url = base_url.rstrip("/")
        package = ocds.release_package(challenges, uri=f"{base_url}/challenges/ocds.json", base_url=base_url)
        text = batchio.dumps(package, indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        self.write_output(out, text)
        self.stderr.write(f"{len(challenges)} releases written to {out}")
