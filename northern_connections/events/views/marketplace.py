"""The marketplace of offers and requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE, DELETE, can
from northern_connections.core.views import GateView, apply_validation_error

from .. import selectors, services
from ..choices import MarketplaceItemKind, ParticipantStatus
from ..forms import (
    MarketplaceItemForm,
)
from ..models import Event, MarketplaceItem, Participant


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


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


