"""Who may use matchmaking (registered with the one gate, core/permissions.py).

Recommendations are computed for an organisation or a challenge, so the rules are about those:

* "Challenges for my organisation": the organisation's members (any role) and platform admins.
  Recommendations reveal what the platform knows about an organisation's fit, which is its own
  business.
* "Organisations for this challenge": members of the challenge's owner and co-owners, and cluster
  managers (members of cluster organisations), whose job is to bring their members to challenges.
  The challenge itself must be visible to them (drafts stay with the owners).
* Saved searches and their deliveries belong to the user who saved them.
* Index snapshots and the change log are internal: platform administrators only.
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.models import Membership
from northern_connections.core.permissions import VIEW, Policy, is_platform_admin, register
from northern_connections.directory.choices import OrganisationKind

from .models import AlertDelivery, IndexChange, IndexSnapshot, SavedSearch


def _authenticated(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_match_for_organisation(user, organisation) -> bool:
    if is_platform_admin(user):
        return True
    return _authenticated(user) and Membership.objects.filter(user=user, organisation=organisation).exists()


def may_match_for_challenge(user, challenge) -> bool:
    """Owner's and co-owners' members, and cluster managers, of a challenge the user may see."""
    if is_platform_admin(user):
        return True
    if not _authenticated(user):
        return False
    from northern_connections.challenges.models import Challenge

    if not Challenge.objects.restrict(user, VIEW).filter(pk=challenge.pk).exists():
        return False
    co_owners = Challenge.co_owners.through.objects.filter(challenge_id=challenge.pk).values("organisation_id")
    return Membership.objects.filter(user=user).filter(
        Q(organisation_id=challenge.owner_id) | Q(organisation_id__in=co_owners)
        | Q(organisation__kind=OrganisationKind.CLUSTER)
    ).exists()


class SavedSearchPolicy(Policy):
    """A saved search is its user's own; they add one for an organisation they belong to."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(user=user)

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not _authenticated(user):
            return False
        memberships = Membership.objects.filter(user=user)
        if organisation is not None:
            memberships = memberships.filter(organisation=organisation)
        return memberships.exists()


class AlertDeliveryPolicy(Policy):
    """The record of what a digest contained is read by the search's user; only the task writes it."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(saved_search__user=user) if action == VIEW else queryset.none()


class InternalPolicy(Policy):
    """The index's snapshots and change log are never shown as such."""

    public_view = False


register(SavedSearch, SavedSearchPolicy())
register(AlertDelivery, AlertDeliveryPolicy())
register(IndexSnapshot, InternalPolicy())
register(IndexChange, InternalPolicy())
