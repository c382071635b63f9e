"""Filters shared by the organisation list page and the API (one definition, two front doors)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from northern_connections.core.filtersets import RelatedFilterMixin
from northern_connections.core.search import search_filter, search_ranked
from northern_connections.core.widgets import FastSelect, FastSelectMultiple

from .choices import TRL_CHOICES, OrganisationKind
from .countries import COUNTRY_CHOICES
from .models import NutsRegion, Organisation, ValueChain, ValueChainStep
from .vocabularies import PARTNER_COUNTRIES


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """NUTS 1 and 2 regions of the partnership's countries, grouped by country, for the filter.

    Given to the filter as a callable so that it is read on every use: a list evaluated once
    would freeze whatever the database held then (the API schema generator builds the form
    field once per process, e.g. before the reference data was loaded).
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    rows = NutsRegion.objects.filter(level__in=(1, 2), country__in=PARTNER_COUNTRIES).values_list(
        "country", "code", "name", "level"
    )
    for country, code, name, level in rows.order_by("country", "code"):
        groups.setdefault(country, []).append((code, ("— " if level == 2 else "") + f"{name} ({code})"))
    return [(country, choices) for country, choices in groups.items()]


# A blank first option: without it, submitting any filter would also send trl_min=1 and trl_max=1.
TRL_FILTER_CHOICES = [("", _("any")), *TRL_CHOICES]


class OrganisationFilterSet(RelatedFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=OrganisationKind.choices, widget=forms.CheckboxSelectMultiple
    )
    country = django_filters.MultipleChoiceFilter(label=_("Country"), choices=COUNTRY_CHOICES,
                                                  widget=FastSelectMultiple(attrs={"size": 6}))
    region = django_filters.ChoiceFilter(label=_("NUTS region"), method="filter_region", choices=region_choices,
                                         widget=FastSelect, help_text=_("Includes its sub-regions."))
    value_chain = django_filters.ModelMultipleChoiceFilter(
        label=_("Value chain"), field_name="value_chains", to_field_name="slug",
        queryset=ValueChain.objects.all(), method="filter_related",
    )
    step = django_filters.ModelMultipleChoiceFilter(
        label=_("Value-chain step"), field_name="value_chain_steps", to_field_name="slug",
        queryset=ValueChainStep.objects.all(), method="filter_related",
    )
    trl_min = django_filters.TypedChoiceFilter(label=_("TRL from"), field_name="trl", lookup_expr="gte",
                                               choices=TRL_FILTER_CHOICES, coerce=int)
    trl_max = django_filters.TypedChoiceFilter(label=_("TRL to"), field_name="trl", lookup_expr="lte",
                                               choices=TRL_FILTER_CHOICES, coerce=int)
    nace = django_filters.CharFilter(label=_("NACE code"), method="filter_nace",
                                     help_text=_("E.g. 35.11 or 35 (includes sub-codes)."))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "region", "value_chain", "step", "trl_min", "trl_max", "nace"]

    def filter_queryset(self, queryset):
        """All filters first, then a search puts the result in order of relevance (issue 10, item 7)."""
        filtered = super().filter_queryset(queryset)
        query = self.form.cleaned_data.get("q")
        return search_ranked(filtered, query, "name", "pk", unfiltered=queryset) if query else filtered

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(nuts_region__code__startswith=value.strip().upper())

    def filter_nace(self, queryset, name, value):
        code = value.strip().upper()
        through = Organisation.nace_codes.through
        ids = through.objects.filter(Q(nacecode__code=code) | Q(nacecode__code__startswith=code + ".")).values(
            "organisation_id"
        )
        return queryset.filter(pk__in=ids)
