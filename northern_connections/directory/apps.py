from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "northern_connections.directory"
    label = "directory"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the policies)
