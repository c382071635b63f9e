"""Forms of the board: they parse input; every rule is checked by the services."""


from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.core.forms import DATETIME_WIDGET, LocalDateTimeMixin
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import EformsCode, NutsRegion, Organisation

from .choices import CHALLENGE_LANGUAGES, SCORE_MAX
from .models import Application, Challenge

DEADLINE_FIELDS = ("clarification_deadline", "application_deadline")


class CodeListField(forms.CharField):
    """A list of codes typed as a comma-separated string (countries, CPV codes)."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [code.strip().upper() for code in (value or "").split(",") if code.strip()]


class ChallengeForm(LocalDateTimeMixin, forms.ModelForm):
    """Deadlines are typed in the challenge's own time zone, whatever the browser's or server's."""

    local_datetime_fields = DEADLINE_FIELDS
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none())
    eligible_countries = CodeListField(label=_("Eligible countries"), required=False,
                                       help_text=_("ISO codes separated by commas, e.g. DK, NO, SE; empty for all."))
    eligible_kinds = forms.MultipleChoiceField(label=_("Eligible organisation kinds"), required=False,
                                               choices=OrganisationKind.choices, widget=forms.CheckboxSelectMultiple,
                                               help_text=_("None ticked means every kind."))
    procedure_type = forms.ChoiceField(label=_("eForms procedure type"), required=False)

    class Meta:
        model = Challenge
        fields = [
            "owner", "co_owners", "language", "title", "summary", "title_en", "summary_en", "problem",
            "desired_outcome", "constraints", "value_chains", "value_chain_steps", "trl_min", "trl_max",
            "cpv_codes", "nace_codes", "nuts_region", "budget_min", "budget_max", "currency", "route",
            "procedure_type", "eligible_countries", "eligible_kinds", "smes_only", "consortia_allowed",
            "max_consortium_size", "blind_evaluation", "contact_name", "contact_email", "time_zone",
            "clarification_deadline", "application_deadline", "decision_date",
        ]
        widgets = {
            "value_chains": forms.CheckboxSelectMultiple, "value_chain_steps": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}), "summary_en": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 5}), "desired_outcome": forms.Textarea(attrs={"rows": 4}),
            "constraints": forms.Textarea(attrs={"rows": 3}),
            "clarification_deadline": DATETIME_WIDGET, "application_deadline": DATETIME_WIDGET,
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else Organisation.objects.none()
        if self.instance.pk:
            del self.fields["owner"]
        self.fields["co_owners"].queryset = Organisation.objects.filter(
            kind__in=(OrganisationKind.MUNICIPALITY, OrganisationKind.REGIONAL_AUTHORITY, OrganisationKind.CLUSTER)
        ).order_by("name")
        self.fields["nuts_region"].queryset = NutsRegion.objects.filter(level__in=(2, 3)).order_by("code")
        # CPV has ~9,500 codes: the divisions and groups are enough to classify a challenge.
        self.fields["cpv_codes"].queryset = self.fields["cpv_codes"].queryset.filter(code__regex=r"^\d{3}0{5}-")
        self.fields["nace_codes"].queryset = self.fields["nace_codes"].queryset.filter(level__in=(2, 3))
        for name in ("co_owners", "cpv_codes", "nace_codes"):
            self.fields[name].widget.attrs["size"] = 8
            self.fields[name].required = False
        self.fields["procedure_type"].choices = [("", "—")] + [
            (entry.code, entry.label()) for entry in EformsCode.objects.filter(list_name="procurement-procedure-type")]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.TextInput)
    weight = forms.IntegerField(label=_("Weight (%)"), min_value=0, max_value=100, required=False)


CriteriaFormSet = forms.formset_factory(CriterionForm, extra=3, max_num=12)


class TransitionForm(forms.Form):
    to_status = forms.CharField()
    note = forms.CharField(required=False, max_length=500)


def _set_organisations(field: forms.ModelChoiceField, organisations) -> None:
    """Offer the user's organisations; with only one there is nothing to choose, so it is preselected.

    A required select that starts on "---------" blocks the browser's submit without a word, which
    is how most users (one organisation each) met the question and application forms.
    """
    field.queryset = organisations
    first_two = list(organisations[:2])
    if len(first_two) == 1:
        field.empty_label = None
        field.widget.choices = field.choices
        field.initial = first_two[0].pk


class ClarificationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Asking for"), queryset=Organisation.objects.none())
    question = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            _set_organisations(self.fields["organisation"], organisations)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer (published to every applicant)"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=6000)


class StartApplicationForm(forms.Form):
    applicant = forms.ModelChoiceField(label=_("Apply as"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            _set_organisations(self.fields["applicant"], organisations)


class ApplicationForm(forms.ModelForm):
    """Carries the version the user opened, so that a save over someone else's change is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Application
        fields = ["title", "solution_summary", "trl", "trl_evidence", "references", "budget", "currency", "team"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in
                   ("solution_summary", "trl_evidence", "references", "team")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class PartnerInviteForm(forms.Form):
    organisation = forms.SlugField(label=_("Partner organisation"),
                                   help_text=_("The last part of the organisation's address in the directory."))
    role = forms.CharField(label=_("Role in the consortium"), required=False, max_length=300)

    def clean_organisation(self):
        organisation = Organisation.objects.filter(slug=self.cleaned_data["organisation"]).first()
        if organisation is None:
            raise forms.ValidationError(_("No organisation with this address in the directory."))
        return organisation


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPG, at most 10 MB)"))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("E.g. “Technical specification” or “Site plan”; the file name if empty."))
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPG, at most 10 MB)"))


class TranslationForm(forms.Form):
    """A further translation; the original language and English are offered nowhere but on the challenge."""

    language = forms.ChoiceField(label=_("Language"))
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=pgettext_lazy("challenge text", "Summary"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, label) for code, label in CHALLENGE_LANGUAGES
                                           if code not in (challenge.language, "en")]


class JurorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the juror (a registered user)"))
    exception_reason = forms.CharField(
        label=_("Exception to the conflict of interest (reason)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for a person who belongs to an applicant or consortium partner: why they may score "
                    "the competitors anyway. It is recorded with your name and the date."))


class ConflictExceptionForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the exception"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class ScoreForm(forms.Form):
    """One score (0–10) and comment per criterion of the challenge."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} ({criterion.weight} %)", min_value=0, max_value=SCORE_MAX, required=False,
                help_text=criterion.description, initial=existing.value if existing else None)
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}), initial=existing.comment if existing else "")

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
                for c in self.criteria}


class DecisionForm(forms.Form):
    selected = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "1",
                                      choices=[("1", _("Select")), ("0", _("Do not select"))])
    feedback = forms.CharField(label=_("Feedback to the applicant"), widget=forms.Textarea(attrs={"rows": 3}),
                               required=False, max_length=10000)


class RecommendForm(forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Organisation.objects.none())
    organisations = forms.ModelMultipleChoiceField(label=_("Member SMEs"), queryset=Organisation.objects.none(),
                                                   widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, clusters, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["organisations"].queryset = members
