"""Filters of the call catalogue and the partner requests, shared by the pages and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.core.search import search_filter

from .choices import CallStatus, PartnershipType, RequestKind, RequestStatus
from .models import FundingCall, PartnerRequest


class SearchMixin:
    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value) if value.strip() else queryset


class FundingCallFilterSet(SearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    programme = django_filters.CharFilter(label=_("Programme"), lookup_expr="icontains")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=CallStatus.choices, distinct=False)
    deadline_after = django_filters.DateFilter(label=_("Deadline from"), field_name="deadline", lookup_expr="gte",
                                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    class Meta:
        model = FundingCall
        fields = []


class PartnerRequestFilterSet(SearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.MultipleChoiceFilter(label=_("Type"), choices=RequestKind.choices, distinct=False)
    partnership_type = django_filters.MultipleChoiceFilter(label=_("Type of partnership"),
                                                           choices=PartnershipType.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=RequestStatus.choices, distinct=False)
    reference = django_filters.CharFilter(label=_("Reference"), lookup_expr="istartswith")

    class Meta:
        model = PartnerRequest
        fields = []
