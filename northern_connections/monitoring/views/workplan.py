"""The public work plan: projects, partners, work packages, deliverables, indicators; budgets for the partnership."""

from __future__ import annotations

from django.shortcuts import render

from northern_connections.core.permissions import VIEW, can_add
from northern_connections.core.views import GateView

from .. import selectors
from ..choices import CostCategory
from ..forms import PeriodForm
from ..models import BudgetLine, JointReport, PartnerReport, Project, ProjectPartner


class ProjectListView(GateView):
    model = Project

    def get(self, request):
        return render(request, "monitoring/project_list.html", {
            "projects": selectors.project_list(actor=request.user),
            "published": selectors.published_joint_reports()[:10]})


class ProjectDetailView(GateView):
    model = Project

    def get(self, request, slug):
        project = self.get_object()
        user = request.user
        partners = list(project.partners.select_related("partner__organisation"))
        budget = BudgetLine.objects.restrict(user, VIEW).filter(project_partner__project=project)
        totals: dict = {}
        for line in budget.values("project_partner_id", "category", "amount"):
            key = (line["project_partner_id"], line["category"])
            totals[key] = totals.get(key, 0) + line["amount"]
        budget_rows = [(p, [totals.get((p.pk, c)) for c in CostCategory.values]) for p in partners] if totals else []
        return render(request, "monitoring/project_detail.html", {
            "object": project, "partners": partners,
            "work_packages": project.work_packages.prefetch_related("activities__deliverables__due_period")
            .select_related("lead__partner__organisation"),
            "indicators": project.indicators.select_related("work_package"),
            "periods": project.periods.all(),
            "categories": CostCategory.choices, "budget_rows": budget_rows,
            "flat_rates": selectors.flat_rate_rules(project),
            # One form per partner the user reports for, and one for the joint report: ids must stay unique.
            "my_partners": [(p, PeriodForm(project=project, auto_id=f"id_pp{p.number}_%s")) for p in partners
                            if can_add(user, PartnerReport, project_partner=p)],
            "joint_period_form": PeriodForm(project=project, auto_id="id_joint_%s"),
            "may_add_joint": can_add(user, JointReport, project=project),
            "joint_reports": JointReport.objects.restrict(user, VIEW).filter(project=project).select_related("period"),
            "reports": selectors.report_list(actor=user).filter(project_partner__project=project)[:50],
        })


class PartnerDetailView(GateView):
    model = ProjectPartner

    def get(self, request, pk):
        partner = self.get_object()
        return render(request, "monitoring/partner_detail.html", {
            "object": partner, "project": partner.project,
            "reports": selectors.report_list(actor=request.user).filter(project_partner=partner),
            "may_add": can_add(request.user, PartnerReport, project_partner=partner),
            "period_form": PeriodForm(project=partner.project)})
