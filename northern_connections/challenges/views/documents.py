"""The owner's pages for a challenge's documents and translations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE, DELETE
from northern_connections.core.views import (
    GateView,
    apply_validation_error,
    message_error,
    stored_file_download,
)

from .. import services
from ..forms import (
    DocumentForm,
    TranslationForm,
)
from ..models import (
    Challenge,
    ChallengeDocument,
    ChallengeTranslation,
)


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
        if form.is_valid():
            try:
                services.challenge_document_add(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Document added."))
                return redirect("challenges:challenge_documents", slug=slug)
        return self.get(request, slug, form=form, status=400)


class DocumentDownloadView(GateView):
    """A document through the gate: a draft's documents are the owner's until it is published."""

    model = ChallengeDocument

    def get(self, request, pk):
        document = self.get_object()
        return stored_file_download(document.file, document.title, document.content_type)


class DocumentDeleteView(GateView):
    model = ChallengeDocument
    action = DELETE

    def post(self, request, pk):
        document = self.get_object()
        slug = document.challenge.slug
        try:
            services.challenge_document_delete(actor=request.user, document=document)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Document removed."))
        return redirect("challenges:challenge_documents", slug=slug)


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
        if form.is_valid():
            try:
                services.challenge_translation_save(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Translation saved."))
                return redirect("challenges:challenge_translations", slug=slug)
        return self.get(request, slug, form=form, status=400)


class TranslationDeleteView(GateView):
    model = ChallengeTranslation
    action = DELETE

    def post(self, request, pk):
        translation = self.get_object()
        slug = translation.challenge.slug
        try:
            services.challenge_translation_delete(actor=request.user, translation=translation)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Translation removed."))
        return redirect("challenges:challenge_translations", slug=slug)


