"""Every write of the challenge board, and every rule with it (DESIGN.md §4.2).

Web pages, the API, commands and the Celery task call these functions only; each one starts by
re-reading its object through the permission gate inside a transaction, so a rule cannot be
bypassed by a different front door. Deadlines are checked here on every application write,
against the server's clock (`clock.now`), whatever any page displayed.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.accounts.models import User
from northern_connections.accounts.selectors import editor_organisation_ids
from northern_connections.core.models import SearchEntry
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.text import index_tokens
from northern_connections.directory.models import ClusterMembership, EformsCode, Organisation

from . import clock, notifications, uploads
from .choices import (
    EVALUATED_STATUSES,
    SCORE_MAX,
    TRANSITIONS,
    ApplicationStatus,
    ChallengeStatus,
    PartnerStatus,
    RouteKind,
)
from .models import (
    Application,
    ApplicationPartner,
    Attachment,
    Challenge,
    ChallengeDocument,
    ChallengeTransition,
    ChallengeTranslation,
    ChallengeView,
    Clarification,
    ConflictDeclaration,
    EvaluationCriterion,
    JuryAssignment,
    Recommendation,
    Score,
)
from .permissions import EVALUATE, OWNER_KINDS, is_lead_applicant

CHALLENGE_M2M = ("co_owners", "value_chains", "value_chain_steps", "cpv_codes", "nace_codes")
APPLICATION_FIELDS = ("title", "solution_summary", "trl", "trl_evidence", "references", "budget", "currency", "team")
STALE_MESSAGE = _("This application was changed by someone else since you opened it. Reload the page, "
                  "check their changes and apply yours again.")


# --- challenges -----------------------------------------------------------------------------------------------


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "challenge"
    slug, n = base, 1
    queryset = Challenge.objects.exclude(pk=exclude_pk) if exclude_pk else Challenge.objects.all()
    while queryset.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def challenge_index(challenge: Challenge) -> None:
    """Index the original text, the English version and further translations, each with its own stemmer."""
    parts = challenge.search_parts() + [(f"{t.title} {t.summary}", t.language)
                                        for t in ChallengeTranslation.objects.filter(challenge=challenge)]
    tokens = " ".join(index_tokens(text, language) for text, language in parts if text)
    SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Challenge), object_id=challenge.pk,
        defaults={"language": challenge.language, "tokens": tokens},
    )


def _apply_challenge_fields(challenge: Challenge, fields: dict) -> dict:
    relations = {name: fields.pop(name) for name in CHALLENGE_M2M if name in fields}
    for name in ("status", "slug", "owner", "published_at"):
        fields.pop(name, None)  # only the life cycle and creation set these
    for name, value in fields.items():
        setattr(challenge, name, value)
    if challenge.language == "en":
        challenge.title_en = challenge.title_en or challenge.title
        challenge.summary_en = challenge.summary_en or challenge.summary
    return relations


def _validate_procedure_type(challenge: Challenge) -> None:
    if challenge.route == RouteKind.PROCUREMENT and challenge.procedure_type and not EformsCode.objects.filter(
        list_name="procurement-procedure-type", code=challenge.procedure_type
    ).exists():
        raise ValidationError({"procedure_type": _("Not a code of the eForms procedure-type list.")})


def challenge_create(*, actor: User, owner: Organisation, criteria: list[dict] | None = None,
                     **fields) -> Challenge:
    """A new draft challenge of `owner` (a public authority or cluster the actor edits)."""
    with transaction.atomic():
        require_add(actor, Challenge, organisation=owner)
        if owner.kind not in OWNER_KINDS:
            raise ValidationError({"owner": _("Only public authorities and clusters publish challenges.")})
        challenge = Challenge(owner=owner, created_by=actor if actor and actor.is_authenticated else None)
        relations = _apply_challenge_fields(challenge, fields)
        challenge.slug = unique_slug(challenge.title_en or challenge.title)
        challenge.full_clean()
        _validate_procedure_type(challenge)
        challenge.save()
        for name, value in relations.items():
            getattr(challenge, name).set(value)
        if criteria:
            _set_criteria(challenge, criteria)
        challenge_index(challenge)
    return challenge


def challenge_update(*, actor: User, challenge: Challenge, **fields) -> Challenge:
    """Edit a draft or published challenge; once decided or cancelled it is a record and stays as it was."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        if challenge.status not in (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED):
            raise ValidationError(_("Only draft and open challenges can be edited."))
        old_deadline = challenge.application_deadline
        relations = _apply_challenge_fields(challenge, fields)
        if (challenge.status == ChallengeStatus.PUBLISHED and old_deadline and challenge.application_deadline
                and challenge.application_deadline < old_deadline):
            # Applicants planned with the published deadline; it may be extended, never brought forward.
            raise ValidationError({"application_deadline": _("A published deadline can be extended, not shortened.")})
        challenge.full_clean()
        _validate_procedure_type(challenge)
        challenge.save()
        for name, value in relations.items():
            getattr(challenge, name).set(value)
        challenge_index(challenge)
    return challenge


