"""The procurement case library: innovative public procurements, told by their buyers for their peers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import CpvCode, EformsCode, NutsRegion, Organisation, ValueChain

from ..choices import CASE_LANGUAGES, INNOVATIVE_ACQUISITION_LIST, PUBLIC_CASE_STATUSES, CaseStage, CaseStatus, Sector


class ProcurementCase(RestrictedModel):
    """One innovative procurement of a public buyer: need, procedure, money, stages, outcome and lessons.

    `procedure` is an eForms procedure-type code (list `procurement-procedure-type`) or one of
    `ExtraProcedure` (PCP, market consultation); `innovative_acquisitions` are eForms BT-776 codes and
    `innovation_goal` is the BT-06 strategic-procurement goal "innovative purchase". The text is in the
    buyer's language (`language`); `summary_en` makes every case readable and findable in English.
    `advisor` is the buyer's person willing to advise peers, reached through a message thread.
    """

    buyer = models.ForeignKey(Organisation, verbose_name=_("buyer"), on_delete=models.PROTECT,
                              related_name="procurement_cases")
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, db_index=True)
    nuts_region = models.ForeignKey(NutsRegion, verbose_name=_("NUTS region"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    language = models.CharField(_("language of the case"), max_length=8, choices=CASE_LANGUAGES, default="en",
                                db_index=True)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"))
    summary_en = models.TextField(_("English summary"), blank=True,
                                  help_text=_("Required to publish, so that every partner country can read the case."))
    description = models.TextField(_("full description"), blank=True)
    need = models.TextField(_("need addressed"), blank=True)
    procedure = models.CharField(_("procedure"), max_length=32, db_index=True)
    innovative_acquisitions = models.ManyToManyField(
        EformsCode, verbose_name=_("innovative acquisition (eForms BT-776)"), blank=True, related_name="+",
        limit_choices_to={"list_name": INNOVATIVE_ACQUISITION_LIST})
    innovation_goal = models.BooleanField(_("innovative purchase as a strategic goal (eForms BT-06)"), default=False)
    cpv_codes = models.ManyToManyField(CpvCode, verbose_name=_("CPV codes"), blank=True, related_name="+")
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, db_index=True)
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True, related_name="+")
    stage = models.CharField(_("stage"), max_length=16, choices=CaseStage.choices, default=CaseStage.PREPARATION,
                             db_index=True)
    budget_eur = models.PositiveBigIntegerField(_("budget (EUR)"), null=True, blank=True)
    contract_value_eur = models.PositiveBigIntegerField(_("contract value (EUR)"), null=True, blank=True)
    preparation_start = models.DateField(_("preparation began"), null=True, blank=True)
    tender_published = models.DateField(_("tender published"), null=True, blank=True)
    contract_signed = models.DateField(_("contract signed"), null=True, blank=True)
    implementation_start = models.DateField(_("implementation began"), null=True, blank=True)
    implementation_end = models.DateField(_("implementation ended"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    results = models.JSONField(_("quantified results"), default=list, blank=True,
                               help_text=_('A list of {"indicator": ..., "value": ..., "unit": ...}.'))
    lessons = models.TextField(_("lessons learned"), blank=True)
    links = models.JSONField(_("documents and links"), default=list, blank=True,
                             help_text=_('A list of {"title": ..., "url": ...}.'))
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("advising contact"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="advised_cases",
                                help_text=_("A person of the buyer willing to advise peers through the platform."))
    advisor_role = models.CharField(_("advisor's position"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.DRAFT,
                              db_index=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_draft = status_in(CaseStatus.DRAFT)
    is_public = status_in(*PUBLIC_CASE_STATUSES)

    class Meta:
        verbose_name = _("procurement case")
        verbose_name_plural = _("procurement cases")
        ordering = ["-published_at", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(implementation_end__isnull=True) | models.Q(implementation_start__isnull=True)
                | models.Q(implementation_end__gte=models.F("implementation_start")),
                name="knowledge_case_implementation_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:case_detail", kwargs={"slug": self.slug})

    @property
    def display_title(self) -> str:
        return self.title_en or self.title

    def clean(self) -> None:
        errors = {}
        if self.nuts_region_id and self.nuts_region.country != self.country:
            errors["nuts_region"] = _("The region must lie in the case's country.")
        dates = [self.preparation_start, self.tender_published, self.contract_signed, self.implementation_start]
        known = [d for d in dates if d]
        if known != sorted(known):
            errors["contract_signed"] = _("The stages' dates must follow each other: preparation, tender, contract, "
                                          "implementation.")
        if not isinstance(self.results, list) or any(not isinstance(r, dict) or not r.get("indicator")
                                                     for r in self.results):
            errors["results"] = _("Each result needs an indicator.")
        if not isinstance(self.links, list) or any(not isinstance(link, dict) or not str(link.get("url", ""))
                                                   .startswith(("http://", "https://")) for link in self.links):
            errors["links"] = _("Each link needs an address starting with http:// or https://.")
        if errors:
            raise ValidationError(errors)

    def search_text(self) -> str:
        """The buyer's own text; the English title and summary are indexed separately (see services)."""
        return " ".join(filter(None, [self.title, self.summary, self.need, self.description, self.outcome,
                                      self.lessons, self.buyer.name, self.buyer.city]))

    def english_text(self) -> str:
        return " ".join(filter(None, [self.title_en, self.summary_en]))


class CaseTransition(TransitionRecord, RestrictedModel):
    """One move in a case's life cycle (draft → published → archived)."""

    case = models.ForeignKey(ProcurementCase, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("case status change")
        verbose_name_plural = _("case status changes")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()
