"""Writes of strategies, boards, briefs and the action plan (HackSoft style: one service per write)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import NutsRegion, Organisation

from .choices import STRATEGY_KINDS
from .models import (
    ActionPoint,
    AgendaItem,
    Barrier,
    Board,
    BoardMeeting,
    BoardMember,
    Decision,
    InternationalisationMeasure,
    MeetingDocument,
    PlanAction,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)
from .workflow import ACTION_POINT_WORKFLOW, BRIEF_WORKFLOW

# The record a part belongs to is fixed when it is created: an edit never moves it elsewhere.
PARENTS = frozenset({"strategy", "board", "meeting", "decision", "goal", "maintainer"})


def _fields(model: type[models.Model], *skip: str) -> tuple[str, ...]:
    """The editable concrete fields of a model, less `skip` and what services set themselves."""
    fixed = {"id", "created", "updated", "slug", "is_demo", *skip}
    return tuple(f.name for f in model._meta.concrete_fields if f.name not in fixed and f.editable)


def _m2m(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(f.name for f in model._meta.many_to_many)


def _add(instance: models.Model, fields: dict) -> models.Model:
    model = type(instance)
    for name, value in fields.items():  # relations first: model_update compares with the current values
        if isinstance(model._meta.get_field(name), models.ForeignKey):
            setattr(instance, name, value)
    model_update(instance=instance, data=fields, fields=_fields(model), m2m=_m2m(model))
    return instance


def _edit(actor: User, obj: models.Model, fields: dict) -> models.Model:
    with transaction.atomic():
        obj = locked_for(actor, CHANGE, obj)
        model = type(obj)
        given = {k: v for k, v in fields.items() if (k in _fields(model) or k in _m2m(model)) and k not in PARENTS}
        model_update(instance=obj, data=given, fields=tuple(k for k in given if k in _fields(model)),
                     m2m=tuple(k for k in given if k in _m2m(model)))
    return obj


def _delete(actor: User, obj: models.Model) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, obj).delete()


# --------------------------------------------------------------------------- strategies


def strategy_create(*, actor: User, maintainer: Organisation, region: NutsRegion, **fields) -> RegionalStrategy:
    """A region's strategy for a period, kept by `maintainer` (verified, of a strategy kind, edited by the actor)."""
    with transaction.atomic():
        require_add(actor, RegionalStrategy, maintainer=maintainer)
        if not maintainer.has_verified_kind(STRATEGY_KINDS):
            raise ValidationError({"maintainer": _("“%(name)s” is not verified as a public body, cluster or "
                                                   "knowledge institution.") % {"name": maintainer.name}})
        if RegionalStrategy.objects.filter(region=region, period_start=fields.get("period_start")).exists():
            raise ValidationError({"period_start": _("%(region)s already has a strategy starting that year.")
                                   % {"region": region.name}})
        strategy = RegionalStrategy(maintainer=maintainer, region=region, is_demo=fields.pop("is_demo", False))
        strategy.slug = unique_slug(RegionalStrategy, f"{region.code} {fields.get('period_start', '')}",
                                    reserved=reserved_segments("strategy:strategy_detail"), fallback="strategy")
        return _add(strategy, fields)


def strategy_update(*, actor: User, strategy: RegionalStrategy, **fields) -> RegionalStrategy:
    fields.pop("maintainer", None)
    return _edit(actor, strategy, fields)


def strategy_delete(*, actor: User, strategy: RegionalStrategy) -> None:
    _delete(actor, strategy)


def _strategy_part(actor: User, strategy: RegionalStrategy, model: type[models.Model], fields: dict):
    with transaction.atomic():
        strategy = locked_for(actor, CHANGE, strategy)
        return _add(model(strategy=strategy), fields)


def priority_add(*, actor: User, strategy: RegionalStrategy, **fields) -> StrategyPriority:
    """A priority of the strategy with its Eye@RIS3 categories and value chains."""
    return _strategy_part(actor, strategy, StrategyPriority, fields)


def priority_update(*, actor: User, priority: StrategyPriority, **fields) -> StrategyPriority:
    return _edit(actor, priority, fields)


def priority_delete(*, actor: User, priority: StrategyPriority) -> None:
    _delete(actor, priority)


def measure_add(*, actor: User, strategy: RegionalStrategy, **fields) -> InternationalisationMeasure:
    return _strategy_part(actor, strategy, InternationalisationMeasure, fields)


def measure_delete(*, actor: User, measure: InternationalisationMeasure) -> None:
    _delete(actor, measure)


def barrier_add(*, actor: User, strategy: RegionalStrategy, **fields) -> Barrier:
    """A barrier to internationalisation; the evidence is required (a claim without it is an opinion)."""
    if not str(fields.get("evidence", "")).strip():
        raise ValidationError({"evidence": _("Say what shows the barrier.")})
    return _strategy_part(actor, strategy, Barrier, fields)


def barrier_delete(*, actor: User, barrier: Barrier) -> None:
    _delete(actor, barrier)


# --------------------------------------------------------------------------- boards


def board_create(*, actor: User, **fields) -> Board:
    with transaction.atomic():
        require_add(actor, Board)
        board = Board(slug=unique_slug(Board, fields.get("name", ""), reserved=reserved_segments(
            "strategy:board_detail"), fallback="board"))
        return _add(board, fields)


def board_update(*, actor: User, board: Board, **fields) -> Board:
    return _edit(actor, board, fields)


def board_member_add(*, actor: User, board: Board, **fields) -> BoardMember:
    """A seat: organisation, person (optional) and role."""
    with transaction.atomic():
        board = locked_for(actor, CHANGE, board)
        if BoardMember.objects.filter(board=board, organisation=fields.get("organisation"),
                                      person=fields.get("person")).exists():
            raise ValidationError(_("This organisation and person already have a seat on the board."))
        return _add(BoardMember(board=board), fields)


