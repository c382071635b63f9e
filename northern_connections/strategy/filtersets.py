"""Filters of the strategy list, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from northern_connections.directory.models import S3Category, ValueChain

from .models import RegionalStrategy, StrategyPriority


class StrategyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    country = django_filters.CharFilter(label=_("Country (ISO code)"), field_name="region__country",
                                        lookup_expr="iexact")
    year = django_filters.NumberFilter(label=_("In force in year"), method="filter_year")
    category = django_filters.ModelChoiceFilter(label=_("Priority domain (Eye@RIS3)"),
                                                queryset=S3Category.objects.all(), method="filter_category")
    value_chain = django_filters.ModelChoiceFilter(label=_("Value chain"), queryset=ValueChain.objects.all(),
                                                   to_field_name="slug", method="filter_value_chain")

    class Meta:
        model = RegionalStrategy
        fields = []

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(region__name__icontains=value)
                               | Q(region__code__istartswith=value) | Q(summary_en__icontains=value))

    def filter_year(self, queryset, name, value):
        return queryset.filter(period_start__lte=value, period_end__gte=value)

    def filter_category(self, queryset, name, value):
        through = StrategyPriority.categories.through.objects.filter(s3category=value)
        return queryset.filter(pk__in=through.values("strategypriority__strategy_id"))

    def filter_value_chain(self, queryset, name, value):
        through = StrategyPriority.value_chains.through.objects.filter(valuechain=value)
        return queryset.filter(pk__in=through.values("strategypriority__strategy_id"))
