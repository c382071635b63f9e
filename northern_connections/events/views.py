"""Event pages: thin views that parse input, call one selector or service and render.

Every object is looked up through the gate (GateView / selectors); every write goes to a
service, which re-checks permission and rules inside its transaction. Organiser pages look the
event up in the "change" scope (403 for participants and visitors who can see the event).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from northern_connections.core.permissions import CHANGE, DELETE, can, can_add
from northern_connections.core.views import GateView, ObjectListView, apply_validation_error, message_error
from northern_connections.directory.selectors import organisations_acting_for

from . import documents, selectors, services
from .choices import MarketplaceItemKind, ParticipantStatus
from .filtersets import EventFilterSet
from .forms import (
    EventForm,
    MarketplaceItemForm,
    MeetingAddForm,
    MeetingBlockForm,
    MeetingRequestForm,
    MoveForm,
    ParticipantForm,
    RegistrationForm,
    ScheduleRunForm,
    ScreenForm,
    SessionFormSet,
    session_initial,
)
from .models import Event, MarketplaceItem, Meeting, MeetingBlock, MeetingRequest, Participant
from .permissions import AGENDA, RESPOND
from .tables import EventTable


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- events ---------------------------------------------------------------------------------------------------


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


# --- meeting blocks -------------------------------------------------------------------------------------------


class BlockListView(GateView):
    """The organiser's meeting blocks, with the form to add one."""

    model = Event
    action = CHANGE

    def _render(self, event, form, status=200):
        blocks = event.blocks.prefetch_related("slots")
        return render(self.request, "events/block_list.html",
                      {"object": event, "blocks": blocks, "form": form}, status=status)

    def get(self, request, slug):
        event = self.get_object()
        initial = {"date": event.local(event.starts_at).date(), "start_time": "09:00", "slot_minutes": 20,
                   "slot_count": 8, "tables": 10, "break_minutes": 15}
        return self._render(event, MeetingBlockForm(initial=initial))

    def post(self, request, slug):
        event = self.get_object()
        form = MeetingBlockForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_block_save(actor=request.user, event=event, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Meeting block added."))
                return redirect("events:block_list", slug=event.slug)
        return self._render(event, form, status=400)


class BlockEditView(GateView):
    model = MeetingBlock
    action = CHANGE

    def get(self, request, pk):
        block = self.get_object()
        return render(request, "events/block_form.html", {"form": MeetingBlockForm(instance=block), "object": block})

    def post(self, request, pk):
        block = self.get_object()
        form = MeetingBlockForm(request.POST, instance=block)
        if form.is_valid():
            try:
                services.meeting_block_save(actor=request.user, event=block.event, block=block,
                                            **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("events:block_list", slug=block.event.slug)
        return render(request, "events/block_form.html", {"form": form, "object": block}, status=400)


class BlockDeleteView(GateView):
    model = MeetingBlock
    action = DELETE

    def post(self, request, pk):
        block = self.get_object()
        try:
            services.meeting_block_delete(actor=request.user, block=block)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Meeting block deleted."))
        return redirect("events:block_list", slug=block.event.slug)


# --- registration and screening -------------------------------------------------------------------------------


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


# --- marketplace ----------------------------------------------------------------------------------------------


class MarketplaceView(GateView):
    model = Event

    def get(self, request, slug):
        event = self.get_object()
        kind = request.GET.get("kind") if request.GET.get("kind") in MarketplaceItemKind.values else None
        mine = [p for p in selectors.my_participants(actor=request.user, event=event)
                if p.status in (ParticipantStatus.PENDING, ParticipantStatus.ACCEPTED)]
        return render(request, "events/marketplace.html", {
            "object": event, "items": selectors.marketplace_items(actor=request.user, event=event, kind=kind),
            "kind": kind, "kinds": MarketplaceItemKind.choices, "mine": mine,
            "my_participant_ids": {p.pk for p in mine},
        })


def _own_active_participant(request, event) -> Participant:
    participant = next((p for p in selectors.my_participants(actor=request.user, event=event)
                        if p.status in (ParticipantStatus.PENDING, ParticipantStatus.ACCEPTED)
                        and can(request.user, CHANGE, p)), None)
    if participant is None:
        raise PermissionDenied(_("Register for the event first."))
    return participant


@method_decorator(login_required, name="dispatch")
class MarketplaceItemCreateView(GateView):
    model = Event

    def get(self, request, slug):
        event = self.get_object()
        participant = _own_active_participant(request, event)
        return render(request, "events/marketplaceitem_form.html",
                      {"form": MarketplaceItemForm(), "event": event, "participant": participant})

    def post(self, request, slug):
        event = self.get_object()
        participant = _own_active_participant(request, event)
        form = MarketplaceItemForm(request.POST)
        if form.is_valid():
            try:
                services.marketplace_item_create(actor=request.user, participant=participant,
                                                 **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Added to the marketplace."))
                return redirect("events:marketplace", slug=event.slug)
        return render(request, "events/marketplaceitem_form.html",
                      {"form": form, "event": event, "participant": participant}, status=400)


class MarketplaceItemEditView(GateView):
    model = MarketplaceItem
    action = CHANGE

    def get(self, request, pk):
        item = self.get_object()
        return render(request, "events/marketplaceitem_form.html", {
            "form": MarketplaceItemForm(instance=item), "object": item, "event": item.participant.event})

    def post(self, request, pk):
        item = self.get_object()
        form = MarketplaceItemForm(request.POST, instance=item)
        if form.is_valid():
            try:
                services.marketplace_item_update(actor=request.user, item=item, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("events:marketplace", slug=item.participant.event.slug)
        return render(request, "events/marketplaceitem_form.html",
                      {"form": form, "object": item, "event": item.participant.event}, status=400)


class MarketplaceItemDeleteView(GateView):
    model = MarketplaceItem
    action = DELETE

    def post(self, request, pk):
        item = self.get_object()
        slug = item.participant.event.slug
        services.marketplace_item_delete(actor=request.user, item=item)
        messages.success(request, _("Deleted."))
        return redirect("events:marketplace", slug=slug)


# --- meeting requests -----------------------------------------------------------------------------------------


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
        if form.is_valid():
            try:
                meeting_request = services.meeting_request_create(actor=request.user, requester=participant,
                                                                  **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                if meeting_request.status == "accepted":
                    messages.success(request, _("Meeting with %(org)s confirmed.") % {"org": form.cleaned_data[
                        "recipient"]})
                else:
                    messages.success(request, _("Request sent to %(org)s.") % {"org": form.cleaned_data["recipient"]})
        else:
            messages.error(request, _("Choose a participant to meet."))
        return redirect("events:meetingrequest_list", slug=event.slug)


class MeetingRequestActionView(GateView):
    model = MeetingRequest
    service = None
    success = ""

    def post(self, request, pk):
        meeting_request = self.get_object()
        try:
            type(self).service(actor=request.user, request=meeting_request)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, self.success)
        return redirect("events:meetingrequest_list", slug=meeting_request.event.slug)


class MeetingRequestAcceptView(MeetingRequestActionView):
    action = RESPOND
    service = services.meeting_request_accept
    success = gettext_lazy("Meeting accepted. The organisers will place it in the schedule.")


class MeetingRequestDeclineView(MeetingRequestActionView):
    action = RESPOND
    service = services.meeting_request_decline
    success = gettext_lazy("Request declined.")


class MeetingRequestCancelView(MeetingRequestActionView):
    action = CHANGE
    service = services.meeting_request_cancel
    success = gettext_lazy("Request withdrawn.")


# --- the organiser's schedule ---------------------------------------------------------------------------------


class ScheduleGridView(GateView):
    """Slots × tables per block, with move, lock and unschedule; runs the scheduler; publishes."""

    model = Event
    action = CHANGE

    def get(self, request, slug):
        event = self.get_object()
        context = selectors.schedule_grid(event=event)
        participants = selectors.meeting_candidates(event=event)
        job = event.schedule_job
        context.update({
            "object": event, "run_form": ScheduleRunForm(), "add_form": MeetingAddForm(participants=participants),
            "job": job, "job_mine": job is not None and job.owner_id == request.user.pk,
            "stats": event.schedule_stats,
            "stats_at": parse_datetime(event.schedule_stats.get("at") or ""),
        })
        return render(request, "events/schedule_grid.html", context)


class ScheduleRunView(GateView):
    model = Event
    action = CHANGE

    def post(self, request, slug):
        event = self.get_object()
        form = ScheduleRunForm(request.POST)
        time_limit = form.cleaned_data["time_limit"] if form.is_valid() else 30
        try:
            services.schedule_event_start(actor=request.user, event=event, time_limit=time_limit)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("The scheduler is running; its progress is shown below."))
        return redirect("events:schedule_grid", slug=event.slug)


class SchedulePublishView(GateView):
    model = Event
    action = CHANGE

    def post(self, request, slug):
        event = self.get_object()
        try:
            count = services.schedule_publish(actor=request.user, event=event)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Schedule published (%(n)s newly announced meetings); participants are "
                                        "notified by e-mail.") % {"n": count})
        return redirect("events:schedule_grid", slug=event.slug)


class MeetingAddView(GateView):
    model = Event
    action = CHANGE

    def post(self, request, slug):
        event = self.get_object()
        form = MeetingAddForm(request.POST, participants=selectors.meeting_candidates(event=event))
        if form.is_valid():
            try:
                services.meeting_add(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Meeting added; it waits to be scheduled."))
        else:
            messages.error(request, _("Choose two participants."))
        return redirect("events:schedule_grid", slug=event.slug)


class MeetingMoveView(GateView):
    model = Meeting
    action = CHANGE

    def _render(self, meeting, form, status=200):
        return render(self.request, "events/meeting_move.html", {"object": meeting, "form": form}, status=status)

    def get(self, request, pk):
        meeting = self.get_object()
        initial = {"slot": meeting.slot_id or request.GET.get("slot"), "table": meeting.table or request.GET.get(
            "table") or 1}
        return self._render(meeting, MoveForm(initial=initial, event=meeting.event))

    def post(self, request, pk):
        meeting = self.get_object()
        form = MoveForm(request.POST, event=meeting.event)
        if form.is_valid():
            try:
                services.meeting_move(actor=request.user, meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Meeting moved."))
                return redirect(meeting.get_absolute_url())
        return self._render(meeting, form, status=400)


class MeetingLockView(GateView):
    model = Meeting
    action = CHANGE

    def post(self, request, pk):
        meeting = self.get_object()
        locked = request.POST.get("locked") == "1"
        try:
            services.meeting_set_locked(actor=request.user, meeting=meeting, locked=locked)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Meeting locked.") if locked else _("Meeting unlocked."))
        return redirect(meeting.get_absolute_url())


class MeetingUnscheduleView(GateView):
    model = Meeting
    action = CHANGE

    def post(self, request, pk):
        meeting = self.get_object()
        try:
            services.meeting_unschedule(actor=request.user, meeting=meeting)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Meeting taken off the schedule."))
        return redirect("events:schedule_grid", slug=meeting.event.slug)


# --- personal agenda ------------------------------------------------------------------------------------------


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
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="agenda-{participant.event.slug}.pdf"'
        return response


class AgendaIcalView(AgendaView):
    def get(self, request, pk):
        participant = self.get_object()
        body = documents.agenda_ical(participant, selectors.agenda(participant=participant),
                                     base_url=_base_url(request))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="agenda-{participant.event.slug}.ics"'
        return response

