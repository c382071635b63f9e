"""Surveys and needs assessments: questions in sections and languages, audiences, invitations, responses.

Anonymity (issue 18) is kept by the shape of the tables, not by care in the views:

- `Response` has a random UUID key and no time stamps (`created`/`updated` removed); an anonymous
  response has no user, organisation or invitation, only the coarse attributes the filters need
  (country, organisation kind, NUTS 2 region), and results hide groups smaller than `logic.MIN_GROUP`.
- Anonymous responses are drawn at random from a pool of blank ballots made in advance, so even the
  order rows were written in says nothing about who started when.
- One response per person is kept without a link: an invitation is marked `started` (no time, no key
  of the response) and a signed-in person gets a `Participation` row (no time), both in the
  transaction that hands out the ballot. A draft is found again by a resume key only the respondent
  holds (a cookie and a link shown on the page); the database keeps its digest, cleared on submission.
- Neither `Response` nor `Participation` is registered with the audit trail or the search index.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import NutsRegion, Organisation

from . import logic
from .choices import ANSWERABLE_STATUSES, EDITABLE_STATUSES, RESULT_STATUSES, AudienceKind, QuestionKind, SurveyStatus


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def digest(secret: str) -> str:
    """What the database keeps of a token or resume key: its SHA-256, never the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


def localized(texts: dict | None, language: str | None = None, fallback: str = "en") -> str:
    """The text in `language` (default: the request's), else the fallback language's, else any."""
    texts = texts or {}
    language = language or translation.get_language() or fallback
    return texts.get(language) or texts.get(language.split("-")[0]) or texts.get(fallback) or next(
        (text for text in texts.values() if text), "")


