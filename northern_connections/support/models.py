"""Innovation support measures: who offers what, where, to whom, for which value-chain steps and TRLs."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain, ValueChainStep
from northern_connections.directory.models.organisations import LANGUAGE_CODE_VALIDATOR

from . import coverage
from .choices import (
    COUNTED_STATUSES,
    EDITABLE_STATUSES,
    PUBLIC_STATUSES,
    Eligibility,
    FundingSource,
    GeographicScope,
    MeasureKind,
    MeasureStatus,
    TargetGroup,
)

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


class SupportMeasure(RestrictedModel):
    """An innovation support measure (a grant, voucher, test bed, ...) offered by a verified provider.

    Its geography is a set of NUTS regions (`areas`): regions for a regional measure, the level-0
    country codes for a national or transnational one. An empty TRL bound is open-ended (from TRL 1,
    up to TRL 9); no value chains or steps mean all of them (a horizontal measure). Only published
    measures count in the coverage analysis.
    """

    provider = models.ForeignKey(Organisation, verbose_name=_("provider"), on_delete=models.PROTECT,
                                 related_name="support_measures")
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(_("language of the description"), max_length=8, default="en",
                                            validators=[LANGUAGE_CODE_VALIDATOR])
    summary_en = models.TextField(_("English summary"), blank=True,
                                  help_text=_("Required to publish, so that every partner country can read it."))
    kind = models.CharField(_("type"), max_length=16, choices=MeasureKind.choices)
    scope = models.CharField(_("geographic scope"), max_length=16, choices=GeographicScope.choices,
                             default=GeographicScope.REGIONAL)
    areas = models.ManyToManyField(NutsRegion, verbose_name=_("NUTS regions or countries"), related_name="+",
                                   help_text=_("Regions for a regional measure; countries for a national or "
                                               "transnational one."))
    eligibility = models.CharField(_("who else may apply"), max_length=8, choices=Eligibility.choices,
                                   default=Eligibility.LOCAL)
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True, related_name="+",
                                          help_text=_("None: every value chain."))
    value_chain_steps = models.ManyToManyField(ValueChainStep, verbose_name=_("value-chain steps"), blank=True,
                                               related_name="+", help_text=_("None: every step."))
    trl_min = models.PositiveSmallIntegerField(_("from TRL"), choices=TRL_CHOICES, null=True, blank=True,
                                               validators=TRL_VALIDATORS, help_text=_("Empty: from the start."))
    trl_max = models.PositiveSmallIntegerField(_("up to TRL"), choices=TRL_CHOICES, null=True, blank=True,
                                               validators=TRL_VALIDATORS, help_text=_("Empty: up to the market."))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True,
                                     help_text=_("None: open to every kind of organisation."))
    budget_eur = models.PositiveBigIntegerField(_("budget (EUR)"), null=True, blank=True)
    aid_intensity = models.PositiveSmallIntegerField(_("aid intensity (%)"), null=True, blank=True,
                                                     validators=[MaxValueValidator(100)])
    funding_source = models.CharField(_("funding source"), max_length=16, choices=FundingSource.choices, blank=True)
    continuous = models.BooleanField(_("open continuously"), default=False)
    deadline = models.DateField(_("next deadline"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.DRAFT,
                              db_index=True, editable=False)
    last_verified = models.DateField(_("last verified"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_draft = status_in(MeasureStatus.DRAFT)
    is_public = status_in(*PUBLIC_STATUSES)
    is_counted = status_in(*COUNTED_STATUSES, doc="Counted in the coverage analysis and the navigator.")
    is_editable = status_in(*EDITABLE_STATUSES)

    class Meta:
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl_min__isnull=True) | models.Q(trl_max__isnull=True)
                | models.Q(trl_max__gte=models.F("trl_min")), name="support_measure_trl_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("support:measure_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.trl_min is not None and self.trl_max is not None and self.trl_max < self.trl_min:
            errors["trl_max"] = _("The upper TRL must not be below the lower one.")
        if self.deadline and self.continuous:
            errors["deadline"] = _("A measure open continuously has no deadline.")
        unknown = [g for g in self.target_groups or [] if g not in TargetGroup.values]
        if not isinstance(self.target_groups, list) or unknown:
            errors["target_groups"] = _("Unknown target groups: %(groups)s.") % {"groups": ", ".join(map(str, unknown))}
        if errors:
            raise ValidationError(errors)

    @property
    def trl_label(self) -> str:
        low = self.trl_min if self.trl_min is not None else 1
        high = self.trl_max if self.trl_max is not None else 9
        return f"{low}–{high}"

    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(g).label) for g in self.target_groups if g in TargetGroup.values]

    def as_coverage(self) -> coverage.Measure:
        """The analysis's view of the measure (relations must be prefetched)."""
        return coverage.Measure(
            id=self.pk, areas=tuple(a.code for a in self.areas.all()), trl_min=self.trl_min, trl_max=self.trl_max,
            value_chains=frozenset(c.slug for c in self.value_chains.all()),
            steps=frozenset(s.slug for s in self.value_chain_steps.all()),
            target_groups=frozenset(self.target_groups or ()), eligibility=self.eligibility, kind=self.kind,
            verified_on=self.last_verified, name=self.name)

    def search_text(self) -> str:
        return " ".join(filter(None, [self.name, self.summary_en, self.description]))


class MeasureTransition(TransitionRecord, RestrictedModel):
    """One move in a measure's life cycle (draft → published → closed → archived)."""

    measure = models.ForeignKey(SupportMeasure, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=MeasureStatus.choices)
    to_status = models.CharField(max_length=16, choices=MeasureStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("measure status change")
        verbose_name_plural = _("measure status changes")

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self) -> str:
        return self.measure.get_absolute_url()
