"""Registration and the organiser's screening of participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import GateView, apply_validation_error, message_error

from .. import selectors, services
from ..choices import ParticipantStatus
from ..forms import (
    ParticipantForm,
    RegistrationForm,
    ScreenForm,
)
from ..models import Event, Participant


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@method_decorator(login_required, name="dispatch")
class RegisterView(GateView):
    model = Event

    def _render(self, event, form, status=200):
        context = selectors.event_detail_context(actor=self.request.user, event=event)
        return render(self.request, "events/register.html", {"object": event, "form": form, **context},
                      status=status)

    def _form(self, event, data=None):
        return RegistrationForm(data, event=event,
                                organisations=selectors.registrable_organisations(actor=self.request.user,
                                                                                  event=event))

    def get(self, request, slug):
        event = self.get_object()
        return self._render(event, self._form(event))

    def post(self, request, slug):
        event = self.get_object()
        form = self._form(event, request.POST)
        if form.is_valid():
            try:
                participant = services.participant_register(actor=request.user, event=event,
                                                            **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                if participant.status == ParticipantStatus.ACCEPTED:
                    messages.success(request, _("You are registered. Add your offers and requests, then ask "
                                                "other participants for meetings."))
                else:
                    messages.success(request, _("Thank you for applying. The organisers will screen the "
                                                "registrations and tell you their decision by e-mail."))
                return redirect(event.get_absolute_url())
        return self._render(event, form, status=400)


class ParticipantListView(GateView):
    """The organisers' screening page: every registration, select many, accept or reject."""

    model = Event
    action = CHANGE

    def get(self, request, slug):
        event = self.get_object()
        status = request.GET.get("status") or None
        if status not in (None, *ParticipantStatus.values):
            status = None
        return render(request, "events/participant_list.html", {
            "object": event, "participants": selectors.participants_for_screening(event=event, status=status),
            "status": status, "statuses": ParticipantStatus.choices,
        })


class ParticipantScreenView(GateView):
    model = Event
    action = CHANGE

    def post(self, request, slug):
        event = self.get_object()
        form = ScreenForm(request.POST, event=event)
        if not form.is_valid():
            messages.error(request, _("Choose registrations and a decision."))
        else:
            try:
                count = services.participants_screen(
                    actor=request.user, event=event, accept=form.cleaned_data["decision"] == "accept",
                    participant_ids=[p.pk for p in form.cleaned_data["participants"]])
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("%(n)s registrations updated; the participants are told by e-mail.")
                                 % {"n": count})
        return redirect("events:participant_list", slug=event.slug)


class ParticipantEditView(GateView):
    model = Participant
    action = CHANGE

    def get(self, request, pk):
        participant = self.get_object()
        return render(request, "events/participant_form.html",
                      {"form": ParticipantForm(instance=participant), "object": participant})

    def post(self, request, pk):
        participant = self.get_object()
        form = ParticipantForm(request.POST, instance=participant)
        if form.is_valid():
            try:
                services.participant_update(actor=request.user, participant=participant, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(participant.event.get_absolute_url())
        return render(request, "events/participant_form.html", {"form": form, "object": participant}, status=400)


class ParticipantCancelView(GateView):
    model = Participant
    action = CHANGE

    def post(self, request, pk):
        participant = self.get_object()
        try:
            services.participant_cancel(actor=request.user, participant=participant)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect(participant.event.get_absolute_url())


