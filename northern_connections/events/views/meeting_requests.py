"""Meeting requests between participants."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from northern_connections.core.permissions import CHANGE, can
from northern_connections.core.views import GateView, ObjectActionView, submit_form

from .. import selectors, services
from ..choices import MeetingRequestStatus
from ..forms import MeetingRequestForm
from ..models import Event, MeetingRequest
from ..permissions import RESPOND


@method_decorator(login_required, name="dispatch")
class MeetingRequestListView(GateView):
    """A participant's meetings page: requests received and sent, suggestions, and whom to ask."""

    model = Event

    def _render(self, event, form=None, status=200):
        participant = selectors.my_participant(actor=self.request.user, event=event)
        context = {"object": event, "participant": participant}
        if participant is not None:
            others = selectors.accepted_participants(actor=self.request.user, event=event).exclude(pk=participant.pk)
            context.update(selectors.meeting_requests_of(participant=participant))
            context.update({
                "form": form or MeetingRequestForm(others=others, initial={"recipient": self.request.GET.get("to")}),
                "suggestions": selectors.suggested_partners(participant=participant),
                "others": others,
                "meeting_count": selectors.meeting_count(participant),
                "meeting_limit": participant.meeting_limit(event),
                "can_act": can(self.request.user, CHANGE, participant),
            })
        return render(self.request, "events/meetingrequest_list.html", context, status=status)

    def get(self, request, slug):
        return self._render(self.get_object())


@method_decorator(login_required, name="dispatch")
class MeetingRequestCreateView(GateView):
    model = Event

    def post(self, request, slug):
        event = self.get_object()
        participant = selectors.my_participant(actor=request.user, event=event, write=True)
        if participant is None:
            raise PermissionDenied(_("Only accepted participants ask for meetings."))
        others = selectors.accepted_participants(actor=request.user, event=event).exclude(pk=participant.pk)
        form = MeetingRequestForm(request.POST, others=others)
        ask = partial(services.meeting_request_create, actor=request.user, requester=participant)
        if sent := submit_form(request, form, ask, errors_as_messages=True):
            confirmed = sent.result.status == MeetingRequestStatus.ACCEPTED
            message = _("Meeting with %(org)s confirmed.") if confirmed else _("Request sent to %(org)s.")
            messages.success(request, message % {"org": form.cleaned_data["recipient"]})
        elif not form.is_valid():
            messages.error(request, _("Choose a participant to meet."))
        return redirect("events:meetingrequest_list", slug=event.slug)


class MeetingRequestActionView(ObjectActionView):
    model = MeetingRequest

    return_to = ("events:meetingrequest_list", "event")


class MeetingRequestAcceptView(MeetingRequestActionView):
    action = RESPOND
    service = services.meeting_request_accept
    success_message = gettext_lazy("Meeting accepted. The organisers will place it in the schedule.")


class MeetingRequestDeclineView(MeetingRequestActionView):
    action = RESPOND
    service = services.meeting_request_decline
    success_message = gettext_lazy("Request declined.")


class MeetingRequestCancelView(MeetingRequestActionView):
    action = CHANGE
    service = services.meeting_request_cancel
    success_message = gettext_lazy("Request withdrawn.")
