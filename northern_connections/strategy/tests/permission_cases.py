"""Who may use each strategy and policy page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a verified Swedish municipality administered by "member") maintains the
Västsverige strategy and is the lead partner of a partnership (directory's build), so "member" is a
coordinator, who runs every board and reads its internal papers; "outsider" administers a Danish SME
with no seat anywhere. Keys in `world.objects` are prefixed `st_`.
"""

import datetime as dt

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

INTERNAL_TITLE = "Secret board paper QZX"
DRAFT_TITLE = "Draft brief QZW"
POINT_TITLE = "Hidden action point QZV"


def build(world):
    from northern_connections.directory.models import NutsRegion
    from northern_connections.strategy.models import (
        Barrier,
        InternationalisationMeasure,
        MeetingDocument,
        PlanAction,
        PlanGoal,
        PolicyBrief,
    )

    from .factories import (
        ActionPointFactory,
        BoardMeetingFactory,
        BoardMemberFactory,
        DecisionFactory,
        RegionalStrategyFactory,
        priority,
        vocabulary,
    )

    vocabulary()
    o = world.objects
    o["st_strategy"] = RegionalStrategyFactory(region=NutsRegion.objects.get(code="SE23"), slug="st-vastsverige",
                                               maintainer=world.organisation)
    o["st_priority"] = priority(o["st_strategy"], "economic:D", "chain:offshore-wind")
    o["st_measure"] = InternationalisationMeasure.objects.create(strategy=o["st_strategy"], kind="funding",
                                                                 title="Open call")
    o["st_barrier"] = Barrier.objects.create(strategy=o["st_strategy"], kind="language", description="Swedish only",
                                             evidence="Calls 2024")
    other = RegionalStrategyFactory(region=NutsRegion.objects.get(code="DK03"), slug="st-syddanmark")
    priority(other, "economic:D", "chain:offshore-wind")
    o["st_seat"] = BoardMemberFactory(organisation=world.organisation, board__slug="st-board",
                                      board__name="Policy Coordination Group")
    o["st_board"] = o["st_seat"].board
    o["st_meeting"] = BoardMeetingFactory(board=o["st_board"], starts_at=dt.datetime(2031, 5, 1, 9, tzinfo=dt.UTC))
    o["st_agenda"] = o["st_meeting"].agenda.create(order=1, title="Welcome")
    o["st_internal"] = MeetingDocument.objects.create(meeting=o["st_meeting"], title=INTERNAL_TITLE, text="x")
    o["st_public_doc"] = MeetingDocument.objects.create(meeting=o["st_meeting"], title="Press release", text="y",
                                                        internal=False)
    o["st_decision"] = DecisionFactory(meeting=o["st_meeting"], number="1.1")
    o["st_point"] = ActionPointFactory(decision=o["st_decision"], owner=world.organisation, title=POINT_TITLE)
    o["st_draft"] = PolicyBrief.objects.create(meeting=o["st_meeting"], title=DRAFT_TITLE, summary="Summary")
    o["st_issued"] = PolicyBrief.objects.create(meeting=o["st_meeting"], title="Issued brief", summary="Summary",
                                                status="issued", issued_at=dt.datetime(2031, 5, 2, tzinfo=dt.UTC))
    o["st_goal"] = PlanGoal.objects.create(order=1, title="Open calls")
    o["st_action"] = PlanAction.objects.create(goal=o["st_goal"], title="Joint call", owner=world.organisation,
                                               deadline=dt.date(2031, 12, 31))


def url(name, key=None, field="pk"):
    if key is None:
        return lambda w: reverse(name)
    return lambda w: reverse(name, kwargs={field: getattr(w.objects[key], field)})


def slug_url(name, key):
    return url(name, key, "slug")


def region_pk(code):
    from northern_connections.directory.models import NutsRegion

    return NutsRegion.objects.get(code=code).pk


def strategy_data(w):
    return {"title": "Edited strategy", "period_start": "2021", "period_end": "2027", "language": "en"}


def new_strategy(w):
    return {**strategy_data(w), "period_start": "2028", "period_end": "2034", "region": region_pk("SE23"),
            "maintainer": w.organisation.pk}


def priority_data(w):
    from northern_connections.directory.models import S3Category

    return {"name": "Hydrogen", "weight": "2", "economic": [S3Category.objects.get(code="D").pk]}


