"""Filters of the board, shared by the list page, the API and the benchmarks."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.core.search import search_filter
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import ValueChain, ValueChainStep

from .choices import CHALLENGE_LANGUAGES, ChallengeStatus, RouteKind
from .models import Challenge


class ChallengeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ChallengeStatus.choices)
    country = django_filters.MultipleChoiceFilter(label=_("Country of the owner"), choices=COUNTRY_CHOICES)
    region = django_filters.CharFilter(label=_("NUTS region"), method="filter_region",
                                       help_text=_("A NUTS code; includes its sub-regions."))
    value_chain = django_filters.ModelMultipleChoiceFilter(
        label=_("Value chain"), field_name="value_chains", to_field_name="slug",
        queryset=ValueChain.objects.all(), method="filter_related",
    )
    step = django_filters.ModelMultipleChoiceFilter(
        label=_("Value-chain step"), field_name="value_chain_steps", to_field_name="slug",
        queryset=ValueChainStep.objects.all(), method="filter_related",
    )
    # The blank first choice matters: a <select> without one submits its first option, so every use of
    # the filter form silently filtered on TRL 1 (found by the browser journey).
    trl = django_filters.TypedChoiceFilter(label=_("My solution's TRL"), choices=[("", _("Any"))] + TRL_CHOICES,
                                           coerce=int, method="filter_trl",
                                           help_text=_("Challenges whose TRL range includes it."))
    deadline_after = django_filters.DateFilter(label=_("Deadline from"), field_name="application_deadline",
                                               lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"}))
    deadline_before = django_filters.DateFilter(label=_("Deadline until"), field_name="application_deadline",
                                                lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"}))
    route = django_filters.MultipleChoiceFilter(label=_("Route after selection"), choices=RouteKind.choices,
                                                widget=forms.CheckboxSelectMultiple)
    language = django_filters.MultipleChoiceFilter(label=_("Original language"), choices=CHALLENGE_LANGUAGES)

    class Meta:
        model = Challenge
        fields = ["q", "status", "country", "region", "value_chain", "step", "trl", "deadline_after",
                  "deadline_before", "route", "language"]

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(nuts_region__code__startswith=value.strip().upper())

    def filter_trl(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(trl_min__isnull=True) | Q(trl_min__lte=value),
                               Q(trl_max__isnull=True) | Q(trl_max__gte=value))

    def filter_related(self, queryset, name, value):
        # A subquery instead of a join keeps one row per challenge without DISTINCT.
        if not value:
            return queryset
        field = Challenge._meta.get_field(name)
        through = field.remote_field.through
        ids = through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": value})
        return queryset.filter(pk__in=ids.values(f"{field.m2m_field_name()}_id"))
