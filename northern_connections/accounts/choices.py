from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    """A person's role in one organisation.

    The platform roles of DESIGN.md §2 follow from this and from the organisation's kind: an
    SME member is a member of an SME, a cluster manager an admin or editor of a cluster
    organisation, a public-authority officer a member of a municipality or regional authority.
    Jury members, event organisers, partner reporters, coordinators and first-level controllers
    are object-level assignments made in the apps that own those objects.
    """

    ADMIN = "admin", _("Organisation administrator")
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


EDITING_ROLES = (MembershipRole.ADMIN, MembershipRole.EDITOR)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
