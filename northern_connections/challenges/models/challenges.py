"""Challenges, their translations, criteria, documents, life-cycle record and clarifications."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core import clock
from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.core.permissions import RestrictedQuerySet
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.choices import TRL_CHOICES, OrganisationKind
from northern_connections.directory.models import (
    CpvCode,
    NaceCode,
    NutsRegion,
    Organisation,
    ValueChain,
    ValueChainStep,
)

from ..choices import CHALLENGE_LANGUAGES, EDITABLE_STATUSES, TIME_ZONES, ChallengeStatus, Currency, RouteKind, to_eur


class Challenge(RestrictedModel):
    """An innovation challenge / call to action of a public authority or cluster.

    Written in its owner's language, with an English title and summary so that every partner
    country can read it. The status changes only through `services.challenge_transition`, which
    records every move in `ChallengeTransition`.
    """

    slug = models.SlugField(max_length=120, unique=True)
    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="owned_challenges")
    co_owners = models.ManyToManyField(Organisation, verbose_name=_("co-owners"), blank=True,
                                       related_name="co_owned_challenges")
    status = models.CharField(_("status"), max_length=20, choices=ChallengeStatus.choices,
                              default=ChallengeStatus.DRAFT, db_index=True)

    language = models.CharField(_("original language"), max_length=8, choices=CHALLENGE_LANGUAGES, default="en")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000)
    problem = models.TextField(_("problem statement"), blank=True)
    desired_outcome = models.TextField(_("desired outcome"), blank=True)
    constraints = models.TextField(_("constraints"), blank=True)
    title_en = models.CharField(_("English title"), max_length=300, blank=True,
                                help_text=_("Required for publication unless the challenge is written in English."))
    summary_en = models.TextField(_("English summary"), max_length=2000, blank=True)

    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True)
    value_chain_steps = models.ManyToManyField(ValueChainStep, verbose_name=_("value-chain steps"), blank=True)
    trl_min = models.PositiveSmallIntegerField(_("TRL sought from"), choices=TRL_CHOICES, null=True, blank=True,
                                               validators=[MinValueValidator(1), MaxValueValidator(9)])
    trl_max = models.PositiveSmallIntegerField(_("TRL sought to"), choices=TRL_CHOICES, null=True, blank=True,
                                               validators=[MinValueValidator(1), MaxValueValidator(9)])
    cpv_codes = models.ManyToManyField(CpvCode, verbose_name=_("CPV codes"), blank=True)
    nace_codes = models.ManyToManyField(NaceCode, verbose_name=_("NACE codes"), blank=True)
    nuts_region = models.ForeignKey(NutsRegion, verbose_name=_("location (NUTS region)"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="challenges")
    country = models.CharField(_("country"), max_length=2, db_index=True, editable=False,
                               help_text=_("The owner's country, copied for fast filtering."))

    budget_min = models.PositiveBigIntegerField(_("budget from"), null=True, blank=True)
    budget_max = models.PositiveBigIntegerField(_("budget to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    budget_max_eur = models.PositiveBigIntegerField(editable=False, null=True, blank=True,
                                                    help_text=_("Upper budget in EUR at the fixed planning rate."))

    route = models.CharField(_("route after selection"), max_length=16, choices=RouteKind.choices,
                             default=RouteKind.NONE, db_index=True)
    procedure_type = models.CharField(
        _("eForms procedure type"), max_length=32, blank=True,
        help_text=_("Code of the eForms 'procurement-procedure-type' list; for the procurement route."),
    )

    eligible_countries = models.JSONField(_("eligible countries"), default=list, blank=True,
                                          help_text=_("ISO codes; empty means every country."))
    eligible_kinds = models.JSONField(_("eligible organisation kinds"), default=list, blank=True,
                                      help_text=_("Empty means every kind."))
    smes_only = models.BooleanField(_("SMEs only"), default=False)
    consortia_allowed = models.BooleanField(_("consortia allowed"), default=True)
    max_consortium_size = models.PositiveSmallIntegerField(
        _("maximum consortium size"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Organisations including the lead applicant."),
    )
    blind_evaluation = models.BooleanField(_("blind evaluation"), default=False,
                                           help_text=_("Jurors do not see who applied."))

    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    time_zone = models.CharField(_("time zone of the dates"), max_length=40, choices=TIME_ZONES,
                                 default="Europe/Copenhagen")
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    clarification_deadline = models.DateTimeField(_("questions until"), null=True, blank=True)
    application_deadline = models.DateTimeField(_("application deadline"), null=True, blank=True, db_index=True)
    decision_date = models.DateField(_("decision expected"), null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["application_deadline", "pk"]
        indexes = [
            models.Index(fields=["status", "application_deadline"]),
            models.Index(fields=["country", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl_min__isnull=True) | models.Q(trl_max__isnull=True)
                | models.Q(trl_max__gte=models.F("trl_min")),
                name="challenges_challenge_trl_range",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True) | models.Q(budget_max__isnull=True)
                | models.Q(budget_max__gte=models.F("budget_min")),
                name="challenges_challenge_budget_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge_detail", kwargs={"slug": self.slug})

    @property
    def display_title(self) -> str:
        return self.title_en or self.title

    @property
    def display_summary(self) -> str:
        return self.summary_en or self.summary

    @property
    def budget_min_eur(self) -> int | None:
        return to_eur(self.budget_min, self.currency)

    # Status predicates: templates, forms, views and the API ask these, never compare status strings.
    is_draft = status_in(ChallengeStatus.DRAFT)
    is_editable = status_in(*EDITABLE_STATUSES,
                            doc="Text, deadlines, documents and translations can still change (draft or published).")
    is_under_evaluation = status_in(ChallengeStatus.UNDER_EVALUATION)

    @property
    def deadline_passed_unclosed(self) -> bool:
        """Published, but the deadline has passed and the closing job has not run yet."""
        return self.status == ChallengeStatus.PUBLISHED and not self.is_open

    @property
    def is_open(self) -> bool:
        """Open for applications: published and before the deadline (even if the close task is late)."""
        return (self.status == ChallengeStatus.PUBLISHED and self.application_deadline is not None
                and clock.now() < self.application_deadline)

    @property
    def clarifications_open(self) -> bool:
        end = self.clarification_deadline or self.application_deadline
        return self.status == ChallengeStatus.PUBLISHED and end is not None and clock.now() < end

    def clean(self) -> None:
        errors = {}
        if self.trl_min and self.trl_max and self.trl_min > self.trl_max:
            errors["trl_max"] = _("The upper TRL must not be below the lower one.")
        if self.budget_min is not None and self.budget_max is not None and self.budget_min > self.budget_max:
            errors["budget_max"] = _("The upper budget must not be below the lower one.")
        if (self.clarification_deadline and self.application_deadline
                and self.clarification_deadline > self.application_deadline):
            errors["clarification_deadline"] = _("Questions must end before the application deadline.")
        if self.decision_date and self.application_deadline and self.decision_date < self.application_deadline.date():
            errors["decision_date"] = _("The decision cannot come before the application deadline.")
        valid_kinds = set(OrganisationKind.values)
        if any(kind not in valid_kinds for kind in self.eligible_kinds or []):
            errors["eligible_kinds"] = _("Unknown organisation kind.")
        if any(not isinstance(c, str) or len(c) != 2 for c in self.eligible_countries or []):
            errors["eligible_countries"] = _("Use two-letter ISO country codes.")
        if self.route == RouteKind.PROCUREMENT and not self.procedure_type:
            errors["procedure_type"] = _("Choose the eForms procedure type of the procurement route.")
        if errors:
            raise ValidationError(errors)
        self.budget_max_eur = to_eur(self.budget_max, self.currency)
        if self.owner_id:
            self.country = self.owner.country

    def search_parts(self) -> list[tuple[str, str]]:
        """(text, language) pairs indexed for full-text search: the original and the English version."""
        original = " ".join(filter(None, [self.title, self.summary, self.problem, self.desired_outcome]))
        parts = [(original, self.language)]
        if self.language != "en":
            parts.append((" ".join(filter(None, [self.title_en, self.summary_en])), "en"))
        return parts


class ChallengeTranslation(PartOfPage, RestrictedModel):
    """An optional further translation of the title and summary (beyond the original and English)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=CHALLENGE_LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000)
    page_of = "challenge"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "language"],
                                               name="challenges_translation_unique")]

    def __str__(self) -> str:
        return f"{self.challenge_id} [{self.language}]"


