"""Living Labs: candidate sites, selection rounds (criteria, assessors, scores, runs, decisions), labs' calls
and the demonstrations SMEs run in selected labs."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain

from .choices import (
    ACTIVE_CANDIDATE_STATUSES,
    OPEN_ROUND_STATUSES,
    SCORE_MAX,
    CandidateStatus,
    CostModel,
    DemonstrationStatus,
    Direction,
    Facility,
    Method,
    RoundStatus,
    SiteType,
)

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


class Candidate(RestrictedModel):
    """A possible Living Lab site, proposed by a verified region, city or cluster; "selected" once a round decides."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    proposed_by = models.ForeignKey(Organisation, verbose_name=_("proposed by"), on_delete=models.PROTECT,
                                    related_name="proposed_living_labs")
    hosts = models.ManyToManyField(Organisation, verbose_name=_("host organisations"),
                                   related_name="hosted_living_labs", blank=True)
    region = models.ForeignKey(NutsRegion, verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="living_lab_candidates")
    site_type = models.CharField(_("site type"), max_length=20, choices=SiteType.choices)
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True)
    themes = models.CharField(_("themes"), max_length=300, blank=True, help_text=_("Keywords, separated by commas."))
    trl_min = models.PositiveSmallIntegerField(_("lowest TRL supported"), default=5, validators=TRL_VALIDATORS)
    trl_max = models.PositiveSmallIntegerField(_("highest TRL supported"), default=8, validators=TRL_VALIDATORS)
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    open_to_foreign_smes = models.BooleanField(_("open to SMEs from other countries"), default=True)
    cost_model = models.CharField(_("cost model"), max_length=16, choices=CostModel.choices,
                                  default=CostModel.SUBSIDISED)
    access_conditions = models.TextField(_("access conditions"), blank=True, max_length=3000)
    capacity = models.PositiveSmallIntegerField(_("capacity (demonstrations at a time)"), default=1)
    ready_from = models.DateField(_("ready from"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="livinglabs/", blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    status = models.CharField(_("status"), max_length=16, choices=CandidateStatus.choices,
                              default=CandidateStatus.PROPOSED, editable=False, db_index=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Living Lab candidate")
        verbose_name_plural = _("Living Lab candidates")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(trl_min__lte=models.F("trl_max")), name="livinglabs_trl_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("livinglabs:candidate_detail", kwargs={"slug": self.slug})

    is_selected = status_in(CandidateStatus.SELECTED, doc="A selected Living Lab (a decided round chose it).")
    is_active = status_in(*ACTIVE_CANDIDATE_STATUSES, doc="In the catalogue (not withdrawn).")

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.themes.split(",") if t.strip()]

    def facility_labels(self) -> list[str]:
        labels = dict(Facility.choices)
        return [str(labels.get(f, f)) for f in self.facilities or []]

    def clean(self) -> None:
        errors = {}
        if self.trl_min and self.trl_max and self.trl_min > self.trl_max:
            errors["trl_max"] = _("The highest TRL must not be below the lowest.")
        unknown = [f for f in self.facilities or [] if f not in Facility.values]
        if not isinstance(self.facilities, list) or unknown:
            errors["facilities"] = _("Choose facilities from the list.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.region_id and self.region.level != 2:
            errors["region"] = _("Choose a NUTS 2 region: selection is per region at that level.")
        if errors:
            raise ValidationError(errors)

    def search_text(self) -> str:
        return " ".join(filter(None, [self.name, self.description, self.themes, self.access_conditions]))


class CandidateInterest(RestrictedModel):
    """A company registers interest in co-developing a candidate (seen by the company and the proposer)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(Organisation, verbose_name=_("company"), on_delete=models.CASCADE,
                                     related_name="living_lab_interests")
    note = models.TextField(_("what you would bring"), blank=True, max_length=2000)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")

    class Meta:
        verbose_name = _("interest in co-developing")
        verbose_name_plural = _("interests in co-developing")
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["candidate", "organisation"], name="livinglabs_interest_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.candidate}"

    def get_absolute_url(self) -> str:
        return self.candidate.get_absolute_url()


class CandidateComment(RestrictedModel):
    """A signed-in member's public comment on a candidate."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"), max_length=3000)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.author_id} on {self.candidate_id}"

    def get_absolute_url(self) -> str:
        return self.candidate.get_absolute_url()


class SelectionRound(RestrictedModel):
    """A selection of Living Labs: criteria with weights, assessors, candidates, the rules and, once decided,
    the frozen result (weights, scores and shortlist in ``frozen``)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    coordinator = models.ForeignKey(Organisation, verbose_name=_("coordinator"), on_delete=models.PROTECT,
                                    related_name="living_lab_rounds")
    candidates = models.ManyToManyField(Candidate, verbose_name=_("candidates"), related_name="rounds", blank=True)
    per_region = models.PositiveSmallIntegerField(_("labs per region"), default=2,
                                                  validators=[MinValueValidator(1), MaxValueValidator(20)])
    method = models.CharField(_("ranking method"), max_length=16, choices=Method.choices, default=Method.TOPSIS)
    max_per_host = models.PositiveSmallIntegerField(
        _("at most this many per host organisation"), null=True, blank=True, validators=[MinValueValidator(1)])
    min_value_chains_per_country = models.PositiveSmallIntegerField(
        _("at least this many value chains per country"), null=True, blank=True, validators=[MinValueValidator(1)])
    perturbation = models.FloatField(_("weight perturbation (±)"), default=0.2,
                                     validators=[MinValueValidator(0.01), MaxValueValidator(0.9)])
    samples = models.PositiveIntegerField(_("perturbation samples"), default=1000,
                                          validators=[MinValueValidator(1), MaxValueValidator(20000)])
    seed = models.PositiveIntegerField(_("random seed"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT,
                              editable=False, db_index=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True, editable=False)
    frozen = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("livinglabs:round_detail", kwargs={"slug": self.slug})

    is_draft = status_in(RoundStatus.DRAFT)
    is_in_assessment = status_in(RoundStatus.ASSESSMENT, doc="Assessors may score.")
    is_decided = status_in(RoundStatus.DECIDED, doc="Frozen: weights, scores and result are a record.")
    is_open = status_in(*OPEN_ROUND_STATUSES, doc="Criteria, candidates and rules may still change.")


class RoundTransition(TransitionRecord, RestrictedModel):
    """One move of a round's life cycle (draft → assessment → decided)."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("round transition")

    def __str__(self) -> str:
        return f"{self.round_id}: {self.from_status} → {self.to_status}"


class Criterion(RestrictedModel):
    """One assessment criterion of a round, with its weight and direction (benefit or cost)."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what assessors look at"), blank=True, max_length=2000)
    weight = models.FloatField(_("weight"), validators=[MinValueValidator(0.01), MaxValueValidator(1000)])
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.BENEFIT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="livinglabs_criterion_unique"),
                       models.CheckConstraint(condition=models.Q(weight__gt=0), name="livinglabs_criterion_weight")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()

    @property
    def is_benefit(self) -> bool:
        return self.direction == Direction.BENEFIT


class Assessor(RestrictedModel):
    """A person who scores the candidates of one round (an object-level role)."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="assessors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="living_lab_assessments")

    class Meta:
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="livinglabs_assessor_unique")]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()


