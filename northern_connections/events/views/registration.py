"""Registration and the organiser's screening of participants."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import GateView, ObjectActionView, ObjectEditView, submit_form

from .. import selectors, services
from ..choices import ParticipantStatus
from ..forms import ParticipantForm, RegistrationForm, ScreenForm
from ..models import Event, Participant


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
        register = partial(services.participant_register, actor=request.user, event=event)
        if registered := submit_form(request, form, register):
            if registered.result.status == ParticipantStatus.ACCEPTED:
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


class ParticipantScreenView(ObjectActionView):
    """Accept or reject the chosen registrations in one go."""

    model = Event
    service = services.participants_screen
    return_to = ("events:participant_list", "")

    def service_kwargs(self, obj):
        form = ScreenForm(self.request.POST, event=obj)
        if not form.is_valid():
            raise ValidationError(_("Choose registrations and a decision."))
        return {"accept": form.cleaned_data["decision"] == "accept",
                "participant_ids": [p.pk for p in form.cleaned_data["participants"]]}

    def get_success_message(self, obj, result):
        return _("%(n)s registrations updated; the participants are told by e-mail.") % {"n": result}


class ParticipantEditView(ObjectEditView):
    model = Participant
    form_class = ParticipantForm
    service = services.participant_update

    def get_success_url(self, obj):
        return obj.event.get_absolute_url()


class ParticipantCancelView(ObjectActionView):
    model = Participant
    service = services.participant_cancel
    success_message = _lazy("Your registration is cancelled.")
    confirm_question = _lazy("Cancel your registration? Your meetings at this event are cancelled too.")

    def get_return_url(self, obj):
        return obj.event.get_absolute_url()
