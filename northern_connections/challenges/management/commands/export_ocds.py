import json
from pathlib import Path

from django.conf import settings

from northern_connections.challenges import ocds
from northern_connections.challenges.selectors import public_challenges
from northern_connections.core.management.batch import BatchCommand


class Command(BatchCommand):
    help = ("Write every published challenge as one OCDS 1.1 release package (JSON) to --out. "
            "The file is written to a temporary name first, so a failed run leaves no partial file.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Path of the JSON file to write ('-' for stdout).")
        parser.add_argument("--base-url", default=getattr(settings, "PLATFORM_URL", "") or "http://127.0.0.1:8000",
                            help="Address of the platform, for links to the challenge pages.")

    def handle(self, *args, out, base_url, **options):
        challenges = list(public_challenges().order_by("pk"))
        if not challenges:
            self.fail([], "No published challenge: an OCDS release package needs at least one release.")
        base_url = base_url.rstrip("/")
        package = ocds.release_package(challenges, uri=f"{base_url}/challenges/ocds.json", base_url=base_url)
        text = json.dumps(package, ensure_ascii=False, indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        path = Path(out)
        temporary = path.with_name(path.name + ".part")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
        self.stderr.write(f"{len(challenges)} releases written to {path}")
