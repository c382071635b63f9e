"""Filters of the knowledge centre's lists, shared by the pages and the API.

The case library's facets are these filters; `selectors.case_facets` counts each value over the
rows the other choices leave, so a count says what ticking it would add.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from northern_connections.core.filtersets import RelatedFilterMixin
from northern_connections.core.search import search_filter, search_ranked
from northern_connections.core.widgets import FastSelectMultiple
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import ValueChain

from .choices import CASE_LANGUAGES, Audience, CaseStage, PublicationKind, Sector, ToolboxKind
from .models import ProcurementCase, Publication, ToolboxItem
from .services.cases import procedure_choices


def cpv_division_q(divisions) -> Q:
    """Cases with a CPV code in one of the divisions (the first two digits, e.g. "09" energy)."""
    through = ProcurementCase.cpv_codes.through.objects
    match = Q()
    for division in divisions:
        match |= Q(cpvcode__code__startswith=division)
    return Q(pk__in=through.filter(match).values("procurementcase_id"))


class SearchRankedMixin:
    """All filters first, then a search puts the result in order of relevance (as the directory does)."""

    then_by: tuple[str, ...] = ("pk",)

    def filter_queryset(self, queryset):
        filtered = super().filter_queryset(queryset)
        query = self.form.cleaned_data.get("q")
        return search_ranked(filtered, query, *self.then_by, unfiltered=queryset) if query else filtered

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value) if value.strip() else queryset


class CaseFilterSet(SearchRankedMixin, RelatedFilterMixin, django_filters.FilterSet):
    """The case library's search and facets: country, procedure, CPV division, sector, value chain, stage, language."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    country = django_filters.MultipleChoiceFilter(label=_("Country"), choices=COUNTRY_CHOICES, distinct=False,
                                                  widget=FastSelectMultiple)
    procedure = django_filters.MultipleChoiceFilter(label=_("Procedure"), choices=[], distinct=False,
                                                    widget=FastSelectMultiple)
    cpv = django_filters.MultipleChoiceFilter(label=_("CPV division"), choices=[], method="filter_cpv",
                                              widget=FastSelectMultiple)
    sector = django_filters.MultipleChoiceFilter(label=_("Sector"), choices=Sector.choices, distinct=False,
                                                 widget=FastSelectMultiple)
    value_chain = django_filters.ModelMultipleChoiceFilter(
        label=_("Value chain"), field_name="value_chains", to_field_name="slug", queryset=ValueChain.objects.all(),
        method="filter_related", widget=FastSelectMultiple)
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), choices=CaseStage.choices, distinct=False,
                                                widget=FastSelectMultiple)
    language = django_filters.MultipleChoiceFilter(label=_("Language"), choices=CASE_LANGUAGES, distinct=False,
                                                   widget=FastSelectMultiple)
    then_by = ("-published_at", "pk")

    class Meta:
        model = ProcurementCase
        fields = []

    def __init__(self, *args, choices: dict | None = None, **kwargs):
        """`choices` gives the procedure and CPV vocabularies when the caller has read them already (facets)."""
        super().__init__(*args, **kwargs)
        from .selectors import cpv_divisions

        choices = choices or {}
        self.filters["procedure"].extra["choices"] = choices.get("procedure") or procedure_choices()
        self.filters["cpv"].extra["choices"] = choices.get("cpv") or cpv_divisions()

    def filter_cpv(self, queryset, name, value):
        return queryset.filter(cpv_division_q(value)) if value else queryset


class ToolboxFilterSet(SearchRankedMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.MultipleChoiceFilter(label=_("Type"), choices=ToolboxKind.choices, distinct=False,
                                               widget=FastSelectMultiple)
    audience = django_filters.ChoiceFilter(label=_("Audience"), choices=Audience.choices, method="filter_audience")
    language = django_filters.MultipleChoiceFilter(label=_("Language"), choices=CASE_LANGUAGES, distinct=False,
                                                   widget=FastSelectMultiple)
    then_by = ("title", "pk")

    class Meta:
        model = ToolboxItem
        fields = []

    def filter_audience(self, queryset, name, value):
        # JSON containment is not on SQLite: match the stored text, as the support map does.
        return queryset.filter(audience__icontains=f'"{value}"') if value else queryset


class PublicationFilterSet(SearchRankedMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.MultipleChoiceFilter(label=_("Type"), choices=PublicationKind.choices, distinct=False,
                                               widget=FastSelectMultiple)
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__slug", method="filter_tag")
    then_by = ("-published_at", "pk")

    class Meta:
        model = Publication
        fields = []

    def filter_tag(self, queryset, name, value):
        through = Publication.tags.through.objects.filter(tag__slug=value.strip())
        return queryset.filter(pk__in=through.values("publication_id")) if value.strip() else queryset
