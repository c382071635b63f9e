"""Factories and a small project world for the monitoring tests (and the permission matrix)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from northern_connections.accounts.models import Membership
from northern_connections.core.testing import create_user
from northern_connections.directory.models import Partner
from northern_connections.directory.tests.factories import OrganisationFactory, PartnershipFactory

from ..models import (
    Activity,
    BudgetLine,
    ControllerAssignment,
    Deliverable,
    Indicator,
    Project,
    ProjectPartner,
    ReportingPeriod,
    WorkPackage,
)


@dataclass
class ProjectWorld:
    """A project led by `lead_org` (PP1) with partners PP2 and PP3, a controller for each, two periods."""

    project: Project
    partners: list[ProjectPartner]
    controllers: list[Any]
    editors: list[Any]
    periods: list[ReportingPeriod]
    work_package: WorkPackage
    activity: Activity
    deliverable: Deliverable
    indicator: Indicator
    extra: dict = field(default_factory=dict)


def build_project(*, lead_org=None, lead_editor=None, second_org=None, second_editor=None, prefix="t",
                  office_flat_rate: Decimal | None = Decimal(15)) -> ProjectWorld:
    """`lead_org`/`second_org` with their editors are PP1 and PP2 (made here when not given); PP3 is made here."""
    partnership = PartnershipFactory(slug=f"{prefix}-partnership")
    lead_org = lead_org or OrganisationFactory(kind="regional_authority", slug=f"{prefix}-lead")
    second_org = second_org or OrganisationFactory(kind="municipality", slug=f"{prefix}-second")
    third_org = OrganisationFactory(kind="cluster", slug=f"{prefix}-third", country="NO")
    editors = []
    for org, editor, name in ((lead_org, lead_editor, "lead"), (second_org, second_editor, "second"),
                              (third_org, None, "third")):
        if editor is None:
            editor = create_user(f"{prefix}-{name}-editor@example.org")
            Membership.objects.create(user=editor, organisation=org, role="editor")
        editors.append(editor)
    project = Project.objects.create(partnership=partnership, name=f"Project {prefix}", acronym=prefix.upper(),
                                     slug=f"{prefix}-project", start_date=date(2026, 1, 1),
                                     end_date=date(2028, 12, 31), office_flat_rate=office_flat_rate)
    partners, controllers = [], []
    for number, (org, role) in enumerate(((lead_org, "lead"), (second_org, "partner"), (third_org, "partner")), 1):
        partner = Partner.objects.create(partnership=partnership, organisation=org, role=role)
        partners.append(ProjectPartner.objects.create(project=project, partner=partner, number=number))
        controller = create_user(f"{prefix}-controller{number}@example.org")
        ControllerAssignment.objects.create(project_partner=partners[-1], user=controller)
        controllers.append(controller)
    periods = [ReportingPeriod.objects.create(project=project, number=1, start_date=date(2026, 1, 1),
                                              end_date=date(2026, 6, 30), deadline=date(2026, 9, 30)),
               ReportingPeriod.objects.create(project=project, number=2, start_date=date(2026, 7, 1),
                                              end_date=date(2026, 12, 31), deadline=date(2027, 3, 31))]
    for partner in partners:
        for period in periods:
            BudgetLine.objects.create(project_partner=partner, period=period, category="staff", amount=Decimal(10000))
            BudgetLine.objects.create(project_partner=partner, period=period, category="travel", amount=Decimal(2000))
    wp = WorkPackage.objects.create(project=project, number=1, title="Management", lead=partners[0])
    activity = Activity.objects.create(work_package=wp, number=1, title="Coordination")
    deliverable = Deliverable.objects.create(activity=activity, number=1, title="Kick-off report",
                                             due_period=periods[0])
    indicator = Indicator.objects.create(project=project, kind="output", code="O1", name="Pilots run",
                                         unit="pilots", target=Decimal(10), work_package=wp)
    return ProjectWorld(project=project, partners=partners, controllers=controllers, editors=editors,
                        periods=periods, work_package=wp, activity=activity, deliverable=deliverable,
                        indicator=indicator)
