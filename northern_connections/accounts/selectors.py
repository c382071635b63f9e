"""Reads about people and memberships, restricted to the actor."""

from django.db.models import QuerySet

from northern_connections.core.permissions import VIEW

from .choices import EDITING_ROLES, InvitationStatus, MembershipRole, RequestStatus
from .models import ApiToken, Invitation, Membership, MembershipRequest


def member_organisation_ids(user) -> QuerySet:
    """Ids of the user's organisations, as a subquery: every app's permission policies build on these."""
    return Membership.objects.filter(user=user).values("organisation_id")


def editor_organisation_ids(user) -> QuerySet:
    """Organisations in which the user may edit (administrator or editor)."""
    return Membership.objects.filter(user=user, role__in=EDITING_ROLES).values("organisation_id")


def admin_organisation_ids(user) -> QuerySet:
    """Organisations the user administers."""
    return Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values("organisation_id")


def membership_list_for_user(*, actor) -> QuerySet[Membership]:
    return Membership.objects.filter(user=actor).select_related("organisation").order_by("organisation__name")


def api_token_for_user(*, actor) -> ApiToken | None:
    """The actor's own token (its prefix and dates; the key itself is never stored)."""
    return ApiToken.objects.restrict(actor, VIEW).filter(user=actor).first()


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
