"""The SME innovation self-assessment: questionnaires as data, an SME's answers, scores and shares."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.directory.models import Organisation

from ..choices import AssessmentStatus


class Questionnaire(RestrictedModel):
    """A self-assessment questionnaire, edited by platform administrators (Django admin) rather than in code."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("offered to SMEs"), default=True)

    class Meta:
        verbose_name = _("self-assessment questionnaire")
        verbose_name_plural = _("self-assessment questionnaires")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:assessment_start", kwargs={"slug": self.slug})


class Dimension(PartOfPage, RestrictedModel):
    """A dimension scored on its own (strategy, internationalisation, ...); `key` ties toolbox items to it.

    `support_kinds` are the support-map measure types that help an SME weak in it.
    """

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    support_kinds = models.JSONField(_("support measure types that help"), default=list, blank=True)
    page_of = "questionnaire"

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["questionnaire", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="knowledge_dimension_key")]

    def __str__(self) -> str:
        return self.name


class AssessmentQuestion(PartOfPage, RestrictedModel):
    """A weighted question of a dimension; `options` go from the weakest answer (0 points) to the strongest."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"),
                                 validators=[MinValueValidator(Decimal("0.01"))])
    options = models.JSONField(_("answer options, weakest first"), default=list)
    page_of = "dimension.questionnaire"

    class Meta:
        verbose_name = _("self-assessment question")
        verbose_name_plural = _("self-assessment questions")
        ordering = ["dimension__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not isinstance(self.options, list) or len(self.options) < 2:
            raise ValidationError({"options": _("A question needs at least two answer options.")})


class Assessment(RestrictedModel):
    """One SME's answers to a questionnaire, with the scores per dimension (0–100) when completed."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="assessments")
    organisation = models.ForeignKey(Organisation, verbose_name=_("SME"), on_delete=models.CASCADE,
                                     related_name="self_assessments")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    answers = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    overall = models.FloatField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.DRAFT, editable=False)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    is_completed = status_in(AssessmentStatus.COMPLETED)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-completed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.questionnaire}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:assessment_detail", kwargs={"pk": self.pk})


class AssessmentShare(PartOfPage, RestrictedModel):
    """An SME shares one self-assessment with a cluster it is a member of, whose managers then see it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="shares")
    cluster = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shared_assessments")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    page_of = "assessment"

    class Meta:
        verbose_name = _("shared self-assessment")
        verbose_name_plural = _("shared self-assessments")
        constraints = [models.UniqueConstraint(fields=["assessment", "cluster"], name="knowledge_share_unique")]

    def __str__(self) -> str:
        return f"{self.assessment} → {self.cluster}"
