from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "northern_connections.knowledge"
    label = "knowledge"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions, receivers  # noqa: F401  (registers the policies)
        from .models import ProcurementCase, ToolboxItem

        # Who changed a case's facts or a toolbox item's text: both are published in the partnership's name.
        register_audited(ProcurementCase, exclude=["is_demo"])
        register_audited(ToolboxItem, exclude=["is_demo"])
        receivers.connect()  # survey results published -> a report in the library
