"""The organiser's schedule grid: run the scheduler, move, lock, unschedule, publish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import GateView, apply_validation_error, message_error

from .. import selectors, services
from ..forms import (
    MeetingAddForm,
    MoveForm,
    ScheduleRunForm,
)
from ..models import Event, Meeting


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


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


