"""Reads of strategies and boards, restricted to the actor, and the profiles fed to the analysis."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from northern_connections.core import clock
from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, VIEW, can, can_add

from .choices import BoardRole
from .models import (
    ActionPoint,
    Board,
    BoardMeeting,
    Decision,
    MeetingDocument,
    PlanAction,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)
from .permissions import is_board_member
from .workflow import ACTION_POINT_WORKFLOW, BRIEF_WORKFLOW

# Chairs and secretaries first, then members and observers.
ROLE_ORDER = {role: index for index, role in enumerate(BoardRole.values)}
PRIORITY_TAGS = Prefetch("priorities", StrategyPriority.objects.prefetch_related("categories", "value_chains"))


def strategy_list(*, actor) -> QuerySet[RegionalStrategy]:
    return (RegionalStrategy.objects.restrict(actor, VIEW).select_related("region", "maintainer")
            .order_by("region__code", "-period_start"))


def strategy_get(*, actor, slug: str) -> RegionalStrategy | None:
    return (RegionalStrategy.objects.restrict(actor, VIEW).select_related("region", "maintainer")
            .prefetch_related(PRIORITY_TAGS, "measures", "barriers").filter(slug=slug).first())


def strategy_page(*, actor, strategy: RegionalStrategy) -> dict:
    return {"may_change": can(actor, CHANGE, strategy), "may_see_history": may_see_history(actor, strategy)}


def current_strategies(*, year: int | None = None) -> list[RegionalStrategy]:
    """One strategy per region: the latest that started by `year` (this year by default), else the earliest."""
    year = year or clock.now().year
    chosen: dict[int, RegionalStrategy] = {}
    rows = RegionalStrategy.objects.select_related("region").prefetch_related(PRIORITY_TAGS).order_by(
        "region__code", "period_start")
    for strategy in rows:
        current = chosen.get(strategy.region_id)
        if current is None or strategy.period_start <= year:
            chosen[strategy.region_id] = strategy
    return sorted(chosen.values(), key=lambda s: s.region.code)


def strategy_regions() -> list[str]:
    """The NUTS codes of the regions that have a strategy."""
    return sorted(set(RegionalStrategy.objects.values_list("region__code", flat=True)))


# --------------------------------------------------------------------------- boards


def board_list(*, actor) -> QuerySet[Board]:
    return Board.objects.restrict(actor, VIEW).prefetch_related("members__organisation")


def board_get(*, actor, slug: str) -> Board | None:
    return board_list(actor=actor).filter(slug=slug).first()


def board_page(*, actor, board: Board) -> dict:
    meetings = BoardMeeting.objects.restrict(actor, VIEW).filter(board=board).order_by("-starts_at")
    return {"meetings": meetings, "may_change": can(actor, CHANGE, board),
            "may_add_meeting": can_add(actor, BoardMeeting, board=board),
            "is_member": is_board_member(actor, board),
            "members": sorted(board.members.select_related("organisation"),
                              key=lambda m: (ROLE_ORDER.get(m.role, len(ROLE_ORDER)), m.organisation.name))}


def meeting_get(*, actor, pk: int) -> BoardMeeting | None:
    return BoardMeeting.objects.restrict(actor, VIEW).select_related("board").filter(pk=pk).first()


def meeting_page(*, actor, meeting: BoardMeeting) -> dict:
    """The agenda, the documents the actor may read, decisions with their action points, the briefs."""
    documents = MeetingDocument.objects.restrict(actor, VIEW).filter(meeting=meeting)
    points = ActionPoint.objects.restrict(actor, VIEW).select_related("owner")
    decisions = (Decision.objects.restrict(actor, VIEW).filter(meeting=meeting).select_related("agenda_item")
                 .prefetch_related(Prefetch("action_points", points)))
    return {
        "agenda": meeting.agenda.select_related("region_a", "region_b"),
        "documents": documents,
        "hidden_documents": meeting.documents.count() - documents.count(),
        "decisions": decisions,
        "briefs": PolicyBrief.objects.restrict(actor, VIEW).filter(meeting=meeting),
        "may_change": can(actor, CHANGE, meeting),
        "is_member": is_board_member(actor, meeting.board),
    }


def next_meetings(*, actor) -> list[BoardMeeting]:
    """The next meeting of each board the actor runs (where an untapped pair can be put on the agenda)."""
    now = clock.now()
    found = {}
    for meeting in (BoardMeeting.objects.restrict(actor, CHANGE).filter(starts_at__gte=now)
                    .select_related("board").order_by("starts_at", "pk")):
        found.setdefault(meeting.board_id, meeting)
    return list(found.values())


def decision_get(*, actor, pk: int) -> Decision | None:
    return Decision.objects.restrict(actor, VIEW).select_related("meeting__board", "agenda_item").filter(
        pk=pk).first()


def decision_page(*, actor, decision: Decision) -> dict:
    points = ActionPoint.objects.restrict(actor, VIEW).filter(decision=decision).select_related("owner")
    return {
        "action_points": [(p, ACTION_POINT_WORKFLOW.available(p, actor)) for p in points],
        "may_change": can(actor, CHANGE, decision),
        "may_see_history": may_see_history(actor, decision),
        "plan_actions": decision.plan_actions.select_related("goal"),
    }


def brief_get(*, actor, pk: int) -> PolicyBrief | None:
    return PolicyBrief.objects.restrict(actor, VIEW).select_related("meeting__board").filter(pk=pk).first()


def brief_page(*, actor, brief: PolicyBrief) -> dict:
    return {"transitions": BRIEF_WORKFLOW.available(brief, actor), "may_change": can(actor, CHANGE, brief),
            "log": brief.transitions.select_related("by").order_by("-at", "-pk")}


def plan(*, actor) -> list[PlanGoal]:
    actions = PlanAction.objects.restrict(actor, VIEW).select_related("owner").prefetch_related("decisions")
    return list(PlanGoal.objects.restrict(actor, VIEW).prefetch_related(Prefetch("actions", actions)))
