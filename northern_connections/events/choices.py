"""Vocabularies of events and B2B meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from northern_connections.challenges.choices import TIME_ZONES  # one list of the partner countries' zones

__all__ = [
    "TIME_ZONES",
    "SLOT_MINUTES",
    "ApprovalMode",
    "EventKind",
    "EventStatus",
    "MarketplaceItemKind",
    "MeetingRequestStatus",
    "ParticipantStatus",
]


class EventKind(models.TextChoices):
    LIVING_LAB = "living_lab", _("Living Lab event")
    BROKERAGE = "brokerage", _("Brokerage day")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ApprovalMode(models.TextChoices):
    """Whether a registration counts at once or waits for the organiser's screening."""

    AUTOMATIC = "automatic", _("Automatic")
    ORGANISER = "organiser", _("By the organiser")


class ParticipantStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# Registrations that hold a place (capacity) or wait for one.
ACTIVE_PARTICIPANT_STATUSES = (ParticipantStatus.PENDING, ParticipantStatus.ACCEPTED)


class MarketplaceItemKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")
    PARTNERSHIP = "partnership", _("Partnership")
    INVESTMENT = "investment", _("Investment")


class MeetingRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


# Meeting blocks are cut into slots of one of these lengths (issue 5 §4).
SLOT_MINUTES = [(15, _("15 minutes")), (20, _("20 minutes")), (30, _("30 minutes"))]
