from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "northern_connections.events"
    label = "events"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the policies)
