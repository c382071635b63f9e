"""Reads of project monitoring, restricted to the actor, and the figures fed to money.py.

The money arithmetic itself is in money.py (plain Python); these functions only fetch the rows
in a constant number of queries and hand plain numbers over.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from northern_connections.core import clock
from northern_connections.core.permissions import VIEW

from . import money
from .choices import CostCategory
from .models import (
    BudgetLine,
    Deliverable,
    ExchangeRate,
    ExpenditureItem,
    IndicatorContribution,
    JointReport,
    PartnerReport,
    ProgressEntry,
    Project,
    ProjectPartner,
)

CATEGORIES = list(CostCategory.values)


def flat_rate_rules(project: Project) -> list[money.FlatRateRule]:
    rules = []
    if project.office_flat_rate is not None:
        rules.append(money.FlatRateRule(CostCategory.OFFICE, CostCategory.STAFF, project.office_flat_rate))
    if project.travel_flat_rate is not None:
        rules.append(money.FlatRateRule(CostCategory.TRAVEL, CostCategory.STAFF, project.travel_flat_rate))
    return rules


def project_list(*, actor) -> QuerySet[Project]:
    return Project.objects.restrict(actor, VIEW).select_related("partnership")


def report_list(*, actor) -> QuerySet[PartnerReport]:
    return (PartnerReport.objects.restrict(actor, VIEW)
            .select_related("project_partner__partner__organisation", "project_partner__project", "period")
            .order_by("-period__number", "project_partner__number", "number"))


def report_get(*, actor, pk: int) -> PartnerReport:
    return (PartnerReport.objects.restrict(actor, VIEW)
            .select_related("project_partner__partner__organisation", "project_partner__project", "period",
                            "joint_report")
            .prefetch_related(Prefetch("items", ExpenditureItem.objects.select_related("parked_from__report")
                                       .prefetch_related("carried_to__report")),
                              Prefetch("progress", ProgressEntry.objects.select_related("work_package", "activity")),
                              Prefetch("indicator_contributions",
                                       IndicatorContribution.objects.select_related("indicator")),
                              "deliverables_done", "transitions__by")
            .get(pk=pk))


def _item_figures(row: dict, estimate: dict[str, Decimal]) -> money.Figures | None:
    declared = row["declared_eur"]
    if declared is None:  # not submitted yet: an estimate at this month's rate
        rate = Decimal(1) if row["currency"] == "EUR" else estimate.get(row["currency"])
        if rate is None:
            return None
        declared = money.to_eur(row["amount"], rate)
        return money.Figures(declared, declared, money.ZERO, money.ZERO, declared if row["in_sample"] else money.ZERO)
    return money.Figures(declared, row["eligible_eur"], row["deducted_eur"], row["parked_eur"],
                         declared if row["in_sample"] else money.ZERO)


ITEM_VALUES = ("report_id", "category", "amount", "currency", "declared_eur", "eligible_eur", "deducted_eur",
               "parked_eur", "in_sample")


def overviews_for(reports: list[PartnerReport], project: Project) -> dict[int, money.ControlOverview]:
    """The control overview of each report, from one query of their items."""
    estimate = dict(ExchangeRate.objects.filter(month=clock.now().date().replace(day=1))
                    .values_list("currency", "rate"))
    rows: dict[int, list] = defaultdict(list)
    for row in ExpenditureItem.objects.filter(report__in=[r.pk for r in reports]).values(*ITEM_VALUES):
        figures = _item_figures(row, estimate)
        if figures is not None:
            rows[row["report_id"]].append((row["category"], figures))
    rules = flat_rate_rules(project)
    return {r.pk: money.control_overview(rows[r.pk], categories=CATEGORIES, flat_rates=rules) for r in reports}


def report_overview(report: PartnerReport) -> money.ControlOverview:
    return overviews_for([report], report.project_partner.project)[report.pk]


@dataclass
class JointFigures:
    """Everything the joint report shows: expenditure, budget, progress, deliverables, indicators."""

    reports: list[PartnerReport]
    partners: list[ProjectPartner]
    aggregate: money.Aggregate
    budget: list[money.BudgetLine]
    progress: dict = field(default_factory=dict)
    deliverables: list = field(default_factory=list)
    indicators: list = field(default_factory=list)


def joint_figures(joint: JointReport) -> JointFigures:
    """Aggregate the certified partner reports included in `joint`, with budget monitoring up to its period."""
    project = joint.project
    reports = list(joint.partner_reports.select_related("project_partner__partner__organisation", "period"))
    overviews = overviews_for(reports, project)
    by_partner: dict[str, list] = defaultdict(list)
    for report in reports:
        by_partner[report.project_partner_id].append(overviews[report.pk])
    aggregate = money.aggregate(by_partner)
    partners = list(project.partners.select_related("partner__organisation"))
    return JointFigures(reports=reports, partners=partners, aggregate=aggregate,
                        budget=budget_monitoring(joint), progress=_progress(reports),
                        deliverables=_deliverables(joint), indicators=_indicators(joint))


def budget_monitoring(joint: JointReport) -> list[money.BudgetLine]:
    """Certified spending up to the joint report's period against the budget planned up to it."""
    project, upto = joint.project, joint.period.number
    budget = {(r["project_partner_id"], r["category"]): r["total"] for r in
              BudgetLine.objects.filter(project_partner__project=project, period__number__lte=upto)
              .values("project_partner_id", "category").annotate(total=Sum("amount"))}
    included = PartnerReport.objects.filter(joint_report__project=project, joint_report__period__number__lte=upto)
    spent_reports = list(included.select_related("project_partner"))
    overviews = overviews_for(spent_reports, project)
    spent: dict[tuple, Decimal] = defaultdict(lambda: money.ZERO)
    for report in spent_reports:
        for row in overviews[report.pk].rows:
            if row.figures.eligible:  # a category without budget or spending is no line at all
                spent[(report.project_partner_id, row.category)] += row.figures.eligible
    return money.budget_monitoring(budget, spent, under_threshold=project.under_spending_threshold)


