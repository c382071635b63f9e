"""Writes of peer connection: conversations with a case's advisor, and the moderated Q&A."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import VIEW, locked_for, require_add
from northern_connections.core.search import index_object
from northern_connections.core.slugs import reserved_segments, unique_slug

from .. import notifications
from ..choices import PostStatus, ReportStatus
from ..models import AbuseReport, CommunityAnswer, CommunityQuestion, Conversation, Message, ProcurementCase
from ..permissions import ACCEPT, MODERATE

MAX_MESSAGE = 5000


def _text(value: str, field: str, limit: int = MAX_MESSAGE) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("Write something first.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": limit}})
    return value


def conversation_start(*, actor: User, case: ProcurementCase, subject: str, body: str) -> Conversation:
    """Write to a published case's advising contact: a private thread between the two, with an e-mail to them."""
    with transaction.atomic():
        require_add(actor, Conversation)
        case = ProcurementCase.objects.restrict(actor, VIEW).filter(pk=case.pk).first()
        if case is None or case.advisor_id is None:
            raise ValidationError(_("This case has no advising contact."))
        if case.advisor_id == actor.pk:
            raise ValidationError(_("You are this case's advising contact yourself."))
        conversation = Conversation.objects.create(case=case, subject=_text(subject, "subject", 200),
                                                   started_by=actor, advisor=case.advisor)
        _post(conversation, actor, body)
    return conversation


def message_send(*, actor: User, conversation: Conversation, body: str) -> Message:
    """Answer in a conversation one is part of; the other person is told by e-mail."""
    with transaction.atomic():
        conversation = locked_for(actor, VIEW, conversation)
        return _post(conversation, actor, body)


def _post(conversation: Conversation, actor: User, body: str) -> Message:
    message = Message.objects.create(conversation=conversation, author=actor, body=_text(body, "body"))
    conversation.last_message_at = message.created
    conversation.save(update_fields=["last_message_at", "updated"])
    transaction.on_commit(lambda: notifications.message_received(message))
    return message


def question_index(question: CommunityQuestion) -> None:
    answers = " ".join(question.answers.filter(status=PostStatus.PUBLISHED).values_list("body", flat=True))
    index_object(question, f"{question.search_text()} {answers}", question.language)


def question_ask(*, actor: User, title: str, body: str = "", language: str = "en",
                 case: ProcurementCase | None = None, is_demo: bool = False) -> CommunityQuestion:
    """Ask the community; the question is public once a moderator lets it through."""
    with transaction.atomic():
        require_add(actor, CommunityQuestion)
        question = CommunityQuestion(title=_text(title, "title", 300), body=(body or "").strip()[:MAX_MESSAGE],
                                     language=language, author=actor, case=case, is_demo=is_demo)
        question.slug = unique_slug(CommunityQuestion, title, reserved=reserved_segments("knowledge:question_detail"),
                                    fallback="question")
        question.full_clean()
        question.save()
        question_index(question)
    return question


def question_moderate(*, actor: User, question: CommunityQuestion, publish: bool) -> CommunityQuestion:
    """A moderator lets a question through (publish) or hides it."""
    with transaction.atomic():
        question = locked_for(actor, MODERATE, question)
        question.status = PostStatus.PUBLISHED if publish else PostStatus.HIDDEN
        question.save(update_fields=["status", "updated"])
    return question


def answer_post(*, actor: User, question: CommunityQuestion, body: str) -> CommunityAnswer:
    """Answer a published question; shown at once (moderators act on reports)."""
    with transaction.atomic():
        require_add(actor, CommunityAnswer)
        question = CommunityQuestion.objects.restrict(actor, VIEW).filter(pk=question.pk).first()
        if question is None or not question.is_public:
            raise ValidationError(_("Only published questions can be answered."))
        answer = CommunityAnswer.objects.create(question=question, author=actor, body=_text(body, "body"))
        question_index(question)
        transaction.on_commit(lambda: notifications.answer_posted(answer))
    return answer


def answer_accept(*, actor: User, question: CommunityQuestion, answer: CommunityAnswer) -> CommunityQuestion:
    """The question's author marks the answer that solved it."""
    with transaction.atomic():
        question = locked_for(actor, ACCEPT, question)
        if answer.question_id != question.pk or not answer.is_public:
            raise ValidationError(_("Choose a published answer to this question."))
        question.accepted_answer = answer
        question.save(update_fields=["accepted_answer", "updated"])
    return question


def abuse_report(*, actor: User, reason: str, question: CommunityQuestion | None = None,
                 answer: CommunityAnswer | None = None) -> AbuseReport:
    """Report a question or an answer that breaks the rules; moderators decide."""
    with transaction.atomic():
        require_add(actor, AbuseReport)
        if (question is None) == (answer is None):
            raise ValidationError(_("Report one question or one answer."))
        visible = (CommunityQuestion.objects.restrict(actor, VIEW).filter(pk=question.pk) if question else
                   CommunityAnswer.objects.restrict(actor, VIEW).filter(pk=answer.pk))
        if not visible.exists():
            raise ValidationError(_("There is no such post."))
        report = AbuseReport(question=question, answer=answer, reporter=actor, reason=_text(reason, "reason", 500))
        report.full_clean()
        report.save()
    return report


def report_decide(*, actor: User, report: AbuseReport, uphold: bool) -> AbuseReport:
    """A moderator upholds a report (the post is hidden) or dismisses it."""
    with transaction.atomic():
        report = locked_for(actor, MODERATE, report)
        if not report.is_open:
            raise ValidationError(_("This report was decided already."))
        report.status = ReportStatus.UPHELD if uphold else ReportStatus.DISMISSED
        report.decided_by = actor
        report.save(update_fields=["status", "decided_by", "updated"])
        if uphold:
            post = report.question or report.answer
            post.status = PostStatus.HIDDEN
            post.save(update_fields=["status", "updated"])
            question = report.post_question
            if report.answer_id and question.accepted_answer_id == report.answer_id:
                question.accepted_answer = None
                question.save(update_fields=["accepted_answer", "updated"])
            question_index(question)
    return report


