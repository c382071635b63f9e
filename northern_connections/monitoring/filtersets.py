"""Filters of the partner-report list (the page and the API use the same one)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import ReportStatus
from .models import PartnerReport


class PartnerReportFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ReportStatus.choices, distinct=False)
    period = django_filters.NumberFilter(label=_("Period"), field_name="period__number")
    partner = django_filters.NumberFilter(label=_("Partner number"), field_name="project_partner__number")
    project = django_filters.CharFilter(label=_("Project"), field_name="project_partner__project__slug")

    class Meta:
        model = PartnerReport
        fields = ["status", "period", "partner", "project"]
