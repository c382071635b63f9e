"""Policies of core's own models."""

from .models import Job, SearchEntry
from .permissions import VIEW, Policy, register


class JobPolicy(Policy):
    """A background job's progress is seen by whoever started it."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(owner=user) if action == VIEW else queryset.none()


class InternalPolicy(Policy):
    """Internal records (search entries, matchmaking's index snapshots and change log) are never shown as such.

    Only platform administrators reach them (the gate lets them through every policy).
    """

    public_view = False


register(Job, JobPolicy())
register(SearchEntry, InternalPolicy())