def board_member_remove(*, actor: User, member: BoardMember) -> None:
    _delete(actor, member)


def meeting_create(*, actor: User, board: Board, **fields) -> BoardMeeting:
    with transaction.atomic():
        require_add(actor, BoardMeeting, board=board)
        return _add(BoardMeeting(board=board), fields)


def meeting_update(*, actor: User, meeting: BoardMeeting, **fields) -> BoardMeeting:
    fields.pop("board", None)
    return _edit(actor, meeting, fields)


def _meeting_part(actor: User, meeting: BoardMeeting, instance: models.Model, fields: dict):
    with transaction.atomic():
        meeting = locked_for(actor, CHANGE, meeting)
        instance.meeting = meeting
        return _add(instance, fields)


def agenda_item_add(*, actor: User, meeting: BoardMeeting, **fields) -> AgendaItem:
    """An agenda item, numbered after the last one unless an order is given."""
    if not fields.get("order"):
        last = AgendaItem.objects.filter(meeting=meeting).aggregate(models.Max("order"))["order__max"] or 0
        fields["order"] = last + 1
    return _meeting_part(actor, meeting, AgendaItem(), fields)


def agenda_item_add_pair(*, actor: User, meeting: BoardMeeting, region_a: NutsRegion, region_b: NutsRegion,
                         description: str = "") -> AgendaItem:
    """An agenda item for a synergy between two regions (from the synergy analysis); once per meeting."""
    a, b = sorted([region_a, region_b], key=lambda r: r.code)
    if a == b:
        raise ValidationError(_("Choose two different regions."))
    if AgendaItem.objects.filter(meeting=meeting, region_a=a, region_b=b).exists():
        raise ValidationError(_("This pair of regions is already on the agenda of “%(meeting)s”.")
                              % {"meeting": meeting.title})
    title = _("Untapped synergy: %(a)s and %(b)s") % {"a": a.name, "b": b.name}
    return agenda_item_add(actor=actor, meeting=meeting, title=title, description=description, region_a=a,
                           region_b=b)


def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    _delete(actor, item)


def document_add(*, actor: User, meeting: BoardMeeting, **fields) -> MeetingDocument:
    if not fields.get("file") and not str(fields.get("text", "")).strip():
        raise ValidationError(_("Upload a file or write the text of the document."))
    return _meeting_part(actor, meeting, MeetingDocument(), fields)


def document_delete(*, actor: User, document: MeetingDocument) -> None:
    _delete(actor, document)


def decision_add(*, actor: User, meeting: BoardMeeting, **fields) -> Decision:
    """A decision of the meeting, numbered "<meeting id>.<n>" unless a number is given (audited)."""
    if fields.get("agenda_item") is not None and fields["agenda_item"].meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})
    if not fields.get("number"):
        fields["number"] = f"{meeting.pk}.{Decision.objects.filter(meeting=meeting).count() + 1}"
    if Decision.objects.filter(meeting=meeting, number=fields["number"]).exists():
        raise ValidationError({"number": _("The meeting already has a decision with this number.")})
    return _meeting_part(actor, meeting, Decision(), fields)


def decision_update(*, actor: User, decision: Decision, **fields) -> Decision:
    fields.pop("meeting", None)
    return _edit(actor, decision, fields)


def action_point_add(*, actor: User, decision: Decision, **fields) -> ActionPoint:
    with transaction.atomic():
        decision = locked_for(actor, CHANGE, decision)
        return _add(ActionPoint(decision=decision), fields)


def action_point_transition(*, actor: User, action_point: ActionPoint, to_status: str, note: str = ""
                            ) -> ActionPoint:
    """Start, finish, reopen or cancel an action point (the moves are in workflow.py)."""
    return transition_apply(workflow=ACTION_POINT_WORKFLOW, actor=actor, obj=action_point, to_status=to_status,
                            comment=note)


# --------------------------------------------------------------------------- policy briefs


def brief_generate(*, actor: User, meeting: BoardMeeting) -> PolicyBrief:
    """A draft brief for the meeting, written from the analysis (synergies, support gaps, scorecard)."""
    from . import briefs

    with transaction.atomic():
        meeting = locked_for(actor, CHANGE, meeting)
        return _add(PolicyBrief(meeting=meeting), briefs.draft(meeting))


def brief_update(*, actor: User, brief: PolicyBrief, **fields) -> PolicyBrief:
    """Edit a draft; an issued brief is a record and stays as it was."""
    with transaction.atomic():
        current = locked_for(actor, CHANGE, brief)
        if not current.is_draft:
            raise ValidationError(_("An issued brief cannot be edited."))
        fields.pop("meeting", None)
        return _edit(actor, current, fields)


def brief_transition(*, actor: User, brief: PolicyBrief, to_status: str, note: str = "") -> PolicyBrief:
    return transition_apply(workflow=BRIEF_WORKFLOW, actor=actor, obj=brief, to_status=to_status, comment=note)


# --------------------------------------------------------------------------- action plan


def plan_goal_create(*, actor: User, **fields) -> PlanGoal:
    with transaction.atomic():
        require_add(actor, PlanGoal)
        return _add(PlanGoal(), fields)


def plan_goal_update(*, actor: User, goal: PlanGoal, **fields) -> PlanGoal:
    return _edit(actor, goal, fields)


def plan_action_add(*, actor: User, goal: PlanGoal, **fields) -> PlanAction:
    with transaction.atomic():
        goal = locked_for(actor, CHANGE, goal)
        return _add(PlanAction(goal=goal), fields)


def plan_action_update(*, actor: User, action: PlanAction, **fields) -> PlanAction:
    fields.pop("goal", None)
    return _edit(actor, action, fields)
