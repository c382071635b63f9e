"""Answering: handing out a ballot (by invitation or open link), saving to continue later, submitting, tagging.

How anonymity and "one response per person" live together (see also models.py): an anonymous ballot is
drawn at random from a pool of blank ones; the invitation is marked `started`, or a signed-in person gets a
`Participation`, in the same transaction; nothing records which ballot went to whom, or when. The ballot is
found again only by its resume key, which the respondent holds and the database keeps as a digest until the
response is submitted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import Membership, User
from northern_connections.core import clock
from northern_connections.core.permissions import is_signed_in, locked_for
from northern_connections.directory.models import Organisation

from .. import logic
from ..models import Invitation, Participation, Response, Survey, digest, new_secret
from ..permissions import RESULTS
from ..texts import problem_text

BALLOT_POOL = 12
MAX_TAGS, MAX_TAG_LENGTH = 10, 40


@dataclass
class Started:
    """A ballot handed out (or found again), and the resume key that opens it: shown once to the respondent."""

    response: Response
    resume_key: str


def attributes(organisation: Organisation | None) -> dict:
    """What results are filtered by: the organisation's country, kind and NUTS 2 region, nothing more."""
    if organisation is None:
        return {}
    region = organisation.nuts_region
    return {"country": organisation.country, "organisation_kind": organisation.kind,
            "region": region.code[:4] if region is not None and region.level >= 2 else ""}


def _first_organisation(user: User | None) -> Organisation | None:
    if not is_signed_in(user):
        return None
    membership = (Membership.objects.filter(user=user).select_related("organisation__nuts_region")
                  .order_by("organisation__name", "pk").first())
    return membership.organisation if membership else None


def _claim_ballot(survey: Survey, organisation: Organisation | None, language: str) -> Started:
    """A blank anonymous ballot drawn at random from the pool (refilled in bulk when empty)."""
    pool = Response.objects.select_for_update(skip_locked=True).filter(survey=survey, claimed=False)
    ballot = pool.order_by("?").first()
    if ballot is None:
        Response.objects.bulk_create([Response(survey=survey) for _ in range(BALLOT_POOL)])
        ballot = pool.order_by("?").first()
    key = new_secret()
    for name, value in attributes(organisation).items():
        setattr(ballot, name, value)
    ballot.claimed, ballot.language, ballot.resume_digest = True, language, digest(key)
    ballot.save()
    return Started(ballot, key)


def _named(survey: Survey, *, user, organisation, email: str, language: str, invitation=None) -> Started:
    key = new_secret()
    response = Response(survey=survey, respondent=user if is_signed_in(user) else None, respondent_email=email,
                        organisation=organisation, invitation=invitation, claimed=True, language=language,
                        resume_digest=digest(key), **attributes(organisation))
    response.save()
    return Started(response, key)


def _resume_named(response: Response) -> Started:
    key = new_secret()
    response.resume_digest = digest(key)
    response.save(update_fields=["resume_digest"])
    return Started(response, key)


def _check_open(survey: Survey) -> None:
    if not survey.is_open:
        raise ValidationError(_("This survey is not open for answers."))


def _used(message_for_anonymous: bool = True) -> ValidationError:
    return ValidationError(_("You have already answered this survey. If you started and did not finish, use the "
                             "“continue” link you were given, or the browser you started in.")
                           if message_for_anonymous else _("You have already answered this survey."))


def response_start_by_invitation(*, token: str, user: User | None = None, language: str = "") -> Started:
    """Use an invitation's link: an anonymous ballot (the invitation is marked used, with no link to the
    ballot) or, for a named survey, the person's response (a draft found again through the invitation)."""
    with transaction.atomic():
        invitation = (Invitation.objects.select_for_update(of=("self",))
                      .select_related("survey", "organisation__nuts_region")
                      .filter(token_digest=digest(token or "")).first())
        if not token or invitation is None:
            raise ValidationError(_("This invitation link is not valid (a reminder replaces the earlier link)."))
        survey = invitation.survey
        _check_open(survey)
        language = language if language in survey.languages else survey.default_language
        if not survey.anonymous:
            return _start_named_by_invitation(survey, invitation, user, language)
        if invitation.started and not survey.allow_multiple:
            raise _used()
        if is_signed_in(user) and not survey.allow_multiple:
            _participation, created = Participation.objects.get_or_create(survey=survey, user=user)
            if not created:
                raise _used()
        Invitation.objects.filter(pk=invitation.pk).update(started=True)  # no time stamp, no response key
        return _claim_ballot(survey, invitation.organisation, language)


