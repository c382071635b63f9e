"""Vocabularies of partnering: funding calls, partner requests, expressions of interest, consortia."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.directory.choices import CohesionCategory  # noqa: F401  (the builder's categories)


class CallStage(models.TextChoices):
    SINGLE = "single-stage", _("Single stage")
    TWO = "two-stage", _("Two stages")


class CallStatus(models.TextChoices):
    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", pgettext_lazy("funding call", "Open")
    CLOSED = "closed", pgettext_lazy("funding call", "Closed")


class CallSource(models.TextChoices):
    MANUAL = "manual", _("Entered on the platform")
    PORTAL = "portal", _("EU Funding & Tenders portal")


class RequestKind(models.TextChoices):
    """The enterprise networks' profile types; the value is the prefix of the public reference."""

    BUSINESS_OFFER = "BO", _("Business offer")
    BUSINESS_REQUEST = "BR", _("Business request")
    TECHNOLOGY_OFFER = "TO", _("Technology offer")
    TECHNOLOGY_REQUEST = "TR", _("Technology request")
    RD_REQUEST = "RDR", _("R&D request")


class PartnershipType(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial agreement")
    LICENCE = "licence", _("Licence agreement")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    RESEARCH = "research", _("Research and development cooperation")
    TECHNICAL = "technical", _("Technical cooperation")
    SUPPLIER = "supplier", _("Supplier or subcontracting agreement")
    CONSORTIUM = "consortium", _("Partner in a funded project (consortium)")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")
    CLOSED = "closed", _("Withdrawn")


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsortiumStatus(models.TextChoices):
    PREPARATION = "preparation", _("In preparation")
    SUBMITTED = "submitted", _("Submitted")
    CLOSED = "closed", _("Closed")


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")


# Published requests are public; drafts, expired and withdrawn ones only their owner's members see.
PUBLIC_REQUEST_STATUSES = (RequestStatus.PUBLISHED,)
EDITABLE_REQUEST_STATUSES = (RequestStatus.DRAFT, RequestStatus.PUBLISHED, RequestStatus.EXPIRED)
# A consortium counts the members who joined and those still invited (not those who declined).
COUNTED_MEMBER_STATUSES = (MemberStatus.INVITED, MemberStatus.JOINED)

#: a partner request is valid this long after publication, and may be extended once by as much again
VALIDITY = timedelta(days=365)

# Organisations whose kind (verified) lets them enter funding calls that the portal does not list
# (national and regional schemes, Interreg programmes): public authorities, clusters, EU offices.
CALL_PUBLISHER_KINDS = ("municipality", "regional_authority", "cluster", "eu_office")
