"""Public questions about a challenge and the owner's answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, REPRESENT, can, locked_for, require_add
from northern_connections.directory.models import Organisation

from .. import notifications
from ..models import Challenge, Clarification


def _editor_organisation(actor: User, organisation: Organisation) -> Organisation:
    if not can(actor, CHANGE, organisation):
        raise PermissionDenied(_("You may only act for an organisation you edit."))
    return organisation


def clarification_ask(*, actor: User, challenge: Challenge, organisation: Organisation,
                      question: str) -> Clarification:
    with transaction.atomic():
        require_add(actor, Clarification)
        if not can(actor, REPRESENT, organisation):
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


