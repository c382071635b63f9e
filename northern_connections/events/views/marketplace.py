"""The marketplace of offers and requests."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE, can
from northern_connections.core.views import GateView, ObjectActionView, ObjectEditView, submit_form

from .. import selectors, services
from ..choices import MarketplaceItemKind
from ..forms import MarketplaceItemForm
from ..models import Event, MarketplaceItem, Participant


class MarketplaceView(GateView):
    model = Event

    def get(self, request, slug):
        event = self.get_object()
        kind = request.GET.get("kind") if request.GET.get("kind") in MarketplaceItemKind.values else None
        mine = [p for p in selectors.my_participants(actor=request.user, event=event) if p.is_active]
        return render(request, "events/marketplace.html", {
            "object": event, "items": selectors.marketplace_items(actor=request.user, event=event, kind=kind),
            "kind": kind, "kinds": MarketplaceItemKind.choices, "mine": mine,
            "my_participant_ids": {p.pk for p in mine},
        })


def _own_active_participant(request, event) -> Participant:
    participant = next((p for p in selectors.my_participants(actor=request.user, event=event)
                        if p.is_active and can(request.user, CHANGE, p)), None)
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
        add = partial(services.marketplace_item_create, actor=request.user, participant=participant)
        if submit_form(request, form, add, _("Added to the marketplace.")):
            return redirect("events:marketplace", slug=event.slug)
        return render(request, "events/marketplaceitem_form.html",
                      {"form": form, "event": event, "participant": participant}, status=400)


class MarketplaceItemEditView(ObjectEditView):
    model = MarketplaceItem
    form_class = MarketplaceItemForm
    service = services.marketplace_item_update
    return_to = ("events:marketplace", "participant.event")

    def get_context(self, obj):
        return {"event": obj.participant.event}


class MarketplaceItemDeleteView(ObjectActionView):
    model = MarketplaceItem
    action = DELETE
    service = services.marketplace_item_delete
    success_message = _lazy("Deleted.")
    confirm_question = _lazy("Delete this offer or request?")

    return_to = ("events:marketplace", "participant.event")
