"""Applications: drafts, consortium partners, attachments, submission and withdrawal before the deadline."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, can, locked_for, require_add
from northern_connections.directory.models import Organisation

from .. import notifications
from ..choices import ApplicationStatus, ChallengeStatus, PartnerStatus
from ..models import Application, ApplicationPartner, Attachment, Challenge
from ..permissions import LEAD
from .challenges import _stored_upload
from .clarifications import _editor_organisation

APPLICATION_FIELDS = ("title", "solution_summary", "trl", "trl_evidence", "references", "budget", "currency", "team")
STALE_MESSAGE = _("This application was changed by someone else since you opened it. Reload the page, "
                  "check their changes and apply yours again.")


def format_deadline(challenge: Challenge) -> str:
    local = challenge.application_deadline.astimezone(zoneinfo.ZoneInfo(challenge.time_zone))
    return f"{date_format(local, 'DATETIME_FORMAT')} ({challenge.time_zone})"


def require_open(challenge: Challenge) -> None:
    """Applications change only while the challenge is published and before its deadline."""
    if challenge.status != ChallengeStatus.PUBLISHED or challenge.application_deadline is None:
        raise ValidationError(_("This challenge is not open for applications."))
    if clock.now() >= challenge.application_deadline:
        raise ValidationError(_("The application deadline (%(deadline)s) has passed; changes are no longer "
                                "accepted.") % {"deadline": format_deadline(challenge)})


def eligibility_problems(challenge: Challenge, organisation: Organisation, role: str = "lead") -> list[str]:
    """Why an organisation may not apply (as lead or partner); empty when it may."""
    problems = []
    if challenge.eligible_countries and organisation.country not in challenge.eligible_countries:
        problems.append(_("%(org)s: organisations from %(country)s are not eligible for this challenge.")
                        % {"org": organisation, "country": organisation.country})
    if challenge.eligible_kinds and organisation.kind not in challenge.eligible_kinds:
        problems.append(_("%(org)s: this kind of organisation is not eligible.") % {"org": organisation})
    if challenge.smes_only and not organisation.is_sme:
        problems.append(_("%(org)s: only SMEs may apply.") % {"org": organisation})
    if organisation.pk == challenge.owner_id or challenge.co_owners.filter(pk=organisation.pk).exists():
        problems.append(_("%(org)s owns this challenge.") % {"org": organisation})
    return problems


def application_create(*, actor: User, challenge: Challenge, applicant: Organisation, **fields) -> Application:
    """Start a draft application of `applicant` (an organisation the actor edits)."""
    with transaction.atomic():
        require_add(actor, Application)
        _editor_organisation(actor, applicant)
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        require_open(challenge)
        problems = eligibility_problems(challenge, applicant)
        if problems:
            raise ValidationError(problems)
        if Application.objects.filter(challenge=challenge, applicant=applicant).exists():
            raise ValidationError(_("%(org)s has already applied to this challenge; there is one application per "
                                    "organisation.") % {"org": applicant})
        if ApplicationPartner.objects.filter(application__challenge=challenge, organisation=applicant,
                                             status=PartnerStatus.CONFIRMED).exists():
            raise ValidationError(_("%(org)s is already a partner of another application to this challenge.")
                                  % {"org": applicant})
        application = Application(challenge=challenge, applicant=applicant, created_by=actor)
        for name in APPLICATION_FIELDS:
            if name in fields:
                setattr(application, name, fields[name])
        application.full_clean()
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError as error:  # a concurrent request created it between the check and the insert
            raise ValidationError(_("%(org)s has already applied to this challenge.") % {"org": applicant}) from error
    return application


def _locked_application(actor: User, application: Application, version: int | None) -> Application:
    application = locked_for(actor, CHANGE, application)
    if version is not None and int(version) != application.version:
        raise ValidationError(STALE_MESSAGE)
    require_open(application.challenge)
    return application


def _bump(application: Application, fields: list[str]) -> None:
    application.version += 1
    application.save(update_fields=[*fields, "version", "updated"])


def application_update(*, actor: User, application: Application, version: int | None, **fields) -> Application:
    """Save a draft or a submitted application, refusing a stale `version` (optimistic locking)."""
    with transaction.atomic():
        application = _locked_application(actor, application, version)
        if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED):
            raise ValidationError(_("A withdrawn application cannot be edited; submit it again first."))
        changed = [name for name in APPLICATION_FIELDS if name in fields]
        for name in changed:
            setattr(application, name, fields[name])
        application.full_clean()
        _bump(application, changed)
    return application


def submission_problems(application: Application) -> list[str]:
    challenge = application.challenge
    problems = []
    if not application.title.strip() or not application.solution_summary.strip():
        problems.append(_("Give your solution a title and a summary."))
    if application.trl is None:
        problems.append(_("State the TRL of your solution."))
    partners = list(application.partners.select_related("organisation"))
    if any(p.status == PartnerStatus.INVITED for p in partners):
        problems.append(_("Every invited partner must confirm (or be removed) before you submit."))
    confirmed = [p for p in partners if p.status == PartnerStatus.CONFIRMED]
    if confirmed and not challenge.consortia_allowed:
        problems.append(_("This challenge does not accept consortia."))
    if 1 + len(confirmed) > challenge.max_consortium_size:
        problems.append(_("A consortium may have at most %(n)s organisations including the lead.")
                        % {"n": challenge.max_consortium_size})
    problems += eligibility_problems(challenge, application.applicant)
    for partner in confirmed:
        problems += eligibility_problems(challenge, partner.organisation, role="partner")
    return problems


def application_submit(*, actor: User, application: Application, version: int | None = None) -> Application:
    """Submit (or re-submit after withdrawal) before the deadline; the receipt is e-mailed with a PDF."""
    with transaction.atomic():
        application = _locked_application(actor, application, version)
        if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN):
            raise ValidationError(_("This application has already been submitted."))
        problems = submission_problems(application)
        if problems:
            raise ValidationError(problems)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = clock.now()
        _bump(application, ["status", "submitted_at"])
        transaction.on_commit(lambda: _send_receipt(application.pk))
    return application


def _send_receipt(application_id: int) -> None:
    from ..tasks import send_application_receipt

    send_application_receipt.delay(application_id)


def application_receipt_send(*, application_id: int) -> None:
    """E-mail the applicant the PDF of their submitted application (run by a task: rendering is slow)."""
    from .. import documents

    application = Application.objects.select_related("challenge", "applicant").get(pk=application_id)
    notifications.application_receipt(application, documents.application_pdf(application))


def application_withdraw(*, actor: User, application: Application, version: int | None = None) -> Application:
    with transaction.atomic():
        application = _locked_application(actor, application, version)
        if application.status != ApplicationStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted application can be withdrawn."))
        application.status = ApplicationStatus.WITHDRAWN
        _bump(application, ["status"])
    return application


def application_delete(*, actor: User, application: Application) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, application).delete()


def partner_invite(*, actor: User, application: Application, organisation: Organisation,
                   role: str = "") -> ApplicationPartner:
    """The lead invites a consortium partner; the partner's editors confirm (`partner_respond`)."""
    with transaction.atomic():
        application = _locked_application(actor, application, None)
        if not can(actor, LEAD, application):
            raise PermissionDenied(_("Only the lead applicant invites partners."))
        challenge = application.challenge
        if not challenge.consortia_allowed:
            raise ValidationError(_("This challenge does not accept consortia."))
        if organisation.pk == application.applicant_id:
            raise ValidationError(_("The lead applicant is already in the consortium."))
        current = application.partners.exclude(status=PartnerStatus.DECLINED).count()
        if 1 + current + 1 > challenge.max_consortium_size:
            raise ValidationError(_("A consortium may have at most %(n)s organisations including the lead.")
                                  % {"n": challenge.max_consortium_size})
        problems = eligibility_problems(challenge, organisation, role="partner")
        if problems:
            raise ValidationError(problems)
        if application.partners.filter(organisation=organisation).exists():
            raise ValidationError(_("%(org)s is already invited.") % {"org": organisation})
        partner = ApplicationPartner(application=application, organisation=organisation, role=role, invited_by=actor)
        partner.full_clean()
        partner.save()
        _bump(application, [])
        transaction.on_commit(lambda: notifications.partner_invited(partner))
    return partner