def plan_action_data(w):
    return {"title": "Another action", "owner": w.organisation.pk, "deadline": "2031-06-30", "progress": "10",
            "status": "planned"}


PRIVATE = [
    Private("an internal board document", url("strategy:meeting_detail", "st_meeting"),
            markers=lambda w: [INTERNAL_TITLE], api_list="api:v1:meetingdocument-list",
            pk=lambda w: w.objects["st_internal"].pk),
    Private("a draft policy brief", url("strategy:meeting_detail", "st_meeting"), markers=lambda w: [DRAFT_TITLE],
            api_list="api:v1:policybrief-list", pk=lambda w: w.objects["st_draft"].pk),
    Private("an action point", url("strategy:decision_detail", "st_decision"), markers=lambda w: [POINT_TITLE],
            api_list="api:v1:actionpoint-list", pk=lambda w: w.objects["st_point"].pk),
]

PUBLIC = expect(200, 200, 200, 200)
EDIT_PAGE = expect(302, 200, 403, 200)
WRITE = expect(302, 302, 403, 302)  # a write on a public record: refused for the outsider (403)
MEMBERS_ONLY = expect(302, 200, 404, 200)
MEMBERS_WRITE = expect(302, 302, 404, 302)  # a write on a members-only record: the outsider does not see it
API_PUBLIC = expect(200, 200, 200, 200)

