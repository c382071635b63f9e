"""Asking and answering public clarification questions."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import GateView, submit_form

from .. import selectors, services
from ..forms import AnswerForm, ClarificationForm
from ..models import Challenge, Clarification


@method_decorator(login_required, name="dispatch")
class ClarificationCreateView(GateView):
    model = Challenge

    def post(self, request, slug):
        challenge = self.get_object()
        form = ClarificationForm(request.POST, organisations=selectors.user_organisations(request.user))
        ask = partial(services.clarification_ask, actor=request.user, challenge=challenge)
        submit_form(request, form, ask, _("Your question was sent; the answer will be published for everyone."),
                    errors_as_messages=True)
        if not form.is_valid():
            messages.error(request, _("Choose your organisation and write a question."))
        return redirect(challenge.get_absolute_url() + "#clarifications")


class ClarificationAnswerView(GateView):
    model = Clarification
    action = CHANGE

    def post(self, request, pk):
        clarification = self.get_object()
        form = AnswerForm(request.POST)
        answer = partial(services.clarification_answer, actor=request.user, clarification=clarification)
        submit_form(request, form, answer, _("Answer published."), errors_as_messages=True)
        return redirect(clarification.challenge.get_absolute_url() + "#clarifications")


