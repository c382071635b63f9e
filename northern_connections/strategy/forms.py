"""Forms of strategies, boards and the action plan: they parse input; the services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.core.forms import DATETIME_WIDGET
from northern_connections.core.widgets import FastSelect, FastSelectMultiple
from northern_connections.directory.choices import S3Dimension
from northern_connections.directory.models import NutsRegion, S3Category
from northern_connections.directory.vocabularies import PARTNER_COUNTRIES

from .models import (
    ActionPoint,
    AgendaItem,
    Barrier,
    Board,
    BoardMeeting,
    BoardMember,
    Decision,
    InternationalisationMeasure,
    MeetingDocument,
    PlanAction,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)
from .permissions import maintainer_organisations

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class ServiceForm(forms.ModelForm):
    """A model form whose cleaned data goes to a service (which validates the model itself)."""

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


def region_field(**kwargs) -> forms.ModelChoiceField:
    regions = NutsRegion.objects.filter(country__in=PARTNER_COUNTRIES, level__lte=2).order_by("code")
    return forms.ModelChoiceField(queryset=regions, widget=FastSelect, **kwargs)


class StrategyForm(ServiceForm):
    class Meta:
        model = RegionalStrategy
        fields = ["title", "period_start", "period_end", "adopting_body", "adopted_on", "language", "document_url",
                  "summary_en"]
        widgets = {"adopted_on": DATE_WIDGET, "summary_en": TEXT}


class StrategyCreateForm(StrategyForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = region_field(label=_("Region"), help_text=_("NUTS 2 region, or the country for a "
                                                                            "national strategy."))
        self.fields["maintainer"] = forms.ModelChoiceField(
            label=_("Maintained by"), queryset=maintainer_organisations(user).order_by("name"))
        self.order_fields(["region", "maintainer"])


def _categories(dimension: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(queryset=S3Category.objects.filter(dimension=dimension), required=False,
                                          label=S3Dimension(dimension).label, widget=FastSelectMultiple)


class PriorityForm(ServiceForm):
    """The Eye@RIS3 categories come as three lists (one per dimension) and are saved as one."""

    economic = _categories(S3Dimension.ECONOMIC)
    scientific = _categories(S3Dimension.SCIENTIFIC)
    policy = _categories(S3Dimension.POLICY)

    class Meta:
        model = StrategyPriority
        fields = ["name", "description", "weight", "value_chains"]
        widgets = {"value_chains": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            chosen = list(self.instance.categories.all())
            for dimension in S3Dimension.values:
                self.fields[dimension].initial = [c.pk for c in chosen if c.dimension == dimension]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["categories"] = [c for dimension in S3Dimension.values for c in data.pop(dimension, [])]
        return data


class MeasureForm(ServiceForm):
    class Meta:
        model = InternationalisationMeasure
        fields = ["kind", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class BarrierForm(ServiceForm):
    class Meta:
        model = Barrier
        fields = ["kind", "description", "evidence", "evidence_url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "evidence": forms.Textarea(attrs={"rows": 2})}


class BoardForm(ServiceForm):
    class Meta:
        model = Board
        fields = ["kind", "name", "description"]
        widgets = {"description": TEXT}


class BoardMemberForm(ServiceForm):
    """A seat; the person is found by the e-mail address of their account (never a list of every user)."""

    person_email = forms.EmailField(label=_("E-mail address of the person's account"), required=False,
                                    help_text=_("Optional: with an account, the person reads the board's "
                                                "internal documents."))

    class Meta:
        model = BoardMember
        fields = ["organisation", "person_name", "role"]
        widgets = {"organisation": FastSelect}

    def clean_person_email(self):
        from northern_connections.accounts.models import User

        email = self.cleaned_data["person_email"].strip()
        if not email:
            return None
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        return person

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["person"] = data.pop("person_email", None)
        return data


class MeetingForm(ServiceForm):
    class Meta:
        model = BoardMeeting
        fields = ["title", "starts_at", "location"]
        widgets = {"starts_at": DATETIME_WIDGET}


class AgendaItemForm(ServiceForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class PairForm(forms.Form):
    """Put a pair of regions (from the synergy analysis) on a meeting's agenda."""

    region_a = forms.SlugField(max_length=8)
    region_b = forms.SlugField(max_length=8)
    description = forms.CharField(required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        found = dict(NutsRegion.objects.filter(code__in=[data.get("region_a"), data.get("region_b")])
                     .values_list("code", "pk"))
        for name in ("region_a", "region_b"):
            if data.get(name) not in found:
                self.add_error(name, _("Unknown region."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"region_a": NutsRegion.objects.get(code=data["region_a"]),
                "region_b": NutsRegion.objects.get(code=data["region_b"]), "description": data["description"]}


class DocumentForm(ServiceForm):
    class Meta:
        model = MeetingDocument
        fields = ["kind", "title", "text", "file", "internal"]
        widgets = {"text": TEXT}


class DecisionForm(ServiceForm):
    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = meeting or getattr(self.instance, "meeting", None)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["number"].required = False

    class Meta:
        model = Decision
        fields = ["number", "agenda_item", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ActionPointForm(ServiceForm):
    class Meta:
        model = ActionPoint
        fields = ["title", "owner", "due_date"]
        widgets = {"owner": FastSelect, "due_date": DATE_WIDGET}


class BriefForm(ServiceForm):
    class Meta:
        model = PolicyBrief
        fields = ["title", *PolicyBrief.SECTIONS]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in PolicyBrief.SECTIONS}


class GoalForm(ServiceForm):
    class Meta:
        model = PlanGoal
        fields = ["order", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class PlanActionForm(ServiceForm):
    class Meta:
        model = PlanAction
        fields = ["title", "owner", "deadline", "progress", "status", "decisions"]
        widgets = {"owner": FastSelect, "deadline": DATE_WIDGET, "decisions": FastSelectMultiple}


class SynergyForm(forms.Form):
    """The synergy page's question: how similar is "untapped", and which domain to rank pairs for."""

    threshold = forms.FloatField(label=_("Untapped from similarity"), min_value=0, max_value=1, required=False,
                                 initial=0.25)
    domain = forms.ChoiceField(label=_("Strongest pairs and group for"), required=False)
    all = forms.BooleanField(label=_("Show every untapped pair"), required=False)

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "—"), *domains]
