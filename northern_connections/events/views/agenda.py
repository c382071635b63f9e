"""A participant's personal agenda as page, PDF and iCal."""

from __future__ import annotations

from django.shortcuts import render

from northern_connections.core.views import ICAL, PDF, GateView, download

from .. import documents, selectors
from ..models import Participant
from ..permissions import AGENDA
from .events import base_url


class AgendaView(GateView):
    """A participant's personal agenda (its own side and the organisers; not fellow participants)."""

    model = Participant
    action = AGENDA

    def get_object(self, action=None):
        participant = super().get_object(action)
        return selectors.participant_for_agenda(participant.pk)

    def get(self, request, pk):
        participant = self.get_object()
        meetings = selectors.agenda(participant=participant)
        return render(request, "events/agenda.html", {
            "object": participant, "event": participant.event, "meetings": meetings,
            "sessions": participant.event.sessions.all(),
            "unscheduled_count": selectors.meeting_count(participant) - len(meetings),
        })


class AgendaPdfView(AgendaView):
    def get(self, request, pk):
        participant = self.get_object()
        pdf = documents.agenda_pdf(participant, selectors.agenda(participant=participant))
        return download(pdf, PDF, f"agenda-{participant.event.slug}.pdf")


class AgendaIcalView(AgendaView):
    def get(self, request, pk):
        participant = self.get_object()
        body = documents.agenda_ical(participant, selectors.agenda(participant=participant),
                                     base_url=base_url(request))
        return download(body, ICAL, f"agenda-{participant.event.slug}.ics")