def partner_respond(*, actor: User, partner: ApplicationPartner, accept: bool) -> ApplicationPartner:
    with transaction.atomic():
        partner = locked_for(actor, CHANGE, partner)
        application = Application.objects.select_for_update().get(pk=partner.application_id)
        require_open(application.challenge)
        if partner.status != PartnerStatus.INVITED:
            raise ValidationError(_("This invitation has already been answered."))
        if accept and Application.objects.filter(challenge=application.challenge,
                                                 applicant=partner.organisation).exclude(
                status=ApplicationStatus.WITHDRAWN).exists():
            raise ValidationError(_("%(org)s has its own application to this challenge.")
                                  % {"org": partner.organisation})
        partner.status = PartnerStatus.CONFIRMED if accept else PartnerStatus.DECLINED
        partner.confirmed_by, partner.confirmed_at = actor, clock.now()
        partner.save()
        _bump(application, [])
    return partner


def partner_remove(*, actor: User, partner: ApplicationPartner) -> None:
    with transaction.atomic():
        partner = locked_for(actor, DELETE, partner)
        application = Application.objects.select_for_update().get(pk=partner.application_id)
        require_open(application.challenge)
        partner.delete()
        _bump(application, [])


def attachment_add(*, actor: User, application: Application, title: str, file: UploadedFile) -> Attachment:
    """Attach a PDF, DOCX, XLSX, PNG or JPG, checked from its content and its size."""
    with transaction.atomic():
        application = _locked_application(actor, application, None)
        kind, size = _stored_upload(file)
        attachment = Attachment(application=application, title=title or file.name, file=file, content_type=kind,
                                size=size, uploaded_by=actor)
        attachment.full_clean()
        attachment.save()
        _bump(application, [])
    return attachment


def attachment_delete(*, actor: User, attachment: Attachment) -> None:
    with transaction.atomic():
        attachment = locked_for(actor, DELETE, attachment)
        _locked_application(actor, attachment.application, None)
        attachment.file.delete(save=False)
        attachment.delete()


