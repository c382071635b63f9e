"""Forms of partnering."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.directory.models import Organisation, ValueChainStep
from northern_connections.directory.models.organisations import verified_kind_q

from .builder.rules import CATEGORIES
from .choices import CohesionCategory, MemberRole
from .models import Consortium, ConsortiumMember, FundingCall, PartnerRequest

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations by their full name (their str() is the short name)."""

    def label_from_instance(self, obj) -> str:
        return obj.name


class OwnedForm(forms.Form):
    """Which of the user's organisations acts (the owner of a request, the sender, the coordinator)."""

    def organisations(self, user):
        if not (user and user.is_authenticated):
            return Organisation.objects.none()
        return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()


class PartnerRequestForm(forms.ModelForm):
    keywords_text = forms.CharField(label=_("Keywords"), required=False, help_text=_("Separated by commas."))
    countries_text = forms.CharField(label=_("Target countries"), required=False,
                                     help_text=_("Two-letter codes separated by commas; empty: any country."))

    class Meta:
        model = PartnerRequest
        fields = ["kind", "title", "summary", "description", "partner_sought", "partnership_type", "call",
                  "value_chain_steps", "trl", "interest_deadline"]
        widgets = {"interest_deadline": DATE_WIDGET, "value_chain_steps": forms.CheckboxSelectMultiple,
                   "summary": forms.Textarea(attrs={"rows": 3}), "description": forms.Textarea(attrs={"rows": 5}),
                   "partner_sought": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = FundingCall.objects.order_by("topic_identifier")
        if self.instance.pk:
            self.fields["keywords_text"].initial = ", ".join(self.instance.keywords)
            self.fields["countries_text"].initial = ", ".join(self.instance.target_countries)
        if user is not None:
            self.fields["owner"] = OrganisationChoiceField(
                label=_("Organisation"), queryset=OwnedForm().organisations(user))

    def _post_clean(self):
        pass  # the service validates the request

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["keywords"] = _words(data.pop("keywords_text", ""))
        data["target_countries"] = _codes(data.pop("countries_text", ""))
        return data


class InterestForm(forms.Form):
    organisation = OrganisationChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def __init__(self, *args, user=None, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["organisation"].queryset = OwnedForm().organisations(user).exclude(pk=exclude)


class ConsortiumForm(forms.Form):
    coordinator = OrganisationChoiceField(label=_("Coordinator"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["coordinator"].queryset = OwnedForm().organisations(user).filter(verified_kind_q())

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class MemberInviteForm(forms.Form):
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=Organisation.objects.order_by("name"))
    role = forms.ChoiceField(label=_("Role"), choices=[c for c in MemberRole.choices if c[0] != MemberRole.COORDINATOR])
    budget_eur = forms.IntegerField(label=_("Budget (EUR)"), min_value=0, initial=0)
    work_packages_led = forms.CharField(label=_("Work packages led"), max_length=100, required=False)


class MemberForm(forms.ModelForm):
    class Meta:
        model = ConsortiumMember
        fields = ["role", "work_packages_led", "budget_eur"]

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=ConsortiumMember.objects.none(), required=False)
    deadline = forms.DateField(label=pgettext_lazy("task", "Deadline"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, consortium: Consortium | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if consortium is not None:
            self.fields["owner"].queryset = consortium.members.select_related("organisation")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"))


class BuilderForm(forms.Form):
    """What the consortium must cover and how large it may be; the call's own rules are added."""

    steps = forms.ModelMultipleChoiceField(label=_("Value-chain steps to cover"), queryset=ValueChainStep.objects.all(),
                                           widget=forms.CheckboxSelectMultiple, to_field_name="slug")
    categories = forms.MultipleChoiceField(
        label=_("Region categories to include"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c, label) for c, label in CohesionCategory.choices if c in CATEGORIES])
    min_size = forms.IntegerField(label=_("Smallest consortium"), min_value=1, max_value=30, initial=3)
    max_size = forms.IntegerField(label=_("Largest consortium"), min_value=1, max_value=30, initial=8)
    max_per_country = forms.IntegerField(label=_("At most per country"), min_value=1, max_value=30, required=False)

    def clean(self):
        data = super().clean()
        if data.get("min_size") and data.get("max_size") and data["min_size"] > data["max_size"]:
            self.add_error("max_size", _("The largest size must not be below the smallest."))
        return data
