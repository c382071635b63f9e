"""Pages of an event itself: list, detail, iCal, create, edit, publish, agenda sessions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import (
    ICAL,
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    download,
)
from northern_connections.directory.selectors import organisations_acting_for

from .. import documents, selectors, services
from ..filtersets import EventFilterSet
from ..forms import EventForm, SessionFormSet, session_initial
from ..models import Event
from ..tables import EventTable


def base_url(request) -> str:
    """The platform's own address as the request reached it, for links in calendar files."""
    return request.build_absolute_uri("/").rstrip("/")


class EventListView(ObjectListView):
    model = Event
    selector = selectors.event_list
    filterset_class = EventFilterSet
    table_class = EventTable


class EventDetailView(ObjectDetailView):
    model = Event
    selector = selectors.event_get

    def get_extra_context(self, obj):
        return selectors.event_detail_context(actor=self.request.user, event=obj)


class EventIcalView(GateView):
    model = Event

    def get(self, request, slug):
        event = self.get_object()
        return download(documents.event_ical(event, base_url=base_url(request)), ICAL, f"{event.slug}.ics")


def _organiser_choices(user):
    return organisations_acting_for(actor=user, all_for_admins=True)


class EventCreateView(ObjectCreateView):
    model = Event
    form_class = EventForm
    service = services.event_create
    success_message = _lazy("Draft saved. Add the programme and meeting blocks, then publish.")

    def get_form(self, data=None, files=None):
        initial = {"organisers": list(_organiser_choices(self.request.user)[:1])}
        return self.form_class(data, initial=initial)


class EventEditView(ObjectEditView):
    model = Event
    form_class = EventForm
    service = services.event_update


class EventPublishView(ObjectActionView):
    model = Event
    service = services.event_publish
    success_message = _lazy("The event is published.")
    confirm_question = _lazy("Publish this event? It becomes visible to everyone.")


class EventSessionsView(GateView):
    model = Event
    action = CHANGE

    def get(self, request, slug):
        event = self.get_object()
        formset = SessionFormSet(initial=session_initial(event), event=event)
        return render(request, "events/event_sessions.html", {"formset": formset, "object": event})

    def post(self, request, slug):
        event = self.get_object()
        formset = SessionFormSet(request.POST, event=event)
        if formset.is_valid():
            try:
                services.agenda_sessions_set(actor=request.user, event=event,
                                             sessions=[f.cleaned_data for f in formset if f.cleaned_data])
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _("Programme saved."))
                return redirect(event.get_absolute_url() + "#agenda")
        return render(request, "events/event_sessions.html", {"formset": formset, "object": event}, status=400)


