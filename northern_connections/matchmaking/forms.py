"""Forms of matchmaking: they parse input; selectors and services hold the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from northern_connections.core.widgets import FastSelectMultiple
from northern_connections.directory.choices import TRL_CHOICES, OrganisationKind
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import ValueChain

from .choices import CrossBorder, Frequency

TRL_OPTIONS = [("", "—")] + [(str(level), str(label)) for level, label in TRL_CHOICES]


def _trl_field(label):
    return forms.TypedChoiceField(label=label, choices=TRL_OPTIONS, coerce=int, empty_value=None, required=False)


class _QueryFields(forms.Form):
    """The query fields shared by the filter form, the saved search and the API."""

    text = forms.CharField(label=_("Keywords"), required=False, max_length=1000,
                           help_text=_("Empty: the description in your organisation's profile."))
    value_chains = forms.ModelMultipleChoiceField(
        label=_("Value chains"), queryset=ValueChain.objects.all(), to_field_name="slug", required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: those of your profile."))
    trl_min = _trl_field(_("TRL from"))
    trl_max = _trl_field(_("TRL to"))
    countries = forms.MultipleChoiceField(label=_("Countries of the challenge owners"), choices=COUNTRY_CHOICES,
                                          required=False, widget=FastSelectMultiple(attrs={"size": 6}),
                                          help_text=_("None chosen: every country."))
    cross_border = forms.ChoiceField(label=_("Cross-border preference"), choices=CrossBorder.choices,
                                     initial=CrossBorder.PREFER, required=False)

    def clean_cross_border(self):
        return self.cleaned_data.get("cross_border") or CrossBorder.PREFER

    def clean(self):
        data = super().clean()
        if data.get("trl_min") and data.get("trl_max") and data["trl_min"] > data["trl_max"]:
            raise ValidationError({"trl_max": _("The upper TRL must not be below the lower one.")})
        return data

    def query_filters(self) -> dict:
        """Keyword arguments of `selectors.challenges_for_organisation` (call after is_valid)."""
        data = self.cleaned_data
        return {"text": data.get("text") or "", "value_chains": [vc.slug for vc in data.get("value_chains") or []],
                "trl_min": data.get("trl_min"), "trl_max": data.get("trl_max"),
                "countries": data.get("countries") or [], "cross_border": data["cross_border"]}


class ChallengeSearchForm(_QueryFields):
    """Filters of "challenges for my organisation" (GET)."""


class SavedSearchForm(_QueryFields):
    """Save the current search (hidden query fields, visible name and frequency) or edit a saved one."""

    name = forms.CharField(label=_("Name of the search"), max_length=200)
    frequency = forms.ChoiceField(label=_("E-mail digest"), choices=Frequency.choices, initial=Frequency.WEEKLY)
    active = forms.BooleanField(label=_("Send e-mail alerts"), required=False, initial=True)

    field_order = ["name", "text", "value_chains", "trl_min", "trl_max", "countries", "cross_border", "frequency",
                   "active"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "text": data.get("text") or "", "value_chains": list(data["value_chains"]),
                "trl_min": data.get("trl_min"), "trl_max": data.get("trl_max"),
                "countries": data.get("countries") or [], "cross_border": data["cross_border"],
                "frequency": data["frequency"], "active": data.get("active", True)}

    @classmethod
    def initial_for(cls, search) -> dict:
        return {"name": search.name, "text": search.text, "value_chains": list(search.value_chains.all()),
                "trl_min": search.trl_min, "trl_max": search.trl_max, "countries": search.countries,
                "cross_border": search.cross_border, "frequency": search.frequency, "active": search.active}


class FeedForm(forms.Form):
    frequency = forms.ChoiceField(label=_("E-mail digest"), choices=Frequency.choices, initial=Frequency.WEEKLY)


class OrganisationSearchForm(forms.Form):
    """Filters of "organisations for this challenge" (GET); the challenge's eligibility always applies."""

    text = forms.CharField(label=_("Keywords"), required=False, max_length=1000,
                           help_text=_("Empty: the challenge's own text."))
    kinds = forms.MultipleChoiceField(label=_("Kinds of organisation"), choices=OrganisationKind.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None ticked: every kind the challenge accepts."))
    countries = forms.MultipleChoiceField(label=_("Countries"), choices=COUNTRY_CHOICES, required=False,
                                          widget=FastSelectMultiple(attrs={"size": 6}),
                                          help_text=_("None chosen: every eligible country."))
    cross_border = forms.ChoiceField(label=_("Cross-border preference"), choices=CrossBorder.choices,
                                     initial=CrossBorder.NEUTRAL, required=False)

    def query_filters(self) -> dict:
        data = self.cleaned_data
        return {"text": data.get("text") or "", "kinds": data.get("kinds") or [],
                "countries": data.get("countries") or [],
                "cross_border": data.get("cross_border") or CrossBorder.NEUTRAL}