class Score(RestrictedModel):
    """One assessor's score (0–5) of one candidate on one criterion, with a comment."""

    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="scores")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=3, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)])
    comment = models.CharField(_("comment"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("assessment score")
        verbose_name_plural = _("assessment scores")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessor", "candidate", "criterion"], name="livinglabs_score_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0, value__lte=SCORE_MAX),
                                   name="livinglabs_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id}/{self.candidate_id}/{self.criterion_id}: {self.value}"

    def get_absolute_url(self) -> str:
        return reverse("livinglabs:round_assess", kwargs={"slug": self.criterion.round.slug})


class ShortlistRun(RestrictedModel):
    """One shortlisting run of a round: the inputs' fingerprint and the whole result (see shortlist/run.py)."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="runs")
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    fingerprint = models.CharField(max_length=64)
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("shortlist run")
        verbose_name_plural = _("shortlist runs")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.round_id} @ {self.created:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("livinglabs:round_shortlist", kwargs={"slug": self.round.slug})


class Decision(RestrictedModel):
    """The frozen outcome for one candidate of a decided round: selected or not, and why."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="decisions")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="decisions")
    selected = models.BooleanField(_("selected"))
    score = models.FloatField(_("score"))
    rank = models.PositiveIntegerField(_("rank"))
    region_rank = models.PositiveIntegerField(_("rank in region"))
    frequency = models.FloatField(_("selection frequency"), null=True, blank=True)
    reason = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["round", "candidate"], name="livinglabs_decision_unique")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.candidate_id}: {self.selected}"

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()


class LabCall(RestrictedModel):
    """An open call for SMEs to test in a selected Living Lab."""

    lab = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what the lab offers and asks"), max_length=5000)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("open call")
        verbose_name_plural = _("open calls")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.lab.get_absolute_url()


class Demonstration(RestrictedModel):
    """An SME (or consortium) demonstrates a solution in a selected Living Lab: plan, dates, TRL before → after."""

    lab = models.ForeignKey(Candidate, verbose_name=_("Living Lab"), on_delete=models.PROTECT,
                            related_name="demonstrations")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    lead = models.ForeignKey(Organisation, verbose_name=_("lead company"), on_delete=models.PROTECT,
                             related_name="living_lab_demonstrations")
    partners = models.ManyToManyField(Organisation, verbose_name=_("consortium partners"), blank=True,
                                      related_name="+")
    challenge = models.ForeignKey("challenges.Challenge", verbose_name=_("answers the challenge"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="demonstrations")
    plan = models.TextField(_("plan"), max_length=5000)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    trl_before = models.PositiveSmallIntegerField(_("TRL before"), validators=TRL_VALIDATORS)
    trl_after = models.PositiveSmallIntegerField(_("TRL after"), null=True, blank=True, validators=TRL_VALIDATORS)
    trl_evidence = models.TextField(_("evidence for the TRL step"), blank=True, max_length=3000)
    results = models.TextField(_("results"), blank=True, max_length=5000)
    lessons_learned = models.TextField(_("lessons learned"), blank=True, max_length=5000)
    status = models.CharField(_("status"), max_length=16, choices=DemonstrationStatus.choices,
                              default=DemonstrationStatus.PLANNED)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("demonstration")
        verbose_name_plural = _("demonstrations")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__isnull=True) | models.Q(start_date__isnull=True)
                                   | models.Q(end_date__gte=models.F("start_date")), name="livinglabs_demo_dates"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("livinglabs:demonstration_detail", kwargs={"slug": self.slug})

    is_completed = status_in(DemonstrationStatus.COMPLETED)

    @property
    def trl_step(self) -> int | None:
        return None if self.trl_after is None else self.trl_after - self.trl_before

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end must not be before the start.")
        if self.trl_after is not None and not self.trl_evidence.strip():
            errors["trl_evidence"] = _("Say what shows the TRL reached (tests, reports, certificates).")
        if self.is_completed and self.trl_after is None:
            errors["trl_after"] = _("A completed demonstration records the TRL it reached.")
        if errors:
            raise ValidationError(errors)
