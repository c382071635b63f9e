"""Lessons learned and news of the partnership: articles, reports and policy notes with tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.directory.models import Organisation

from ..choices import CASE_LANGUAGES, PublicationKind, PublicationStatus


class Tag(RestrictedModel):
    """A topic tag of publications (public vocabulary, grown as publications use it)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:publication_list") + f"?tag={self.slug}"


class Publication(RestrictedModel):
    """An article, news item, report, policy note or lessons-learned text of the partnership.

    `source` and `reference` identify a publication written by another app (surveys publish their
    results through `services.publication_publish_external`): publishing again updates it.
    """

    kind = models.CharField(_("type"), max_length=16, choices=PublicationKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=CASE_LANGUAGES, default="en")
    link = models.URLField(_("link"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="publications")
    publisher = models.ForeignKey(Organisation, verbose_name=_("publisher"), on_delete=models.PROTECT,
                                  related_name="publications")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=PublicationStatus.choices,
                              default=PublicationStatus.DRAFT, db_index=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    source = models.CharField(max_length=40, blank=True, editable=False)
    reference = models.CharField(max_length=120, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_draft = status_in(PublicationStatus.DRAFT)
    is_public = status_in(PublicationStatus.PUBLISHED)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "reference"], condition=~models.Q(source=""),
                                               name="knowledge_publication_external_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:publication_detail", kwargs={"slug": self.slug})

    def search_text(self) -> str:
        return " ".join(filter(None, [self.title, self.summary, self.body]))