def _progress(reports: list[PartnerReport]) -> dict:
    entries = (ProgressEntry.objects.filter(report__in=[r.pk for r in reports])
               .select_related("work_package", "activity", "report__project_partner__partner__organisation")
               .order_by("work_package__number", "activity__number", "report__project_partner__number"))
    grouped: dict = defaultdict(list)
    for entry in entries:
        grouped[entry.work_package].append(entry)
    return dict(grouped)


def _deliverables(joint: JointReport) -> list[tuple[Deliverable, bool]]:
    """Deliverables due up to the period, and whether a report included in a joint report so far marks them done."""
    upto = joint.period.number
    done = set(PartnerReport.deliverables_done.through.objects.filter(
        partnerreport__joint_report__project=joint.project, partnerreport__joint_report__period__number__lte=upto)
        .values_list("deliverable_id", flat=True))
    due = (Deliverable.objects.filter(activity__work_package__project=joint.project, due_period__number__lte=upto)
           .select_related("activity__work_package", "due_period"))
    return [(d, d.pk in done) for d in due]


def _indicators(joint: JointReport) -> list[tuple]:
    """(indicator, this period, cumulative achieved, share of target) for every indicator of the project."""
    upto = joint.period.number
    contributions = IndicatorContribution.objects.filter(report__joint_report__project=joint.project,
                                                         report__joint_report__period__number__lte=upto)
    cumulative = dict(contributions.values("indicator_id").annotate(total=Sum("value"))
                      .values_list("indicator_id", "total"))
    this_period = dict(contributions.filter(report__joint_report=joint).values("indicator_id")
                       .annotate(total=Sum("value")).values_list("indicator_id", "total"))
    rows = []
    for indicator in joint.project.indicators.all():
        achieved = indicator.baseline + cumulative.get(indicator.pk, 0)
        rows.append((indicator, this_period.get(indicator.pk, money.ZERO), achieved,
                     money.share(achieved, indicator.target)))
    return rows


def joint_list(*, actor) -> QuerySet[JointReport]:
    return JointReport.objects.restrict(actor, VIEW).select_related("project", "period").order_by("-number")


def published_joint_reports() -> QuerySet[JointReport]:
    """Published public summaries: public by definition."""
    return (JointReport.objects.filter(published_at__isnull=False).select_related("project", "period")
            .order_by("-published_at"))
