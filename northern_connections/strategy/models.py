"""Regional innovation strategies (RIS3/S3) and the partnership's policy bodies and action plan."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.models import NutsRegion, Organisation, S3Category, ValueChain
from northern_connections.directory.models.organisations import LANGUAGE_CODE_VALIDATOR

from . import synergy
from .choices import (
    PENDING_ACTION_STATUSES,
    ActionStatus,
    BarrierKind,
    BoardKind,
    BoardRole,
    BriefStatus,
    DocumentKind,
    MeasureKind,
    PlanStatus,
)

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class RegionalStrategy(RestrictedModel):
    """A region's innovation / smart-specialisation strategy for one period, with its priorities.

    `maintainer` is the organisation whose editors keep the record (a verified regional authority,
    city or cluster of the region); the partnership's coordinators keep every record.
    """

    region = models.ForeignKey(NutsRegion, verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="strategies")
    maintainer = models.ForeignKey(Organisation, verbose_name=_("maintained by"), on_delete=models.PROTECT,
                                   related_name="strategies")
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    period_start = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    period_end = models.PositiveSmallIntegerField(_("to year"), validators=YEAR_VALIDATORS)
    adopting_body = models.CharField(_("adopted by"), max_length=300, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    language = models.CharField(_("language of the document"), max_length=8, default="en",
                                validators=[LANGUAGE_CODE_VALIDATOR])
    document_url = models.URLField(_("document"), blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("regional strategy")
        verbose_name_plural = _("regional strategies")
        ordering = ["region__code", "-period_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "period_start"], name="strategy_one_per_region_period"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="strategy_period_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:strategy_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    def as_profile(self) -> synergy.Profile:
        """The analysis's view of the strategy (priorities and their tags must be prefetched)."""
        return synergy.Profile(self.region.code, tuple(p.as_priority() for p in self.priorities.all()))


class StrategyPriority(PartOfPage, RestrictedModel):
    """A priority of a strategy, tagged like Eye@RIS3: economic (NACE) and scientific (NABS) domains and
    policy objectives (`categories`), and the platform's renewable-energy value chains."""

    strategy = models.ForeignKey(RegionalStrategy, on_delete=models.CASCADE, related_name="priorities")
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MinValueValidator(1),
                                                                                 MaxValueValidator(5)],
                                              help_text=_("1 for an ordinary priority, up to 5 for a flagship."))
    categories = models.ManyToManyField(S3Category, verbose_name=_("Eye@RIS3 categories"), blank=True,
                                        related_name="+")
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True, related_name="+")
    page_of = "strategy"

    class Meta:
        verbose_name = _("strategy priority")
        verbose_name_plural = _("strategy priorities")
        ordering = ["strategy", "-weight", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def as_priority(self) -> synergy.Priority:
        keys = {synergy.domain(c.dimension, c.code) for c in self.categories.all()}
        keys |= {synergy.domain(synergy.CHAIN, c.slug) for c in self.value_chains.all()}
        return synergy.Priority(frozenset(keys), float(self.weight), self.name)


class InternationalisationMeasure(PartOfPage, RestrictedModel):
    """A measure of the strategy that supports internationalisation (a cooperation agreement, open calls...)."""

    strategy = models.ForeignKey(RegionalStrategy, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("type"), max_length=16, choices=MeasureKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    page_of = "strategy"

    class Meta:
        verbose_name = _("internationalisation measure")
        verbose_name_plural = _("internationalisation measures")
        ordering = ["strategy", "kind", "pk"]

    def __str__(self) -> str:
        return self.title


class Barrier(PartOfPage, RestrictedModel):
    """A barrier to internationalisation found in the analysis of a strategy, with its evidence."""

    strategy = models.ForeignKey(RegionalStrategy, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField(_("type"), max_length=24, choices=BarrierKind.choices)
    description = models.TextField(_("description"))
    evidence = models.TextField(_("evidence"), help_text=_("What shows the barrier: a source, a case, figures."))
    evidence_url = models.URLField(_("source"), blank=True)
    page_of = "strategy"

    class Meta:
        verbose_name = _("barrier to internationalisation")
        verbose_name_plural = _("barriers to internationalisation")
        ordering = ["strategy", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


# --------------------------------------------------------------------------- boards


class Board(RestrictedModel):
    """The Political Board or the Policy Coordination Group of the partnership's cities and regions."""

    kind = models.CharField(_("type"), max_length=24, choices=BoardKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:board_detail", kwargs={"slug": self.slug})


class BoardMember(PartOfPage, RestrictedModel):
    """A seat on a board: the organisation, the person who holds it (an account, when they have one) and
    the role. The people of a member organisation and the person read the board's internal documents."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="board_seats")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="board_seats")
    person_name = models.CharField(_("name of the person"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=BoardRole.choices, default=BoardRole.MEMBER)
    page_of = "board"

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board", "role", "organisation__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["board", "organisation", "person"],
                                               name="strategy_board_member_unique")]

    def __str__(self) -> str:
        return f"{self.person_name or self.organisation} ({self.get_role_display()})"


class BoardMeeting(RestrictedModel):
    """A meeting of a board, with its agenda, documents, minutes, decisions and policy brief."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    location = models.CharField(_("location"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:meeting_detail", kwargs={"pk": self.pk})


class AgendaItem(PartOfPage, RestrictedModel):
    """An item of a meeting's agenda; one raised from the synergy analysis names the pair of regions."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    region_a = models.ForeignKey(NutsRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    region_b = models.ForeignKey(NutsRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    page_of = "meeting"

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MeetingDocument(PartOfPage, RestrictedModel):
    """A document of a meeting (agenda, background paper, minutes...): a file, a text or both. Internal
    documents are read by the board's members only."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.BACKGROUND)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="strategy/documents/", blank=True)
    internal = models.BooleanField(_("internal (members only)"), default=True)
    page_of = "meeting"

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "kind", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(RestrictedModel):
    """A decision taken at a meeting (audited: a board's decisions must be traceable)."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="decisions")
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("decision"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting__starts_at", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="strategy_decision_number")]

    def __str__(self) -> str:
        return f"{self.number}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:decision_detail", kwargs={"pk": self.pk})


class ActionPoint(RestrictedModel):
    """Something a decision asks someone to do: owner, due date and a status (core workflow)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="action_points")
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="board_action_points")
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN,
                              editable=False, db_index=True)

    is_pending = status_in(*PENDING_ACTION_STATUSES)

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.decision.get_absolute_url()


class ActionPointTransition(PartOfPage, TransitionRecord, RestrictedModel):
    """One move of an action point's life cycle (who, when, from, to)."""

    action_point = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="transitions")
    page_of = "action_point"

    class Meta(TransitionRecord.Meta):
        verbose_name = _("action point status change")
        verbose_name_plural = _("action point status changes")


