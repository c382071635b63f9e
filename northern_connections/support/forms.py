"""Forms of the support map: the measure, the Excel import, the analysis and the SME navigator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.core.widgets import FastSelect, FastSelectMultiple
from northern_connections.directory.choices import TRL_CHOICES, OrganisationKind
from northern_connections.directory.models import NutsRegion, ValueChain, ValueChainStep
from northern_connections.directory.vocabularies import PARTNER_COUNTRIES

from . import coverage
from .choices import TRL_RANGE, TargetGroup
from .models import SupportMeasure
from .permissions import provider_organisations

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def area_choices():
    """Countries and NUTS 1-3 regions of the partnership's countries, grouped by country."""
    groups: dict[str, list] = {}
    rows = NutsRegion.objects.filter(country__in=PARTNER_COUNTRIES).order_by("country", "code")
    for pk, code, name, level, country in rows.values_list("pk", "code", "name", "level", "country"):
        groups.setdefault(country, []).append((pk, ("— " * level) + f"{name} ({code})"))
    return list(groups.items())


class MeasureForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(label=_("Target groups"), choices=TargetGroup.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple,
                                              help_text=_("None: open to every kind of organisation."))

    class Meta:
        model = SupportMeasure
        fields = ["name", "summary_en", "description", "description_language", "kind", "scope", "areas",
                  "eligibility", "value_chains", "value_chain_steps", "trl_min", "trl_max", "target_groups",
                  "budget_eur", "aid_intensity", "funding_source", "continuous", "deadline", "website"]
        widgets = {"areas": FastSelectMultiple(attrs={"size": 10}), "deadline": DATE_WIDGET,
                   "value_chains": forms.CheckboxSelectMultiple, "value_chain_steps": forms.CheckboxSelectMultiple,
                   "summary_en": forms.Textarea(attrs={"rows": 3}), "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices()

    def _post_clean(self):
        pass  # the service validates the measure (it knows the provider and the areas' scope)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class MeasureCreateForm(MeasureForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"] = forms.ModelChoiceField(
            label=_("Provider"), queryset=provider_organisations(user).order_by("name"),
            help_text=_("Your verified organisations that may publish support measures."))
        self.order_fields(["provider"])


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx) in the template's shape"))


def scope_choices():
    regions = NutsRegion.objects.filter(level__in=(0, 2), country__in=PARTNER_COUNTRIES).order_by("country", "code")
    return [(coverage.ALL, _("The whole area"))] + [
        (code, f"{'— ' if level else ''}{name} ({code})") for code, name, level in
        regions.values_list("code", "name", "level")]


class AnalysisForm(forms.Form):
    """Which matrix to show: a scope (region, country, whole area) and a value chain."""

    scope = forms.ChoiceField(label=_("Region or country"), widget=FastSelect, required=False)
    value_chain = forms.ModelChoiceField(label=_("Value chain"), queryset=ValueChain.objects.all(),
                                         to_field_name="slug", required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scope_choices()


class MapForm(forms.Form):
    value_chain = forms.ModelChoiceField(label=_("Value chain"), queryset=ValueChain.objects.all(),
                                         to_field_name="slug", required=False, widget=FastSelect)
    trl = forms.TypedChoiceField(label=_("TRL"), choices=[c for c in TRL_CHOICES if c[0] in TRL_RANGE], coerce=int,
                                 required=False, widget=FastSelect)
    step = forms.ModelChoiceField(label=_("Value-chain step"), queryset=ValueChainStep.objects.all(),
                                  to_field_name="slug", required=False, empty_label=_("Any step"), widget=FastSelect)


NAVIGATOR_KINDS = [(kind.value, kind.label) for kind in OrganisationKind if kind != OrganisationKind.OTHER]


class NavigatorForm(forms.Form):
    """The SME navigator: where an organisation stands, to find the measures that apply and the way on."""

    value_chain = forms.ModelChoiceField(label=_("Value chain"), queryset=ValueChain.objects.all(),
                                         to_field_name="slug", widget=FastSelect)
    step = forms.ModelChoiceField(label=_("Value-chain step"), queryset=ValueChainStep.objects.all(),
                                  to_field_name="slug", widget=FastSelect)
    trl = forms.TypedChoiceField(label=_("Your current TRL"), choices=TRL_CHOICES, coerce=int, widget=FastSelect)
    region = forms.ChoiceField(label=_("Your region"), widget=FastSelect)
    kind = forms.ChoiceField(label=_("Your kind of organisation"), choices=NAVIGATOR_KINDS,
                             initial=OrganisationKind.SME, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = NutsRegion.objects.filter(level=2, country__in=PARTNER_COUNTRIES).order_by("country", "code")
        self.fields["region"].choices = [(code, f"{name} ({code})") for code, name in
                                         regions.values_list("code", "name")]
