"""What accounts holds about a person (core.privacy): profile, e-mail addresses, memberships, requests,
invitations, the API token; and deleting an account, which anonymises it instead of removing the row.

Why anonymise: applications, scores, reports, decisions and messages are records of organisations and
of the partnership; they keep pointing to the account, which after deletion says nothing about who it
was (no e-mail address, no name, no password, inactive). What is only the person's goes: memberships
(the last administrator of an organisation with other members is refused, as when leaving), pending
membership requests, the API token, the e-mail addresses, and whatever each app's erase hook removes.
"""

from allauth.account.models import EmailAddress

from northern_connections.core.privacy import register_personal_data, row_data

from .choices import RequestStatus
from .models import ApiToken, Invitation, Membership, MembershipRequest, User

PROFILE_FIELDS = ("email", "full_name", "preferred_language", "date_joined", "last_login")


def export_account(user: User) -> dict:
    """The person's account as they could see it on their pages (no password hash, no token digest)."""
    token = ApiToken.objects.filter(user=user).first()
    return {
        "profile": {name: getattr(user, name) for name in PROFILE_FIELDS},
        "email_addresses": [{"email": a.email, "verified": a.verified, "primary": a.primary}
                            for a in EmailAddress.objects.filter(user=user).order_by("pk")],
        "memberships": [{"organisation": m.organisation.name, "role": m.role, "since": m.created}
                        for m in Membership.objects.filter(user=user).select_related("organisation")],
        "membership_requests": [{"organisation": r.organisation.name, **row_data(r)}
                                for r in MembershipRequest.objects.filter(user=user).select_related("organisation")],
        "invitations_received": [{"organisation": i.organisation.name, "role": i.role, "status": i.status,
                                  "created": i.created}
                                 for i in Invitation.objects.filter(email__iexact=user.email)
                                 .select_related("organisation")],
        "invitations_sent": [{"organisation": i.organisation.name, "email": i.email, "role": i.role,
                              "status": i.status, "created": i.created}
                             for i in Invitation.objects.filter(invited_by=user).select_related("organisation")],
        "api_token": {"prefix": token.prefix, "created": token.created, "last_used": token.last_used}
        if token else None,
    }


def erase_account(user: User) -> None:
    """Memberships (by the leaving rule), pending requests, token and e-mail addresses go."""
    from .services import membership_remove

    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        membership_remove(actor=user, membership=membership)
    MembershipRequest.objects.filter(user=user, status=RequestStatus.PENDING).delete()
    ApiToken.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()


def register() -> None:
    register_personal_data("accounts", "accounts", export=export_account, erase=erase_account,
                           models=(Membership, MembershipRequest, ApiToken, Invitation))
