"""E-mails of the directory. Services call these through `transaction.on_commit`, so no mail leaves for a
decision that was rolled back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import VerificationRequestStatus


def _absolute(path: str) -> str:
    return f"{getattr(settings, 'PLATFORM_URL', '').rstrip('/')}{path}"


def verification_decided(request) -> None:
    """Tell the requester how their request was decided, in their own language, with the reason."""
    user = request.requested_by
    address = (user.email if user is not None else "") or request.requester_email
    if not address:
        return
    with translation.override(getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE):
        approved = request.status == VerificationRequestStatus.APPROVED
        subject = (_("Approved: %(request)s") if approved else _("Rejected: %(request)s")) % {
            "request": request.get_subject_display()}
        body = _("%(subject)s for “%(name)s” was %(decision)s on %(date)s.\n\nReason: %(reason)s\n\n%(url)s") % {
            "subject": request.get_subject_display(), "name": request.claimed_name,
            "decision": _("approved") if approved else _("rejected"),
            "date": request.decided_at.strftime("%Y-%m-%d %H:%M UTC"),
            "reason": request.reason or "—", "url": _absolute(request.get_absolute_url()),
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
