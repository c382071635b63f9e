"""Forms of the surveys app: the survey, its questions and audience (the builder), the answers, the filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from northern_connections.accounts.selectors import editor_organisation_ids
from northern_connections.core.forms import DATETIME_WIDGET
from northern_connections.core.permissions import is_platform_admin
from northern_connections.core.widgets import FastSelect
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import NutsRegion, Organisation

from . import assessments
from .choices import SURVEY_LANGUAGES, AudienceKind, ConditionOperator, QuestionKind
from .models import Question, Section, Survey

LANGUAGE_WIDGET = forms.CheckboxSelectMultiple


def owner_choices(user):
    organisations = Organisation.objects.order_by("name")
    return organisations if is_platform_admin(user) else organisations.filter(pk__in=editor_organisation_ids(user))


def template_choices():
    return [("", _("No template: start blank"))] + [(t.key, _(t.title)) for t in assessments.TEMPLATES.values()]


class SurveySettingsForm(forms.Form):
    """What a survey promises its respondents, and its texts in one language."""

    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    languages = forms.MultipleChoiceField(label=_("Languages offered"), choices=SURVEY_LANGUAGES,
                                          widget=LANGUAGE_WIDGET, required=False)
    anonymous = forms.BooleanField(label=_("Anonymous responses"), required=False, initial=True, help_text=_(
        "Nobody, you included, can tell who gave an anonymous response; results of fewer than three are hidden."))
    allow_multiple = forms.BooleanField(label=_("Allow more than one response per person"), required=False)
    open_link = forms.BooleanField(label=_("Anyone with the link may answer"), required=False,
                                   help_text=_("Otherwise only the people you invite."))
    closes_at = forms.DateTimeField(label=_("Closes at"), required=False, widget=DATETIME_WIDGET)


class SurveyCreateForm(SurveySettingsForm):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none())
    template = forms.ChoiceField(label=_("Start from a template"), required=False)
    language = forms.ChoiceField(label=_("Main language"), choices=SURVEY_LANGUAGES, initial="en")
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("A template brings its own title."))

    field_order = ["owner", "template", "title", "language", "languages", "introduction", "anonymous",
                   "allow_multiple", "open_link", "closes_at"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(user)
        if self.fields["owner"].queryset.count() == 1:
            self.fields["owner"].initial = self.fields["owner"].queryset.first()
        self.fields["template"].choices = template_choices()

    def clean(self):
        data = super().clean()
        if not data.get("template") and not data.get("title"):
            self.add_error("title", _("Give a title, or start from a template."))
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("template"):
            data.pop("template", None)
        return data


class SurveyForm(SurveySettingsForm):
    """Edit a survey: its texts in `language` (the page's ?language=), its settings."""

    language = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, data=None, files=None, instance: Survey | None = None, language: str = ""):
        language = language or instance.default_language
        initial = {"title": instance.title.get(language, ""), "introduction": instance.introduction.get(language, ""),
                   "language": language, "languages": instance.languages, "anonymous": instance.anonymous,
                   "allow_multiple": instance.allow_multiple, "open_link": instance.open_link,
                   "closes_at": instance.closes_at}
        super().__init__(data, files, initial=initial)
        self.instance = instance
        if not instance.is_editable:
            for name in ("languages", "anonymous", "allow_multiple", "open_link"):
                self.fields[name].disabled = True

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["languages"] = data["languages"] or self.instance.languages
        return data


def _pairs(text: str) -> list[tuple[str, str]]:
    """Choices typed one per line as "value | label" (or just the label)."""
    pairs = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        value, bar, label = line.partition("|")
        pairs.append((value.strip(), label.strip()) if bar else ("", value.strip()))
    return pairs


def _lines(items: list[dict], language: str) -> str:
    return "\n".join(f"{o['value']} | {o.get('label', {}).get(language, '')}" for o in items)


