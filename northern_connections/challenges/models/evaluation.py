"""Jury assignments, conflicts of interest, scores and cluster recommendations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel
from northern_connections.directory.models import Organisation

from ..choices import SCORE_MAX
from .applications import Application
from .challenges import Challenge, EvaluationCriterion


class JuryAssignment(RestrictedModel):
    """A person on the jury of one challenge (an object-level role, DESIGN.md §2)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["challenge", "user"], name="challenges_jury_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.challenge_id}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge_evaluate", kwargs={"slug": self.challenge.slug})


class ConflictDeclaration(PartOfPage, RestrictedModel):
    """A juror declares a conflict of interest with one application and is excluded from scoring it.

    Scores the juror gave the application before stay on record and the ranking shows them as
    excluded, so the owner sees what the declaration changed.
    """

    assignment = models.ForeignKey(JuryAssignment, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    page_of = "assignment"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "application"],
                                               name="challenges_conflict_unique")]

    def __str__(self) -> str:
        return f"{self.assignment} ✕ {self.application_id}"


class ConflictException(RestrictedModel):
    """The owner lets a juror tied to an organisation in the competition score the competitors.

    Recorded with who granted it, when (`created`) and why; it never lets the juror score an
    application their own organisation takes part in (conflicts.py).
    """

    assignment = models.OneToOneField(JuryAssignment, on_delete=models.CASCADE, related_name="conflict_exception")
    reason = models.CharField(_("reason for the exception"), max_length=1000)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.reason[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge_jury", kwargs={"slug": self.assignment.challenge.slug})


class Score(RestrictedModel):
    """One juror's score (0–10) of one application on one criterion, with a comment."""

    assignment = models.ForeignKey(JuryAssignment, on_delete=models.CASCADE, related_name="scores")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(0),
                                                                    MaxValueValidator(SCORE_MAX)])
    comment = models.TextField(_("comment"), blank=True, max_length=3000)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "application", "criterion"], name="challenges_score_unique"),
            models.CheckConstraint(condition=models.Q(value__lte=SCORE_MAX), name="challenges_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.application_id}/{self.criterion_id}: {self.value}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:application_score", kwargs={"pk": self.application_id})


class Recommendation(PartOfPage, RestrictedModel):
    """A cluster manager points a member SME to a challenge (the SME's members are notified)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="recommendations")
    cluster = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="challenge_recommendations")
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    message = models.TextField(_("message"), blank=True, max_length=2000)
    page_of = "challenge"

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["challenge", "cluster", "organisation"],
                                               name="challenges_recommendation_unique")]

    def __str__(self) -> str:
        return f"{self.cluster} → {self.organisation}: {self.challenge_id}"