def _start_named_by_invitation(survey: Survey, invitation: Invitation, user, language: str) -> Started:
    draft = Response.objects.filter(survey=survey, invitation=invitation, submitted=False).first()
    if draft is not None:
        return _resume_named(draft)
    if invitation.started and not survey.allow_multiple:
        raise _used(False)
    Invitation.objects.filter(pk=invitation.pk).update(started=True)
    return _named(survey, user=invitation.user, organisation=invitation.organisation, email=invitation.email,
                  language=language, invitation=invitation)


def response_start_open(*, survey: Survey, user: User | None, language: str = "") -> Started:
    """Answer an open-link survey. Anonymous: anyone (a signed-in person once, unless more are allowed);
    named: signed-in people only, once each unless allowed, a draft found again."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().filter(pk=survey.pk).first()
        _check_open(survey)
        if not survey.open_link:
            raise PermissionDenied(_("This survey is answered by invitation only."))
        language = language if language in survey.languages else survey.default_language
        if survey.anonymous:
            if is_signed_in(user) and not survey.allow_multiple:
                _participation, created = Participation.objects.get_or_create(survey=survey, user=user)
                if not created:
                    raise _used()
            return _claim_ballot(survey, _first_organisation(user), language)
        if not is_signed_in(user):
            raise PermissionDenied(_("Log in to answer: this survey's responses carry the respondent's name."))
        draft = Response.objects.filter(survey=survey, respondent=user, submitted=False).first()
        if draft is not None:
            return _resume_named(draft)
        if not survey.allow_multiple and Response.objects.filter(survey=survey, respondent=user,
                                                                 submitted=True).exists():
            raise _used(False)
        return _named(survey, user=user, organisation=_first_organisation(user), email=user.email,
                      language=language)


def response_save(*, response: Response, answers: dict, submit: bool = False) -> Response:
    """Save answers (merged with those saved before; a hidden question's answer is dropped). `submit=True`
    needs every required question shown; the resume key stops working then. The caller holds the ballot's
    resume key: that is the credential."""
    with transaction.atomic():
        response = Response.objects.select_for_update(of=("self",)).select_related("survey").filter(
            pk=response.pk, submitted=False, claimed=True).first()
        if response is None:
            raise ValidationError(_("These answers were already submitted."))
        survey = response.survey
        _check_open(survey)
        checked = logic.check_answers(survey.specs(), {**response.answers, **answers}, complete=submit)
        if checked.problems:
            raise ValidationError({key: [problem_text(p) for p in found] for key, found in checked.problems.items()})
        response.answers = checked.answers
        if submit:
            response.submitted, response.resume_digest = True, ""
            if not survey.anonymous:
                response.submitted_at = clock.now()
        response.save()
    return response


def response_tag(*, actor: User, response: Response, question: str, tags: list[str]) -> Response:
    """Tag a free-text answer (`question`: its key) for the analysis (owners only); tags are short, lower case."""
    with transaction.atomic():
        response = locked_for(actor, RESULTS, response)
        cleaned = list(dict.fromkeys(t.strip().lower()[:MAX_TAG_LENGTH] for t in tags if t and t.strip()))
        if len(cleaned) > MAX_TAGS:
            raise ValidationError(_("At most %(n)s tags.") % {"n": MAX_TAGS})
        if question not in response.answers:
            raise ValidationError(_("This response has no answer to that question."))
        response.tags = {key: value for key, value in {**response.tags, question: cleaned}.items() if value}
        response.save(update_fields=["tags"])
    return response


def unclaimed_ballots_discard(*, survey: Survey) -> int:
    """Remove the blank ballots of a closed survey."""
    deleted, _by_model = Response.objects.filter(survey=survey, claimed=False).delete()
    return deleted
