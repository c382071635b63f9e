"""Who may do what with Living Labs (registered with the one gate, core/permissions.py).

Candidates are a public catalogue: verified regions, cities and clusters propose them, and the
proposer's editors keep them. A selection round belongs to its coordinator (the editors of a
verified lead partner); its assessors score while it is in assessment ("assess"), and once
decided it is public and frozen. Individual scores stay with their assessor and the coordinator.
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.choices import EDITING_ROLES
from northern_connections.accounts.models import Membership
from northern_connections.accounts.selectors import (
    admin_organisation_ids,
    editor_organisation_ids,
    member_organisation_ids,
)
from northern_connections.core.permissions import (
    CHANGE,
    DELETE,
    HISTORY,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)
from northern_connections.directory.choices import PartnerRole
from northern_connections.directory.models import Partner
from northern_connections.directory.models.organisations import verified_kind_q

from .choices import COMPANY_KINDS, PROPOSER_KINDS, CandidateStatus, RoundStatus
from .models import (
    Assessor,
    Candidate,
    CandidateComment,
    CandidateInterest,
    Criterion,
    Decision,
    Demonstration,
    LabCall,
    RoundTransition,
    Score,
    SelectionRound,
    ShortlistRun,
)

ASSESS = "assess"  # a round: its assessors, while it is in assessment
EXPORT = "export"  # a round: the full record (every assessor's scores) as Excel / PDF


def proposer_editor_ids(user):
    """Organisations whose editors may propose candidates: verified regions, cities and clusters."""
    return Membership.objects.filter(user=user, role__in=EDITING_ROLES).filter(
        verified_kind_q(PROPOSER_KINDS, prefix="organisation__")).values("organisation_id")


def coordinator_editor_ids(user):
    """Organisations whose editors may run selection rounds: verified lead partners of a partnership."""
    leads = Partner.objects.filter(role=PartnerRole.LEAD).values("organisation_id")
    return Membership.objects.filter(user=user, role__in=EDITING_ROLES, organisation_id__in=leads).filter(
        verified_kind_q(prefix="organisation__")).values("organisation_id")


def assessed_round_ids(user):
    return Assessor.objects.filter(user=user).values("round_id")


class CandidatePolicy(Policy):
    """The catalogue is public (withdrawn entries only for their proposer); the proposer's editors keep it."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        if action == VIEW:
            public = ~Q(status=CandidateStatus.WITHDRAWN)
            if not is_signed_in(user):
                return queryset.filter(public)
            return queryset.filter(public | Q(proposed_by_id__in=member_organisation_ids(user)))
        if not is_signed_in(user):
            return queryset.none()
        if action == DELETE:
            return queryset.filter(proposed_by_id__in=admin_organisation_ids(user), status=CandidateStatus.PROPOSED,
                                   rounds__isnull=True)
        # CHANGE and HISTORY: the proposer's editors
        return queryset.filter(proposed_by_id__in=editor_organisation_ids(user))

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        ids = proposer_editor_ids(user)
        return (ids.filter(organisation_id=organisation.pk) if organisation is not None else ids).exists()


class InterestPolicy(Policy):
    """Seen by the company's members and the candidate's proposer; the company's editors withdraw it."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            orgs = member_organisation_ids(user)
            return queryset.filter(Q(organisation_id__in=orgs) | Q(candidate__proposed_by_id__in=orgs))
        return queryset.filter(organisation_id__in=editor_organisation_ids(user))

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editable = Membership.objects.filter(user=user, role__in=EDITING_ROLES, organisation__kind__in=COMPANY_KINDS)
        return (editable.filter(organisation=organisation) if organisation is not None else editable).exists()


class CommentPolicy(Policy):
    """Comments are public with their candidate; their author removes them."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        if action == VIEW:
            return queryset.filter(candidate__in=Candidate.objects.restrict(user, VIEW).values("pk"))
        if not is_signed_in(user):
            return queryset.none()
        return queryset.filter(author=user)

    def can_add(self, user, **context):
        return is_platform_admin(user) or (is_signed_in(user) and Membership.objects.filter(user=user).exists())


class RoundPolicy(Policy):
    """Decided rounds are public; open ones are the coordinator's and the assessors'."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        if action == VIEW:
            decided = Q(status=RoundStatus.DECIDED)
            if not is_signed_in(user):
                return queryset.filter(decided)
            return queryset.filter(decided | Q(coordinator_id__in=member_organisation_ids(user))
                                   | Q(pk__in=assessed_round_ids(user)))
        if not is_signed_in(user):
            return queryset.none()
        return self.member_scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if action == ASSESS:
            return queryset.filter(pk__in=assessed_round_ids(user), status=RoundStatus.ASSESSMENT)
        if action == EXPORT:
            return queryset.filter(Q(coordinator_id__in=member_organisation_ids(user))
                                   | Q(pk__in=assessed_round_ids(user)))
        if action == DELETE:
            return queryset.filter(coordinator_id__in=admin_organisation_ids(user), status=RoundStatus.DRAFT)
        # CHANGE (criteria, assessors, candidates, shortlist, decide) and HISTORY: the coordinator's editors
        return queryset.filter(coordinator_id__in=editor_organisation_ids(user))

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        ids = coordinator_editor_ids(user)
        return (ids.filter(organisation_id=organisation.pk) if organisation is not None else ids).exists()


class ScorePolicy(Policy):
    """An assessor's own scores, and the coordinator's; the assessor changes them while the round is open."""

    public_view = False

    def member_scope(self, user, action, queryset):
        coordinated = SelectionRound.objects.filter(coordinator_id__in=member_organisation_ids(user)).values("pk")
        if action == VIEW:
            return queryset.filter(Q(assessor__user=user) | Q(criterion__round_id__in=coordinated))
        if action == HISTORY:
            return queryset.filter(criterion__round_id__in=coordinated)
        return queryset.filter(assessor__user=user, criterion__round__status=RoundStatus.ASSESSMENT)


class RunPolicy(Policy):
    """Shortlist runs are working material of the coordinator and the assessors (decisions are the record)."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(round__in=SelectionRound.objects.restrict(user, EXPORT).values("pk"))
        return queryset.filter(round__in=SelectionRound.objects.restrict(user, CHANGE).values("pk"))


class DemonstrationPolicy(Policy):
    """Demonstrations are public; the lead company's editors and the lab's proposer keep them."""

    def member_scope(self, user, action, queryset):
        if action == DELETE:
            return queryset.filter(lead_id__in=admin_organisation_ids(user))
        editors = editor_organisation_ids(user)
        return queryset.filter(Q(lead_id__in=editors) | Q(lab__proposed_by_id__in=editors))

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editable = Membership.objects.filter(user=user, role__in=EDITING_ROLES, organisation__kind__in=COMPANY_KINDS)
        return (editable.filter(organisation=organisation) if organisation is not None else editable).exists()


class RoundPartPolicy(PartPolicy):
    """Criteria, assessors, decisions, transitions: seen with the round, changed by its coordinator."""


register(Candidate, CandidatePolicy())
register(CandidateInterest, InterestPolicy())
register(CandidateComment, CommentPolicy())
register(SelectionRound, RoundPolicy())
register(Criterion, RoundPartPolicy("round", SelectionRound))
register(Assessor, RoundPartPolicy("round", SelectionRound))
register(Decision, RoundPartPolicy("round", SelectionRound))
register(RoundTransition, RoundPartPolicy("round", SelectionRound))
register(Score, ScorePolicy())
register(ShortlistRun, RunPolicy())
register(LabCall, PartPolicy("lab", Candidate))
register(Demonstration, DemonstrationPolicy())
