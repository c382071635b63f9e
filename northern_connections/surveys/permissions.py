"""Who may do what with surveys (registered with the one gate, core/permissions.py).

A survey belongs to its owner organisation: its editors build it, send it and read its results, named
responses included; nobody else sees a named response except the person who gave it. Visitors see an
open survey with an open link (to answer it) and a survey whose results were published. Any editor of an
organisation may draft a survey; sending invitations needs the owner verified (workflow.py).
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.selectors import editor_organisation_ids
from northern_connections.core.permissions import (
    CHANGE,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)

from .choices import ANSWERABLE_STATUSES, RESULT_STATUSES
from .models import Audience, Invitation, Participation, Question, Response, Section, Survey, SurveyTransition

RESULTS = "results"  # the full results of a survey: free text, named responses, exports, tagging


def public_q(prefix: str = "") -> Q:
    return (Q(**{f"{prefix}status__in": ANSWERABLE_STATUSES, f"{prefix}open_link": True})
            | Q(**{f"{prefix}status__in": RESULT_STATUSES, f"{prefix}results_public": True}))


class SurveyPolicy(Policy):
    """Owners' editors do everything; visitors see open-link surveys while open and published results."""

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = public_q()
            if is_signed_in(user):
                visible |= Q(owner_id__in=editor_organisation_ids(user))
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        return queryset.filter(owner_id__in=editor_organisation_ids(user))

    def can_add(self, user, owner=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editors = editor_organisation_ids(user)
        return (editors.filter(organisation_id=owner.pk) if owner is not None else editors).exists()


class OwnersOnlyPolicy(PartPolicy):
    """Parts that only the survey's owners see (invitations: people's addresses)."""

    public_view = False

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        if not is_signed_in(user):
            return queryset.none()
        return queryset.filter(**{f"{self.parent}__in": self.writable_parents(user)})


class ResponsePolicy(Policy):
    """The survey's owners see every response (a named one with its person); a respondent sees their own
    named response. Nobody changes a response through the gate: the respondent's resume key is the
    credential of a draft (services.responses)."""

    public_view = False

    def member_scope(self, user, action, queryset):
        owned = Q(survey__owner_id__in=editor_organisation_ids(user))
        if action == VIEW:
            return queryset.filter(owned | Q(respondent=user, survey__anonymous=False))
        if action in (CHANGE, RESULTS):
            return queryset.filter(owned)
        return queryset.none()


class NobodyPolicy(Policy):
    """Platform administrators only (participations: that someone answered, kept apart from the answers)."""

    public_view = False


register(Survey, SurveyPolicy())
register(SurveyTransition, PartPolicy("survey", Survey))
register(Section, PartPolicy("survey", Survey))
register(Question, PartPolicy("survey", Survey))
register(Audience, OwnersOnlyPolicy("survey", Survey))
register(Invitation, OwnersOnlyPolicy("survey", Survey))
register(Response, ResponsePolicy())
register(Participation, NobodyPolicy())
