"""E-mails of the knowledge centre. Services call these through `transaction.on_commit`, so no mail leaves
for a write that was rolled back; each is written in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _


def _absolute(path: str) -> str:
    return f"{getattr(settings, 'PLATFORM_URL', '').rstrip('/')}{path}"


def message_received(message) -> None:
    """Tell the other person of a conversation that a message is waiting (the text itself stays on the platform
    only in part: the first lines, so that the reply is written where both can see the thread)."""
    conversation = message.conversation
    recipient = conversation.other_party(message.author)
    if not recipient.email:
        return
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        subject = _("New message: %(subject)s") % {"subject": conversation.subject}
        body = _("%(author)s wrote to you on Northern Connections:\n\n%(excerpt)s\n\nRead and answer: %(url)s") % {
            "author": message.author, "excerpt": message.body[:500], "url": _absolute(conversation.get_absolute_url())}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


def answer_posted(answer) -> None:
    """Tell a question's author that it has a new answer."""
    question = answer.question
    author = question.author
    if not author.email or author.pk == answer.author_id:
        return
    with translation.override(author.preferred_language or settings.LANGUAGE_CODE):
        subject = _("New answer: %(title)s") % {"title": question.title}
        body = _("Your question has a new answer.\n\n%(url)s") % {"url": _absolute(question.get_absolute_url())}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [author.email])