class QuestionForm(forms.ModelForm):
    """A question's texts in one language and its settings; choices typed one per line."""

    language = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help = forms.CharField(label=_("Help text"), required=False)
    options = forms.CharField(label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("One per line: “value | label”, or only the label (the value is made "
                                          "from it). For choice, matrix and ranking questions."))
    rows = forms.CharField(label=_("Matrix rows"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("One per line, like the choices."))
    low_label = forms.CharField(label=_("Label of the scale's low end"), required=False)
    high_label = forms.CharField(label=_("Label of the scale's high end"), required=False)
    condition_question = forms.ChoiceField(label=_("Show only when the answer to"), required=False)
    condition_operator = forms.ChoiceField(label=_("Condition"), choices=[("", "—")] + ConditionOperator.choices,
                                           required=False)
    condition_value = forms.CharField(label=_("this value"), required=False, help_text=_(
        "A choice's value or a number; for “is one of”, values separated by commas."))

    field_order = ["language", "text", "kind", "required", "help", "options", "rows", "section", "key", "scale_min",
                   "scale_max", "low_label", "high_label", "minimum", "maximum", "max_choices",
                   "condition_question", "condition_operator", "condition_value"]

    class Meta:
        model = Question
        fields = ["section", "key", "kind", "required", "scale_min", "scale_max", "minimum", "maximum",
                  "max_choices"]

    def __init__(self, data=None, files=None, instance: Question | None = None, survey: Survey | None = None,
                 language: str = ""):
        survey = survey or instance.survey
        language = language or survey.default_language
        initial = {"language": language}
        if instance is not None:
            initial.update(text=instance.text.get(language, ""), help=instance.help.get(language, ""),
                           options=_lines(instance.options, language), rows=_lines(instance.rows, language),
                           low_label=instance.low_label.get(language, ""),
                           high_label=instance.high_label.get(language, ""))
            condition = instance.condition or {}
            value = condition.get("value")
            initial.update(condition_question=condition.get("question", ""),
                           condition_operator=condition.get("operator", ""),
                           condition_value=", ".join(map(str, value)) if isinstance(value, list) else
                           ("" if value is None else value))
        super().__init__(data, files, instance=instance, initial=initial)
        self.order_fields(self.field_order)
        self.survey = survey
        self.fields["section"].queryset = Section.objects.filter(survey=survey)
        self.fields["section"].label_from_instance = lambda section: section.display_title or _("(untitled)")
        earlier = survey.ordered_questions().exclude(pk=instance.pk if instance else None)
        self.fields["condition_question"].choices = [("", _("(always show)"))] + [
            (q.key, f"{q.key}: {q.display_text[:60]}") for q in earlier]
        for name in ("key", "scale_min", "scale_max"):
            self.fields[name].required = False

    def _post_clean(self):
        pass  # the service checks the question within its survey

    def _condition(self) -> dict | None:
        data = self.cleaned_data
        question, operator = data.get("condition_question"), data.get("condition_operator")
        if not question or not operator:
            return None
        source = self.survey.questions.filter(key=question).first()
        raw = (data.get("condition_value") or "").strip()
        value: object = raw
        if operator == ConditionOperator.ANY_OF:
            value = [v.strip() for v in raw.split(",") if v.strip()]
        elif source is not None and source.kind in (QuestionKind.SCALE, QuestionKind.NUMBER) and raw:
            try:
                value = int(raw) if raw.lstrip("-").isdecimal() else float(raw)
            except ValueError:
                value = raw
        return {"question": question, "operator": operator, "value": value or None}

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("condition_question", "condition_operator", "condition_value"):
            data.pop(name, None)
        data["condition"] = self._condition()
        data["options"] = _pairs(data.get("options", ""))
        data["rows"] = _pairs(data.get("rows", ""))
        for name, default in (("scale_min", 1), ("scale_max", 5)):
            if data.get(name) is None:
                data[name] = default
        return data


class SectionForm(forms.Form):
    language = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Section title"), max_length=200)


class SectionEditForm(SectionForm):
    """A section's title in one language (the page's ?language=)."""

    def __init__(self, data=None, files=None, instance: Section | None = None, language: str = ""):
        language = language or instance.survey.default_language
        super().__init__(data, files, initial={"language": language, "title": instance.title.get(language, "")})
        self.instance = instance

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class AudienceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who"), choices=AudienceKind.choices, widget=forms.RadioSelect,
                             initial=AudienceKind.KIND_IN_REGION)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), required=False,
                                          choices=[("", "—")] + OrganisationKind.choices)
    region = forms.ModelChoiceField(label=_("In the NUTS region or country"), required=False,
                                    queryset=NutsRegion.objects.filter(level__lte=3).order_by("code"),
                                    widget=FastSelect, help_text=_("Empty: every country."))
    cluster = forms.ModelChoiceField(label=_("Members of the cluster"), required=False, widget=FastSelect,
                                     queryset=Organisation.objects.filter(kind=OrganisationKind.CLUSTER)
                                     .order_by("name"))
    organisation = forms.ModelChoiceField(label=_("One organisation"), required=False, widget=FastSelect,
                                          queryset=Organisation.objects.order_by("name"))


class TagForm(forms.Form):
    question = forms.CharField(widget=forms.HiddenInput)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=500,
                           help_text=_("Separated by commas."))

    def service_fields(self) -> dict:
        return {"question": self.cleaned_data["question"],
                "tags": [t for t in self.cleaned_data["tags"].split(",") if t.strip()]}
