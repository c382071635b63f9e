"""Filters of the candidate catalogue and the demonstrations, shared by the pages and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.core.search import search_filter
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import ValueChain
from northern_connections.directory.vocabularies import PARTNER_COUNTRIES

from .choices import CandidateStatus, CostModel, DemonstrationStatus, SiteType
from .models import Candidate, Demonstration


class CandidateFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    country = django_filters.MultipleChoiceFilter(label=_("Country"), field_name="region__country", choices=[
        (code, name) for code, name in COUNTRY_CHOICES if code in PARTNER_COUNTRIES])  # candidates lie there
    region = django_filters.CharFilter(label=_("Region (NUTS code)"), field_name="region__code",
                                       lookup_expr="istartswith")
    site_type = django_filters.MultipleChoiceFilter(label=_("Site type"), choices=SiteType.choices)
    value_chain = django_filters.ModelMultipleChoiceFilter(label=_("Value chain"), field_name="value_chains",
                                                           to_field_name="slug", queryset=ValueChain.objects.all(),
                                                           widget=forms.CheckboxSelectMultiple, distinct=True)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=CandidateStatus.choices)
    open_to_foreign_smes = django_filters.BooleanFilter(label=_("Open to SMEs from other countries"),
                                                        widget=forms.NullBooleanSelect)
    cost_model = django_filters.MultipleChoiceFilter(label=_("Cost model"), choices=CostModel.choices)
    trl = django_filters.NumberFilter(label=_("Supports TRL"), method="filter_trl")

    class Meta:
        model = Candidate
        fields = ["q", "country", "region", "site_type", "value_chain", "status", "open_to_foreign_smes",
                  "cost_model", "trl"]

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_trl(self, queryset, name, value):
        return queryset.filter(trl_min__lte=value, trl_max__gte=value)


class DemonstrationFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=DemonstrationStatus.choices)
    lab = django_filters.CharFilter(label=_("Living Lab (slug)"), field_name="lab__slug")

    class Meta:
        model = Demonstration
        fields = ["status", "lab"]