def _set_criteria(challenge: Challenge, criteria: list[dict]) -> None:
    rows = [c for c in criteria if (c.get("name") or "").strip()]
    total = sum(int(c.get("weight") or 0) for c in rows)
    if rows and total != 100:
        raise ValidationError(_("The weights of the criteria must add up to 100 (they add up to %(total)s).")
                              % {"total": total})
    challenge.criteria.all().delete()
    for order, row in enumerate(rows):
        criterion = EvaluationCriterion(challenge=challenge, name=row["name"].strip(), weight=int(row["weight"]),
                                        description=row.get("description", ""), order=order)
        criterion.full_clean()
        criterion.save()


def challenge_criteria_set(*, actor: User, challenge: Challenge, criteria: list[dict]) -> Challenge:
    """Replace the evaluation criteria; fixed once published, because applicants write to them."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        if challenge.status != ChallengeStatus.DRAFT:
            raise ValidationError(_("Criteria can only be changed while the challenge is a draft."))
        _set_criteria(challenge, criteria)
    return challenge


EDITABLE_STATUSES = (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED)


def _require_editable(challenge: Challenge, message: str) -> None:
    if challenge.status not in EDITABLE_STATUSES:
        raise ValidationError(message)


def challenge_translation_save(*, actor: User, challenge: Challenge, language: str, title: str,
                               summary: str) -> ChallengeTranslation:
    """Add or replace a further translation of the title and summary (and index it for search).

    The original language and English have their own fields on the challenge, so a "translation"
    into either would only be a second, diverging version of the same text.
    """
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        _require_editable(challenge, _("Translations are added while the challenge is a draft or open."))
        if language in (challenge.language, "en"):
            raise ValidationError({"language": _("The original text and the English version have their own fields; "
                                                 "choose another language.")})
        translation = (ChallengeTranslation.objects.filter(challenge=challenge, language=language).first()
                       or ChallengeTranslation(challenge=challenge, language=language))
        translation.title, translation.summary = title.strip(), summary.strip()
        translation.full_clean()
        translation.save()
        challenge_index(challenge)
    return translation


def challenge_translation_delete(*, actor: User, translation: ChallengeTranslation) -> None:
    with transaction.atomic():
        translation = locked_for(actor, DELETE, translation)
        challenge = translation.challenge
        _require_editable(challenge, _("Translations are changed while the challenge is a draft or open."))
        translation.delete()
        challenge_index(challenge)


UPLOAD_MESSAGES = {
    "too_large": _lazy("The file is larger than %(megabytes)s MB."),
    "empty": _lazy("The file is empty."),
    "type": _lazy("Only PDF, DOCX, XLSX, PNG and JPG files are accepted."),
    "mismatch": _lazy("The file's name ends in '.%(extension)s' but its content is %(kind)s."),
}


def _stored_upload(file: UploadedFile) -> tuple[str, int]:
    content = file.read(uploads.MAX_UPLOAD_BYTES + 1)
    try:
        kind = uploads.check(file.name, content)
    except uploads.UploadRefused as error:
        message = UPLOAD_MESSAGES.get(error.code)
        text = str(message) % error.params if message else str(error)
        raise ValidationError({"file": text}) from error
    file.seek(0)
    return kind, len(content)


def challenge_document_add(*, actor: User, challenge: Challenge, title: str, file: UploadedFile) -> ChallengeDocument:
    """Attach a document of the call (checked from its bytes); also after publication, as an addendum."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        _require_editable(challenge, _("Documents are added while the challenge is a draft or open."))
        kind, size = _stored_upload(file)
        document = ChallengeDocument(challenge=challenge, title=title or file.name, file=file, content_type=kind,
                                     size=size)
        document.full_clean()
        document.save()
    return document


