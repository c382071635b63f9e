from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "northern_connections.monitoring"
    label = "monitoring"
    verbose_name = _("Project monitoring")

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import BudgetLine, ExchangeRate, ExpenditureItem, JointReport, PartnerReport

        # Reports and their expenditure must be defensible to auditors: every field change is kept.
        for model in (PartnerReport, ExpenditureItem, JointReport, ExchangeRate, BudgetLine):
            register_audited(model)
