"""The owner's pages for a challenge's documents and translations."""

from __future__ import annotations

from functools import partial

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE
from northern_connections.core.views import GateView, ObjectActionView, stored_file_download, submit_form

from .. import services
from ..forms import DocumentForm, TranslationForm
from ..models import Challenge, ChallengeDocument, ChallengeTranslation


class ChallengeDocumentsView(GateView):
    """The owner's list of the call's documents, with the upload form."""

    model = Challenge
    action = CHANGE

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        return render(request, "challenges/challenge_documents.html", {
            "object": challenge, "documents": challenge.documents.order_by("pk"), "form": form or DocumentForm()},
            status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        form = DocumentForm(request.POST, request.FILES)
        add = partial(services.challenge_document_add, actor=request.user, challenge=challenge)
        if submit_form(request, form, add, _("Document added.")):
            return redirect("challenges:challenge_documents", slug=slug)
        return self.get(request, slug, form=form, status=400)


class DocumentDownloadView(GateView):
    """A document through the gate: a draft's documents are the owner's until it is published."""

    model = ChallengeDocument

    def get(self, request, pk):
        document = self.get_object()
        return stored_file_download(document.file, document.title, document.content_type)


class DocumentDeleteView(ObjectActionView):
    model = ChallengeDocument
    action = DELETE
    service = services.challenge_document_delete
    success_message = _lazy("Document removed.")
    confirm_question = _lazy("Remove this document from the call?")

    return_to = ("challenges:challenge_documents", "challenge")


class ChallengeTranslationsView(GateView):
    """Further translations of the title and summary, beyond the original and English."""

    model = Challenge
    action = CHANGE

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        return render(request, "challenges/challenge_translations.html", {
            "object": challenge, "translations": challenge.translations.order_by("language"),
            "form": form or TranslationForm(challenge=challenge)}, status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        form = TranslationForm(request.POST, challenge=challenge)
        save = partial(services.challenge_translation_save, actor=request.user, challenge=challenge)
        if submit_form(request, form, save, _("Translation saved.")):
            return redirect("challenges:challenge_translations", slug=slug)
        return self.get(request, slug, form=form, status=400)


class TranslationDeleteView(ObjectActionView):
    model = ChallengeTranslation
    action = DELETE
    service = services.challenge_translation_delete
    success_message = _lazy("Translation removed.")
    confirm_question = _lazy("Remove this translation?")

    return_to = ("challenges:challenge_translations", "challenge")