def challenge_document_delete(*, actor: User, document: ChallengeDocument) -> None:
    """Remove a document of a draft; once published, applicants may have relied on it, so it stays."""
    with transaction.atomic():
        document = locked_for(actor, DELETE, document)
        if document.challenge.status != ChallengeStatus.DRAFT:
            raise ValidationError(_("Documents of a published challenge stay available to applicants; add a "
                                    "corrected document instead."))
        document.file.delete(save=False)
        document.delete()


def publication_problems(challenge: Challenge, now: datetime) -> list[str]:
    """Why a draft cannot be published yet (empty when it can)."""
    problems = []
    if not challenge.title_en.strip() or not challenge.summary_en.strip():
        problems.append(_("An English title and summary are required, so that every partner country can read "
                          "the challenge."))
    if not challenge.application_deadline or challenge.application_deadline <= now:
        problems.append(_("Set an application deadline in the future."))
    weights = list(challenge.criteria.values_list("weight", flat=True))
    if not weights:
        problems.append(_("Add at least one evaluation criterion."))
    elif sum(weights) != 100:
        problems.append(_("The weights of the criteria must add up to 100 (they add up to %(total)s).")
                        % {"total": sum(weights)})
    return problems


def _transition(challenge: Challenge, to_status: str, actor: User | None, note: str = "") -> None:
    challenge_transition_record = ChallengeTransition(challenge=challenge, from_status=challenge.status,
                                                      to_status=to_status, by=actor, at=clock.now(), note=note)
    challenge.status = to_status
    challenge.save(update_fields=["status", "published_at", "updated"])
    challenge_transition_record.save()


