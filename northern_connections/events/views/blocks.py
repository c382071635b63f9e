"""The organiser's pages for meeting blocks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE, DELETE
from northern_connections.core.views import GateView, apply_validation_error, message_error

from .. import services
from ..forms import (
    MeetingBlockForm,
)
from ..models import Event, MeetingBlock


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


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


