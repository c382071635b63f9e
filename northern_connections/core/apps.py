from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "northern_connections.core"
    label = "core"

    def ready(self) -> None:
        from . import audit, checks, policies  # noqa: F401  (registration side effects)

        audit.connect()