def challenge_transition(*, actor: User, challenge: Challenge, to_status: str, note: str = "") -> Challenge:
    """Move a challenge along its life cycle (choices.TRANSITIONS), checking what each step needs."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        now = clock.now()
        if to_status not in TRANSITIONS[challenge.status]:
            raise ValidationError(_("A challenge that is “%(from)s” cannot become “%(to)s”.") % {
                "from": ChallengeStatus(challenge.status).label, "to": ChallengeStatus(to_status).label})
        if to_status == ChallengeStatus.PUBLISHED:
            problems = publication_problems(challenge, now)
            if problems:
                raise ValidationError(problems)
            challenge.published_at = now
        if to_status == ChallengeStatus.CLOSED and challenge.application_deadline > now:
            # Applicants may rely on the published deadline; cancel the challenge instead of closing early.
            raise ValidationError(_("The challenge closes at its deadline, not before."))
        decided = []
        if to_status == ChallengeStatus.DECIDED:
            pending = challenge.applications.filter(status__in=(ApplicationStatus.SUBMITTED,
                                                                ApplicationStatus.SHORTLISTED))
            if not challenge.applications.filter(status=ApplicationStatus.SELECTED).exists() and pending.exists():
                raise ValidationError(_("Select at least one application, or reject them all, before recording "
                                        "the decision."))
            for application in pending:
                application.status = ApplicationStatus.REJECTED
                application.decided_at = now
                application.save(update_fields=["status", "decided_at", "updated"])
            decided = list(challenge.applications.filter(status__in=(ApplicationStatus.SELECTED,
                                                                     ApplicationStatus.REJECTED)))
        _transition(challenge, to_status, actor, note)
        if to_status == ChallengeStatus.PUBLISHED:
            challenge_index(challenge)
        for application in decided:
            transaction.on_commit(lambda a=application: notifications.application_decided(a))
    return challenge


def challenges_close_due(*, now: datetime | None = None) -> int:
    """Close every published challenge whose deadline has passed (run by the Celery task).

    The system is the actor (`by` is empty in the record). Applications are refused after the
    deadline even before this runs, so a late or missed run never lets a late application in.
    """
    now = now or clock.now()
    closed = 0
    due = Challenge.objects.filter(status=ChallengeStatus.PUBLISHED, application_deadline__lte=now)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            challenge = Challenge.objects.select_for_update().filter(pk=pk, status=ChallengeStatus.PUBLISHED).first()
            if challenge is None:
                continue
            _transition(challenge, ChallengeStatus.CLOSED, None, note="Closed automatically at the deadline.")
            closed += 1
    return closed


def challenge_view_record(*, challenge: Challenge, user, day: date | None = None) -> None:
    """Count one page view for the owner's reach statistics (per viewer's country and day)."""
    country = ""
    if user is not None and user.is_authenticated:
        country = (Organisation.objects.filter(memberships__user=user).order_by("memberships__pk")
                   .values_list("country", flat=True).first() or "")
    day = day or clock.now().date()
    updated = ChallengeView.objects.filter(challenge=challenge, country=country, day=day).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ChallengeView.objects.create(challenge=challenge, country=country, day=day, count=1)
        except IntegrityError:  # another request created the row first
            ChallengeView.objects.filter(challenge=challenge, country=country, day=day).update(count=F("count") + 1)


# --- clarifications -------------------------------------------------------------------------------------------


def _editor_organisation(actor: User, organisation: Organisation) -> Organisation:
    if not (actor.is_superuser or editor_organisation_ids(actor).filter(organisation_id=organisation.pk).exists()):
        raise PermissionDenied(_("You may only act for an organisation you edit."))
    return organisation


def clarification_ask(*, actor: User, challenge: Challenge, organisation: Organisation,
                      question: str) -> Clarification:
    with transaction.atomic():
        require_add(actor, Clarification)
        if not (actor.is_superuser or organisation.memberships.filter(user=actor).exists()):
            raise PermissionDenied(_("You may only ask for an organisation you belong to."))
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if not challenge.clarifications_open:
            raise ValidationError(_("The period for questions about this challenge is over."))
        if challenge.owner_id == organisation.pk:
            raise ValidationError(_("The owner answers questions; it does not ask them."))
        clarification = Clarification(challenge=challenge, organisation=organisation, asked_by=actor,
                                      question=question.strip())
        clarification.full_clean()
        clarification.save()
    return clarification


def clarification_answer(*, actor: User, clarification: Clarification, answer: str,
                         publish: bool = True) -> Clarification:
    """The owner answers once for everyone: a published answer is visible to every applicant."""
    with transaction.atomic():
        clarification = locked_for(actor, CHANGE, clarification)
        if not answer.strip():
            raise ValidationError({"answer": _("Write an answer.")})
        clarification.answer = answer.strip()
        clarification.answered_by = actor
        clarification.answered_at = clock.now()
        clarification.published = publish
        clarification.full_clean()
        clarification.save()
        transaction.on_commit(lambda: notifications.clarification_answered(clarification))
    return clarification


# --- applications ---------------------------------------------------------------------------------------------


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
    from .tasks import send_application_receipt

    send_application_receipt.delay(application_id)


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
        if not is_lead_applicant(actor, application):
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


# --- evaluation -----------------------------------------------------------------------------------------------


def jury_assign(*, actor: User, challenge: Challenge, user: User) -> JuryAssignment:
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        if challenge.status in (ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED, ChallengeStatus.CANCELLED):
            raise ValidationError(_("The evaluation of this challenge is over."))
        assignment, created = JuryAssignment.objects.get_or_create(challenge=challenge, user=user,
                                                                  defaults={"assigned_by": actor})
        if created:
            transaction.on_commit(lambda: notifications.jury_assigned(assignment))
    return assignment


def jury_remove(*, actor: User, assignment: JuryAssignment) -> None:
    with transaction.atomic():
        assignment = locked_for(actor, DELETE, assignment)
        if assignment.scores.exists():
            raise ValidationError(_("This juror has already scored; their scores stay on record."))
        assignment.delete()


def conflict_organisation_ids(application: Application) -> set[int]:
    """The lead applicant and its confirmed consortium partners."""
    partners = application.partners.filter(status=PartnerStatus.CONFIRMED).values_list("organisation_id", flat=True)
    return {application.applicant_id, *partners}


def juror_conflict(assignment: JuryAssignment, application: Application) -> str | None:
    """Why a juror may not score an application (None when they may)."""
    own = set(assignment.user.memberships.values_list("organisation_id", flat=True))
    if own & conflict_organisation_ids(application):
        return _("You belong to the applicant or one of its consortium partners.")
    if assignment.conflicts.filter(application=application).exists():
        return _("You declared a conflict of interest with this application.")
    return None


def conflict_declare(*, actor: User, challenge: Challenge, application: Application,
                     reason: str = "") -> ConflictDeclaration:
    """A juror excludes themself from an application; any scores they gave it are withdrawn."""
    with transaction.atomic():
        challenge = locked_for(actor, EVALUATE, challenge)
        assignment = JuryAssignment.objects.filter(challenge=challenge, user=actor).first()
        if assignment is None:
            raise PermissionDenied(_("Only members of the jury declare conflicts."))
        if application.challenge_id != challenge.pk:
            raise ValidationError(_("This application belongs to another challenge."))
        declaration, _created = ConflictDeclaration.objects.get_or_create(
            assignment=assignment, application=application, defaults={"reason": reason[:500]})
        Score.objects.filter(assignment=assignment, application=application).delete()
    return declaration


def scores_save(*, actor: User, application: Application, scores: dict[int, tuple[int, str]]) -> list[Score]:
    """A juror's scores (0–10 with a comment) of one application, per criterion id."""
    with transaction.atomic():
        challenge = locked_for(actor, EVALUATE, application.challenge)
        assignment = JuryAssignment.objects.select_related("user").filter(challenge=challenge, user=actor).first()
        if assignment is None:  # a platform administrator may look, but only jurors score
            raise PermissionDenied(_("Only members of the jury score."))
        if challenge.status != ChallengeStatus.UNDER_EVALUATION:
            raise ValidationError(_("Scores are given while the challenge is under evaluation."))
        application = Application.objects.get(pk=application.pk)
        if application.challenge_id != challenge.pk or application.status not in EVALUATED_STATUSES:
            raise ValidationError(_("This application is not part of the evaluation."))
        conflict = juror_conflict(assignment, application)
        if conflict:
            raise PermissionDenied(conflict)
        criteria = {c.pk: c for c in challenge.criteria.all()}
        saved = []
        for criterion_id, (value, comment) in scores.items():
            if criterion_id not in criteria:
                raise ValidationError(_("Unknown criterion."))
            if value is None:
                continue
            if not 0 <= int(value) <= SCORE_MAX:
                raise ValidationError(_("Scores run from 0 to %(max)s.") % {"max": SCORE_MAX})
            score, _created = Score.objects.update_or_create(
                assignment=assignment, application=application, criterion=criteria[criterion_id],
                defaults={"value": int(value), "comment": (comment or "")[:3000]},
            )
            saved.append(score)
    return saved


