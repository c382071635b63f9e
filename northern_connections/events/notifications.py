"""E-mails of events. Services call these through `transaction.on_commit` (directly or via a task),
so no mail leaves for a write that was rolled back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import MeetingRequestStatus


def _absolute(path: str) -> str:
    return getattr(settings, "PLATFORM_URL", "").rstrip("/") + path


def _send(messages: list[tuple[str, str, list[str]]]) -> None:
    """One message per recipient, so that no participant learns another's address."""
    out = [(subject, body, None, [address]) for subject, body, recipients in messages for address in recipients]
    if out:
        send_mass_mail(out, fail_silently=False)


def _address(participant) -> list[str]:
    user = participant.user
    return [user.email] if user.is_active and user.email else []


def _in_language(user, build):
    with translation.override(getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE):
        return build()


def registration_decided(participants) -> None:
    messages = []
    for participant in participants:
        event = participant.event

        def build(participant=participant, event=event):
            if participant.is_accepted:
                subject = _("You are registered for “%(event)s”") % {"event": event}
                body = _("The organisers accepted the registration of %(org)s. Add what you offer and seek to the "
                         "marketplace and ask other participants for meetings:\n%(url)s")
            else:
                subject = _("Your registration for “%(event)s”") % {"event": event}
                body = _("The organisers could not accept the registration of %(org)s this time.\n%(url)s")
            return subject, body % {"org": participant.organisation, "url": _absolute(event.get_absolute_url())}

        subject, body = _in_language(participant.user, build)
        messages.append((subject, body, _address(participant)))
    _send(messages)


def meeting_requested(meeting_request) -> None:
    recipient = meeting_request.recipient

    def build():
        return (_("%(org)s asks you for a meeting at “%(event)s”") % {"org": meeting_request.requester,
                                                                      "event": meeting_request.event},
                _("%(org)s wrote:\n\n%(message)s\n\nAccept or decline before %(expires)s:\n%(url)s") % {
                    "org": meeting_request.requester, "message": meeting_request.message or "—",
                    "expires": f"{meeting_request.event.local(meeting_request.expires_at):%Y-%m-%d %H:%M}",
                    "url": _absolute(meeting_request.get_absolute_url())})

    subject, body = _in_language(recipient.user, build)
    _send([(subject, body, _address(recipient))])


def meeting_request_answered(meeting_request) -> None:
    requester = meeting_request.requester

    def build():
        if meeting_request.status == MeetingRequestStatus.ACCEPTED:
            subject = _("%(org)s accepted your meeting request") % {"org": meeting_request.recipient}
        else:
            subject = _("%(org)s declined your meeting request") % {"org": meeting_request.recipient}
        return subject, _("Event: %(event)s\n%(url)s") % {"event": meeting_request.event,
                                                          "url": _absolute(meeting_request.get_absolute_url())}

    subject, body = _in_language(requester.user, build)
    _send([(subject, body, _address(requester))])


def schedule_published(event, participants) -> None:
    """Each participant with a meeting gets the link to its personal agenda (page, PDF, iCal)."""
    messages = []
    for participant, count in participants:
        def build(participant=participant, count=count):
            return (_("Your meeting schedule for “%(event)s”") % {"event": event},
                    _("The organisers published the meeting schedule. %(org)s has %(count)s meetings. Your personal "
                      "agenda (also as PDF and for your calendar):\n%(url)s") % {
                        "org": participant.organisation, "count": count,
                        "url": _absolute(participant.get_absolute_url())})

        subject, body = _in_language(participant.user, build)
        messages.append((subject, body, _address(participant)))
    _send(messages)


def meeting_changed(meeting, participants) -> None:
    """A published meeting was moved or taken off the schedule: its participants must know."""
    messages = []
    for participant in participants:
        def build(participant=participant):
            if meeting.slot_id:
                where = _("now %(slot)s at table %(table)s") % {"slot": meeting.slot, "table": meeting.table}
            else:
                where = _("no longer scheduled")
            return (_("A meeting at “%(event)s” changed") % {"event": meeting.event},
                    _("Your meeting with %(other)s is %(where)s.\n%(url)s") % {
                        "other": meeting.other(participant), "where": where,
                        "url": _absolute(participant.get_absolute_url())})

        subject, body = _in_language(participant.user, build)
        messages.append((subject, body, _address(participant)))
    _send(messages)
