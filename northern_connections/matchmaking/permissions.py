"""Who may use matchmaking (registered with the one gate, core/permissions.py).

Recommendations are computed for an organisation or a challenge, so who may see them is the MATCH
action of those models' own policies (directory and challenges permissions.py):
`can(user, MATCH, organisation)`, `can(user, MATCH, challenge)`.

* Saved searches and their deliveries belong to the user who saved them.
* Index snapshots and the change log are internal: platform administrators only.
"""

from __future__ import annotations

from northern_connections.accounts.models import Membership
from northern_connections.core.permissions import VIEW, Policy, is_platform_admin, is_signed_in, register
from northern_connections.core.policies import InternalPolicy  # the index's snapshots and change log

from .models import AlertDelivery, IndexChange, IndexSnapshot, SavedSearch


class SavedSearchPolicy(Policy):
    """A saved search is its user's own; they add one for an organisation they belong to."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(user=user)

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
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


register(SavedSearch, SavedSearchPolicy())
register(AlertDelivery, AlertDeliveryPolicy())
register(IndexSnapshot, InternalPolicy())
register(IndexChange, InternalPolicy())
