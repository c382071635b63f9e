"""The demo project: 22 partners, six work packages, two completed periods, published joint reports."""

from northern_connections.directory.models import Partner
from northern_connections.directory.tests.factories import OrganisationFactory, PartnershipFactory

from .. import demo, money, selectors
from ..choices import ReportStatus
from ..models import ExpenditureItem, JointReport, PartnerReport, Project


def _partnership():
    partnership = PartnershipFactory(slug="northern-connections", name="Northern Connections")
    for number in range(22):
        country = ["DK", "NO", "SE", "NL", "DE", "GB"][number % 6]
        organisation = OrganisationFactory(kind="municipality", country=country, slug=f"demo-partner-{number}")
        Partner.objects.create(partnership=partnership, organisation=organisation,
                               role="lead" if number == 0 else "partner")
    return partnership


def test_the_demo_keeps_the_rules_and_loads_twice(db):
    _partnership()
    first = demo.load(seed=2024)
    second = demo.load(seed=2024)
    assert first["partners"] == 22 and first["work packages"] == 6 and first["reports"] == 66
    assert second["reports"] == 0 and PartnerReport.objects.count() == 66
    project = Project.objects.get(slug="northern-connections")
    assert project.work_packages.count() == 6 and project.indicators.count() == 6
    assert PartnerReport.objects.filter(status=ReportStatus.CERTIFIED).count() == 44
    for item in ExpenditureItem.objects.exclude(declared_eur=None):
        assert item.declared_eur == item.eligible_eur + item.deducted_eur + item.parked_eur
    assert ExpenditureItem.objects.filter(parked_from__isnull=False).exists()
    joints = list(JointReport.objects.order_by("number"))
    assert [j.is_finalised and j.is_published for j in joints] == [True, True]
    for joint in joints:
        figures = selectors.joint_figures(joint)
        parts = selectors.overviews_for(list(joint.partner_reports.all()), project)
        assert len(parts) == 22
        assert figures.aggregate.total == money.sum_figures(o.total for o in parts.values())
