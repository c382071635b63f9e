"""Slugs that are unique and never hidden by a fixed route.

An organisation named "Map" or a challenge named "Feed" would get the slug of a fixed page
(`organisations/map/`, `challenges/feed/`), and its detail page could never be reached. The
reserved words of a model are read from the URL configuration itself: every fixed first segment
beside the `<slug:...>` of its detail route, so a new fixed page is reserved the day it is added.
"""

from __future__ import annotations

from functools import cache

from django.db import models
from django.urls import get_resolver
from django.urls.resolvers import RoutePattern, URLPattern, URLResolver
from django.utils.text import slugify


def _routes(resolver=None, prefix: str = "", namespace: str = ""):
    """(full route, url name) of every pattern, walking includes."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = str(pattern.pattern) if isinstance(pattern.pattern, RoutePattern) else ""
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern, prefix + route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + route, namespace + pattern.name


@cache
def reserved_segments(detail_url_name: str) -> frozenset[str]:
    """The fixed path segments that stand where the slug of `detail_url_name` stands."""
    routes = list(_routes())
    detail = next(route for route, name in routes if name == detail_url_name)
    parent = detail[: detail.index("<")]
    segments = set()
    for route, _name in routes:
        if route.startswith(parent) and len(route) > len(parent) and route[len(parent)] != "<":
            segments.add(route[len(parent):].split("/", 1)[0])
    return frozenset(segments)


def unique_slug(model: type[models.Model], text: str, *, reserved: frozenset[str] | set[str] = frozenset(),
                exclude_pk: int | None = None, fallback: str = "item", field: str = "slug") -> str:
    """A slug from `text`, unique among `model`'s rows and not one of the `reserved` words."""
    max_length = model._meta.get_field(field).max_length or 50
    base = slugify(text)[: max_length - 6].strip("-") or fallback
    if base in reserved:
        base = f"{base}-{fallback}" if fallback != base else f"{base}-1"
    queryset = model._default_manager.all()
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    slug, n = base, 1
    while slug in reserved or queryset.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
