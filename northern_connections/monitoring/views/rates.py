"""The EU's monthly accounting rates: everyone reads them; platform administrators record them."""

from __future__ import annotations

from functools import partial

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from northern_connections.core.permissions import VIEW, can_add
from northern_connections.core.views import GateView, submit_form

from .. import services
from ..forms import ExchangeRateForm
from ..models import ExchangeRate


class ExchangeRateView(GateView):
    model = ExchangeRate

    def _render(self, request, form, status=200):
        return render(request, "monitoring/rate_list.html", {
            "rates": ExchangeRate.objects.restrict(request.user, VIEW)[:200],
            "form": form if can_add(request.user, ExchangeRate) else None}, status=status)

    def get(self, request):
        return self._render(request, ExchangeRateForm())

    def post(self, request):
        if not can_add(request.user, ExchangeRate):
            self.deny()
        form = ExchangeRateForm(request.POST)
        if submit_form(request, form, partial(services.exchange_rate_save, actor=request.user), _("Rate saved.")):
            return redirect("monitoring:rate_list")
        return self._render(request, form, status=400)
