"""E-mail of matchmaking: the digest of new challenges for a saved search.

Sent by services through `transaction.on_commit`, in the recipient's preferred language, with a
one-click unsubscribe: the `List-Unsubscribe` header (RFC 2369) plus `List-Unsubscribe-Post`
(RFC 8058), so mail clients can offer their own "unsubscribe" button, and the same link in the
text for everyone else. The link works without logging in: its token is the credential.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext


def absolute(path: str) -> str:
    return f"{getattr(settings, 'PLATFORM_URL', '').rstrip('/')}{path}"


def match_digest(digest) -> None:
    """One e-mail with every new matching challenge of one saved search."""
    search = digest.saved_search
    user = search.user
    unsubscribe = absolute(reverse("matchmaking:unsubscribe", kwargs={"token": search.unsubscribe_token}))
    count = len(digest.items)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "search": search, "user": user, "more": digest.more, "unsubscribe_url": unsubscribe,
            "search_url": absolute(search.get_absolute_url()),
            "manage_url": absolute(reverse("matchmaking:home")),
            "items": [{"challenge": item.challenge, "why": item.match.why,
                       "url": absolute(item.challenge.get_absolute_url())} for item in digest.items],
        }
        subject = ngettext("%(count)d new challenge matches “%(name)s”",
                           "%(count)d new challenges match “%(name)s”", count) % {"count": count, "name": search.name}
        text = render_to_string("matchmaking/email/digest.txt", context)
        html = render_to_string("matchmaking/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject, text, to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    message.send()
