"""Writes of lessons learned and news: publications with tags, and the service other apps publish through."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.search import index_object
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.directory.models import Organisation

from ..choices import PublicationKind, PublicationStatus
from ..models import Publication, Tag

PUBLICATION_FIELDS = ("kind", "title", "summary", "body", "language", "link")


def publication_index(publication: Publication) -> None:
    index_object(publication, publication.search_text(), publication.language)


def tags_for(names: Iterable[str]) -> list[Tag]:
    """The tags of these names, created where new (a tag is its slug: "Heat pumps" and "heat-pumps" are one)."""
    tags = []
    for name in names:
        name = " ".join(str(name).split())[:80]
        slug = slugify(name)[:80]
        if slug:
            tags.append(Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0])
    return tags


def publication_create(*, actor: User, publisher: Organisation, tags: Iterable[str] = (), is_demo: bool = False,
                       **fields) -> Publication:
    """A draft publication of `publisher` (a verified organisation the actor edits)."""
    with transaction.atomic():
        require_add(actor, Publication, publisher=publisher)
        publication = Publication(publisher=publisher, author=actor if getattr(actor, "pk", None) else None,
                                  is_demo=is_demo)
        publication.slug = unique_slug(Publication, fields.get("title", ""),
                                       reserved=reserved_segments("knowledge:publication_detail"),
                                       fallback="publication")
        model_update(instance=publication, data={**fields, "tags": tags_for(tags)}, fields=PUBLICATION_FIELDS,
                     m2m=("tags",), index=publication_index)
    return publication


def publication_update(*, actor: User, publication: Publication, tags: Iterable[str] | None = None,
                       **fields) -> Publication:
    with transaction.atomic():
        publication = locked_for(actor, CHANGE, publication)
        data = dict(fields) | ({"tags": tags_for(tags)} if tags is not None else {})
        model_update(instance=publication, data=data, fields=PUBLICATION_FIELDS, m2m=("tags",),
                     index=publication_index)
    return publication


def publication_publish(*, actor: User, publication: Publication) -> Publication:
    """Make a draft public (it enters the Atom feed with today's date)."""
    with transaction.atomic():
        publication = locked_for(actor, CHANGE, publication)
        if not publication.summary.strip():
            raise ValidationError(_("Write a summary before publishing."))
        publication.status = PublicationStatus.PUBLISHED
        publication.published_at = publication.published_at or clock.now()
        publication.save(update_fields=["status", "published_at", "updated"])
    return publication


def publication_delete(*, actor: User, publication: Publication) -> None:
    with transaction.atomic():
        publication = locked_for(actor, DELETE, publication)
        publication.delete()


def publication_publish_external(*, actor: User, publisher: Organisation, source: str, reference: str, title: str,
                                 summary: str, body: str = "", kind: str = PublicationKind.REPORT,
                                 language: str = "en", tags: Iterable[str] = (), link: str = "") -> Publication:
    """Publish (or update) a publication written by another app, e.g. a survey's results.

    `source` names the app ("surveys") and `reference` its object ("survey-42"): calling again with the
    same pair updates that publication instead of adding another, so a re-run of the caller is safe.
    The actor must be allowed to publish for `publisher` (an editor of the verified organisation), as on
    the page; the publication is public at once and appears in the Atom feed. Raises ValidationError /
    PermissionDenied like every service.
    """
    if not source or not reference:
        raise ValidationError(_("An external publication needs its source and reference."))
    fields = {"kind": kind, "title": title, "summary": summary, "body": body, "language": language, "link": link}
    with transaction.atomic():
        existing = Publication.objects.filter(source=source, reference=reference).first()
        if existing is None:
            publication = publication_create(actor=actor, publisher=publisher, tags=tags, **fields)
            Publication.objects.filter(pk=publication.pk).update(source=source[:40], reference=reference[:120])
        else:
            publication = publication_update(actor=actor, publication=existing, tags=tags, **fields)
        return publication_publish(actor=actor, publication=publication)


def publication_sync_external(*, publisher: Organisation, source: str, reference: str, title: str, summary: str,
                              published: bool, kind: str = PublicationKind.REPORT, language: str = "en",
                              link: str = "", tags: Iterable[str] = ()) -> Publication | None:
    """List (or withdraw) another app's published page without an actor: the receiver of that app's signal,
    sent after its own permission-checked write (the surveys' `results_published`).

    Idempotent on (source, reference); withdrawing turns the publication back into a draft of `publisher`.
    """
    with transaction.atomic():
        publication = Publication.objects.filter(source=source, reference=reference).first()
        if publication is None and not published:
            return None
        if publication is None:
            publication = Publication(publisher=publisher, source=source[:40], reference=reference[:120],
                                      slug=unique_slug(Publication, title, fallback="publication",
                                                       reserved=reserved_segments("knowledge:publication_detail")))
        fields = {"kind": kind, "title": title[:300], "summary": summary or title, "language": language,
                  "link": link}
        model_update(instance=publication, data={**fields, "tags": tags_for(tags)}, fields=PUBLICATION_FIELDS,
                     m2m=("tags",), index=publication_index)
        publication.status = PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
        publication.published_at = (publication.published_at or clock.now()) if published else None
        publication.save(update_fields=["status", "published_at", "updated"])
    return publication
