"""Filters of the board, shared by the list page, the API and the benchmarks.

Performance notes (bench/bench_challenges.py, 10,000 challenges): selects are rendered by
`core.widgets` (Django's option templates cost tens of ms for the ~250 countries); choice filters
on plain columns are `distinct=False`, since no join can duplicate a row and DISTINCT over every
column made SQLite sort the whole table; the deadline filters compare the indexed datetime column
with the start of a day instead of casting every row's datetime to a date.
"""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from northern_connections.core.filtersets import RelatedFilterMixin
from northern_connections.core.search import search_filter
from northern_connections.core.widgets import FastSelect, FastSelectMultiple
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.countries import ENGLISH_NAMES, country_name
from northern_connections.directory.models import NutsRegion, ValueChain, ValueChainStep

from .choices import CHALLENGE_LANGUAGES, ChallengeStatus, RouteKind
from .models import Challenge
from .selectors import board_order


class ChallengeFilterSet(RelatedFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ChallengeStatus.choices, distinct=False,
                                                 widget=FastSelectMultiple)
    # Choices: the countries that have challenges (set in __init__), not all 250 of ISO 3166.
    country = django_filters.MultipleChoiceFilter(label=_("Country of the owner"), choices=[], distinct=False,
                                                  widget=FastSelectMultiple(attrs={"size": 6}))
    region = django_filters.CharFilter(label=_("NUTS region"), method="filter_region",
                                       help_text=_("A NUTS code; includes its sub-regions."))
    value_chain = django_filters.ModelMultipleChoiceFilter(
        label=_("Value chain"), field_name="value_chains", to_field_name="slug",
        queryset=ValueChain.objects.all(), method="filter_related", widget=FastSelectMultiple,
    )
    step = django_filters.ModelMultipleChoiceFilter(
        label=_("Value-chain step"), field_name="value_chain_steps", to_field_name="slug",
        queryset=ValueChainStep.objects.all(), method="filter_related", widget=FastSelectMultiple,
    )
    # The blank first choice matters: a <select> without one submits its first option, so every use of
    # the filter form silently filtered on TRL 1 (found by the browser journey).
    trl = django_filters.TypedChoiceFilter(label=_("My solution's TRL"), choices=[("", _("Any"))] + TRL_CHOICES,
                                           coerce=int, method="filter_trl", widget=FastSelect,
                                           help_text=_("Challenges whose TRL range includes it."))
    deadline_after = django_filters.DateFilter(label=_("Deadline from"), method="filter_deadline_after",
                                               widget=forms.DateInput(attrs={"type": "date"}))
    deadline_before = django_filters.DateFilter(label=_("Deadline until"), method="filter_deadline_before",
                                                widget=forms.DateInput(attrs={"type": "date"}))
    route = django_filters.MultipleChoiceFilter(label=_("Route after selection"), choices=RouteKind.choices,
                                                distinct=False, widget=forms.CheckboxSelectMultiple)
    language = django_filters.MultipleChoiceFilter(label=_("Original language"), choices=CHALLENGE_LANGUAGES,
                                                   distinct=False, widget=FastSelectMultiple)

    class Meta:
        model = Challenge
        fields = ["q", "status", "country", "region", "value_chain", "step", "trl", "deadline_after",
                  "deadline_before", "route", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = set(Challenge.objects.exclude(status=ChallengeStatus.DRAFT).order_by().values_list("country", flat=True)
                    .distinct())
        if self.data:  # a country without challenges is a valid question with no answer, not an error
            asked = self.data.getlist("country") if hasattr(self.data, "getlist") else self.data.get("country", [])
            codes |= {code for code in ([asked] if isinstance(asked, str) else asked) if code in ENGLISH_NAMES}
        country = self.filters["country"]
        country.extra["choices"] = sorted(((code, country_name(code)) for code in codes if code),
                                          key=lambda choice: choice[1])
        # A form field built earlier (the API schema generator builds one per process) is copied with
        # the filter and would keep its old choices: drop it so it is built from the choices above.
        country.__dict__.pop("_field", None)

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_region(self, queryset, name, value):
        regions = NutsRegion.objects.filter(code__startswith=value.strip().upper()).values("pk")
        return queryset.filter(nuts_region__in=regions)  # a subquery: the join made SQLite count slowly

    @staticmethod
    def _start_of(day) -> datetime:
        """Midnight at the start of `day` in the visitor's time zone (the one the dates are shown in)."""
        return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())

    def filter_deadline_after(self, queryset, name, value):
        return queryset.filter(application_deadline__gte=self._start_of(value))

    def filter_deadline_before(self, queryset, name, value):
        return queryset.filter(application_deadline__lt=self._start_of(value + timedelta(days=1)))

    def filter_trl(self, queryset, name, value):
        return queryset.filter(Q(trl_min__isnull=True) | Q(trl_min__lte=value),
                               Q(trl_max__isnull=True) | Q(trl_max__gte=value))


class ChallengeBoardFilterSet(ChallengeFilterSet):
    """The public board's filters: open challenges only unless asked for the closed and archived ones.

    Always bound (an empty query is a question too), so the board's default scope and order apply
    to the first visit as well. The API keeps `ChallengeFilterSet`: an API client asks for what it
    wants and gets every visible challenge by default.
    """

    closed = django_filters.BooleanFilter(
        label=_("Also show closed and archived challenges"), method="filter_closed",
        widget=forms.CheckboxInput, help_text=_("They follow the open ones, most recent deadline first."),
    )

    class Meta(ChallengeFilterSet.Meta):
        fields = [*ChallengeFilterSet.Meta.fields, "closed"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(QueryDict() if data is None else data, *args, **kwargs)

    def filter_closed(self, queryset, name, value):
        return queryset  # read in filter_queryset, which needs it together with the status filter

    def filter_queryset(self, queryset):
        # A status chosen explicitly is a request for those statuses, closed ones included.
        include_closed = bool(self.form.cleaned_data.get("closed") or self.form.cleaned_data.get("status"))
        return board_order(super().filter_queryset(queryset), include_closed=include_closed)
