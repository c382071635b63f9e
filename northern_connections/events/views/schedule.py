"""The organiser's schedule grid: run the scheduler, move, lock, unschedule, publish."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE
from northern_connections.core.throttling import ScopeThrottledMixin
from northern_connections.core.views import GateView, ObjectActionView, ObjectEditView

from .. import selectors, services
from ..forms import MeetingAddForm, MoveForm, ScheduleImproveForm, ScheduleRunForm
from ..models import Event, Meeting

IMPROVE_PREFIX = "improve"  # the second time-limit form on the grid page (distinct field ids)


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
            "improve_form": ScheduleImproveForm(prefix=IMPROVE_PREFIX),
            "breaks": selectors.schedule_breaks(event=event, stats=event.schedule_stats),
            "job": job, "job_mine": job is not None and job.owner_id == request.user.pk,
            "stats": event.schedule_stats,
            "stats_at": parse_datetime(event.schedule_stats.get("at") or ""),
        })
        return render(request, "events/schedule_grid.html", context)


class _ScheduleActionView(ObjectActionView):
    """An organiser's action on the schedule: back to the grid afterwards."""

    def get_return_url(self, obj):
        event = obj if isinstance(obj, Event) else obj.event
        return reverse("events:schedule_grid", kwargs={"slug": event.slug})


class ScheduleRunView(ScopeThrottledMixin, _ScheduleActionView):
    model = Event
    throttle_scope = "scheduling"  # the solver runs for up to its time limit: a lower rate of its own
    service = services.schedule_event_start
    success_message = _lazy("The scheduler is running; its progress is shown below.")

    def service_kwargs(self, obj):
        form = ScheduleRunForm(self.request.POST)
        return {"time_limit": form.cleaned_data["time_limit"] if form.is_valid() else 30}


class ScheduleImproveView(ScopeThrottledMixin, _ScheduleActionView):
    """"Keep improving": a new run that starts from the current schedule."""

    model = Event
    throttle_scope = "scheduling"
    service = services.schedule_event_improve
    success_message = _lazy("The scheduler keeps improving the current schedule; its progress is shown below.")

    def service_kwargs(self, obj):
        form = ScheduleImproveForm(self.request.POST, prefix=IMPROVE_PREFIX)
        return {"time_limit": form.cleaned_data["time_limit"] if form.is_valid() else 60}


class SchedulePublishView(_ScheduleActionView):
    model = Event
    service = services.schedule_publish
    confirm_question = _lazy("Publish the schedule? Participants are notified by e-mail.")

    def get_success_message(self, obj, result):
        return _("Schedule published (%(n)s newly announced meetings); participants are "
                 "notified by e-mail.") % {"n": result}


class MeetingAddView(_ScheduleActionView):
    model = Event
    service = services.meeting_add
    success_message = _lazy("Meeting added; it waits to be scheduled.")

    def service_kwargs(self, obj):
        form = MeetingAddForm(self.request.POST, participants=selectors.meeting_candidates(event=obj))
        if not form.is_valid():
            raise ValidationError(_("Choose two participants."))
        return form.cleaned_data


class MeetingMoveView(ObjectEditView):
    model = Meeting
    template_name = "events/meeting_move.html"
    service = services.meeting_move
    success_message = _lazy("Meeting moved.")

    def get_form(self, obj, data=None, files=None):
        initial = {"slot": obj.slot_id or self.request.GET.get("slot"),
                   "table": obj.table or self.request.GET.get("table") or 1}
        return MoveForm(data, initial=initial, event=obj.event)

    def save(self, form, obj):
        return self.call_service(obj, **form.cleaned_data)


class MeetingLockView(ObjectActionView):
    model = Meeting
    service = services.meeting_set_locked

    def service_kwargs(self, obj):
        return {"locked": self.request.POST.get("locked") == "1"}

    def get_success_message(self, obj, result):
        return _("Meeting locked.") if result.locked else _("Meeting unlocked.")


class MeetingUnscheduleView(_ScheduleActionView):
    model = Meeting
    service = services.meeting_unschedule
    success_message = _lazy("Meeting taken off the schedule.")