class PolicyBrief(RestrictedModel):
    """A brief for a meeting, generated from the analysis (synergies, support gaps, scorecard), edited while
    a draft and then issued (core workflow); exported as PDF."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="briefs")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    synergies = models.TextField(_("synergies"), blank=True)
    gaps = models.TextField(_("gaps in support"), blank=True)
    scorecard = models.TextField(_("internationalisation scorecard"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=BriefStatus.choices, default=BriefStatus.DRAFT,
                              editable=False, db_index=True)
    issued_at = models.DateTimeField(_("issued on"), null=True, blank=True, editable=False)

    is_draft = status_in(BriefStatus.DRAFT)
    is_issued = status_in(BriefStatus.ISSUED)

    class Meta:
        verbose_name = _("policy brief")
        verbose_name_plural = _("policy briefs")
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:brief_detail", kwargs={"pk": self.pk})

    SECTIONS = ("summary", "synergies", "gaps", "scorecard", "recommendations")

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the brief's sections, in order."""
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.SECTIONS]


class BriefTransition(PartOfPage, TransitionRecord, RestrictedModel):
    """One move of a policy brief's life cycle (issuing it)."""

    brief = models.ForeignKey(PolicyBrief, on_delete=models.CASCADE, related_name="transitions")
    page_of = "brief"

    class Meta(TransitionRecord.Meta):
        verbose_name = _("policy brief status change")
        verbose_name_plural = _("policy brief status changes")


# --------------------------------------------------------------------------- action plan


class PlanGoal(RestrictedModel):
    """A goal of the partnership's action plan."""

    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("action plan goal")
        verbose_name_plural = _("action plan goals")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:plan")


class PlanAction(PartOfPage, RestrictedModel):
    """An action towards a goal: owner, deadline, progress, and the board decisions it follows from."""

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="plan_actions")
    deadline = models.DateField(_("deadline"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.PLANNED)
    decisions = models.ManyToManyField(Decision, verbose_name=_("decisions"), blank=True, related_name="plan_actions")
    page_of = "goal"

    class Meta:
        verbose_name = _("action plan action")
        verbose_name_plural = _("action plan actions")
        ordering = ["goal", "deadline", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="strategy_plan_progress")]

    def __str__(self) -> str:
        return self.title
