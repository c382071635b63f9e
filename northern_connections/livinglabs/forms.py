"""Forms of Living Labs: they parse input and hand it to one service (`service_fields()`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.accounts.selectors import editor_organisation_ids
from northern_connections.core.permissions import VIEW
from northern_connections.core.widgets import FastSelectMultiple
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain
from northern_connections.directory.models.organisations import verified_kind_q
from northern_connections.directory.vocabularies import PARTNER_COUNTRIES

from .choices import ACTIVE_CANDIDATE_STATUSES, COMPANY_KINDS, PROPOSER_KINDS, SCORE_MAX, Facility
from .models import Candidate, Criterion, Demonstration, LabCall, SelectionRound
from .permissions import coordinator_editor_ids
from .services import CANDIDATE_FIELDS, DEMONSTRATION_FIELDS, ROUND_FIELDS


def _only_choice(field) -> None:
    """One organisation to choose from: it is chosen already."""
    options = list(field.queryset[:2])
    if len(options) == 1:
        field.initial = options[0].pk


def _editable(user):
    """Organisations the user edits (none for an anonymous visitor)."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none().values("pk")
    return editor_organisation_ids(user)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CandidateForm(forms.ModelForm):
    facilities = forms.MultipleChoiceField(label=_("Facilities"), choices=Facility.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    proposed_by = forms.ModelChoiceField(label=_("Proposed by"), queryset=Organisation.objects.none(),
                                         help_text=_("A verified region, city or cluster you edit."))

    class Meta:
        model = Candidate
        fields = ["proposed_by", *CANDIDATE_FIELDS, "hosts", "value_chains"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "access_conditions": forms.Textarea(
            attrs={"rows": 3}), "ready_from": DATE, "hosts": FastSelectMultiple(attrs={"size": 6}),
            "value_chains": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = NutsRegion.objects.filter(level=2, country__in=PARTNER_COUNTRIES).order_by(
            "code")
        self.fields["hosts"].queryset = Organisation.objects.order_by("name")
        self.fields["value_chains"].queryset = ValueChain.objects.order_by("order")
        if self.instance.pk:
            del self.fields["proposed_by"]
        else:
            self.fields["proposed_by"].queryset = Organisation.objects.filter(
                verified_kind_q(PROPOSER_KINDS), pk__in=_editable(user)).order_by("name")
            _only_choice(self.fields["proposed_by"])

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class InterestForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none())
    note = forms.CharField(label=_("What you would bring"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=_editable(user), kind__in=COMPANY_KINDS).order_by("name")
        _only_choice(self.fields["organisation"])


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class RoundForm(forms.ModelForm):
    coordinator = forms.ModelChoiceField(label=_("Coordinator"), queryset=Organisation.objects.none(),
                                         help_text=_("The verified lead partner that runs the selection."))

    class Meta:
        model = SelectionRound
        fields = ["coordinator", *ROUND_FIELDS, "candidates"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "candidates": FastSelectMultiple(
            attrs={"size": 12})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = Candidate.objects.filter(
            status__in=ACTIVE_CANDIDATE_STATUSES).select_related("region").order_by("region__code", "name")
        self.fields["candidates"].label_from_instance = lambda c: f"{c.region.code} · {c.name}"
        self.fields["candidates"].required = False
        if self.instance.pk:
            del self.fields["coordinator"]
            if not self.instance.is_draft:
                del self.fields["candidates"]
        else:
            self.fields["coordinator"].queryset = Organisation.objects.filter(
                pk__in=coordinator_editor_ids(user)).order_by("name")
            _only_choice(self.fields["coordinator"])

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["code", "name", "weight", "direction", "description", "order"]
        widgets = {"description": forms.TextInput()}

    def validate_unique(self):  # the service adds or updates by code
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class AssessorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the assessor"))


class ScoreSheetForm(forms.Form):
    """One field per criterion (0–5 in steps of 0.5; empty = not scored) and a comment each."""

    def __init__(self, *args, criteria=(), scores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion, score in zip(self.criteria, scores, strict=True):
            self.fields[f"value_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name, required=False, min_value=0, max_value=SCORE_MAX, decimal_places=1,
                help_text=criterion.description, initial=score.value if score else None,
                widget=forms.NumberInput(attrs={"step": "0.5"}))
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name}, required=False, max_length=1000,
                initial=score.comment if score else "")

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"values": {c.pk: data.get(f"value_{c.pk}") for c in self.criteria},
                "comments": {c.pk: data.get(f"comment_{c.pk}", "") for c in self.criteria}}


class LabCallForm(forms.ModelForm):
    class Meta:
        model = LabCall
        fields = ["title", "text", "deadline"]
        widgets = {"deadline": DATE, "text": forms.Textarea(attrs={"rows": 4})}

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class DemonstrationForm(forms.ModelForm):
    lead = forms.ModelChoiceField(label=_("Lead company"), queryset=Organisation.objects.none())

    class Meta:
        model = Demonstration
        fields = ["lead", *DEMONSTRATION_FIELDS, "partners"]
        widgets = {"plan": forms.Textarea(attrs={"rows": 4}), "trl_evidence": forms.Textarea(attrs={"rows": 3}),
                   "results": forms.Textarea(attrs={"rows": 3}), "lessons_learned": forms.Textarea(attrs={"rows": 3}),
                   "start_date": DATE, "end_date": DATE, "partners": FastSelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        challenges = self.fields["challenge"].queryset.model.objects.restrict(user, VIEW)  # never someone's draft
        self.fields["challenge"].queryset = challenges.order_by("title_en")
        if self.instance.pk:
            del self.fields["lead"]
        else:
            self.fields["lead"].queryset = Organisation.objects.filter(
                pk__in=_editable(user), kind__in=COMPANY_KINDS).order_by("name")
            _only_choice(self.fields["lead"])

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
