"""Forms of the knowledge centre; every rule is in the services, the forms only parse."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.accounts.models import User
from northern_connections.core.widgets import FastSelectMultiple
from northern_connections.directory.models import CpvCode, EformsCode

from .choices import INNOVATIVE_ACQUISITION_LIST, Audience
from .models import ProcurementCase, Publication, ToolboxItem
from .permissions import author_organisations, buyer_organisations
from .services.cases import procedure_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JSONListField(forms.CharField):
    """A list of small records typed as JSON (results, links); the model's `clean()` checks their shape."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return []
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            raise forms.ValidationError(_("Not valid JSON.")) from None
        if not isinstance(parsed, list):
            raise forms.ValidationError(_("Give a list: [...]"))
        return parsed


class ServiceForm:
    def _post_clean(self):
        pass  # the service validates (it knows the buyer, the codes, the publisher)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class CaseForm(ServiceForm, forms.ModelForm):
    procedure = forms.ChoiceField(label=_("Procedure"), choices=[])
    results = JSONListField(label=_("Quantified results"), required=False,
                            help_text=_('E.g. [{"indicator": "CO2 saved", "value": 120, "unit": "t/year"}]'))
    links = JSONListField(label=_("Documents and links"), required=False,
                          help_text=_('E.g. [{"title": "Tender documents", "url": "https://..."}]'))

    class Meta:
        model = ProcurementCase
        fields = ["title", "language", "title_en", "summary", "summary_en", "description", "need", "procedure",
                  "innovative_acquisitions", "innovation_goal", "cpv_codes", "sector", "value_chains", "stage",
                  "budget_eur", "contract_value_eur", "preparation_start", "tender_published", "contract_signed",
                  "implementation_start", "implementation_end", "outcome", "results", "lessons", "links",
                  "advisor", "advisor_role", "nuts_region"]
        widgets = {name: DATE_WIDGET for name in ("preparation_start", "tender_published", "contract_signed",
                                                  "implementation_start", "implementation_end")} | {
            "cpv_codes": FastSelectMultiple(attrs={"size": 8}), "innovative_acquisitions": forms.CheckboxSelectMultiple,
            "value_chains": forms.CheckboxSelectMultiple, "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, buyer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = procedure_choices()
        # CPV has ~9,500 codes: divisions, groups and classes are enough to find peers.
        self.fields["cpv_codes"].queryset = CpvCode.objects.filter(code__regex=r"^\d{4}0{4}-").order_by("code")
        self.fields["innovative_acquisitions"].queryset = EformsCode.objects.filter(
            list_name=INNOVATIVE_ACQUISITION_LIST)
        self.fields["innovative_acquisitions"].label_from_instance = lambda e: e.label()
        buyer = buyer or (self.instance.buyer if self.instance.pk else None)
        self.fields["advisor"].queryset = (User.objects.filter(memberships__organisation=buyer).order_by("email")
                                           if buyer else User.objects.none())
        region = self.fields["nuts_region"]
        region.queryset = region.queryset.filter(country=buyer.country, level__in=(2, 3)) if buyer else \
            region.queryset.none()


class CaseCreateForm(CaseForm):
    def __init__(self, *args, user=None, **kwargs):
        buyers = buyer_organisations(user).order_by("name")
        super().__init__(*args, buyer=buyers.first() if buyers.count() == 1 else None, **kwargs)
        self.fields["buyer"] = forms.ModelChoiceField(label=_("Buyer"), queryset=buyers,
                                                      help_text=_("Your verified public authorities."))
        self.order_fields(["buyer"])
        if buyers.count() != 1:
            self.fields["advisor"].queryset = User.objects.filter(memberships__organisation__in=buyers).distinct()
            self.fields["nuts_region"].queryset = self.fields["nuts_region"].queryset.model.objects.filter(
                country__in=buyers.values("country"), level__in=(2, 3))


class ToolboxForm(ServiceForm, forms.ModelForm):
    audience = forms.MultipleChoiceField(label=_("Audience"), choices=Audience.choices,
                                         widget=forms.CheckboxSelectMultiple)
    topics = forms.CharField(label=_("Self-assessment dimensions it helps with"), required=False,
                             help_text=_("Dimension keys separated by commas, e.g. strategy, funding"))

    class Meta:
        model = ToolboxItem
        fields = ["kind", "title", "summary", "body", "language", "audience", "format", "licence", "link",
                  "topics", "authors"]
        widgets = {"authors": FastSelectMultiple(attrs={"size": 6}), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["topics"] = ", ".join(self.instance.topics)
        self.fields["authors"].queryset = self.fields["authors"].queryset.filter(kind="cluster").order_by("name")

    def clean_topics(self):
        return [t.strip() for t in self.cleaned_data["topics"].split(",") if t.strip()]


class ToolboxCreateForm(ToolboxForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_author"] = forms.ModelChoiceField(label=_("Lead author"),
                                                            queryset=author_organisations(user).order_by("name"))
        self.order_fields(["lead_author"])


class PublicationForm(ServiceForm, forms.ModelForm):
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    class Meta:
        model = Publication
        fields = ["kind", "title", "summary", "body", "language", "link", "tags"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_tags(self):
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class PublicationCreateForm(PublicationForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"] = forms.ModelChoiceField(label=_("Publisher"),
                                                          queryset=author_organisations(user).order_by("name"))
        self.order_fields(["publisher"])


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Your question"), max_length=300)
    body = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                           max_length=5000)
    language = forms.ChoiceField(label=_("Language"), choices=ProcurementCase._meta.get_field("language").choices,
                                 initial="en")


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this post?"), max_length=500)


class AssessmentAnswerForm(forms.Form):
    """One radio group per question, grouped by dimension in the template."""

    def __init__(self, *args, dimensions=(), initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_answers = initial_answers or {}
        self.groups = []
        for dimension in dimensions:
            names = []
            for question in dimension.questions.all():
                name = f"q{question.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text, help_text=question.help_text, required=False, coerce=int,
                    choices=list(enumerate(question.options)), widget=forms.RadioSelect,
                    initial=initial_answers.get(str(question.pk)))
                names.append(name)
            self.groups.append((dimension, [self[name] for name in names]))

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value not in (None, "")}


class QuizForm(forms.Form):
    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text, coerce=int, choices=list(enumerate(question.options)), widget=forms.RadioSelect)

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class ShareForm(forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=None)

    def __init__(self, *args, clusters=(), **kwargs):
        super().__init__(*args, **kwargs)
        from northern_connections.directory.models import Organisation

        self.fields["cluster"].queryset = Organisation.objects.filter(pk__in=[c.pk for c in clusters]).order_by("name")
        self.fields["cluster"].label_from_instance = lambda organisation: organisation.name
