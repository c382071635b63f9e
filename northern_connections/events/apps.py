from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "northern_connections.events"
    label = "events"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Meeting

        register_audited(Meeting)
