from django.apps import AppConfig


class PartneringConfig(AppConfig):
    name = "northern_connections.partnering"
    label = "partnering"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Consortium, ConsortiumMember, PartnerRequest

        # A request's public facts, and who is in a consortium with which budget, must be traceable.
        register_audited(PartnerRequest, exclude=["is_demo"])
        register_audited(Consortium, exclude=["is_demo"])
        register_audited(ConsortiumMember)
