"""E-mails of the challenge board. Services call these through `transaction.on_commit`, so no
mail leaves for a write that was rolled back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from northern_connections.accounts.models import Membership


def organisation_emails(organisation_ids, roles=None) -> list[str]:
    memberships = Membership.objects.filter(organisation_id__in=list(organisation_ids), user__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return sorted(set(memberships.values_list("user__email", flat=True)))


def _absolute(path: str) -> str:
    base = getattr(settings, "PLATFORM_URL", "").rstrip("/")
    return f"{base}{path}"


def send(subject: str, body: str, recipients: list[str]) -> None:
    """One message per recipient, so addresses of other organisations are never disclosed."""
    messages = [(subject, body, None, [address]) for address in recipients]
    if messages:
        send_mass_mail(messages, fail_silently=False)


def clarification_answered(clarification) -> None:
    challenge = clarification.challenge
    send(
        _("Your question about “%(title)s” was answered") % {"title": challenge.display_title},
        _("Question:\n%(q)s\n\nAnswer:\n%(a)s\n\n%(url)s")
        % {"q": clarification.question, "a": clarification.answer, "url": _absolute(challenge.get_absolute_url())},
        organisation_emails([clarification.organisation_id]),
    )


def partner_invited(partner) -> None:
    application = partner.application
    send(
        _("%(lead)s invites you to a consortium") % {"lead": application.applicant},
        _("%(lead)s invites %(org)s to apply together to “%(title)s”. Confirm or decline here:\n%(url)s")
        % {"lead": application.applicant, "org": partner.organisation, "title": application.challenge.display_title,
           "url": _absolute(application.get_absolute_url())},
        organisation_emails([partner.organisation_id]),
    )


def application_receipt(application, pdf: bytes) -> None:
    """The receipt with a PDF of what was submitted, to the lead's and partners' members."""
    from .choices import PartnerStatus

    org_ids = [application.applicant_id] + [
        p.organisation_id for p in application.partners.all() if p.status == PartnerStatus.CONFIRMED
    ]
    subject = _("Receipt: your application to “%(title)s”") % {"title": application.challenge.display_title}
    body = _("We received your application “%(app)s” on %(when)s (version %(version)s). The attached PDF shows "
             "what was submitted.\n\n%(url)s") % {
        "app": application, "when": application.submitted_at.isoformat(timespec="minutes"),
        "version": application.version, "url": _absolute(application.get_absolute_url()),
    }
    for address in organisation_emails(org_ids):
        message = EmailMessage(subject, body, to=[address])
        message.attach(f"application-{application.pk}-receipt.pdf", pdf, "application/pdf")
        message.send()


def application_decided(application) -> None:
    """The feedback letter: the decision and the owner's feedback, to the applicant and partners."""
    from .choices import ApplicationStatus, PartnerStatus

    org_ids = [application.applicant_id] + [
        p.organisation_id for p in application.partners.all() if p.status == PartnerStatus.CONFIRMED
    ]
    outcome = (_("was selected") if application.status == ApplicationStatus.SELECTED else _("was not selected"))
    send(
        _("Decision on your application to “%(title)s”") % {"title": application.challenge.display_title},
        _("Dear applicant,\n\nyour application “%(app)s” %(outcome)s.\n\nFeedback from the evaluation:\n%(fb)s\n\n"
          "The full feedback letter: %(url)s")
        % {"app": application, "outcome": outcome, "fb": application.feedback or "—",
           "url": _absolute(reverse("challenges:application_feedback", args=[application.pk]))},
        organisation_emails(org_ids),
    )


def jury_assigned(assignment) -> None:
    challenge = assignment.challenge
    send(
        _("You are on the jury of “%(title)s”") % {"title": challenge.display_title},
        _("You were added to the jury. Declare any conflict of interest before you score:\n%(url)s")
        % {"url": _absolute(assignment.get_absolute_url())},
        [assignment.user.email],
    )


def challenge_recommended(recommendation) -> None:
    challenge = recommendation.challenge
    send(
        _("%(cluster)s recommends a challenge to you") % {"cluster": recommendation.cluster},
        _("%(cluster)s thinks “%(title)s” fits %(org)s.\n\n%(message)s\n\nDeadline: %(deadline)s\n%(url)s")
        % {"cluster": recommendation.cluster, "title": challenge.display_title, "org": recommendation.organisation,
           "message": recommendation.message, "deadline": challenge.application_deadline,
           "url": _absolute(challenge.get_absolute_url())},
        organisation_emails([recommendation.organisation_id]),
    )
