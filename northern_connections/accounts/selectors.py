"""Reads about people and memberships, restricted to the actor."""

from django.db.models import QuerySet

from northern_connections.core.permissions import VIEW

from .choices import InvitationStatus, RequestStatus
from .models import Invitation, Membership, MembershipRequest


def membership_list_for_user(*, actor) -> QuerySet[Membership]:
    return Membership.objects.filter(user=actor).select_related("organisation").order_by("organisation__name")


def organisation_people(*, actor, organisation) -> dict:
    """Members, pending invitations and join requests of one organisation, as the actor may see them."""
    return {
        "memberships": Membership.objects.restrict(actor, VIEW)
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email"),
        "invitations": Invitation.objects.restrict(actor, VIEW).filter(
            organisation=organisation, status=InvitationStatus.PENDING
        ),
        "requests": MembershipRequest.objects.restrict(actor, VIEW)
        .filter(organisation=organisation, status=RequestStatus.PENDING)
        .select_related("user"),
    }
