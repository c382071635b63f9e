"""Directory data is public to read; members with an editing role maintain their organisation."""

from django.db.models import Q

from northern_connections.accounts.choices import MembershipRole
from northern_connections.accounts.models import Membership
from northern_connections.accounts.selectors import (
    admin_organisation_ids,
    editor_organisation_ids,
    member_organisation_ids,
)
from northern_connections.core.permissions import (
    ADMINISTER,
    DELETE,
    HISTORY,
    MATCH,
    REPRESENT,
    VIEW,
    Policy,
    is_platform_admin,
    register,
)

from .choices import NameReview, VerificationSubject
from .models import (
    ClusterMembership,
    ContactPerson,
    CpvCode,
    EformsCode,
    NaceCode,
    NutsRegion,
    Organisation,
    Partner,
    Partnership,
    S3Category,
    ValueChain,
    ValueChainStep,
    VerificationRequest,
)
from .models.organisations import verified_kind_q

# Deciding a verification request: platform administrators, and for identity requests the
# administrators of a verified partner of a partnership the organisation belongs to.
DECIDE = "decide"


class OrganisationPolicy(Policy):
    """Editors maintain the profile; only the organisation's administrators may delete or administer it
    or read its history (the audit trail).

    MATCH ("Challenges for my organisation"): any member, since recommendations reveal what the
    platform knows about an organisation's fit, which is its own business.

    An organisation whose name is held for review (close to a verified one) is not public: only
    its members and platform administrators see it until the name is approved.
    """

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = ~Q(name_review=NameReview.HELD)
            if user is not None and user.is_authenticated:
                visible |= Q(pk__in=member_organisation_ids(user))
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if action in (MATCH, REPRESENT):
            return queryset.filter(pk__in=Membership.objects.filter(user=user).values("organisation_id"))
        if action in (DELETE, ADMINISTER, HISTORY):
            admin_ids = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values("organisation_id")
            return queryset.filter(pk__in=admin_ids)
        return queryset.filter(pk__in=editor_organisation_ids(user))

    def can_add(self, user, **context):
        # Any registered person may create the profile of an organisation they belong to.
        return bool(user and user.is_authenticated)


class ContactPersonPolicy(Policy):
    """Contacts without GDPR consent are visible only to their own organisation's members."""

    public_view = False

    def scope(self, user, action, queryset):
        if action == VIEW and not (user and user.is_authenticated):
            return queryset.filter(gdpr_consent=True)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            mine = Membership.objects.filter(user=user).values("organisation_id")
            return queryset.filter(Q(gdpr_consent=True) | Q(organisation_id__in=mine))
        return queryset.filter(organisation_id__in=editor_organisation_ids(user))

    def can_add(self, user, organisation=None, **context):
        return bool(
            user.is_authenticated
            and (
                is_platform_admin(user)
                or (organisation and editor_organisation_ids(user).filter(organisation_id=organisation.pk).exists())
            )
        )


class ClusterMembershipPolicy(Policy):
    """The cluster's editors maintain its member list."""

    def member_scope(self, user, action, queryset):
        return queryset.filter(cluster_id__in=editor_organisation_ids(user))


class PartnershipPolicy(Policy):
    """A partnership is maintained by the editors of its lead partner."""

    def member_scope(self, user, action, queryset):
        led = Partner.objects.filter(role="lead", organisation_id__in=editor_organisation_ids(user))
        return queryset.filter(pk__in=led.values("partnership_id"))


class PartnerPolicy(Policy):
    def member_scope(self, user, action, queryset):
        led = Partner.objects.filter(role="lead", organisation_id__in=editor_organisation_ids(user))
        return queryset.filter(partnership_id__in=led.values("partnership_id"))


def decidable_request_ids(user):
    """Identity requests of organisations that share a partnership with a verified partner the user administers."""
    mine = Organisation.objects.filter(verified_kind_q(), pk__in=admin_organisation_ids(user)).values("pk")
    partnerships = Partner.objects.filter(organisation_id__in=mine).values("partnership_id")
    fellow = Partner.objects.filter(partnership_id__in=partnerships).values("organisation_id")
    return VerificationRequest.objects.filter(subject=VerificationSubject.IDENTITY,
                                              organisation_id__in=fellow).values("pk")


class VerificationRequestPolicy(Policy):
    """The organisation's administrators and the deciders read a request; deciders decide; nobody edits one.

    Name requests are for platform administrators only (the default of `scope`).
    """

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(Q(organisation_id__in=admin_organisation_ids(user))
                                   | Q(pk__in=decidable_request_ids(user)))
        if action == DECIDE:
            return queryset.filter(pk__in=decidable_request_ids(user))
        return queryset.none()

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not (user and user.is_authenticated):
            return False
        admins = admin_organisation_ids(user)
        return (admins.filter(organisation_id=organisation.pk) if organisation is not None else admins).exists()


class ReferencePolicy(Policy):
    """Vocabularies are public; only platform administrators (and import commands) change them."""


register(Organisation, OrganisationPolicy())
register(ContactPerson, ContactPersonPolicy())
register(ClusterMembership, ClusterMembershipPolicy())
register(Partnership, PartnershipPolicy())
register(Partner, PartnerPolicy())
register(VerificationRequest, VerificationRequestPolicy())
for model in (NutsRegion, ValueChain, ValueChainStep, NaceCode, CpvCode, EformsCode, S3Category):
    register(model, ReferencePolicy())
