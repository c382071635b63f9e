"""Who may see and manage memberships and invitations."""

from django.db.models import Q

from northern_connections.core.permissions import VIEW, Policy, is_platform_admin, register

from .models import ApiToken, Invitation, Membership, MembershipRequest, User
from .selectors import admin_organisation_ids


class MembershipPolicy(Policy):
    """Members see their colleagues; organisation admins manage them; anyone may leave."""

    public_view = False

    def member_scope(self, user, action, queryset):
        mine = Membership.objects.filter(user=user).values("organisation_id")
        if action == VIEW:
            return queryset.filter(organisation_id__in=mine)
        return queryset.filter(Q(user=user) | Q(organisation_id__in=admin_organisation_ids(user)))

    def can_add(self, user, organisation=None, **context):
        return user.is_authenticated and (
            is_platform_admin(user)
            or (
                organisation is not None
                and admin_organisation_ids(user).filter(organisation_id=organisation.pk).exists()
            )
        )


class InvitationPolicy(Policy):
    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(organisation_id__in=admin_organisation_ids(user))

    def can_add(self, user, organisation=None, **context):
        return MembershipPolicy().can_add(user, organisation=organisation)


class MembershipRequestPolicy(Policy):
    """The requester sees their own requests; the organisation's admins decide them."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(Q(user=user) | Q(organisation_id__in=admin_organisation_ids(user)))
        return queryset.filter(organisation_id__in=admin_organisation_ids(user))

    def can_add(self, user, **context):
        return bool(user and user.is_authenticated)


class UserPolicy(Policy):
    """People are not a public directory: a user sees themselves and colleagues of shared organisations."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            colleagues = Membership.objects.filter(
                organisation_id__in=Membership.objects.filter(user=user).values("organisation_id")
            ).values("user_id")
            return queryset.filter(Q(pk=user.pk) | Q(pk__in=colleagues))
        return queryset.filter(pk=user.pk)


register(Membership, MembershipPolicy())
register(Invitation, InvitationPolicy())
register(User, UserPolicy())
register(MembershipRequest, MembershipRequestPolicy())


class ApiTokenPolicy(Policy):
    """A token is its owner's alone; platform administrators may revoke any."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(user=user)

    def can_add(self, user, **context):
        return bool(user and user.is_authenticated)


register(ApiToken, ApiTokenPolicy())
