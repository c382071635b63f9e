"""The cluster toolbox: methods, templates, guides and self-study modules, co-authored, versioned, reviewed."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.models import Organisation

from ..choices import (
    CASE_LANGUAGES,
    EDITABLE_TOOLBOX_STATUSES,
    PUBLIC_TOOLBOX_STATUSES,
    Audience,
    Licence,
    ToolboxFormat,
    ToolboxKind,
    ToolboxStatus,
)


class ToolboxItem(RestrictedModel):
    """A method, template, guide or self-study module; its `authors` (clusters) co-author it.

    Every publication freezes a `ToolboxVersion`; a published item edited again goes back through
    review before the new text is public (the public page shows the last published version).
    `topics` are the keys of self-assessment dimensions the item helps with (recommendations).
    """

    kind = models.CharField(_("type"), max_length=16, choices=ToolboxKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("content"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=CASE_LANGUAGES, default="en")
    audience = models.JSONField(_("audience"), default=list, blank=True)
    format = models.CharField(_("format"), max_length=16, choices=ToolboxFormat.choices,
                              default=ToolboxFormat.DOCUMENT)
    licence = models.CharField(_("licence"), max_length=16, choices=Licence.choices, default=Licence.CC_BY)
    link = models.URLField(_("link"), blank=True)
    topics = models.JSONField(_("self-assessment dimensions it helps with"), default=list, blank=True)
    lead_author = models.ForeignKey(Organisation, verbose_name=_("lead author"), on_delete=models.PROTECT,
                                    related_name="toolbox_items")
    authors = models.ManyToManyField(Organisation, verbose_name=_("co-authors"), blank=True,
                                     related_name="coauthored_toolbox_items")
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=ToolboxStatus.choices,
                              default=ToolboxStatus.DRAFT, db_index=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_draft = status_in(ToolboxStatus.DRAFT)
    is_in_review = status_in(ToolboxStatus.IN_REVIEW)
    is_public = status_in(*PUBLIC_TOOLBOX_STATUSES)
    is_editable = status_in(*EDITABLE_TOOLBOX_STATUSES)

    class Meta:
        verbose_name = _("toolbox item")
        verbose_name_plural = _("toolbox items")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:toolbox_detail", kwargs={"slug": self.slug})

    @property
    def is_module(self) -> bool:
        return self.kind == ToolboxKind.MODULE

    def audience_labels(self) -> list[str]:
        return [str(Audience(a).label) for a in self.audience if a in Audience.values]

    def clean(self) -> None:
        if not isinstance(self.audience, list) or any(a not in Audience.values for a in self.audience):
            raise ValidationError({"audience": _("Choose the audience among procurers, cluster managers and SMEs.")})
        if not isinstance(self.topics, list) or any(not isinstance(t, str) for t in self.topics):
            raise ValidationError({"topics": _("Topics are a list of dimension keys.")})

    def search_text(self) -> str:
        return " ".join(filter(None, [self.title, self.summary, self.body]))


class ToolboxVersion(PartOfPage, RestrictedModel):
    """The text of a toolbox item as it was published (number 1, 2, ...), with who changed what."""

    item = models.ForeignKey(ToolboxItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("content"), blank=True)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    page_of = "item"

    class Meta:
        verbose_name = _("toolbox item version")
        verbose_name_plural = _("toolbox item versions")
        ordering = ["item", "-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="knowledge_toolbox_version_unique")]

    def __str__(self) -> str:
        return f"{self.item} v{self.number}"


class ToolboxTransition(TransitionRecord, RestrictedModel):
    """One move of a toolbox item's review cycle (draft → in review → published → archived)."""

    item = models.ForeignKey(ToolboxItem, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=ToolboxStatus.choices)
    to_status = models.CharField(max_length=16, choices=ToolboxStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("toolbox status change")
        verbose_name_plural = _("toolbox status changes")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()


class Lesson(PartOfPage, RestrictedModel):
    """One lesson of a self-study module, in its order."""

    item = models.ForeignKey(ToolboxItem, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("content"))
    page_of = "item"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["item", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "order"], name="knowledge_lesson_order_unique")]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(PartOfPage, RestrictedModel):
    """A question of a module's short quiz: options and the index of the right one."""

    item = models.ForeignKey(ToolboxItem, on_delete=models.CASCADE, related_name="quiz_questions")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=500)
    options = models.JSONField(_("options"), default=list)
    correct = models.PositiveSmallIntegerField(_("right option (from 0)"))
    page_of = "item"

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["item", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not isinstance(self.options, list) or len(self.options) < 2:
            raise ValidationError({"options": _("A quiz question needs at least two options.")})
        if self.correct >= len(self.options):
            raise ValidationError({"correct": _("The right option must be one of the options.")})


class LearnerProgress(RestrictedModel):
    """How far one learner has come in one module: lessons done, the best quiz result, when completed."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress")
    item = models.ForeignKey(ToolboxItem, on_delete=models.CASCADE, related_name="progress")
    lessons_done = models.JSONField(default=list, blank=True)
    quiz_score = models.PositiveSmallIntegerField(null=True, blank=True)
    quiz_total = models.PositiveSmallIntegerField(null=True, blank=True)
    quiz_passed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learner progress")
        verbose_name_plural = _("learner progress")
        constraints = [models.UniqueConstraint(fields=["learner", "item"], name="knowledge_progress_unique")]

    def __str__(self) -> str:
        return f"{self.learner} – {self.item}"

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()
