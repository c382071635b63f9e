"""The audit-trail page every audited model can offer: `ObjectHistoryView.as_view(model=...)` in its urls.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import audit
from .permissions import HISTORY
from .views import GateView


class ObjectHistoryView(GateView):
    """Who changed what and when, for those the object's policy lets read its history.

    The look-up goes through the gate with the "history" action: an object the user may not even
    see is a 404, one they see but may not audit is a 403, anonymous users are sent to log in.
    """

    model = None  # given in urls.py: ObjectHistoryView.as_view(model=Organisation)
    action = HISTORY
    template_name = "core/object_history.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        context = {"object": obj, "meta": obj._meta, "entries": audit.history_for(obj, request.user),
                   "limit": audit.HISTORY_LIMIT}
        return render(request, self.template_name, context)
