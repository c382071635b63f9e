"""Forms of project monitoring: they parse input; every rule is checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ControlConclusion, CostCategory, ErrorType
from .models import Activity, Deliverable, ExpenditureItem, Indicator, PartnerReport, ReportingPeriod, WorkPackage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """Which period a new (partner or joint) report is for."""

    period = forms.ModelChoiceField(label=_("Reporting period"), queryset=ReportingPeriod.objects.none())

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["period"].queryset = project.periods.all()


class ReportForm(forms.ModelForm):
    class Meta:
        model = PartnerReport
        fields = ["highlights", "problems", "deliverables_done"]
        widgets = {"highlights": forms.Textarea(attrs={"rows": 4}), "problems": forms.Textarea(attrs={"rows": 3}),
                   "deliverables_done": forms.CheckboxSelectMultiple}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Deliverables due up to the report's period (and any already ticked), not the whole work plan.
        due = Deliverable.objects.filter(activity__work_package__project=project,
                                         due_period__number__lte=self.instance.period.number)
        self.fields["deliverables_done"].queryset = (due | Deliverable.objects.filter(
            pk__in=self.instance.deliverables_done.values("pk"))).distinct().select_related("activity__work_package")

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgressForm(forms.Form):
    work_package = forms.ModelChoiceField(label=_("Work package"), queryset=WorkPackage.objects.none())
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=Activity.objects.none(), required=False)
    contribution = forms.CharField(label=_("Contribution"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Evidence"), required=False)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = WorkPackage.objects.filter(project=project)
        self.fields["activity"].queryset = Activity.objects.filter(work_package__project=project).select_related(
            "work_package")


class ContributionForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=12, decimal_places=2)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(project=project)


class ItemForm(forms.ModelForm):
    """An item of expenditure as the partner declares it (the euro amount is fixed at submission)."""

    class Meta:
        model = ExpenditureItem
        fields = ["category", "description", "invoice_number", "invoice_date", "payment_date", "amount", "vat",
                  "currency", "attachment"]
        widgets = {"invoice_date": DATE, "payment_date": DATE}

    def __init__(self, *args, flat_rate_categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [c for c in CostCategory.choices if c[0] not in flat_rate_categories]

    def service_fields(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not fields["attachment"]:
            fields.pop("attachment")
        return fields


class ItemControlForm(forms.Form):
    in_sample = forms.BooleanField(label=_("In the sample"), required=False)
    deducted = forms.DecimalField(label=_("Deducted (EUR)"), min_value=0, max_digits=14, decimal_places=2,
                                  required=False)
    parked = forms.BooleanField(
        label=_("Park the item"), required=False,
        help_text=_("Neither accepted nor deducted now: it moves to the partner's next report."))
    error_type = forms.ChoiceField(label=_("Type of error"), choices=[("", "—"), *ErrorType.choices], required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def service_fields(self):
        data = dict(self.cleaned_data)
        data["deducted"] = data["deducted"] or 0
        return data


class ConclusionForm(forms.Form):
    conclusion = forms.ChoiceField(label=_("Overall conclusion"), choices=ControlConclusion.choices)
    follow_up = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class JointReportForm(forms.Form):
    narrative = forms.CharField(label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    public_summary = forms.CharField(label=_("Public summary"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}),
                                     help_text=_("Published on the platform's website once the report is finalised."))


class PartnerReportChoiceForm(forms.Form):
    report = forms.ModelChoiceField(label=_("Partner report"), queryset=PartnerReport.objects.none())

    def __init__(self, *args, reports=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reports is not None:
            self.fields["report"].queryset = reports


class ExchangeRateForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, help_text=_("ISO 4217, e.g. NOK"))
    month = forms.DateField(label=_("Month"), widget=DATE, help_text=_("Any day of the month."))
    rate = forms.DecimalField(label=_("Units per euro"), max_digits=14, decimal_places=6, min_value=0)
