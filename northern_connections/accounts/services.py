"""Writes about people and memberships. Every rule about who may join or leave lives here."""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from northern_connections.core.permissions import ADMINISTER, CHANGE, DELETE, can, locked_for, require_add
from northern_connections.core.privacy import erase_personal_data

from .choices import InvitationStatus, MembershipRole, RequestStatus
from .models import ApiToken, Invitation, Membership, MembershipRequest, User


def profile_update(*, actor: User, full_name: str, preferred_language: str) -> User:
    with transaction.atomic():
        user = locked_for(actor, CHANGE, actor)
        user.full_name = full_name
        user.preferred_language = preferred_language
        user.full_clean()
        user.save(update_fields=["full_name", "preferred_language"])
    return user


def _admins_left(organisation_id: int, excluding: Membership) -> bool:
    return (
        Membership.objects.filter(organisation_id=organisation_id, role=MembershipRole.ADMIN)
        .exclude(pk=excluding.pk)
        .exists()
    )


def membership_add(*, organisation, user: User, role: str = MembershipRole.MEMBER) -> Membership:
    """Internal: make `user` a member (used by accepted invitations, approved requests, creation)."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and role == MembershipRole.ADMIN and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role", "updated"])
    return membership


def membership_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    with transaction.atomic():
        membership = locked_for(actor, CHANGE, membership)
        if not can(actor, ADMINISTER, membership.organisation):
            raise PermissionDenied(_("Only an organisation administrator can change roles."))
        if membership.role == MembershipRole.ADMIN and role != MembershipRole.ADMIN:
            if not _admins_left(membership.organisation_id, membership):
                raise ValidationError(_("An organisation needs at least one administrator."))
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role", "updated"])
    return membership


def membership_remove(*, actor: User, membership: Membership) -> None:
    """Leave an organisation (own membership) or remove a colleague (administrators)."""
    with transaction.atomic():
        membership = locked_for(actor, CHANGE, membership)
        if membership.role == MembershipRole.ADMIN and not _admins_left(membership.organisation_id, membership):
            others = Membership.objects.filter(organisation_id=membership.organisation_id).exclude(pk=membership.pk)
            if others.exists():
                raise ValidationError(
                    _("You are the last administrator: make a colleague administrator before you leave.")
                )
        membership.delete()


def _send(template: str, to: str, context: dict, language: str | None = None) -> None:
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def invitation_create(*, actor: User, organisation, email: str, role: str, accept_url_base: str) -> Invitation:
    email = email.strip().lower()
    with transaction.atomic():
        require_add(actor, Invitation, organisation=organisation)
        if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
            raise ValidationError({"email": _("This person is already a member.")})
        invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=actor)
        invitation.full_clean()
        invitation.save()
        context = {"invitation": invitation, "url": accept_url_base + invitation.get_absolute_url(), "actor": actor}
        transaction.on_commit(lambda: _send("invitation", email, context))
    return invitation


def invitation_accept(*, actor: User, token: str) -> Membership:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first()
        if invitation is None or invitation.status != InvitationStatus.PENDING:
            raise ValidationError(_("This invitation is no longer valid."))
        if invitation.email.lower() != actor.email.lower():
            raise PermissionDenied(_("This invitation was sent to another e-mail address."))
        membership = membership_add(organisation=invitation.organisation, user=actor, role=invitation.role)
        invitation.status = InvitationStatus.ACCEPTED
        invitation.accepted_by = actor
        invitation.save(update_fields=["status", "accepted_by", "updated"])
    return membership


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    with transaction.atomic():
        invitation = locked_for(actor, CHANGE, invitation)
        if invitation.status == InvitationStatus.PENDING:
            invitation.status = InvitationStatus.REVOKED
            invitation.save(update_fields=["status", "updated"])
    return invitation


def membership_request_create(*, actor: User, organisation, message: str = "") -> MembershipRequest:
    with transaction.atomic():
        require_add(actor, MembershipRequest)
        if Membership.objects.filter(organisation=organisation, user=actor).exists():
            raise ValidationError(_("You are already a member of this organisation."))
        if MembershipRequest.objects.filter(
            organisation=organisation, user=actor, status=RequestStatus.PENDING
        ).exists():
            raise ValidationError(_("Your request to join is already waiting for a decision."))
        request = MembershipRequest(user=actor, organisation=organisation, message=message)
        request.full_clean()
        request.save()
        admins = list(
            Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN)
            .select_related("user")
            .values_list("user__email", "user__preferred_language")
        )
        context = {"request_obj": request, "organisation": organisation, "requester": actor}
        for email, language in admins:
            transaction.on_commit(lambda e=email, lang=language: _send("membership_request", e, context, lang))
    return request


def membership_request_decide(*, actor: User, request: MembershipRequest, approve: bool) -> MembershipRequest:
    with transaction.atomic():
        request = locked_for(actor, CHANGE, request)
        if request.status != RequestStatus.PENDING:
            raise ValidationError(_("This request has already been decided."))
        request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
        request.decided_by = actor
        request.save(update_fields=["status", "decided_by", "updated"])
        if approve:
            membership_add(organisation=request.organisation, user=request.user)
    return request


def api_token_create(*, actor: User) -> str:
    """Give `actor` a new API key (replacing any earlier one) and return it: the only time it exists in clear.

    The management command `create_api_token` calls this for the person it names, so a shell
    operator and the profile page share the one rule.
    """
    require_add(actor, ApiToken)
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()
        ApiToken.objects.filter(user=actor).delete()
        token = ApiToken(user=actor, prefix=key[: ApiToken.PREFIX_LENGTH], digest=ApiToken.hash(key))
        token.full_clean()
        token.save()
    return key


def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Delete a token: requests that send it are refused from now on."""
    with transaction.atomic():
        locked_for(actor, DELETE, token).delete()


# Deleted accounts keep their row (records of organisations point to it) under an address that says nothing.
DELETED_DOMAIN = "deleted.invalid"


def account_delete(*, actor: User, password: str) -> None:
    """Delete the actor's own account: every app's erase hook, then the account anonymised, in one transaction."""
    if not actor.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        erase_personal_data(user)
        user.email = f"deleted-{user.pk}@{DELETED_DOMAIN}"
        user.full_name = user.first_name = user.last_name = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
    # Other sessions of the person end by themselves: an inactive account with a changed password hash
    # fails Django's session check on its next request.
