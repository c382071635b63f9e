from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError

from northern_connections.core.management.batch import BatchCommand

# Apps whose demo worlds build on each other, in dependency order; each has demo.py with load().
DEMO_APPS = ["directory", "challenges", "matchmaking", "events", "livinglabs", "support", "monitoring", "strategy",
             "knowledge", "surveys", "partnering"]


class Command(BatchCommand):
    help = (
        "Load the deterministic demo world (Northern Connections partnership, clusters, 360 SMEs from the H2020 "
        "directory with synthetic profiles, or synthetic SMEs when that file cannot be found or downloaded, "
        "demo logins with password 'northern-demo'). Idempotent. "
        "--scale N adds N synthetic organisations for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--scale", type=int, default=0, help="Synthetic organisations to add.")

    def handle(self, *args, seed, scale, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "load_demo_data refuses to run here: DEMO_DATA_ALLOWED is off (always under config.settings.prod; "
                "the demo logins share a published password and one is a platform administrator)."
            )
        for label in DEMO_APPS:
            if not apps.is_installed(f"northern_connections.{label}"):
                continue
            try:
                module = import_module(f"northern_connections.{label}.demo")
            except ModuleNotFoundError:
                continue
            try:
                if label == "directory":  # the one that reads a reference file: it reports a missing one
                    counts = module.load(seed=seed, scale=scale, report=self.stderr.write)
                else:
                    counts = module.load(seed=seed)
            except (RuntimeError, FileNotFoundError) as error:
                raise CommandError(f"{label}: {error}") from error
            self.stdout.write(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
