"""The analysis fed from the platform: untapped pairs from real activity, scorecard numbers against fixtures."""

import datetime as dt

import pytest

from northern_connections.challenges.tests.factories import ApplicationFactory, ChallengeFactory
from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.events.models import Meeting
from northern_connections.events.tests.factories import EventFactory, ParticipantFactory
from northern_connections.strategy import analysis, scorecard
from northern_connections.support.tests.factories import SupportMeasureFactory

from .factories import RegionalStrategyFactory, priority

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def regions(vocabulary, frozen):
    """Three regions with strategies: Syddanmark and Vestlandet share offshore wind and energy, Västsverige
    shares energy with both; one organisation in each (and a second Danish one)."""
    frozen(NOW)
    codes = {"dk": "DK03", "no": "NO0A", "se": "SE23"}
    found = {}
    for key, code in codes.items():
        region = NutsRegion.objects.get(code=code)
        strategy = RegionalStrategyFactory(region=region, period_start=2021, period_end=2027)
        found[key] = OrganisationFactory(kind="municipality", country=region.country,
                                         nuts_region=NutsRegion.objects.get(code="DK032") if key == "dk" else region)
        found[f"{key}_strategy"] = strategy
    priority(found["dk_strategy"], "economic:D", "chain:offshore-wind", "scientific:05")
    priority(found["no_strategy"], "economic:D", "chain:offshore-wind", "scientific:05")
    priority(found["se_strategy"], "economic:D", "scientific:05", "policy:DIG")
    return found


def pairs(result):
    return [(c.a, c.b) for c in result.untapped]


def test_pairs_without_joint_activity_are_untapped(regions):
    result = analysis.synergies(threshold=0.3)
    assert pairs(result) == [("DK03", "NO0A"), ("DK03", "SE23"), ("NO0A", "SE23")]
    assert result.untapped[0].similarity == pytest.approx(1.0)


def test_an_application_across_borders_taps_a_pair(regions):
    challenge = ChallengeFactory(owner=regions["dk"])
    ApplicationFactory(challenge=challenge, applicant=regions["no"], status="submitted")
    assert pairs(analysis.synergies(threshold=0.3)) == [("DK03", "SE23"), ("NO0A", "SE23")]


def test_a_draft_application_or_an_unpublished_event_is_no_joint_activity(regions):
    ApplicationFactory(challenge=ChallengeFactory(owner=regions["dk"]), applicant=regions["no"], status="draft")
    draft = EventFactory(status="draft")
    ParticipantFactory(event=draft, organisation=regions["dk"])
    ParticipantFactory(event=draft, organisation=regions["se"])
    assert len(analysis.synergies(threshold=0.3).untapped) == 3


def test_taking_part_in_one_event_taps_a_pair(regions):
    event = EventFactory()
    ParticipantFactory(event=event, organisation=regions["dk"])
    ParticipantFactory(event=event, organisation=regions["se"])
    assert pairs(analysis.synergies(threshold=0.3)) == [("DK03", "NO0A"), ("NO0A", "SE23")]


def test_a_consortium_that_applied_taps_a_pair(regions):
    from northern_connections.partnering.models import Consortium, ConsortiumMember
    from northern_connections.partnering.tests.factories import FundingCallFactory

    call = FundingCallFactory()
    for status, members in (("submitted", ("dk", "se")), ("preparation", ("no", "se"))):
        consortium = Consortium.objects.create(call=call, name=status, slug=status, status=status)
        for key in members:
            ConsortiumMember.objects.create(consortium=consortium, organisation=regions[key], status="joined")
    assert pairs(analysis.synergies(threshold=0.3)) == [("DK03", "NO0A"), ("NO0A", "SE23")]


def test_scorecard_numbers_from_the_platform(regions):
    """Syddanmark published two challenges in 2026 (and one in 2025): three applications in 2026, two from
    Norway and Sweden; one cross-border meeting with Vestlandet; one measure of its own open to foreign SMEs,
    one national Danish one, and one local measure that does not count."""
    first = ChallengeFactory(owner=regions["dk"], published_at=NOW - dt.timedelta(days=30))
    second = ChallengeFactory(owner=regions["dk"], published_at=NOW - dt.timedelta(days=10))
    ChallengeFactory(owner=regions["dk"], published_at=NOW - dt.timedelta(days=365))
    ApplicationFactory(challenge=first, applicant=regions["no"], status="submitted", submitted_at=NOW)
    ApplicationFactory(challenge=second, applicant=regions["se"], status="submitted", submitted_at=NOW)
    ApplicationFactory(challenge=second, applicant=OrganisationFactory(country="DK"), status="submitted",
                       submitted_at=NOW)
    event = EventFactory(starts_at=NOW, ends_at=NOW + dt.timedelta(hours=8))
    Meeting.objects.create(event=event, participant_a=ParticipantFactory(event=event, organisation=regions["dk"]),
                           participant_b=ParticipantFactory(event=event, organisation=regions["no"]))
    SupportMeasureFactory(areas=["DK03"], eligibility="any")
    SupportMeasureFactory(areas=["DK"], scope="national", eligibility="any")
    SupportMeasureFactory(areas=["DK03"], eligibility="local")
    cards = analysis.scorecards()
    dk, no = cards["DK03"], cards["NO0A"]
    assert dk.periods == ("2024", "2025", "2026")
    assert dk.row(scorecard.CHALLENGES).values == (0, 1, 2)
    assert dk.value(scorecard.APPLICATIONS, "2026") == 3
    assert dk.value(scorecard.FOREIGN_APPLICATIONS, "2026") == 2
    assert dk.value(scorecard.FOREIGN_SHARE, "2026") == pytest.approx(2 / 3)
    assert dk.value(scorecard.MEETINGS, "2026") == no.value(scorecard.MEETINGS, "2026") == 1
    assert dk.value(scorecard.OPEN_MEASURES, "2026") == 2
    assert cards["SE23"].value(scorecard.OPEN_MEASURES, "2026") == 0
    assert dk.row(scorecard.CHALLENGES).trend == scorecard.UP
