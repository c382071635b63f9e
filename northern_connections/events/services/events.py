"""Writes of an event itself: create, edit, publish, agenda sessions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock, search
from northern_connections.core.permissions import CHANGE, can_add, locked_for, require_add
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.directory.choices import PUBLIC_AUTHORITY_KINDS
from northern_connections.directory.models import Organisation

from ..choices import EventStatus
from ..models import AgendaSession, Event

EVENT_M2M = ("organisers", "challenges")
EVENT_FIELDS = ("title", "kind", "summary", "description", "venue", "city", "country", "online_url", "starts_at",
                "ends_at", "time_zone", "registration_opens_at", "registration_closes_at", "capacity",
                "approval_mode", "auto_accept_meetings", "meeting_request_hours", "max_meetings")


def event_index(event: Event) -> None:
    text = " ".join(filter(None, [event.title, event.summary, event.description, event.venue, event.city]))
    search.index_object(event, text)


def event_create(*, actor: User, organisers: Iterable[Organisation], **fields: Any) -> Event:
    """A new draft event; the actor must edit at least one of its organisers."""
    organisers = list(organisers)
    with transaction.atomic():
        if not organisers:
            raise ValidationError({"organisers": _("An event has at least one organiser.")})
        if not any(can_add(actor, Event, organisation=o) for o in organisers):
            require_add(actor, Event, organisation=organisers[0])
        _refuse_held(organisers)
        event = Event(created_by=actor if actor and actor.is_authenticated else None)
        event.slug = unique_slug(Event, fields.get("title", ""), reserved=reserved_segments("events:event_detail"),
                                 fallback="event")
        model_update(instance=event, data={**fields, "organisers": organisers}, fields=EVENT_FIELDS, m2m=EVENT_M2M,
                     index=event_index)
    return event


def event_update(*, actor: User, event: Event, **fields: Any) -> Event:
    """Edit an event; its organisers keep at least one organisation the actor edits."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if "organisers" in fields:
            _check_organisers(actor, list(fields["organisers"]))
        model_update(instance=event, data=fields, fields=EVENT_FIELDS, m2m=EVENT_M2M, prepare=_blocks_within_dates,
                     index=event_index)
    return event


def _check_organisers(actor: User, organisers: list[Organisation]) -> None:
    if not organisers:
        raise ValidationError({"organisers": _("An event has at least one organiser.")})
    if not Organisation.objects.restrict(actor, CHANGE).filter(pk__in=[o.pk for o in organisers]).exists():
        raise ValidationError({"organisers": _("Keep at least one organisation you edit among the organisers.")})
    _refuse_held(organisers)


def _blocks_within_dates(event: Event) -> None:
    if event.pk and event.blocks.exists():
        first = min(b.slot_times()[0][0] for b in event.blocks.all())
        last = max(b.ends_at for b in event.blocks.all())
        if first < event.starts_at or last > event.ends_at:
            raise ValidationError({"starts_at": _("The meeting blocks must stay within the event's dates.")})


def _refuse_held(organisers: list[Organisation]) -> None:
    held = [o.name for o in organisers if o.is_held]
    if held:
        raise ValidationError({"organisers": _("Held until a platform administrator approves the name: %(names)s.")
                               % {"names": ", ".join(held)}})


def unverified_public_bodies(event: Event) -> list[Organisation]:
    """Organisers that claim to be a public authority without a verified kind: they cannot organise as one."""
    return [o for o in event.organisers.all() if o.kind in PUBLIC_AUTHORITY_KINDS
            and not o.has_verified_kind(PUBLIC_AUTHORITY_KINDS)]


def event_publish(*, actor: User, event: Event) -> Event:
    """Make a draft event public (its page, iCal and registration); public-authority organisers must be verified."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if event.status == EventStatus.PUBLISHED:
            raise ValidationError(_("The event is already published."))
        unverified = unverified_public_bodies(event)
        if unverified:
            raise ValidationError(_("An event is published in the name of a public authority only when that "
                                    "authority is verified: %(names)s.") % {"names": ", ".join(o.name for o in
                                                                                           unverified)})
        event.full_clean()
        event.status = EventStatus.PUBLISHED
        event.published_at = clock.now()
        event.save(update_fields=["status", "published_at", "updated"])
    return event


def agenda_sessions_set(*, actor: User, event: Event, sessions: list[dict]) -> list[AgendaSession]:
    """Replace the programme of the event; sessions lie within the event's dates."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        event.sessions.all().delete()
        out = []
        for row in sessions:
            if not (row.get("title") or "").strip():
                continue
            session = AgendaSession(event=event, title=row["title"].strip(), starts_at=row["starts_at"],
                                    ends_at=row["ends_at"], location=row.get("location", ""),
                                    description=row.get("description", ""))
            session.full_clean()
            if session.starts_at < event.starts_at or session.ends_at > event.ends_at:
                raise ValidationError(_("“%(title)s” must lie within the event's dates.") % {"title": session.title})
            session.save()
            out.append(session)
    return out


