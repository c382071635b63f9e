from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "northern_connections.partnering"
    label = "partnering"
    verbose_name = _("Partnering")  # also the menu's label in base.html

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions, signals  # noqa: F401  (the policies; partner requests in the match index)
        from .models import Consortium, ConsortiumMember, PartnerRequest

        # A request's public facts, and who is in a consortium with which budget, must be traceable.
        register_audited(PartnerRequest, exclude=["is_demo"])
        register_audited(Consortium, exclude=["is_demo"])
        register_audited(ConsortiumMember)
