"""E-mails of the surveys app, sent after the commit (no mail for a write that was rolled back)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def _absolute(path: str) -> str:
    return f"{getattr(settings, 'PLATFORM_URL', '').rstrip('/')}{path}"


def invitation(invitation, token: str, *, reminder: bool = False) -> None:
    """The invitation (or reminder) with its personal link, in the person's language when the survey has it."""
    survey = invitation.survey
    preferred = getattr(invitation.user, "preferred_language", "") if invitation.user else ""
    language = preferred if preferred in survey.languages else survey.default_language
    with translation.override(language):
        title = survey.display_title
        subject = (_("Reminder: %(title)s") if reminder else _("Survey: %(title)s")) % {"title": title}
        anonymity = (_("Your answers are anonymous: nobody, the organisers included, can tell who gave them.")
                     if survey.anonymous else
                     _("Your answers are shown to %(owner)s with your name.") % {"owner": survey.owner})
        body = _("%(owner)s asks you to answer the survey “%(title)s”.\n\n%(intro)s\n\n%(anonymity)s\n\n"
                 "Your personal link (do not forward it):\n%(url)s\n") % {
            "owner": survey.owner, "title": title, "intro": survey.display_introduction, "anonymity": anonymity,
            "url": _absolute(reverse("surveys:invitation_answer", kwargs={"token": token}))}
    send_mail(subject, body, None, [invitation.email], fail_silently=False)
