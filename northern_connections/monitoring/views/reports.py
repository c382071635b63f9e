"""A partner report's pages: the list, creation, the report itself with its parts, and their writes."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core import audit
from northern_connections.core.permissions import CHANGE, can, can_add
from northern_connections.core.views import (
    GateView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    TransitionActionView,
    message_error,
    stored_file_download,
    submit_form,
)

from .. import selectors, services
from ..choices import CostCategory
from ..filtersets import PartnerReportFilterSet
from ..forms import ContributionForm, ItemControlForm, ItemForm, PeriodForm, ProgressForm, ReportForm
from ..models import ExpenditureItem, PartnerReport, ProgressEntry, ProjectPartner
from ..permissions import CONTROL, REPORT
from ..services.reports import flat_rate_categories
from ..tables import PartnerReportTable
from ..workflow import REPORT_WORKFLOW


class ReportListView(ObjectListView):
    model = PartnerReport
    filterset_class = PartnerReportFilterSet
    table_class = PartnerReportTable
    template_name = "monitoring/report_list.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            self.deny()
        return super().get(request, *args, **kwargs)

    def get_list_queryset(self):
        return selectors.report_list(actor=self.request.user)


class ReportCreateView(GateView):
    """Start the partner's next report (POST from the project or partner page)."""

    model = ProjectPartner

    def post(self, request, pk):
        partner = self.get_object()
        if not can_add(request.user, PartnerReport, project_partner=partner):
            self.deny()
        form = PeriodForm(request.POST, project=partner.project)
        create = partial(services.report_create, actor=request.user, project_partner=partner)
        done = submit_form(request, form, create, _("Report started."), errors_as_messages=True)
        if done:
            return redirect(done.result.get_absolute_url())
        if not form.is_valid():
            messages.error(request, _("Choose the reporting period."))
        return redirect(partner.get_absolute_url())


def report_context(request, report: PartnerReport, **forms) -> dict:
    """What the report page shows to this user: the parts, the overview and the forms they may use."""
    user = request.user
    project = report.project_partner.project
    may_report = report.is_partner_editable and can(user, REPORT, report)
    may_control = report.is_in_control and can(user, CONTROL, report)
    flat = flat_rate_categories(project)
    items = list(report.items.all())
    for item in items:
        item.control_form = ItemControlForm(initial={
            "in_sample": item.in_sample, "deducted": item.deducted_eur, "parked": item.is_parked,
            "error_type": item.error_type, "comment": item.control_comment}, prefix=f"item{item.pk}") \
            if may_control else None
    return {
        "object": report, "project": project, "overview": selectors.report_overview(report),
        "flat_rates": selectors.flat_rate_rules(project),
        "may_report": may_report, "may_edit_amounts": may_report and report.amounts_editable,
        "may_control": may_control, "may_see_history": audit.may_see_history(user, report),
        "transitions": REPORT_WORKFLOW.available(report, user),
        "report_form": forms.get("report_form") or ReportForm(instance=report, project=project),
        "progress_form": forms.get("progress_form") or ProgressForm(project=project),
        "contribution_form": forms.get("contribution_form") or ContributionForm(project=project),
        "item_form": forms.get("item_form") or ItemForm(flat_rate_categories=flat),
        "items": items, "category_choices": CostCategory.choices,
        "overview_estimated": any(item.declared_eur is None for item in items),
        "conclusion_form": forms.get("conclusion_form"),
    }


class ReportDetailView(GateView):
    """GET shows the report; POST saves its non-financial parts (summary, problems, deliverables done)."""

    model = PartnerReport

    def _report(self, pk):
        return selectors.report_get(actor=self.request.user, pk=self.get_object().pk)

    def get(self, request, pk):
        report = self._report(pk)
        return render(request, "monitoring/report_detail.html", _with_conclusion(report_context(request, report),
                                                                                 report))

    def post(self, request, pk):
        report = self._report(pk)
        if not can(request.user, REPORT, report):
            self.deny()
        form = ReportForm(request.POST, instance=report, project=report.project_partner.project)
        if submit_form(request, form, partial(services.report_update, actor=request.user, report=report),
                       _("Report saved.")):
            return redirect(report.get_absolute_url())
        context = _with_conclusion(report_context(request, report, report_form=form), report)
        return render(request, "monitoring/report_detail.html", context, status=400)


def _with_conclusion(context: dict, report: PartnerReport) -> dict:
    from ..forms import ConclusionForm

    if context["may_control"] and context["conclusion_form"] is None:
        context["conclusion_form"] = ConclusionForm(initial={"conclusion": report.control_conclusion,
                                                             "follow_up": report.control_follow_up})
    return context


class ReportTransitionView(TransitionActionView):
    """A move of the report's life cycle; a reopening's reason comes with it (the service requires it)."""

    model = PartnerReport
    service = services.report_transition
    success_message = _lazy("The report's status was changed.")


class ReportPartView(GateView):
    """A form posted from the report page to add one part; refusals come back as messages."""

    model = PartnerReport
    action = CHANGE
    form_class = None
    service = None
    message = ""

    def post(self, request, pk):
        report = self.get_object()
        project = report.project_partner.project
        form = self.make_form(request, project)
        write = partial(type(self).service, actor=request.user, report=report)
        if not submit_form(request, form, write, str(self.message), errors_as_messages=True) and form.errors:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(report.get_absolute_url())

    def make_form(self, request, project):
        return self.form_class(request.POST, request.FILES, project=project)


class ProgressAddView(ReportPartView):
    form_class, service, message = ProgressForm, services.progress_save, _lazy("Progress saved.")


class ContributionAddView(ReportPartView):
    form_class, service, message = ContributionForm, services.contribution_save, _lazy("Indicator contribution saved.")


class ItemAddView(ReportPartView):
    service, message = services.item_create, _lazy("Expenditure item added.")

    def make_form(self, request, project):
        return ItemForm(request.POST, request.FILES, flat_rate_categories=flat_rate_categories(project))


class ItemEditView(ObjectEditView):
    model = ExpenditureItem
    form_class = ItemForm
    service = services.item_update
    template_name = "monitoring/item_form.html"

    def get_form(self, obj, data=None, files=None):
        return ItemForm(data, files, instance=obj,
                        flat_rate_categories=flat_rate_categories(obj.report.project_partner.project))

    def get_success_url(self, obj):
        return obj.report.get_absolute_url()


class ItemDeleteView(ObjectDeleteView):
    model = ExpenditureItem
    action = CHANGE
    service = services.item_delete

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        try:
            services.item_delete(actor=request.user, item=item)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Expenditure item deleted."))
        return redirect(item.report.get_absolute_url())


class ItemAttachmentView(GateView):
    model = ExpenditureItem

    def get(self, request, pk):
        item = self.get_object()
        if not item.attachment:
            raise Http404
        return stored_file_download(item.attachment, item.description, "application/octet-stream")


class EvidenceDownloadView(GateView):
    """The evidence attached to a progress entry, for those who may read the report."""

    model = ProgressEntry

    def get(self, request, pk):
        entry = self.get_object()
        if not entry.evidence:
            raise Http404
        return stored_file_download(entry.evidence, str(entry.activity or entry.work_package),
                                    "application/octet-stream")


class ReportDeleteView(ObjectDeleteView):
    model = PartnerReport
    service = services.report_delete

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        partner = report.project_partner
        try:
            services.report_delete(actor=request.user, report=report)
        except ValidationError as error:
            message_error(request, error)
            return redirect(report.get_absolute_url())
        messages.success(request, _("Draft report deleted."))
        return redirect(partner.get_absolute_url())
