"""Asking and answering public clarification questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import (
    GateView,
    message_error,
)

from .. import selectors, services
from ..forms import (
    AnswerForm,
    ClarificationForm,
)
from ..models import (
    Challenge,
    Clarification,
)


@method_decorator(login_required, name="dispatch")
class ClarificationCreateView(GateView):
    model = Challenge

    def post(self, request, slug):
        challenge = self.get_object()
        form = ClarificationForm(request.POST, organisations=selectors.user_organisations(request.user))
        if form.is_valid():
            try:
                services.clarification_ask(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Your question was sent; the answer will be published for everyone."))
        else:
            messages.error(request, _("Choose your organisation and write a question."))
        return redirect(challenge.get_absolute_url() + "#clarifications")


class ClarificationAnswerView(GateView):
    model = Clarification
    action = CHANGE

    def post(self, request, pk):
        clarification = self.get_object()
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.clarification_answer(actor=request.user, clarification=clarification,
                                              answer=form.cleaned_data["answer"])
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Answer published."))
        return redirect(clarification.challenge.get_absolute_url() + "#clarifications")


