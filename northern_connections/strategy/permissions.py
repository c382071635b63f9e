"""Who may do what with strategies, boards and the action plan (registered with the one gate).

- Strategies, their priorities, measures and barriers are public. The editors of a strategy's
  maintainer change it; adding one needs a verified organisation of a `STRATEGY_KINDS` kind. The
  partnership's *coordinators* (editors of a verified lead partner, support.permissions) keep
  every record, as they do the support map.
- Boards, their members, meetings, agendas and decisions are public: they are political bodies.
  A board is run ("change") by its chair and secretaries and by the coordinators (the secretariat).
- A board's *members* are the people on its seats and the people of its member organisations,
  plus those who run it. Internal documents, action points and draft briefs are theirs alone;
  an issued brief and a document not marked internal are public.
- An action point's owner organisation's editors update its status too.
- The action plan is public; the coordinators keep it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from northern_connections.accounts.selectors import editor_organisation_ids, member_organisation_ids
from northern_connections.core.permissions import (
    CHANGE,
    HISTORY,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)
from northern_connections.directory.models import Organisation
from northern_connections.directory.models.organisations import verified_kind_q
from northern_connections.support.permissions import is_coordinator

from .choices import MANAGING_ROLES, STRATEGY_KINDS, BriefStatus
from .models import (
    ActionPoint,
    ActionPointTransition,
    AgendaItem,
    Barrier,
    Board,
    BoardMeeting,
    BoardMember,
    BriefTransition,
    Decision,
    InternationalisationMeasure,
    MeetingDocument,
    PlanAction,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)


def maintainer_organisations(user) -> QuerySet[Organisation]:
    """Verified organisations of a strategy kind the user edits (all of them for coordinators)."""
    organisations = Organisation.objects.filter(verified_kind_q(STRATEGY_KINDS))
    if is_coordinator(user):
        return organisations
    if not is_signed_in(user):
        return organisations.none()
    return organisations.filter(pk__in=editor_organisation_ids(user))


def managed_board_ids(user):
    """Boards the user runs: every board for coordinators, else those where they sit as chair or secretary."""
    if is_coordinator(user):
        return Board.objects.values("pk")
    if not is_signed_in(user):
        return Board.objects.none().values("pk")
    return BoardMember.objects.filter(person=user, role__in=MANAGING_ROLES).values("board_id")


def member_board_ids(user) -> set[int]:
    """Boards whose internal documents the user reads."""
    if is_coordinator(user):
        return set(Board.objects.values_list("pk", flat=True))
    if not is_signed_in(user):
        return set()
    seats = BoardMember.objects.filter(Q(person=user) | Q(organisation_id__in=member_organisation_ids(user)))
    return set(seats.values_list("board_id", flat=True))


def is_board_member(user, board: Board) -> bool:
    return is_platform_admin(user) or board.pk in member_board_ids(user)


class StrategyPolicy(Policy):
    """Public; the maintainer's editors and the coordinators change it."""

    def member_scope(self, user, action, queryset):
        if is_coordinator(user):
            return queryset
        if action == HISTORY:
            return queryset.none()
        return queryset.filter(maintainer_id__in=editor_organisation_ids(user))

    def can_add(self, user, maintainer=None, **context):
        organisations = maintainer_organisations(user)
        return (organisations.filter(pk=maintainer.pk) if maintainer is not None else organisations).exists()


class BoardPolicy(Policy):
    """Public; run by its chair and secretaries and the coordinators, who also create boards."""

    def member_scope(self, user, action, queryset):
        return queryset.filter(pk__in=managed_board_ids(user))

    def can_add(self, user, **context):
        return is_coordinator(user)


class BoardPartPolicy(Policy):
    """A record of a board (a meeting, a decision): public, changed by whoever runs the board."""

    def __init__(self, board_path: str):
        self.board_path = board_path

    def member_scope(self, user, action, queryset):
        return queryset.filter(**{f"{self.board_path}__in": managed_board_ids(user)})

    def can_add(self, user, board=None, **context):
        if is_coordinator(user):
            return True
        return board is not None and is_signed_in(user) and Board.objects.filter(
            pk=board.pk, pk__in=managed_board_ids(user)).exists()


class MembersOnlyPolicy(BoardPartPolicy):
    """Internal to the board: seen by its members (unless `public` says otherwise), changed by those who run it."""

    public_view = False

    def __init__(self, board_path: str, public: Q | None = None):
        super().__init__(board_path)
        self.public = public

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = Q(**{f"{self.board_path}__in": sorted(member_board_ids(user))})
            if self.public is not None:
                visible |= self.public
            return queryset.filter(visible)
        return super().scope(user, action, queryset)


class ActionPointPolicy(MembersOnlyPolicy):
    """Members see action points; the owner organisation's editors move them along too."""

    def member_scope(self, user, action, queryset):
        mine = queryset.filter(**{f"{self.board_path}__in": managed_board_ids(user)})
        if action == CHANGE:
            return mine | queryset.filter(owner_id__in=editor_organisation_ids(user))
        return mine


class PlanPolicy(Policy):
    """The action plan: public, kept by the coordinators."""

    def member_scope(self, user, action, queryset):
        return queryset if is_coordinator(user) else queryset.none()

    def can_add(self, user, **context):
        return is_coordinator(user)


register(RegionalStrategy, StrategyPolicy())
for part in (StrategyPriority, InternationalisationMeasure, Barrier):
    register(part, PartPolicy("strategy", RegionalStrategy))
register(Board, BoardPolicy())
register(BoardMember, PartPolicy("board", Board))
register(BoardMeeting, BoardPartPolicy("board"))
register(AgendaItem, PartPolicy("meeting", BoardMeeting))
register(Decision, BoardPartPolicy("meeting__board"))
register(MeetingDocument, MembersOnlyPolicy("meeting__board", public=Q(internal=False)))
register(ActionPoint, ActionPointPolicy("decision__meeting__board"))
register(ActionPointTransition, PartPolicy("action_point", ActionPoint))
register(PolicyBrief, MembersOnlyPolicy("meeting__board", public=Q(status=BriefStatus.ISSUED)))
register(BriefTransition, PartPolicy("brief", PolicyBrief))
register(PlanGoal, PlanPolicy())
register(PlanAction, PlanPolicy())
