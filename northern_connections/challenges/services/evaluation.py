"""The jury: assignments, conflicts of interest (rule in conflicts.py), scores, shortlist and decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, locked_for

from .. import notifications, selectors
from ..choices import EVALUATED_STATUSES, SCORE_MAX, ApplicationStatus, ChallengeStatus
from ..models import Application, Challenge, ConflictDeclaration, ConflictException, JuryAssignment, Score
from ..permissions import EVALUATE
from .applications import _bump


def jury_assign(*, actor: User, challenge: Challenge, user: User, exception_reason: str = "") -> JuryAssignment:
    """Appoint a juror. A person tied to an organisation in the competition is refused, naming the tie,
    unless the owner records an exception with a reason (conflicts.py says what it allows)."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)
        if challenge.status in (ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED, ChallengeStatus.CANCELLED):
            raise ValidationError(_("The evaluation of this challenge is over."))
        tied = selectors.conflict_organisations(challenge=challenge, user=user)
        reason = exception_reason.strip()
        excepted = ConflictException.objects.filter(assignment__challenge=challenge, assignment__user=user).exists()
        if tied and not reason and not excepted:
            raise ValidationError({"exception_reason": _(
                "%(person)s belongs to %(organisations)s, which take part in this competition as applicant or "
                "consortium partner. To appoint them anyway, record an exception with a reason; they will "
                "still never score their own organisation's application.") % {
                    "person": user.email, "organisations": ", ".join(o.name for o in tied)}})
        assignment, created = JuryAssignment.objects.get_or_create(challenge=challenge, user=user,
                                                                  defaults={"assigned_by": actor})
        if tied and reason:
            _exception_record(actor=actor, assignment=assignment, reason=reason)
        if created:
            transaction.on_commit(lambda: notifications.jury_assigned(assignment))
    return assignment


def jury_assign_by_email(*, actor: User, challenge: Challenge, email: str,
                         exception_reason: str = "") -> JuryAssignment:
    """Appoint the registered user with this address (the page and the API name jurors by e-mail)."""
    with transaction.atomic():
        challenge = locked_for(actor, CHANGE, challenge)  # before the look-up: only owners learn who is registered
        user = selectors.juror_candidate_get(email=email)
        if user is None:
            raise ValidationError({"email": _("No registered user has this address; ask them to register first.")})
        return jury_assign(actor=actor, challenge=challenge, user=user, exception_reason=exception_reason)


def conflict_exception_grant(*, actor: User, assignment: JuryAssignment, reason: str) -> ConflictException:
    """The owner lets a juror tied to the competition score the competitors, with a reason on record."""
    with transaction.atomic():
        locked_for(actor, CHANGE, assignment.challenge)
        assignment = JuryAssignment.objects.select_for_update().get(pk=assignment.pk)
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the exception is justified.")})
        return _exception_record(actor=actor, assignment=assignment, reason=reason.strip())


def _exception_record(*, actor: User, assignment: JuryAssignment, reason: str) -> ConflictException:
    exception = (ConflictException.objects.filter(assignment=assignment).first()
                 or ConflictException(assignment=assignment))
    exception.reason = reason[:1000]
    exception.granted_by = actor
    exception.full_clean()
    exception.save()
    return exception


def jury_remove(*, actor: User, assignment: JuryAssignment) -> None:
    with transaction.atomic():
        assignment = locked_for(actor, DELETE, assignment)
        if assignment.scores.exists():
            raise ValidationError(_("This juror has already scored; their scores stay on record."))
        assignment.delete()


def conflict_declare(*, actor: User, challenge: Challenge, application: Application,
                     reason: str = "") -> ConflictDeclaration:
    """A juror excludes themself from an application.

    Scores they gave it before stay on record, and the ranking shows them as excluded.
    """
    with transaction.atomic():
        challenge = locked_for(actor, EVALUATE, challenge)
        assignment = JuryAssignment.objects.filter(challenge=challenge, user=actor).first()
        if assignment is None:
            raise PermissionDenied(_("Only members of the jury declare conflicts."))
        if application.challenge_id != challenge.pk:
            raise ValidationError(_("This application belongs to another challenge."))
        declaration, _created = ConflictDeclaration.objects.get_or_create(
            assignment=assignment, application=application, defaults={"reason": reason[:500]})
    return declaration


def scores_save(*, actor: User, application: Application, scores: dict[int, tuple[int, str]]) -> list[Score]:
    """A juror's scores (0–10 with a comment) of one application, per criterion id.

    The conflict rule is evaluated here, inside the transaction, on today's applications, partners
    and memberships: a tie that appeared after the appointment refuses the score too.
    """
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
        competition = selectors.competition_get(challenge=challenge, users=[actor])
        conflict = selectors.juror_conflict_message(competition, actor.pk, application.pk)
        if conflict:
            raise PermissionDenied(conflict)
        return _scores_write(assignment, application, {c.pk: c for c in challenge.criteria.all()}, scores)


def _scores_write(assignment, application, criteria, scores: dict[int, tuple[int, str]]) -> list[Score]:
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