class Survey(RestrictedModel):
    """A survey of an organisation: its questions, languages, audience and life cycle (draft → open → closed).

    Texts (`title`, `introduction`, a question's text and labels) are {language code: text} in the
    survey's `languages`; `default_language` must be complete before the survey opens.
    """

    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="surveys")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.JSONField(_("title"), default=dict)
    introduction = models.JSONField(_("introduction"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    default_language = models.CharField(_("main language"), max_length=8, default="en")
    status = models.CharField(_("status"), max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT,
                              db_index=True, editable=False)
    anonymous = models.BooleanField(_("anonymous responses"), default=True, help_text=_(
        "Nobody, the owner included, can tell who gave an anonymous response."))
    allow_multiple = models.BooleanField(_("more than one response per person"), default=False)
    open_link = models.BooleanField(_("anyone with the link may answer"), default=False)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    results_public = models.BooleanField(_("results published"), default=False, editable=False)
    previous_round = models.ForeignKey("self", verbose_name=_("previous round"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="next_rounds")
    template = models.CharField(_("template"), max_length=40, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_draft = status_in(SurveyStatus.DRAFT)
    is_open = status_in(*ANSWERABLE_STATUSES)
    is_editable = status_in(*EDITABLE_STATUSES, doc="Questions, languages and anonymity can still change.")
    has_results = status_in(*RESULT_STATUSES)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created", "pk"]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey_detail", kwargs={"slug": self.slug})

    @property
    def display_title(self) -> str:
        return localized(self.title, fallback=self.default_language) or self.slug

    @property
    def display_introduction(self) -> str:
        return localized(self.introduction, fallback=self.default_language)

    @property
    def minimum_group(self) -> int:
        """Smallest group whose results are shown: anonymous answers of fewer people could point to them."""
        return logic.MIN_GROUP if self.anonymous else 1

    def ordered_questions(self):
        return self.questions.select_related("section").order_by("section__order", "section_id", "order", "pk")

    def specs(self, questions=None) -> list[logic.QuestionSpec]:
        return [q.as_spec() for q in (questions if questions is not None else self.ordered_questions())]


class SurveyTransition(TransitionRecord, RestrictedModel):
    """One move in a survey's life cycle."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=SurveyStatus.choices)
    to_status = models.CharField(max_length=16, choices=SurveyStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("survey status change")
        verbose_name_plural = _("survey status changes")

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self) -> str:
        return self.survey.get_absolute_url()


class Section(PartOfPage, RestrictedModel):
    """A page of a survey: its questions are answered together, then the respondent saves and goes on."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.JSONField(_("title"), default=dict)
    order = models.PositiveSmallIntegerField(default=0)
    page_of = "survey"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, fallback=self.survey.default_language)


class Question(PartOfPage, RestrictedModel):
    """One question. `options` and `rows` are [{"value": ..., "label": {language: text}}]; `condition` is
    logic.Condition as a dict (show only when an earlier question's answer matches)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.CASCADE,
                                related_name="questions")
    key = models.SlugField(_("key"), max_length=40, help_text=_("Names the question in exports and conditions."))
    kind = models.CharField(_("type"), max_length=16, choices=QuestionKind.choices)
    text = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    options = models.JSONField(_("choices"), default=list, blank=True)
    rows = models.JSONField(_("matrix rows"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    low_label = models.JSONField(_("label of the low end"), default=dict, blank=True)
    high_label = models.JSONField(_("label of the high end"), default=dict, blank=True)
    minimum = models.FloatField(_("smallest number"), null=True, blank=True)
    maximum = models.FloatField(_("largest number"), null=True, blank=True)
    max_choices = models.PositiveSmallIntegerField(_("at most this many choices"), null=True, blank=True)
    condition = models.JSONField(_("condition"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    page_of = "survey"

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="surveys_question_key_unique")]

    def __str__(self) -> str:
        return self.display_text or self.key

    @property
    def display_text(self) -> str:
        return localized(self.text, fallback=self.survey.default_language)

    @property
    def display_help(self) -> str:
        return localized(self.help, fallback=self.survey.default_language)

    @property
    def condition_summary(self) -> str:
        """The condition in words for the builder: “used is one of no, unsure”."""
        from .choices import ConditionOperator

        condition = self.condition or {}
        operator = condition.get("operator", "")
        label = ConditionOperator(operator).label if operator in ConditionOperator.values else operator
        value = condition.get("value")
        shown = ", ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
        return " ".join(filter(None, [condition.get("question", ""), str(label), shown]))

    def option_values(self) -> tuple[str, ...]:
        return tuple(o["value"] for o in self.options)

    def labels(self, language: str | None = None) -> dict[str, str]:
        """Option value → label in the language (or the survey's main one)."""
        fallback = self.survey.default_language
        return {o["value"]: localized(o.get("label"), language, fallback) or o["value"] for o in self.options}

    def row_labels(self, language: str | None = None) -> dict[str, str]:
        fallback = self.survey.default_language
        return {r["value"]: localized(r.get("label"), language, fallback) or r["value"] for r in self.rows}

    def as_spec(self) -> logic.QuestionSpec:
        return logic.QuestionSpec(
            key=self.key, kind=self.kind, required=self.required, options=self.option_values(),
            rows=tuple(r["value"] for r in self.rows), scale_min=self.scale_min, scale_max=self.scale_max,
            minimum=self.minimum, maximum=self.maximum, max_choices=self.max_choices,
            condition=logic.Condition.from_dict(self.condition))


class Audience(PartOfPage, RestrictedModel):
    """A part of a survey's target audience, chosen from the directory: organisations of a kind (in a NUTS
    region or country), the members of a cluster, or one organisation. Their people are invited."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="audiences")
    kind = models.CharField(_("audience"), max_length=16, choices=AudienceKind.choices)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=32, choices=OrganisationKind.choices,
                                         blank=True)
    region = models.ForeignKey(NutsRegion, verbose_name=_("NUTS region or country"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(Organisation, verbose_name=_("cluster"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    page_of = "survey"

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["pk"]

    def __str__(self) -> str:
        if self.kind == AudienceKind.CLUSTER_MEMBERS:
            return _("Members of %(cluster)s") % {"cluster": self.cluster}
        if self.kind == AudienceKind.ORGANISATION:
            return str(self.organisation)
        where = self.region.name if self.region else _("every country")
        return f"{self.get_organisation_kind_display()} – {where}"


class Invitation(PartOfPage, RestrictedModel):
    """An invitation of one person to answer. The link's token is mailed and never stored (its digest is);
    `started` says that the link was used to answer, and nothing says which response came of it (for an
    anonymous survey) or when (no `updated` time stamp: the flag is set without one)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    started = models.BooleanField(_("answered"), default=False)
    updated = None  # see the docstring
    page_of = "survey"

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["email", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="surveys_invitation_unique")]

    def __str__(self) -> str:
        return self.email


class Response(PartOfPage, RestrictedModel):
    """One person's answers. Anonymous: no user, organisation, invitation or time (see the module's
    docstring); named: who answered, for which organisation, and when it was submitted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    respondent_email = models.EmailField(blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    invitation = models.ForeignKey(Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    country = models.CharField(_("country"), max_length=2, blank=True)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=32, blank=True)
    region = models.CharField(_("NUTS 2 region"), max_length=8, blank=True)
    language = models.CharField(max_length=8, blank=True)
    answers = models.JSONField(default=dict)
    tags = models.JSONField(default=dict, blank=True)
    claimed = models.BooleanField(default=False)
    submitted = models.BooleanField(default=False, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    resume_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created = None
    updated = None
    page_of = "survey"

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["id"]  # random: never the order people answered in

    def __str__(self) -> str:
        return str(self.id)[:8]


class Participation(RestrictedModel):
    """A signed-in person has answered an anonymous survey (one response per person without a link to it)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = None
    updated = None

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="surveys_participation_unique")]

    def __str__(self) -> str:
        return f"{self.survey_id}"
