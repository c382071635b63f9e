from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "northern_connections.strategy"
    label = "strategy"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Decision

        # A board's decisions must be defensible: who changed their wording, and when.
        register_audited(Decision)
