"""Meeting requests between participants, and the meetings placed in slots and at tables."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in

from ..choices import MeetingRequestStatus
from .events import Event, Slot
from .participation import Participant


class MeetingRequest(RestrictedModel):
    """Participant A asks participant B for a one-to-one meeting.

    B accepts or declines; a pending request expires at `expires_at` (the event's chosen number of
    hours after it was sent, never later than the event's start). Accepting creates a `Meeting`.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="requests_sent")
    recipient = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="requests_received")
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeetingRequestStatus.choices,
                              default=MeetingRequestStatus.PENDING, db_index=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["-created", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(condition=~models.Q(requester=models.F("recipient")),
                                   name="events_meetingrequest_not_self"),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"

    is_pending = status_in(MeetingRequestStatus.PENDING)

    def get_absolute_url(self) -> str:
        return reverse("events:meetingrequest_list", kwargs={"slug": self.event.slug})


class Meeting(RestrictedModel):
    """A one-to-one meeting to be held: from an accepted request or added by the organiser.

    `slot` and `table` are set together by the scheduler or the organiser. A `locked` meeting is
    never moved by the scheduler; a `published` one has been announced to its participants and is
    kept in place by rescheduling too.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="meeting")
    participant_a = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="meetings_as_a")
    participant_b = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="meetings_as_b")
    priority = models.PositiveSmallIntegerField(_("priority"), default=1,
                                                validators=[MinValueValidator(1), MaxValueValidator(10)],
                                                help_text=_("Higher priorities are scheduled first when tables "
                                                            "or slots are short."))
    slot = models.ForeignKey(Slot, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True, validators=[MinValueValidator(1)])
    locked = models.BooleanField(_("locked"), default=False)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["pk"]  # no join: `select_for_update` on PostgreSQL refuses the nullable side of an outer join
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=~models.Q(participant_a=models.F("participant_b")),
                                   name="events_meeting_two_participants"),
            models.CheckConstraint(condition=models.Q(slot__isnull=True, table__isnull=True)
                                   | models.Q(slot__isnull=False, table__isnull=False),
                                   name="events_meeting_slot_and_table_together"),
            models.UniqueConstraint(fields=["slot", "table"], name="events_meeting_one_per_table"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_a} – {self.participant_b}"

    def get_absolute_url(self) -> str:
        return reverse("events:schedule_grid", kwargs={"slug": self.event.slug}) + f"#meeting-{self.pk}"

    @property
    def participants(self) -> tuple[Participant, Participant]:
        return self.participant_a, self.participant_b

    def other(self, participant: Participant) -> Participant:
        return self.participant_b if participant.pk == self.participant_a_id else self.participant_a

    def clean(self) -> None:
        if (self.slot_id is None) != (self.table is None):
            raise ValidationError(_("A meeting has both a slot and a table, or neither."))
        if self.locked and self.slot_id is None:
            raise ValidationError(_("Only a scheduled meeting can be locked."))
