"""Pages of an event itself: list, detail, iCal, create, edit, publish, agenda sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from northern_connections.core.permissions import CHANGE, can_add
from northern_connections.core.views import GateView, ObjectListView, apply_validation_error, message_error
from northern_connections.directory.selectors import organisations_acting_for

from .. import documents, selectors, services
from ..filtersets import EventFilterSet
from ..forms import (
    EventForm,
    SessionFormSet,
    session_initial,
)
from ..models import Event
from ..tables import EventTable


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class EventListView(ObjectListView):
    model = Event
    filterset_class = EventFilterSet
    table_class = EventTable
    template_name = "events/event_list.html"

    def get_list_queryset(self):
        return selectors.event_list(actor=self.request.user)


class EventDetailView(GateView):
    model = Event

    def get(self, request, slug):
        event = selectors.event_get(actor=request.user, slug=slug)
        if event is None:
            raise Http404
        context = selectors.event_detail_context(actor=request.user, event=event)
        context["object"] = event
        return render(request, "events/event_detail.html", context)


class EventIcalView(GateView):
    model = Event

    def get(self, request, slug):
        event = self.get_object()
        response = HttpResponse(documents.event_ical(event, base_url=_base_url(request)),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response


def _organiser_choices(user):
    return organisations_acting_for(actor=user, all_for_admins=True)


@method_decorator(login_required, name="dispatch")
class EventCreateView(View):
    def _check(self, request):
        if not can_add(request.user, Event):
            raise PermissionDenied

    def get(self, request):
        self._check(request)
        form = EventForm(initial={"organisers": list(_organiser_choices(request.user)[:1])})
        return render(request, "events/event_form.html", {"form": form})

    def post(self, request):
        self._check(request)
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                event = services.event_create(actor=request.user, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Draft saved. Add the programme and meeting blocks, then publish."))
                return redirect(event.get_absolute_url())
        return render(request, "events/event_form.html", {"form": form}, status=400)


class EventEditView(GateView):
    model = Event
    action = CHANGE

    def get(self, request, slug):
        event = self.get_object()
        return render(request, "events/event_form.html", {"form": EventForm(instance=event), "object": event})

    def post(self, request, slug):
        event = self.get_object()
        form = EventForm(request.POST, instance=event)
        if form.is_valid():
            try:
                event = services.event_update(actor=request.user, event=event, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(event.get_absolute_url())
        return render(request, "events/event_form.html", {"form": form, "object": event}, status=400)


class EventPublishView(GateView):
    model = Event
    action = CHANGE

    def post(self, request, slug):
        event = self.get_object()
        try:
            services.event_publish(actor=request.user, event=event)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("The event is published."))
        return redirect(event.get_absolute_url())


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


