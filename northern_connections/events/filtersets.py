"""Filters of the event list, shared by the page and the API."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from northern_connections.core.search import search_filter
from northern_connections.directory.countries import COUNTRY_CHOICES

from .choices import EventKind, EventStatus
from .models import Event


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=EventKind.choices,
                                               widget=forms.CheckboxSelectMultiple)
    country = django_filters.MultipleChoiceFilter(label=_("Country"), choices=COUNTRY_CHOICES)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=EventStatus.choices)
    upcoming = django_filters.BooleanFilter(label=_("Upcoming only"), method="filter_upcoming",
                                            widget=forms.CheckboxInput)
    organiser = django_filters.CharFilter(label=_("Organiser (slug)"), method="filter_organiser")
    starts_after = django_filters.DateFilter(label=_("From"), field_name="starts_at", lookup_expr="date__gte",
                                             widget=forms.DateInput(attrs={"type": "date"}))
    starts_before = django_filters.DateFilter(label=_("Until"), field_name="starts_at", lookup_expr="date__lte",
                                              widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Event
        fields = ["q", "kind", "country", "status", "upcoming", "organiser", "starts_after", "starts_before"]

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_upcoming(self, queryset, name, value):
        return queryset.filter(ends_at__gte=timezone.now()) if value else queryset

    def filter_organiser(self, queryset, name, value):
        through = Event.organisers.through
        ids = through.objects.filter(organisation__slug=value.strip()).values("event_id")
        return queryset.filter(pk__in=ids)