class EvaluationCriterion(PartOfPage, RestrictedModel):
    """A criterion the jury scores 0–10; the weights of a challenge's criteria add up to 100."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), validators=[MinValueValidator(1),
                                                                          MaxValueValidator(100)])
    order = models.PositiveSmallIntegerField(default=0)
    page_of = "challenge"

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class ChallengeDocument(PartOfPage, RestrictedModel):
    """A document of the call (specification, site plan); its type is checked from its bytes."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="challenges/documents/%Y/")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    page_of = "challenge"

    def __str__(self) -> str:
        return self.title


class ChallengeTransition(PartOfPage, TransitionRecord, RestrictedModel):
    """One move in a challenge's life cycle: who (None = the system at the deadline) and when."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ChallengeStatus.choices)
    to_status = models.CharField(max_length=20, choices=ChallengeStatus.choices)
    page_of = "challenge"

    class Meta(TransitionRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.challenge_id}: {self.from_status} → {self.to_status}"


class Clarification(RestrictedModel):
    """A question by a would-be applicant; the owner answers once, and the answer is public to all.

    The asking organisation is never shown publicly, so asking does not reveal who plans to apply.
    """

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="clarifications")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    question = models.TextField(_("question"), max_length=3000)
    answer = models.TextField(_("answer"), blank=True, max_length=6000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.question[:60]

    def get_absolute_url(self) -> str:
        return self.challenge.get_absolute_url() + f"#clarification-{self.pk}"


class ChallengeView(models.Model):
    """Page views of a challenge per viewer country and day: the owner's transnational reach.

    Counted per (challenge, country, day) rather than per view so the table stays small; the
    country is that of the viewer's organisation ("" for anonymous visitors). It has no policy (so
    administrators only): the reach selector reads it after checking the challenge.
    """

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="view_counts")
    country = models.CharField(max_length=2, blank=True)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "country", "day"],
                                               name="challenges_view_unique")]

    def __str__(self) -> str:
        return f"{self.challenge_id} {self.country} {self.day}: {self.count}"
