"""Filters of the measure list, shared by the page, the Excel export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from northern_connections.core.filtersets import RelatedFilterMixin
from northern_connections.core.search import search_filter
from northern_connections.core.widgets import FastSelect, FastSelectMultiple
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.models import ValueChain, ValueChainStep

from .choices import Eligibility, GeographicScope, MeasureKind, MeasureStatus, TargetGroup
from .models import SupportMeasure


def region_q(code: str) -> Q:
    """Measures available in a NUTS region: an area that contains it (a prefix of its code) or lies inside it."""
    through = SupportMeasure.areas.through.objects
    prefixes = [code[:n] for n in range(2, len(code) + 1)]
    inside = through.filter(Q(nutsregion__code__startswith=code) | Q(nutsregion__code__in=prefixes))
    return Q(pk__in=inside.values("supportmeasure_id"))


class MeasureFilterSet(RelatedFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    region = django_filters.CharFilter(label=_("Available in (NUTS code)"), method="filter_region",
                                       help_text=_("E.g. DK03: regional measures there and national ones."))
    value_chain = django_filters.ModelMultipleChoiceFilter(
        label=_("Value chain"), field_name="value_chains", to_field_name="slug", queryset=ValueChain.objects.all(),
        method="filter_related", widget=FastSelectMultiple)
    step = django_filters.ModelMultipleChoiceFilter(
        label=_("Value-chain step"), field_name="value_chain_steps", to_field_name="slug",
        queryset=ValueChainStep.objects.all(), method="filter_related", widget=FastSelectMultiple)
    trl = django_filters.TypedChoiceFilter(label=_("Covers TRL"), choices=[("", _("Any"))] + TRL_CHOICES, coerce=int,
                                           method="filter_trl", widget=FastSelect)
    kind = django_filters.MultipleChoiceFilter(label=_("Type"), choices=MeasureKind.choices, distinct=False,
                                               widget=FastSelectMultiple)
    scope = django_filters.MultipleChoiceFilter(label=_("Geographic scope"), choices=GeographicScope.choices,
                                                distinct=False, widget=FastSelectMultiple)
    eligibility = django_filters.MultipleChoiceFilter(label=_("Who else may apply"), choices=Eligibility.choices,
                                                      distinct=False, widget=FastSelectMultiple)
    target_group = django_filters.ChoiceFilter(label=_("Target group"), choices=TargetGroup.choices,
                                               method="filter_target_group")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=MeasureStatus.choices, distinct=False,
                                                 widget=FastSelectMultiple)

    class Meta:
        model = SupportMeasure
        fields = []

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value) if value.strip() else queryset

    def filter_region(self, queryset, name, value):
        code = value.strip().upper()
        return queryset.filter(region_q(code)) if code else queryset

    def filter_trl(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(Q(trl_min__isnull=True) | Q(trl_min__lte=value),
                               Q(trl_max__isnull=True) | Q(trl_max__gte=value))

    def filter_target_group(self, queryset, name, value):
        # Empty target groups mean everyone; JSON containment is not on SQLite, so match the stored text.
        return queryset.filter(Q(target_groups=[]) | Q(target_groups__icontains=f'"{value}"'))
