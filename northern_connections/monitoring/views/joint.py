"""Joint report pages: creation, the aggregated report, selection, texts, life cycle, exports, public summary."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core import audit
from northern_connections.core.permissions import can, can_add
from northern_connections.core.views import (
    PDF,
    XLSX,
    GateView,
    ObjectActionView,
    TransitionActionView,
    download,
    submit_form,
)

from .. import charts, documents, selectors, services
from ..forms import JointReportForm, PartnerReportChoiceForm, PeriodForm
from ..models import JointReport, Project
from ..permissions import FULL, LEAD
from ..workflow import JOINT_WORKFLOW


class JointListView(GateView):
    model = JointReport

    def get(self, request):
        if not request.user.is_authenticated:
            self.deny()
        joint_reports = selectors.joint_list(actor=request.user)
        return render(request, "monitoring/joint_list.html", {"joint_reports": joint_reports})


class JointCreateView(GateView):
    model = Project

    def post(self, request, slug):
        project = self.get_object()
        if not can_add(request.user, JointReport, project=project):
            self.deny()
        form = PeriodForm(request.POST, project=project)
        create = partial(services.joint_report_create, actor=request.user, project=project)
        done = submit_form(request, form, create, _("Joint report started with the certified reports of the period."),
                           errors_as_messages=True)
        return redirect(done.result.get_absolute_url() if done else project.get_absolute_url())


class JointDetailView(GateView):
    """The joint report; POST saves the narrative and the public summary."""

    model = JointReport
    action = FULL

    def _context(self, joint, form=None):
        user = self.request.user
        may_lead = joint.is_editable and can(user, LEAD, joint)
        figures = selectors.joint_figures(joint)
        context = documents.joint_context(joint, figures)
        context.update({
            "object": joint, "may_lead": may_lead, "transitions": JOINT_WORKFLOW.available(joint, user),
            "may_publish": joint.is_finalised and not joint.is_published and can(user, LEAD, joint),
            "may_see_history": audit.may_see_history(user, joint),
            "form": form or JointReportForm(initial={"narrative": joint.narrative,
                                                     "public_summary": joint.public_summary}),
            "include_form": PartnerReportChoiceForm(reports=services.available_reports(joint)) if may_lead else None,
            "budget_chart": charts.budget_chart(figures) if figures.budget else None,
        })
        return context

    def get(self, request, pk):
        joint = self.get_object()
        return render(request, "monitoring/joint_detail.html", self._context(joint))

    def post(self, request, pk):
        joint = self.get_object()
        if not can(request.user, LEAD, joint):
            self.deny()
        form = JointReportForm(request.POST)
        if submit_form(request, form, partial(services.joint_report_update, actor=request.user, joint_report=joint),
                       _("Joint report saved.")):
            return redirect(joint.get_absolute_url())
        return render(request, "monitoring/joint_detail.html", self._context(joint, form), status=400)


class JointSelectionView(GateView):
    """Include or exclude one certified partner report."""

    model = JointReport
    action = LEAD
    include = True

    def post(self, request, pk):
        joint = self.get_object()
        reports = services.available_reports(joint) if self.include else joint.partner_reports.all()
        form = PartnerReportChoiceForm(request.POST, reports=reports)
        service = services.joint_report_include if self.include else services.joint_report_exclude
        message = _("Partner report added.") if self.include else _("Partner report taken out.")
        write = partial(service, actor=request.user, joint_report=joint)
        if not submit_form(request, form, write, message, errors_as_messages=True) and form.errors:
            messages.error(request, _("Choose a certified partner report of the period."))
        return redirect(joint.get_absolute_url())


class JointTransitionView(TransitionActionView):
    model = JointReport
    service = services.joint_report_transition
    success_message = _lazy("The joint report's status was changed.")


class JointPublishView(ObjectActionView):
    model = JointReport
    action = LEAD
    service = services.joint_report_publish
    success_message = _lazy("The public summary is published.")


class JointExportView(GateView):
    model = JointReport
    action = FULL
    kind = "pdf"

    def get(self, request, pk):
        joint = self.get_object()
        name = f"joint-report-{joint.project.slug}-{joint.number}"
        if self.kind == "pdf":
            return download(documents.joint_pdf(joint), PDF, f"{name}.pdf")
        return download(documents.joint_xlsx(joint), XLSX, f"{name}.xlsx")


class PublicSummaryView(GateView):
    """The public summary of a published joint report, for everyone."""

    model = JointReport

    def get(self, request, pk):
        joint = get_object_or_404(selectors.published_joint_reports(), pk=pk)
        figures = selectors.joint_figures(joint)
        return render(request, "monitoring/joint_public.html", {
            "object": joint, "total": figures.aggregate.total, "partners": len(figures.aggregate.by_partner),
            "deliverables_done": sum(1 for _d, done in figures.deliverables if done),
            "indicators": figures.indicators})


