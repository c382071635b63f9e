"""The jury: assignments, conflicts of interest, scores, shortlist and decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, locked_for

from .. import notifications
from ..choices import (
    EVALUATED_STATUSES,
    SCORE_MAX,
    ApplicationStatus,
    ChallengeStatus,
    PartnerStatus,
)
from ..models import (
    Application,
    Challenge,
    ConflictDeclaration,
    JuryAssignment,
    Score,
)
from ..permissions import EVALUATE
from .applications import _bump


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


