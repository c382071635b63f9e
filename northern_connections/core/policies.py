"""Policies of core's own models."""

from .models import Job, SearchEntry
from .permissions import VIEW, Policy, register


class JobPolicy(Policy):
    """A background job's progress is seen by whoever started it."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(owner=user) if action == VIEW else queryset.none()


class InternalPolicy(Policy):
    """Search entries are an index, never shown as such."""

    public_view = False


register(Job, JobPolicy())
register(SearchEntry, InternalPolicy())
