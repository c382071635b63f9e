"""Filters of the survey list (page and API) and of the results (page, exports, API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.countries import COUNTRY_CHOICES

from .choices import SurveyStatus
from .models import Survey
from .selectors import Filters


class SurveyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title contains"), method="filter_title")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=SurveyStatus.choices, distinct=False)

    class Meta:
        model = Survey
        fields = []

    def filter_title(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip()) if value.strip() else queryset


class ResultFilterForm(forms.Form):
    """Whose answers the results show: by country, organisation kind, NUTS region, free-text tag."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    region = forms.ChoiceField(label=_("NUTS 2 region"), required=False)
    tag = forms.CharField(label=_("Tag of a free-text answer"), required=False, max_length=40)

    def __init__(self, data=None, *, choices: dict, prefix: str | None = None):
        super().__init__(data, prefix=prefix)
        countries = dict(COUNTRY_CHOICES)
        kinds = dict(OrganisationKind.choices)
        self.fields["country"].choices = [("", _("All"))] + [(c, countries.get(c, c)) for c in choices["countries"]]
        self.fields["organisation_kind"].choices = [("", _("All"))] + [(k, kinds.get(k, k)) for k in choices["kinds"]]
        self.fields["region"].choices = [("", _("All"))] + [(code, f"{name} ({code})")
                                                            for code, name in choices["regions"]]

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        labels = {name: dict(self.fields[name].choices).get(data[name]) for name in
                  ("country", "organisation_kind", "region") if data.get(name)}
        if data.get("tag"):
            labels["tag"] = data["tag"].strip().lower()
        return Filters(country=data["country"], organisation_kind=data["organisation_kind"], region=data["region"],
                       tag=data.get("tag", "").strip().lower(), labels=labels)