CASES = [
    # strategies
    PermissionCase("strategy:strategy_list", "get", url("strategy:strategy_list"), PUBLIC),
    PermissionCase("strategy:strategy_detail", "get", slug_url("strategy:strategy_detail", "st_strategy"), PUBLIC),
    PermissionCase("strategy:strategy_add", "get", url("strategy:strategy_add"), EDIT_PAGE),
    PermissionCase("strategy:strategy_add", "post", url("strategy:strategy_add"), WRITE, data=new_strategy),
    PermissionCase("strategy:strategy_edit", "get", slug_url("strategy:strategy_edit", "st_strategy"), EDIT_PAGE),
    PermissionCase("strategy:strategy_edit", "post", slug_url("strategy:strategy_edit", "st_strategy"), WRITE,
                   data=strategy_data),
    PermissionCase("strategy:strategy_delete", "post", slug_url("strategy:strategy_delete", "st_strategy"), WRITE),
    PermissionCase("strategy:priority_add", "post", slug_url("strategy:priority_add", "st_strategy"), WRITE,
                   data=priority_data),
    PermissionCase("strategy:priority_edit", "get", url("strategy:priority_edit", "st_priority"), EDIT_PAGE),
    PermissionCase("strategy:priority_edit", "post", url("strategy:priority_edit", "st_priority"), WRITE,
                   data=priority_data),
    PermissionCase("strategy:priority_delete", "post", url("strategy:priority_delete", "st_priority"), WRITE),
    PermissionCase("strategy:measure_add", "post", slug_url("strategy:measure_add", "st_strategy"), WRITE,
                   data=lambda w: {"kind": "export", "title": "Export desk"}),
    PermissionCase("strategy:measure_delete", "post", url("strategy:measure_delete", "st_measure"), WRITE),
    PermissionCase("strategy:barrier_add", "post", slug_url("strategy:barrier_add", "st_strategy"), WRITE,
                   data=lambda w: {"kind": "awareness", "description": "Unknown", "evidence": "Survey"}),
    PermissionCase("strategy:barrier_delete", "post", url("strategy:barrier_delete", "st_barrier"), WRITE),
    # analysis
    PermissionCase("strategy:synergies", "get",
                   lambda w: reverse("strategy:synergies") + "?threshold=0.2&domain=economic:D", PUBLIC),
    PermissionCase("strategy:scorecard", "get", url("strategy:scorecard"), PUBLIC),
    # boards and meetings
    PermissionCase("strategy:board_list", "get", url("strategy:board_list"), PUBLIC),
    PermissionCase("strategy:board_detail", "get", slug_url("strategy:board_detail", "st_board"), PUBLIC),
    PermissionCase("strategy:board_add", "get", url("strategy:board_add"), EDIT_PAGE),
    PermissionCase("strategy:board_add", "post", url("strategy:board_add"), WRITE,
                   data=lambda w: {"kind": "political_board", "name": "New board"}),
    PermissionCase("strategy:board_edit", "get", slug_url("strategy:board_edit", "st_board"), EDIT_PAGE),
    PermissionCase("strategy:board_edit", "post", slug_url("strategy:board_edit", "st_board"), WRITE,
                   data=lambda w: {"kind": "coordination_group", "name": "Renamed group"}),
    PermissionCase("strategy:member_add", "post", slug_url("strategy:member_add", "st_board"), WRITE,
                   data=lambda w: {"organisation": w.other_organisation.pk, "role": "observer"}),
    PermissionCase("strategy:member_remove", "post", url("strategy:member_remove", "st_seat"), WRITE),
    PermissionCase("strategy:meeting_add", "get", slug_url("strategy:meeting_add", "st_board"), EDIT_PAGE),
    PermissionCase("strategy:meeting_add", "post", slug_url("strategy:meeting_add", "st_board"), WRITE,
                   data=lambda w: {"title": "Autumn meeting", "starts_at": "2031-10-01T10:00"}),
    PermissionCase("strategy:meeting_detail", "get", url("strategy:meeting_detail", "st_meeting"), PUBLIC),
    PermissionCase("strategy:meeting_edit", "get", url("strategy:meeting_edit", "st_meeting"), EDIT_PAGE),
    PermissionCase("strategy:meeting_edit", "post", url("strategy:meeting_edit", "st_meeting"), WRITE,
                   data=lambda w: {"title": "Moved meeting", "starts_at": "2031-05-02T10:00"}),
    PermissionCase("strategy:agenda_add", "post", url("strategy:agenda_add", "st_meeting"), WRITE,
                   data=lambda w: {"title": "Any other business"}),
    PermissionCase("strategy:agenda_pair_add", "post", url("strategy:agenda_pair_add", "st_meeting"), WRITE,
                   data=lambda w: {"region_a": "SE23", "region_b": "DK03"}),
    PermissionCase("strategy:agenda_delete", "post", url("strategy:agenda_delete", "st_agenda"), WRITE),
    PermissionCase("strategy:document_add", "post", url("strategy:document_add", "st_meeting"), WRITE,
                   data=lambda w: {"kind": "minutes", "title": "Minutes", "text": "We met.", "internal": "on"}),
    PermissionCase("strategy:document_detail", "get", url("strategy:document_detail", "st_internal"), MEMBERS_ONLY,
                   label="(internal)"),
    PermissionCase("strategy:document_detail", "get", url("strategy:document_detail", "st_public_doc"), PUBLIC),
    PermissionCase("strategy:document_delete", "post", url("strategy:document_delete", "st_internal"),
                   MEMBERS_WRITE),
    PermissionCase("strategy:decision_add", "post", url("strategy:decision_add", "st_meeting"), WRITE,
                   data=lambda w: {"text": "Agreed."}),
    PermissionCase("strategy:decision_detail", "get", url("strategy:decision_detail", "st_decision"), PUBLIC),
    PermissionCase("strategy:decision_edit", "get", url("strategy:decision_edit", "st_decision"), EDIT_PAGE),
    PermissionCase("strategy:decision_edit", "post", url("strategy:decision_edit", "st_decision"), WRITE,
                   data=lambda w: {"number": "1.1", "text": "Agreed, amended."}),
    PermissionCase("strategy:decision_history", "get", url("strategy:decision_history", "st_decision"), EDIT_PAGE),
    PermissionCase("strategy:action_point_add", "post", url("strategy:action_point_add", "st_decision"), WRITE,
                   data=lambda w: {"title": "Write to the ministry", "owner": w.organisation.pk,
                                   "due_date": "2031-06-01"}),
    PermissionCase("strategy:action_point_transition", "post", url("strategy:action_point_transition", "st_point"),
                   MEMBERS_WRITE, data=lambda w: {"to_status": "in_progress"}),
    # briefs
    PermissionCase("strategy:brief_generate", "post", url("strategy:brief_generate", "st_meeting"), WRITE),
    PermissionCase("strategy:brief_detail", "get", url("strategy:brief_detail", "st_issued"), PUBLIC),
    PermissionCase("strategy:brief_detail", "get", url("strategy:brief_detail", "st_draft"), MEMBERS_ONLY,
                   label="(draft)"),
    PermissionCase("strategy:brief_edit", "get", url("strategy:brief_edit", "st_draft"), MEMBERS_ONLY),
    PermissionCase("strategy:brief_edit", "post", url("strategy:brief_edit", "st_draft"), MEMBERS_WRITE,
                   data=lambda w: {"title": "Edited brief", "summary": "Shorter."}),
    PermissionCase("strategy:brief_transition", "post", url("strategy:brief_transition", "st_draft"),
                   MEMBERS_WRITE, data=lambda w: {"to_status": "issued"}),
    PermissionCase("strategy:brief_pdf", "get", url("strategy:brief_pdf", "st_issued"), PUBLIC),
    # action plan
    PermissionCase("strategy:plan", "get", url("strategy:plan"), PUBLIC),
    PermissionCase("strategy:goal_add", "get", url("strategy:goal_add"), EDIT_PAGE),
    PermissionCase("strategy:goal_add", "post", url("strategy:goal_add"), WRITE,
                   data=lambda w: {"order": "2", "title": "Skills"}),
    PermissionCase("strategy:goal_edit", "get", url("strategy:goal_edit", "st_goal"), EDIT_PAGE),
    PermissionCase("strategy:goal_edit", "post", url("strategy:goal_edit", "st_goal"), WRITE,
                   data=lambda w: {"order": "1", "title": "Open calls everywhere"}),
    PermissionCase("strategy:plan_action_add", "post", url("strategy:plan_action_add", "st_goal"), WRITE,
                   data=plan_action_data),
    PermissionCase("strategy:plan_action_edit", "get", url("strategy:plan_action_edit", "st_action"), EDIT_PAGE),
    PermissionCase("strategy:plan_action_edit", "post", url("strategy:plan_action_edit", "st_action"), WRITE,
                   data=plan_action_data),
    # API
    PermissionCase("api:v1:regionalstrategy-list", "get", url("api:v1:regionalstrategy-list"), API_PUBLIC),
    PermissionCase("api:v1:regionalstrategy-list", "post", url("api:v1:regionalstrategy-list"),
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"region": "SE23", "maintainer": w.organisation.slug, "title": "API strategy",
                                   "period_start": 2028, "period_end": 2034}),
    PermissionCase("api:v1:regionalstrategy-detail", "get", slug_url("api:v1:regionalstrategy-detail",
                                                                     "st_strategy"), API_PUBLIC),
    PermissionCase("api:v1:regionalstrategy-detail", "patch", slug_url("api:v1:regionalstrategy-detail",
                                                                       "st_strategy"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"title": "Patched"}),
    PermissionCase("api:v1:board-list", "get", url("api:v1:board-list"), API_PUBLIC),
    PermissionCase("api:v1:board-detail", "get", slug_url("api:v1:board-detail", "st_board"), API_PUBLIC),
    PermissionCase("api:v1:boardmeeting-list", "get", url("api:v1:boardmeeting-list"), API_PUBLIC),
    PermissionCase("api:v1:boardmeeting-detail", "get", url("api:v1:boardmeeting-detail", "st_meeting"), API_PUBLIC),
    PermissionCase("api:v1:meetingdocument-list", "get", url("api:v1:meetingdocument-list"), API_PUBLIC),
    PermissionCase("api:v1:meetingdocument-detail", "get", url("api:v1:meetingdocument-detail", "st_internal"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:boarddecision-list", "get", url("api:v1:boarddecision-list"), API_PUBLIC),
    PermissionCase("api:v1:boarddecision-detail", "get", url("api:v1:boarddecision-detail", "st_decision"),
                   API_PUBLIC),
    PermissionCase("api:v1:actionpoint-list", "get", url("api:v1:actionpoint-list"), API_PUBLIC),
    PermissionCase("api:v1:actionpoint-detail", "get", url("api:v1:actionpoint-detail", "st_point"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:policybrief-list", "get", url("api:v1:policybrief-list"), API_PUBLIC),
    PermissionCase("api:v1:policybrief-detail", "get", url("api:v1:policybrief-detail", "st_draft"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:policybrief-detail", "patch", url("api:v1:policybrief-detail", "st_draft"),
                   expect(403, 200, 404, 200), json=True, data=lambda w: {"summary": "API edit"}),
    PermissionCase("api:v1:plangoal-list", "get", url("api:v1:plangoal-list"), API_PUBLIC),
    PermissionCase("api:v1:plangoal-detail", "get", url("api:v1:plangoal-detail", "st_goal"), API_PUBLIC),
    PermissionCase("api:v1:strategy-synergies", "get", url("api:v1:strategy-synergies"), API_PUBLIC),
    PermissionCase("api:v1:strategy-scorecard", "get", url("api:v1:strategy-scorecard"), API_PUBLIC),
]
