"""Who may do what on the support map (registered with the one gate, core/permissions.py).

Published, closed and archived measures are public; drafts belong to their provider. The provider's
editors change their own measures; creating one needs an organisation whose kind may publish
measures, verified (`PROVIDER_KINDS`). Coordinators verify measures ("verify": the information was
checked with the provider on a date): the editors of a verified lead partner of a partnership,
who keep the partnership's map current, and platform administrators.
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.selectors import editor_organisation_ids
from northern_connections.core.permissions import HISTORY, VIEW, PartPolicy, Policy, is_platform_admin, register
from northern_connections.directory.choices import PartnerRole
from northern_connections.directory.models import Organisation, Partner
from northern_connections.directory.models.organisations import verified_kind_q

from .choices import PROVIDER_KINDS, PUBLIC_STATUSES
from .models import MeasureTransition, SupportMeasure

VERIFY = "verify"


def provider_organisations(user):
    """Verified organisations of a provider kind that the user edits (where they may add measures); all of them
    for platform administrators."""
    providers = Organisation.objects.filter(verified_kind_q(PROVIDER_KINDS))
    if is_platform_admin(user):
        return providers
    if not (user and user.is_authenticated):
        return providers.none()
    return providers.filter(pk__in=editor_organisation_ids(user))


def is_coordinator(user) -> bool:
    """An editor of a verified lead partner of a partnership: keeps the partnership's support map current."""
    if is_platform_admin(user):
        return True
    if not (user and user.is_authenticated):
        return False
    leads = Organisation.objects.filter(verified_kind_q(), pk__in=editor_organisation_ids(user)).values("pk")
    return Partner.objects.filter(role=PartnerRole.LEAD, organisation_id__in=leads).exists()


class SupportMeasurePolicy(Policy):
    """Public once published; the provider's editors change their own; coordinators verify and read the trail."""

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = Q(status__in=PUBLIC_STATUSES)
            if user is not None and user.is_authenticated:
                visible |= Q(provider_id__in=editor_organisation_ids(user))
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        mine = Q(provider_id__in=editor_organisation_ids(user))
        if action == VERIFY:
            return queryset.filter(status__in=PUBLIC_STATUSES) if is_coordinator(user) else queryset.none()
        if action == HISTORY:
            return queryset.filter(mine | Q(status__in=PUBLIC_STATUSES)) if is_coordinator(user) else \
                queryset.filter(mine)
        return queryset.filter(mine)

    def can_add(self, user, provider=None, **context):
        if is_platform_admin(user):
            return True
        if not (user and user.is_authenticated):
            return False
        providers = provider_organisations(user)
        return (providers.filter(pk=provider.pk) if provider is not None else providers).exists()


register(SupportMeasure, SupportMeasurePolicy())
register(MeasureTransition, PartPolicy("measure", SupportMeasure))