def application_shortlist(*, actor: User, application: Application, shortlisted: bool = True) -> Application:
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, application.challenge)
        if challenge.status != ChallengeStatus.UNDER_EVALUATION:
            raise ValidationError(_("The shortlist is made during the evaluation."))
        application = Application.objects.select_for_update().get(pk=application.pk, challenge=challenge)
        allowed_from = ApplicationStatus.SUBMITTED if shortlisted else ApplicationStatus.SHORTLISTED
        if application.status != allowed_from:
            raise ValidationError(_("Only submitted applications can be shortlisted."))
        application.status = ApplicationStatus.SHORTLISTED if shortlisted else ApplicationStatus.SUBMITTED
        _bump(application, ["status"])
    return application


def application_decide(*, actor: User, application: Application, selected: bool, feedback: str) -> Application:
    """Select or reject one application with feedback; the letter goes out when the decision is recorded."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, application.challenge)
        if challenge.status != ChallengeStatus.UNDER_EVALUATION:
            raise ValidationError(_("Decisions are made at the end of the evaluation."))
        application = Application.objects.select_for_update().get(pk=application.pk, challenge=challenge)
        if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED,
                                      ApplicationStatus.SELECTED, ApplicationStatus.REJECTED):
            raise ValidationError(_("Only submitted applications are decided."))
        if selected and application.status == ApplicationStatus.SUBMITTED:
            raise ValidationError(_("Shortlist an application before selecting it."))
        application.status = ApplicationStatus.SELECTED if selected else ApplicationStatus.REJECTED
        application.feedback = feedback.strip()
        application.decided_at = clock.now()
        _bump(application, ["status", "feedback", "decided_at"])
    return application


# --- bridging -------------------------------------------------------------------------------------------------


def recommendation_create(*, actor: User, cluster: Organisation, challenge: Challenge,
                          organisations: Iterable[Organisation], message: str = "") -> list[Recommendation]:
    """A cluster manager recommends an open challenge to member SMEs of their cluster."""
    with transaction.atomic():
        require_add(actor, Recommendation, cluster=cluster)
        if not challenge.is_open:
            raise ValidationError(_("Only open challenges can be recommended."))
        members = set(ClusterMembership.objects.filter(cluster=cluster).values_list("member_id", flat=True))
        created = []
        for organisation in organisations:
            if organisation.pk not in members:
                raise ValidationError(_("%(org)s is not a member of %(cluster)s.")
                                      % {"org": organisation, "cluster": cluster})
            recommendation, is_new = Recommendation.objects.get_or_create(
                challenge=challenge, cluster=cluster, organisation=organisation,
                defaults={"recommended_by": actor, "message": message[:2000]})
            if is_new:
                created.append(recommendation)
                transaction.on_commit(lambda r=recommendation: notifications.challenge_recommended(r))
    return created
