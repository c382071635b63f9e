"""The applicant's documents: PDF receipt and feedback letter."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from northern_connections.core.permissions import can
from northern_connections.core.views import PDF, GateView, download

from .. import documents
from ..models import Application
from ..permissions import FEEDBACK, RECEIPT


class ApplicationReceiptView(GateView):
    """The PDF receipt of what is submitted, also sent by e-mail at submission; for the applicant's side."""

    model = Application

    def get(self, request, pk):
        application = self.get_object()
        if not can(request.user, RECEIPT, application):
            self.deny()
        if application.submitted_at is None:
            raise Http404(_("This application has not been submitted."))
        return download(documents.application_pdf(application), PDF, f"application-{application.pk}-receipt.pdf")


class FeedbackLetterView(GateView):
    """The feedback letter once the challenge is decided: for the applicant's side and the owners."""

    model = Application
    pdf = False

    def get(self, request, pk):
        application = self.get_object()
        if not can(request.user, FEEDBACK, application):
            self.deny()
        context = documents.feedback_letter_context(application)
        if context is None:
            raise Http404(_("The decision on this application has not been published yet."))
        if self.pdf:
            return download(documents.feedback_letter_pdf(context), PDF, f"feedback-{application.pk}.pdf")
        return render(request, "challenges/feedback_letter.html", context)


