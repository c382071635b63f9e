"""Who takes part in an event, and what they offer and seek on its marketplace."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.models import Organisation, ValueChain

from ..choices import ACTIVE_PARTICIPANT_STATUSES, MarketplaceItemKind, ParticipantStatus
from .events import Event, MeetingBlock


class Participant(RestrictedModel):
    """An organisation's registration for an event, made and represented by one user.

    One registration per organisation and event: meetings are between companies, and a second
    colleague joins the same registration's meetings rather than competing for tables. A
    cancelled registration is re-opened rather than duplicated.

    Availability is stored as the blocks the participant can NOT attend, so that a block the
    organiser adds later is open to everyone unless they say otherwise.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("status"), max_length=16, choices=ParticipantStatus.choices,
                              default=ParticipantStatus.PENDING, db_index=True)
    note = models.TextField(_("why you want to take part"), blank=True, max_length=2000)
    max_meetings = models.PositiveSmallIntegerField(
        _("maximum meetings"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(200)],
        help_text=_("Empty: the event's maximum."))
    unavailable_blocks = models.ManyToManyField(MeetingBlock, verbose_name=_("unavailable in"), blank=True,
                                                related_name="unavailable_participants")
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["pk"]  # no join, so that locking a registration locks no organisation row
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="events_participant_one_per_organisation"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    is_active = status_in(*ACTIVE_PARTICIPANT_STATUSES, doc="Holds a place or waits for one.")
    is_accepted = status_in(ParticipantStatus.ACCEPTED)
    is_cancelled = status_in(ParticipantStatus.CANCELLED)

    def get_absolute_url(self) -> str:
        return reverse("events:participant_agenda", kwargs={"pk": self.pk})

    def meeting_limit(self, event: Event | None = None) -> int:
        """The participant's own maximum, never above the event's."""
        event = event or self.event
        if self.max_meetings is None:
            return event.max_meetings
        return min(self.max_meetings, event.max_meetings)


class MarketplaceItem(RestrictedModel):
    """What a participant offers or seeks at the event: the basis for choosing whom to meet."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="marketplace_items")
    kind = models.CharField(_("kind"), max_length=16, choices=MarketplaceItemKind.choices,
                            default=MarketplaceItemKind.OFFER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True)
    trl = models.PositiveSmallIntegerField(_("TRL"), choices=TRL_CHOICES, null=True, blank=True,
                                           validators=[MinValueValidator(1), MaxValueValidator(9)])

    class Meta:
        ordering = ["kind", "title", "pk"]
        verbose_name = _("marketplace item")
        verbose_name_plural = _("marketplace items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:marketplace", kwargs={"slug": self.participant.event.slug}) + f"#item-{self.pk}"
