import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import PartnerReport


class PartnerReportTable(tables.Table):
    report = tables.Column(verbose_name=_("Report"), linkify=True, accessor="pk", orderable=False)
    project = tables.Column(verbose_name=_("Project"), accessor="project_partner__project__acronym",
                            orderable=False)
    period = tables.Column(verbose_name=_("Period"), accessor="period__number", orderable=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"), format="SHORT_DATETIME_FORMAT", orderable=False)

    class Meta:
        model = PartnerReport
        fields = ["report", "project", "period", "status", "submitted_at"]
        empty_text = _("No partner report that you may see.")

    def render_report(self, record):
        return str(record)
