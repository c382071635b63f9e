from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from northern_connections.core.text import STEMMER_NAMES
from northern_connections.core.widgets import FastSelect, FastSelectMultiple

from .choices import VerificationStatus
from .models import ContactPerson, NutsRegion, Organisation, VerificationRequest

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

    confirm_unverify = forms.BooleanField(
        label=_("I understand that changing the kind, legal name or country ends the verification"),
        required=False,
        help_text=_("The organisation becomes unverified until a new verification request is approved."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.verification_status != VerificationStatus.VERIFIED:
            del self.fields["confirm_unverify"]  # nothing to lose
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


class VerificationRequestForm(forms.ModelForm):
    """The evidence an organisation's administrator gives; the e-mail domain check is computed, not asked."""

    class Meta:
        model = VerificationRequest
        fields = ["website", "note", "document"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "website": _("The organisation's own website; your e-mail address is compared with its domain."),
            "note": _("Anything that helps the decider, e.g. the page that names you as a contact."),
            "document": _("Optional: e.g. an extract from the business register or a signed letter "
                          "(PDF, DOCX, XLSX, PNG or JPG, at most 10 MB)."),
        }

    def service_fields(self) -> dict:
        return {"website": self.cleaned_data["website"], "note": self.cleaned_data["note"],
                "document": self.cleaned_data.get("document") or None}


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Required when rejecting; the organisation's administrators read it."))

    def service_fields(self) -> dict:
        return {"approve": self.cleaned_data["decision"] == "approve", "reason": self.cleaned_data["reason"]}


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "position", "email", "phone", "gdpr_consent"]
