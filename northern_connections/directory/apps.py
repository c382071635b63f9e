from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "northern_connections.directory"
    label = "directory"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Organisation

        register_audited(Organisation, exclude=["past_projects"])  # past_projects: imported, never edited
