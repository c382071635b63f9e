"""Generated documents: iCalendar files of an event and of a personal agenda, and the agenda as PDF."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

PRODID = "-//Northern Connections//Events//EN"


def _calendar(name: str):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _location(event) -> str:
    return ", ".join(filter(None, [event.venue, event.city])) or event.online_url


def event_ical(event, *, base_url: str) -> bytes:
    """The event and its programme sessions, each as a VEVENT (times in UTC, shown locally by calendars)."""
    from icalendar import Event as VEvent

    calendar = _calendar(str(event))
    item = VEvent()
    item.add("uid", f"event-{event.pk}@northern-connections")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("dtstamp", event.updated or timezone.now())
    item.add("location", _location(event))
    item.add("url", base_url + event.get_absolute_url())
    item.add("description", event.summary)
    calendar.add_component(item)
    for session in event.sessions.all():
        part = VEvent()
        part.add("uid", f"event-{event.pk}-session-{session.pk}@northern-connections")
        part.add("summary", f"{session.title} ({event.title})")
        part.add("dtstart", session.starts_at)
        part.add("dtend", session.ends_at)
        part.add("dtstamp", session.updated or timezone.now())
        part.add("location", session.location or _location(event))
        if session.description:
            part.add("description", session.description)
        calendar.add_component(part)
    return calendar.to_ical()


def agenda_ical(participant, meetings, *, base_url: str) -> bytes:
    """One VEVENT per published meeting, with partner and table; stable UIDs so that re-imports update."""
    from icalendar import Event as VEvent

    event = participant.event
    calendar = _calendar(_("Meetings at %(event)s") % {"event": event})
    for meeting in meetings:
        item = VEvent()
        item.add("uid", f"meeting-{meeting.pk}-p{participant.pk}@northern-connections")
        item.add("summary", _("Meeting: %(partner)s") % {"partner": meeting.partner})
        item.add("dtstart", meeting.slot.starts_at)
        item.add("dtend", meeting.slot.ends_at)
        item.add("dtstamp", meeting.updated or timezone.now())
        item.add("location", _("Table %(table)s, %(place)s") % {"table": meeting.table, "place": _location(event)})
        item.add("description", _("%(block)s at %(event)s. %(url)s") % {
            "block": meeting.slot.block.name, "event": event,
            "url": base_url + participant.get_absolute_url()})
        calendar.add_component(item)
    return calendar.to_ical()


def agenda_pdf(participant, meetings) -> bytes:
    """The personal agenda as a printable PDF (WeasyPrint), for the event floor."""
    from weasyprint import HTML

    html = render_to_string("events/agenda_pdf.html", {
        "participant": participant, "event": participant.event, "meetings": meetings,
        "generated": timezone.localtime(timezone.now(), participant.event.tz),
    })
    return HTML(string=html).write_pdf()
