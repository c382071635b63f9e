"""The organiser's pages for meeting blocks."""

from __future__ import annotations

from functools import partial

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE
from northern_connections.core.views import GateView, ObjectActionView, ObjectEditView, submit_form

from .. import services
from ..forms import MeetingBlockForm
from ..models import Event, MeetingBlock


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
        add = partial(services.meeting_block_save, actor=request.user, event=event)
        if submit_form(request, form, add, _("Meeting block added.")):
            return redirect("events:block_list", slug=event.slug)
        return self._render(event, form, status=400)


class BlockEditView(ObjectEditView):
    model = MeetingBlock
    form_class = MeetingBlockForm
    template_name = "events/block_form.html"
    service = services.meeting_block_save
    return_to = ("events:block_list", "event")

    def save(self, form, obj):
        return self.call_service(obj, event=obj.event, **form.service_fields())


class BlockDeleteView(ObjectActionView):
    model = MeetingBlock
    action = DELETE
    service = services.meeting_block_delete
    success_message = _lazy("Meeting block deleted.")
    confirm_question = _lazy("Delete this meeting block and its slots?")

    return_to = ("events:block_list", "event")
