"""Rules of the strategy services and the gate: who keeps strategies, who reads a board's internal papers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.strategy import services
from northern_connections.strategy.models import MeetingDocument, PolicyBrief

from .factories import ActionPointFactory, DecisionFactory, RegionalStrategyFactory, priority

pytestmark = pytest.mark.django_db


def test_a_verified_region_maintains_its_strategy(policy_people):
    seat = policy_people.users["seat"]
    region = NutsRegion.objects.get(code="DK03")
    strategy = services.strategy_create(actor=seat, maintainer=policy_people.region, region=region,
                                        title="Syddanmark S3", period_start=2021, period_end=2027)
    assert strategy.slug == "dk03-2021"
    with pytest.raises(ValidationError):  # one strategy per region and period
        services.strategy_create(actor=seat, maintainer=policy_people.region, region=region, title="Again",
                                 period_start=2021, period_end=2027)
    with pytest.raises(PermissionDenied):
        services.strategy_update(actor=policy_people.outsider, strategy=strategy, title="Taken over")
    services.strategy_update(actor=policy_people.member, strategy=strategy, title="Kept by the secretariat")


def test_an_unverified_organisation_does_not_maintain_strategies(policy_people):
    from northern_connections.accounts.models import Membership

    claimed = OrganisationFactory(kind="regional_authority", verification_status="unverified")
    Membership.objects.create(user=policy_people.outsider, organisation=claimed, role="editor")
    with pytest.raises(PermissionDenied):
        services.strategy_create(actor=policy_people.outsider, maintainer=claimed,
                                 region=NutsRegion.objects.get(code="DK03"), title="Claimed", period_start=2021,
                                 period_end=2027)


def test_priorities_become_the_profile_the_analysis_reads(policy_people):
    strategy = RegionalStrategyFactory(maintainer=policy_people.region)
    services.priority_add(actor=policy_people.users["seat"], strategy=strategy, name="Offshore wind", weight=2)
    priority(strategy, "economic:D", "chain:offshore-wind", name="Wind")
    strategy.refresh_from_db()
    profile = strategy.as_profile()
    assert profile.region == "DK03"
    assert {p.name: (p.domains, p.weight) for p in profile.priorities}["Wind"] == (
        frozenset({"economic:D", "chain:offshore-wind"}), 1.0)


def test_a_barrier_needs_evidence(policy_people):
    strategy = RegionalStrategyFactory(maintainer=policy_people.region)
    with pytest.raises(ValidationError):
        services.barrier_add(actor=policy_people.member, strategy=strategy, kind="language", description="x",
                             evidence=" ")
    services.barrier_add(actor=policy_people.member, strategy=strategy, kind="language",
                         description="Calls only in Danish", evidence="Three of four calls in 2024")


def test_internal_documents_are_for_board_members_only(policy_people):
    meeting = policy_people.meeting
    internal = services.document_add(actor=policy_people.member, meeting=meeting, title="Draft position",
                                     text="Confidential", kind="background")
    public = services.document_add(actor=policy_people.member, meeting=meeting, title="Press note", text="Hi",
                                   internal=False)
    seen = {role: set(MeetingDocument.objects.restrict(policy_people.users.get(role), VIEW)) for role in
            ("anonymous", "outsider", "seat", "chair", "member", "admin")}
    assert seen["anonymous"] == seen["outsider"] == {public}
    assert seen["seat"] == seen["chair"] == seen["member"] == seen["admin"] == {internal, public}
    # a colleague of the seat's organisation reads them too; seats do not run the board
    assert not can(policy_people.users["seat"], CHANGE, meeting)
    assert can(policy_people.users["chair"], CHANGE, meeting)
    with pytest.raises(PermissionDenied):
        services.document_add(actor=policy_people.users["seat"], meeting=meeting, title="x", text="y")


def test_a_document_needs_a_file_or_a_text(policy_people):
    with pytest.raises(ValidationError):
        services.document_add(actor=policy_people.member, meeting=policy_people.meeting, title="Empty")


def test_an_untapped_pair_goes_on_the_agenda_once(policy_people):
    dk, no = NutsRegion.objects.get(code="DK03"), NutsRegion.objects.get(code="NO0A")
    item = services.agenda_item_add_pair(actor=policy_people.users["chair"], meeting=policy_people.meeting,
                                         region_a=no, region_b=dk)
    assert (item.region_a, item.region_b, item.order) == (dk, no, 1)
    assert "Syddanmark" in item.title and "Vestlandet" in item.title
    with pytest.raises(ValidationError):
        services.agenda_item_add_pair(actor=policy_people.member, meeting=policy_people.meeting, region_a=dk,
                                      region_b=no)
    with pytest.raises(PermissionDenied):
        services.agenda_item_add_pair(actor=policy_people.outsider, meeting=policy_people.meeting,
                                      region_a=dk, region_b=NutsRegion.objects.get(code="SE23"))


def test_decisions_are_numbered_and_audited(policy_people):
    from northern_connections.core.audit import history_for

    meeting = policy_people.meeting
    first = services.decision_add(actor=policy_people.member, meeting=meeting, text="Adopt the action plan.")
    second = services.decision_add(actor=policy_people.member, meeting=meeting, text="Meet in Bergen.")
    assert (first.number, second.number) == (f"{meeting.pk}.1", f"{meeting.pk}.2")
    services.decision_update(actor=policy_people.users["chair"], decision=first, text="Adopt the plan, amended.")
    entries = history_for(first, policy_people.admin)
    assert any("amended" in str(change.new) for entry in entries for change in entry.changes)


def test_action_points_move_through_their_life_cycle(policy_people):
    from northern_connections.accounts.models import Membership

    point = ActionPointFactory(decision=DecisionFactory(meeting=policy_people.meeting), owner=policy_people.region)
    seat = policy_people.users["seat"]  # an editor of the owner organisation moves its own action point
    point = services.action_point_transition(actor=seat, action_point=point, to_status="in_progress")
    point = services.action_point_transition(actor=seat, action_point=point, to_status="done")
    with pytest.raises(ValidationError):
        services.action_point_transition(actor=seat, action_point=point, to_status="cancelled")
    assert [t.to_status for t in point.transitions.all()] == ["in_progress", "done"]
    Membership.objects.filter(user=seat).delete()
    with pytest.raises(PermissionDenied):
        services.action_point_transition(actor=seat, action_point=point, to_status="in_progress")


def test_a_brief_is_generated_edited_and_issued(policy_people, frozen):
    frozen(dt.datetime(2030, 2, 1, tzinfo=dt.UTC))
    dk = RegionalStrategyFactory(maintainer=policy_people.region)
    priority(dk, "economic:D", "chain:offshore-wind")
    no = RegionalStrategyFactory(region=NutsRegion.objects.get(code="NO0A"))
    priority(no, "economic:D", "chain:offshore-wind", "chain:hydrogen-ptx")
    services.agenda_item_add_pair(actor=policy_people.member, meeting=policy_people.meeting,
                                  region_a=dk.region, region_b=no.region)
    brief = services.brief_generate(actor=policy_people.member, meeting=policy_people.meeting)
    assert brief.is_draft
    assert "Syddanmark and Vestlandet" in brief.synergies
    assert "Offshore wind" in brief.gaps and "Syddanmark" in brief.scorecard
    assert not PolicyBrief.objects.restrict(policy_people.outsider, VIEW).exists()  # a draft is internal
    brief = services.brief_update(actor=policy_people.users["chair"], brief=brief, summary="Edited summary.")
    brief = services.brief_transition(actor=policy_people.member, brief=brief, to_status="issued")
    assert brief.is_issued and brief.issued_at == dt.datetime(2030, 2, 1, tzinfo=dt.UTC)
    assert PolicyBrief.objects.restrict(None, VIEW).get() == brief  # issued: public
    with pytest.raises(ValidationError):
        services.brief_update(actor=policy_people.member, brief=brief, summary="Too late")


def test_a_brief_without_summary_is_not_issued(policy_people):
    brief = PolicyBrief.objects.create(meeting=policy_people.meeting, title="Empty")
    with pytest.raises(ValidationError):
        services.brief_transition(actor=policy_people.member, brief=brief, to_status="issued")


def test_the_action_plan_is_kept_by_the_coordinators(policy_people):
    goal = services.plan_goal_create(actor=policy_people.member, title="Open calls across borders")
    decision = DecisionFactory(meeting=policy_people.meeting)
    action = services.plan_action_add(actor=policy_people.member, goal=goal, title="Joint call", progress=40,
                                      owner=policy_people.region, deadline=dt.date(2030, 12, 31),
                                      decisions=[decision])
    assert list(decision.plan_actions.all()) == [action]
    with pytest.raises(PermissionDenied):
        services.plan_goal_create(actor=policy_people.users["seat"], title="Not mine")
    with pytest.raises(ValidationError):
        services.plan_action_update(actor=policy_people.member, action=action, progress=120)
