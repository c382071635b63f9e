"""Peer connection: message threads with a case's advising contact, and the moderated Q&A."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in

from ..choices import CASE_LANGUAGES, PostStatus, ReportStatus
from .cases import ProcurementCase


class Conversation(RestrictedModel):
    """A private thread between a peer and a case's advising contact (seen by the two of them only)."""

    case = models.ForeignKey(ProcurementCase, verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="conversations")
    subject = models.CharField(_("subject"), max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("knowledge:conversation_detail", kwargs={"pk": self.pk})

    def other_party(self, user):
        return self.advisor if user.pk == self.started_by_id else self.started_by


class Message(PartOfPage, RestrictedModel):
    """One message of a conversation; the other party is told by e-mail."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"))
    page_of = "conversation"

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class CommunityQuestion(RestrictedModel):
    """A question to the community of procurers; public once a moderator has let it through."""

    title = models.CharField(_("question"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    body = models.TextField(_("details"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=CASE_LANGUAGES, default="en")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(ProcurementCase, verbose_name=_("related case"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="questions")
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.PENDING,
                              db_index=True, editable=False)
    accepted_answer = models.OneToOneField("CommunityAnswer", null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+", editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_pending = status_in(PostStatus.PENDING)
    is_public = status_in(PostStatus.PUBLISHED)

    class Meta:
        verbose_name = _("community question")
        verbose_name_plural = _("community questions")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:question_detail", kwargs={"slug": self.slug})

    def search_text(self) -> str:
        return " ".join(filter(None, [self.title, self.body]))


class CommunityAnswer(PartOfPage, RestrictedModel):
    """An answer to a community question; shown at once, hidden by a moderator after an upheld report."""

    question = models.ForeignKey(CommunityQuestion, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("answer"))
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.PUBLISHED,
                              editable=False)
    page_of = "question"

    is_public = status_in(PostStatus.PUBLISHED)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class AbuseReport(RestrictedModel):
    """A user reports a question or an answer; a moderator upholds (hides the post) or dismisses it."""

    question = models.ForeignKey(CommunityQuestion, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="reports")
    answer = models.ForeignKey(CommunityAnswer, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN,
                              db_index=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    is_open = status_in(ReportStatus.OPEN)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created", "-pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(question__isnull=False, answer__isnull=True)
            | models.Q(question__isnull=True, answer__isnull=False), name="knowledge_report_one_post")]

    def __str__(self) -> str:
        return self.reason[:60]

    def get_absolute_url(self) -> str:
        return reverse("knowledge:moderation")

    @property
    def post_question(self) -> CommunityQuestion:
        return self.question if self.question_id else self.answer.question
