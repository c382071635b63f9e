from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from northern_connections.core.text import STEMMER_NAMES
from northern_connections.core.widgets import FastSelect, FastSelectMultiple

from .models import ContactPerson, NutsRegion, Organisation

MAX_LOGO_BYTES = 2 * 1024 * 1024


class LanguagesField(forms.CharField):
    """Languages spoken as a comma-separated list of ISO 639-1 codes."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [code.strip().lower() for code in (value or "").split(",") if code.strip()]


class OrganisationForm(forms.ModelForm):
    languages = LanguagesField(label=_("Languages spoken"), required=False,
                               help_text=_("ISO 639-1 codes separated by commas, e.g. da, en, de."))
    description_language = forms.ChoiceField(
        label=_("Language of the description"), required=False,
        choices=[("", _("Detect automatically"))] + [(c, c) for c in STEMMER_NAMES if c not in ("no", "nn")],
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "short_name", "kind", "country", "nuts_region", "city", "address", "postcode", "website",
            "description", "description_language", "staff_headcount", "turnover_eur", "nace_codes",
            "value_chains", "value_chain_steps", "trl", "languages", "logo",
        ]
        widgets = {
            "value_chains": forms.CheckboxSelectMultiple,
            "value_chain_steps": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "country": FastSelect,
            "nuts_region": FastSelect,
            "nace_codes": FastSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Regions follow the chosen country (HTMX reloads the options when the country changes).
        country = self.data.get("country") or self.initial.get("country") or getattr(self.instance, "country", "")
        regions = NutsRegion.objects.filter(level__in=(2, 3)).order_by("code")
        self.fields["nuts_region"].queryset = regions.filter(country=country) if country else regions.none()
        self.fields["country"].widget.attrs.update({
            "hx-get": reverse_lazy("directory:nuts_region_options"), "hx-target": "#id_nuts_region",
            "hx-trigger": "change",
        })
        self.fields["nace_codes"].queryset = self.fields["nace_codes"].queryset.filter(level__gte=2)
        self.fields["nace_codes"].widget.attrs["size"] = 8

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        return logo

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("logo"):
            data.pop("logo", None)
        return data


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "position", "email", "phone", "gdpr_consent"]
