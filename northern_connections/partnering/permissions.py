"""Who may do what in partnering (registered with the one gate, core/permissions.py).

Funding calls are public; imported ones are changed by platform administrators, entered ones by
their organisation's editors (a verified public body, cluster or EU office: `CALL_PUBLISHER_KINDS`).
Published partner requests are public; the rest is the owner's. An expression of interest is seen
by the sender's and the request owner's members; the owner's editors answer it ("respond"), the
sender withdraws it ("withdraw"). A consortium's workspace — members, tasks, documents, checklist —
is visible to the members of its member organisations only (invited or joined); the coordinator's
editors change it, every member's editors add tasks and documents, and an invited organisation's
editors accept or decline the invitation ("respond").
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.selectors import editor_organisation_ids, member_organisation_ids
from northern_connections.core.permissions import (
    CHANGE,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)
from northern_connections.directory.models import Organisation
from northern_connections.directory.models.organisations import verified_kind_q

from .choices import CALL_PUBLISHER_KINDS, COUNTED_MEMBER_STATUSES, PUBLIC_REQUEST_STATUSES, MemberRole
from .models import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMember,
    ConsortiumTask,
    ExpressionOfInterest,
    FundingCall,
    InterestTransition,
    PartnerRequest,
    PartnerRequestTransition,
)

RESPOND = "respond"  # answer an expression of interest; accept or decline an invitation to a consortium
WITHDRAW = "withdraw"  # the sender takes an expression of interest back
EXPRESS = "express"  # send an expression of interest to a published request


def call_publishers(user):
    """Verified organisations of a publishing kind that the user edits."""
    publishers = Organisation.objects.filter(verified_kind_q(CALL_PUBLISHER_KINDS))
    if is_platform_admin(user):
        return publishers
    if not is_signed_in(user):
        return publishers.none()
    return publishers.filter(pk__in=editor_organisation_ids(user))


class FundingCallPolicy(Policy):
    """Public; imported calls are the administrators', entered calls their publisher's editors'."""

    def member_scope(self, user, action, queryset):
        return queryset.filter(published_by_id__in=editor_organisation_ids(user))

    def can_add(self, user, published_by=None, **context):
        publishers = call_publishers(user)
        return (publishers.filter(pk=published_by.pk) if published_by is not None else publishers).exists()


class PartnerRequestPolicy(Policy):
    """Published requests are public; the owner's members see the rest, its editors change them."""

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = Q(status__in=PUBLIC_REQUEST_STATUSES)
            if is_signed_in(user):
                visible |= Q(owner_id__in=member_organisation_ids(user))
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if action == EXPRESS:
            return queryset.filter(status__in=PUBLIC_REQUEST_STATUSES).exclude(
                owner_id__in=member_organisation_ids(user))
        return queryset.filter(owner_id__in=editor_organisation_ids(user))

    def can_add(self, user, owner=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editors = editor_organisation_ids(user)
        return owner is None or Organisation.objects.filter(pk=owner.pk, pk__in=editors).exists()


class InterestPolicy(Policy):
    """The sender's and the owner's members see it; the owner responds, the sender withdraws."""

    public_view = False

    def member_scope(self, user, action, queryset):
        mine = Q(organisation_id__in=member_organisation_ids(user))
        owners = Q(request__owner_id__in=editor_organisation_ids(user))
        if action == VIEW:
            return queryset.filter(mine | Q(request__owner_id__in=member_organisation_ids(user)))
        if action == RESPOND:
            return queryset.filter(owners)
        if action == WITHDRAW:
            return queryset.filter(mine)
        if action == CHANGE:  # the state machine locks the row for either side; each move names its side
            return queryset.filter(mine | owners)
        return queryset.none()

    def can_add(self, user, request=None, organisation=None, **context):
        if not is_signed_in(user) or request is None:
            return False
        sender_ok = organisation is None or Organisation.objects.filter(
            pk=organisation.pk, pk__in=member_organisation_ids(user)).exists()
        return sender_ok and PartnerRequest.objects.restrict(user, EXPRESS).filter(pk=request.pk).exists()


def consortium_ids_of(user):
    """Consortia in which one of the user's organisations is a member (invited or joined)."""
    return ConsortiumMember.objects.filter(organisation_id__in=member_organisation_ids(user),
                                           status__in=COUNTED_MEMBER_STATUSES).values("consortium_id")


class ConsortiumPolicy(Policy):
    """Members only; the coordinator's editors change it; a verified organisation's editors open one."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(pk__in=consortium_ids_of(user))
        coordinating = ConsortiumMember.objects.filter(
            role=MemberRole.COORDINATOR, organisation_id__in=editor_organisation_ids(user)).values("consortium_id")
        return queryset.filter(pk__in=coordinating)

    def can_add(self, user, coordinator=None, **context):
        if not is_signed_in(user):
            return False
        verified = Organisation.objects.filter(verified_kind_q())
        if not is_platform_admin(user):
            verified = verified.filter(pk__in=editor_organisation_ids(user))
        return (verified.filter(pk=coordinator.pk) if coordinator is not None else verified).exists()


class MemberPolicy(PartPolicy):
    """Seen with the consortium; the coordinator changes; the invited organisation's editors respond."""

    def scope(self, user, action, queryset):
        if action == RESPOND and not is_platform_admin(user):
            if not is_signed_in(user):
                return queryset.none()
            return queryset.filter(organisation_id__in=editor_organisation_ids(user))
        return super().scope(user, action, queryset)


class WorkspacePartPolicy(PartPolicy):
    """Tasks and documents: every member organisation's editors write them."""

    def writable_parents(self, user):
        return ConsortiumMember.objects.filter(organisation_id__in=editor_organisation_ids(user),
                                               status__in=COUNTED_MEMBER_STATUSES).values("consortium_id")

    def can_add(self, user, consortium=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user) or consortium is None:
            return False
        return self.writable_parents(user).filter(consortium_id=consortium.pk).exists()


register(FundingCall, FundingCallPolicy())
register(PartnerRequest, PartnerRequestPolicy())
register(PartnerRequestTransition, PartPolicy("request", PartnerRequest))
register(ExpressionOfInterest, InterestPolicy())
register(InterestTransition, PartPolicy("interest", ExpressionOfInterest))
register(Consortium, ConsortiumPolicy())
register(ConsortiumMember, MemberPolicy("consortium", Consortium))
register(ConsortiumTask, WorkspacePartPolicy("consortium", Consortium))
register(ConsortiumDocument, WorkspacePartPolicy("consortium", Consortium))
