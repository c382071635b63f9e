"""Writes of the SME self-assessment: start, answer and complete (scored by scoring.py), share with a cluster."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, locked_for, require_add
from northern_connections.directory.models import ClusterMembership, Organisation

from .. import scoring
from ..choices import AssessmentStatus
from ..models import Assessment, AssessmentQuestion, AssessmentShare, Questionnaire


def scoring_questions(questionnaire: Questionnaire) -> list[scoring.Question]:
    """The questionnaire as the scoring module sees it, dimensions in their order."""
    rows = AssessmentQuestion.objects.filter(dimension__questionnaire=questionnaire).select_related("dimension")
    return [scoring.Question(q.pk, q.dimension.key, float(q.weight), len(q.options))
            for q in rows.order_by("dimension__order", "dimension__pk", "order", "pk")]


def _clean_answers(questions: list[scoring.Question], answers: dict) -> dict[int, int]:
    known = {q.id for q in questions}
    cleaned = {}
    for key, value in answers.items():
        try:
            qid, index = int(key), int(value)
        except (TypeError, ValueError):
            raise ValidationError(_("Answers are numbers of the options.")) from None
        if qid in known:
            cleaned[qid] = index
    if scoring.answer_problems(questions, cleaned):
        raise ValidationError(_("An answer is not one of its question's options."))
    return cleaned


def assessment_start(*, actor: User, questionnaire: Questionnaire, organisation: Organisation) -> Assessment:
    """The SME's open self-assessment of this questionnaire, or a new one."""
    with transaction.atomic():
        require_add(actor, Assessment, organisation=organisation)
        if not questionnaire.is_active:
            raise ValidationError(_("This questionnaire is no longer offered."))
        existing = Assessment.objects.filter(questionnaire=questionnaire, organisation=organisation,
                                             status=AssessmentStatus.DRAFT).first()
        if existing is not None:
            return existing
        return Assessment.objects.create(questionnaire=questionnaire, organisation=organisation, respondent=actor)


def assessment_answer(*, actor: User, assessment: Assessment, answers: dict, complete: bool = False,
                      now=None) -> Assessment:
    """Save answers (question id → option index); `complete` scores it, which needs every question answered."""
    with transaction.atomic():
        assessment = locked_for(actor, CHANGE, assessment)
        if assessment.is_completed:
            raise ValidationError(_("This self-assessment is completed; start a new one to answer again."))
        questions = scoring_questions(assessment.questionnaire)
        merged = {int(k): v for k, v in assessment.answers.items()} | _clean_answers(questions, answers)
        assessment.answers = {str(k): v for k, v in sorted(merged.items())}
        assessment.respondent = actor
        if complete:
            missing = scoring.unanswered(questions, merged)
            if missing:
                raise ValidationError(_("Answer every question to see your result (%(n)s left).") % {"n": len(missing)})
            assessment.scores = scoring.dimension_scores(questions, merged)
            assessment.overall = scoring.overall_score(assessment.scores)
            assessment.status = AssessmentStatus.COMPLETED
            assessment.completed_at = now or clock.now()
        assessment.full_clean()
        assessment.save()
    return assessment


def assessment_share(*, actor: User, assessment: Assessment, cluster: Organisation) -> AssessmentShare:
    """Share a completed self-assessment with a cluster the SME is a member of; its managers then see it."""
    with transaction.atomic():
        assessment = locked_for(actor, CHANGE, assessment)
        if not assessment.is_completed:
            raise ValidationError(_("Complete the self-assessment before sharing it."))
        if not ClusterMembership.objects.filter(cluster=cluster, member_id=assessment.organisation_id).exists():
            raise ValidationError(_("“%(name)s” can only be shared with a cluster it is a member of.") % {
                "name": assessment.organisation.name})
        share, _created = AssessmentShare.objects.get_or_create(assessment=assessment, cluster=cluster,
                                                                defaults={"shared_by": actor})
    return share


def assessment_unshare(*, actor: User, share: AssessmentShare) -> None:
    """Withdraw a share: the cluster's managers no longer see the result."""
    with transaction.atomic():
        share = locked_for(actor, CHANGE, share)
        share.delete()
