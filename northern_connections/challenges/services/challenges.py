"""Writes of a challenge itself: create, edit, criteria, translations, documents, life-cycle transitions."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.models import SearchEntry
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.text import index_tokens
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import EformsCode, Organisation

from .. import uploads
from ..choices import ChallengeStatus, RouteKind
from ..models import Challenge, ChallengeDocument, ChallengeTranslation, ChallengeView, EvaluationCriterion
from ..permissions import OWNER_KINDS
from ..workflow import CHALLENGE_WORKFLOW

CHALLENGE_M2M = ("co_owners", "value_chains", "value_chain_steps", "cpv_codes", "nace_codes")


def challenge_index(challenge: Challenge) -> None:
    """Index the original text, the English version and further translations, each with its own stemmer."""
    parts = challenge.search_parts() + [(f"{t.title} {t.summary}", t.language)
                                        for t in ChallengeTranslation.objects.filter(challenge=challenge)]
    tokens = " ".join(index_tokens(text, language) for text, language in parts if text)
    SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Challenge), object_id=challenge.pk,
        defaults={"language": challenge.language, "tokens": tokens},
    )


# Only the life cycle and creation set these; a form or the API that sends them is ignored.
SET_ELSEWHERE = ("status", "slug", "owner", "published_at", "created_by")
CHALLENGE_FIELDS = tuple(f.name for f in Challenge._meta.concrete_fields
                         if f.name not in SET_ELSEWHERE and not f.primary_key and f.editable)


def _editable(fields: dict) -> dict:
    return {name: value for name, value in fields.items() if name not in SET_ELSEWHERE}


def _prepare_challenge(challenge: Challenge) -> None:
    """An English original is its own English version; the procedure type must be an eForms code."""
    if challenge.language == "en":
        challenge.title_en = challenge.title_en or challenge.title
        challenge.summary_en = challenge.summary_en or challenge.summary
    _validate_procedure_type(challenge)


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
        if owner.is_held:
            # A draft is allowed while verification is pending (it is private); a held name may not act at all.
            raise ValidationError({"owner": _(
                "“%(name)s” is held until a platform administrator approves its name, which is close to that of a "
                "verified organisation; it cannot own challenges until then.") % {"name": owner.name}})
        challenge = Challenge(owner=owner, created_by=actor if actor and actor.is_authenticated else None)
        data = _editable(fields)
        challenge.slug = unique_slug(Challenge, data.get("title_en") or data.get("title", ""),
                                     reserved=reserved_segments("challenges:challenge_detail"), fallback="challenge")
        model_update(instance=challenge, data=data, fields=CHALLENGE_FIELDS, m2m=CHALLENGE_M2M,
                     prepare=_prepare_challenge)
        if criteria:
            _set_criteria(challenge, criteria)
        challenge_index(challenge)
    return challenge


def challenge_update(*, actor: User, challenge: Challenge, criteria: list[dict] | None = None,
                     **fields) -> Challenge:
    """Edit a draft or published challenge; once decided or cancelled it is a record and stays as it was.

    `criteria`, when given, replaces the evaluation criteria in the same transaction, so a refused
    criteria change (weights off, challenge no longer a draft) leaves the other edits unsaved too.
    """
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        if not challenge.is_editable:
            raise ValidationError(_("Only draft and open challenges can be edited."))
        new_deadline = fields.get("application_deadline")
        if challenge.status == ChallengeStatus.PUBLISHED and challenge.application_deadline and new_deadline \
                and new_deadline < challenge.application_deadline:
            # Applicants planned with the published deadline; it may be extended, never brought forward.
            raise ValidationError({"application_deadline": _("A published deadline can be extended, not shortened.")})
        model_update(instance=challenge, data=_editable(fields), fields=CHALLENGE_FIELDS, m2m=CHALLENGE_M2M,
                     prepare=_prepare_challenge)
        if criteria is not None:
            _replace_criteria(challenge, criteria)
        challenge_index(challenge)
    return challenge


def _replace_criteria(challenge: Challenge, criteria: list[dict]) -> None:
    if challenge.status != ChallengeStatus.DRAFT:
        raise ValidationError(_("Criteria can only be changed while the challenge is a draft."))
    _set_criteria(challenge, criteria)


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
        _replace_criteria(challenge, criteria)
    return challenge




def _require_editable(challenge: Challenge, message: str) -> None:
    if not challenge.is_editable:
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


def challenge_transition(*, actor: User, challenge: Challenge, to_status: str, note: str = "") -> Challenge:
    """Move a challenge along its life cycle (workflow.CHALLENGE_WORKFLOW), checking what each step needs."""
    return transition_apply(workflow=CHALLENGE_WORKFLOW, actor=actor, obj=challenge, to_status=to_status,
                            comment=note)


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
            transition_apply(workflow=CHALLENGE_WORKFLOW, actor=None, obj=challenge, to_status=ChallengeStatus.CLOSED,
                             comment="Closed automatically at the deadline.", system=True, now=now)
            closed += 1
    return closed


def challenge_view_record(*, challenge: Challenge, user, day: date | None = None) -> None:
    """Count one page view for the owner's reach statistics (per viewer's country and day).

    A draft is seen only by its owners while they prepare it: that is not reach, so it is not counted.
    """
    if challenge.is_draft:
        return
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


