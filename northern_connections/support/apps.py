from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "northern_connections.support"
    label = "support"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import SupportMeasure

        # Who changed a measure's facts, and when a coordinator verified it: the map must be defensible.
        register_audited(SupportMeasure, exclude=["is_demo"])
