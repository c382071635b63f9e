"""Events, their agenda sessions, and the meeting blocks and slots B2B meetings are placed in."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.directory.models import Organisation

from ..choices import SLOT_MINUTES, TIME_ZONES, ApprovalMode, EventKind, EventStatus


class Event(RestrictedModel):
    """A Living Lab event, brokerage day, conference, workshop or webinar.

    Organised by one or more organisations, whose editors run registration, screening and the
    meeting schedule. Dates are stored aware (UTC in the database) and shown in the event's own
    time zone, because participants travel from several countries to one place.
    """

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.BROKERAGE)
    summary = models.TextField(_("summary"), max_length=2000)
    description = models.TextField(_("description"), blank=True)
    organisers = models.ManyToManyField(Organisation, verbose_name=_("organisers"), related_name="organised_events")
    status = models.CharField(_("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT,
                              db_index=True)

    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    online_url = models.URLField(_("online URL"), blank=True, help_text=_("For webinars and hybrid events."))
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES, default="Europe/Stockholm")

    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True,
                                                 help_text=_("Empty: open as soon as the event is published."))
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True,
                                                  help_text=_("Empty: open until the event starts."))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Accepted participants at most; empty for no limit."))
    approval_mode = models.CharField(_("approval of registrations"), max_length=16, choices=ApprovalMode.choices,
                                     default=ApprovalMode.AUTOMATIC)

    auto_accept_meetings = models.BooleanField(
        _("accept meeting requests automatically"), default=False,
        help_text=_("A request becomes a meeting at once, without the other side's answer."))
    meeting_request_hours = models.PositiveIntegerField(
        _("meeting requests expire after (hours)"), default=72,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)])
    max_meetings = models.PositiveSmallIntegerField(
        _("maximum meetings per participant"), default=12, validators=[MinValueValidator(1), MaxValueValidator(200)])

    challenges = models.ManyToManyField("challenges.Challenge", verbose_name=_("related challenges"), blank=True,
                                        related_name="events")

    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    schedule_published_at = models.DateTimeField(_("schedule published"), null=True, blank=True, editable=False)
    # Bumped by every change of the meetings' placement, so that a scheduler run that took a while
    # can tell whether the organiser moved something meanwhile (and then refuses to overwrite it).
    schedule_version = models.PositiveIntegerField(default=0, editable=False)
    schedule_stats = models.JSONField(default=dict, blank=True, editable=False)
    schedule_job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, editable=False,
                                     related_name="+")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("starts_at")),
                                   name="events_event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    is_draft = status_in(EventStatus.DRAFT)
    is_published = status_in(EventStatus.PUBLISHED)

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, moment: datetime | None) -> datetime | None:
        return timezone.localtime(moment, self.tz) if moment else None

    @property
    def registration_closes(self) -> datetime:
        return self.registration_closes_at or self.starts_at

    def registration_open(self, now: datetime) -> bool:
        if self.status != EventStatus.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < self.registration_closes

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if self.registration_opens_at and self.registration_closes_at \
                and self.registration_closes_at <= self.registration_opens_at:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.registration_closes_at and self.ends_at and self.registration_closes_at > self.ends_at:
            errors["registration_closes_at"] = _("Registration must close before the event ends.")
        if not self.venue.strip() and not self.online_url:
            errors["venue"] = _("Give a venue, an online URL, or both.")
        if self.capacity == 0:
            errors["capacity"] = _("Leave the capacity empty for no limit.")
        if errors:
            raise ValidationError(errors)


class AgendaSession(RestrictedModel):
    """One item of the event's programme (keynote, pitch session, site visit, meeting block...)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("room or place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url() + "#agenda"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A session cannot end before it starts.")})


class MeetingBlock(RestrictedModel):
    """A period of one-to-one meetings: consecutive slots of equal length, optional breaks, tables.

    The slot rows are generated from these fields by `services.meeting_block_save`; the slots are
    what meetings point to, so that a meeting keeps its place even if the block's wording changes.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="blocks")
    name = models.CharField(_("name"), max_length=120)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length"), choices=SLOT_MINUTES, default=20)
    slot_count = models.PositiveSmallIntegerField(_("number of slots"), default=8,
                                                  validators=[MinValueValidator(1), MaxValueValidator(48)])
    breaks_after = models.JSONField(_("breaks after slots"), default=list, blank=True,
                                    help_text=_("Slot numbers followed by a break, e.g. 4 for a break after the "
                                                "fourth slot."))
    break_minutes = models.PositiveSmallIntegerField(_("break length (minutes)"), default=15,
                                                     validators=[MaxValueValidator(240)])
    tables = models.PositiveSmallIntegerField(_("tables"), default=10,
                                              validators=[MinValueValidator(1), MaxValueValidator(1000)])

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("meeting block")
        verbose_name_plural = _("meeting blocks")

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%Y-%m-%d})" if self.date else self.name

    def get_absolute_url(self) -> str:
        return reverse("events:block_list", kwargs={"slug": self.event.slug})

    def slot_times(self) -> list[tuple[datetime, datetime]]:
        """(start, end) of every slot, aware in the event's time zone, breaks included."""
        tz = zoneinfo.ZoneInfo(self.event.time_zone)
        start = datetime.combine(self.date, self.start_time, tzinfo=tz)
        length = timedelta(minutes=self.slot_minutes)
        breaks = set(self.breaks_after or [])
        out = []
        for number in range(1, self.slot_count + 1):
            out.append((start, start + length))
            start += length
            if number in breaks:
                start += timedelta(minutes=self.break_minutes)
        return out

    @property
    def ends_at(self) -> datetime:
        return self.slot_times()[-1][1]

    def clean(self) -> None:
        errors = {}
        if self.slot_minutes not in dict(SLOT_MINUTES):
            errors["slot_minutes"] = _("Slots last 15, 20 or 30 minutes.")
        breaks = self.breaks_after or []
        if not isinstance(breaks, list) or any(not isinstance(k, int) or isinstance(k, bool) for k in breaks):
            errors["breaks_after"] = _("Give slot numbers.")
        elif any(k < 1 or k >= (self.slot_count or 0) for k in breaks):
            errors["breaks_after"] = _("A break comes after a slot from 1 to %(last)s.") % {
                "last": max(1, (self.slot_count or 1) - 1)}
        if not errors and self.event_id and self.date and self.start_time and self.slot_count:
            event = self.event
            first, last = self.slot_times()[0][0], self.slot_times()[-1][1]
            if first < event.starts_at or last > event.ends_at:
                errors["date"] = _("The block must lie within the event (%(start)s – %(end)s).") % {
                    "start": f"{event.local(event.starts_at):%Y-%m-%d %H:%M}",
                    "end": f"{event.local(event.ends_at):%Y-%m-%d %H:%M}"}
        if errors:
            raise ValidationError(errors)


class Slot(RestrictedModel):
    """One time slot of a meeting block; a meeting sits in a slot at a numbered table."""

    block = models.ForeignKey(MeetingBlock, on_delete=models.CASCADE, related_name="slots")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots", editable=False)
    number = models.PositiveSmallIntegerField(_("slot"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "block_id", "number"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [models.UniqueConstraint(fields=["block", "number"], name="events_slot_unique_number")]

    def __str__(self) -> str:
        tz = zoneinfo.ZoneInfo(self.event.time_zone) if self.event_id else None
        start = timezone.localtime(self.starts_at, tz)
        end = timezone.localtime(self.ends_at, tz)
        return f"{start:%a %d %b %H:%M}–{end:%H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("events:schedule_grid", kwargs={"slug": self.event.slug})
