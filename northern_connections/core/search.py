"""Full-text search over `SearchEntry`, on SQLite FTS5 or PostgreSQL, with the same results.

Apps index an object with `index_object` from their services (or `bulk_index` after bulk
loads) and filter a queryset with `search_filter`. The analysis is in core/text.py; the
database only intersects stored stems, using an FTS5 virtual table on SQLite and a GIN index on
`to_tsvector('simple', tokens)` on PostgreSQL (created by core's migrations).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.expressions import RawSQL

from .db import analyze
from .models import SearchEntry
from .text import detect_language, index_tokens, query_terms


def _entry(obj: models.Model, text: str, language: str | None) -> SearchEntry:
    language = language or detect_language(text)
    return SearchEntry(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        language=language,
        tokens=index_tokens(text, language),
    )


def index_object(obj: models.Model, text: str, language: str | None = None) -> None:
    entry = _entry(obj, text, language)
    SearchEntry.objects.update_or_create(
        content_type=entry.content_type,
        object_id=entry.object_id,
        defaults={"language": entry.language, "tokens": entry.tokens},
    )


def bulk_index(items: Iterable[tuple[models.Model, str, str | None]], batch_size: int = 2000) -> int:
    """Replace the entries of many objects at once (imports and demo data)."""
    entries = [_entry(obj, text, language) for obj, text, language in items]
    if not entries:
        return 0
    by_type: dict[int, list[int]] = {}
    for entry in entries:
        by_type.setdefault(entry.content_type.pk, []).append(entry.object_id)
    for content_type_id, ids in by_type.items():
        for start in range(0, len(ids), 900):
            SearchEntry.objects.filter(content_type_id=content_type_id, object_id__in=ids[start : start + 900]).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=batch_size)
    if len(entries) > 1000:
        analyze(SearchEntry)
    return len(entries)


def unindex_object(obj: models.Model) -> None:
    SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk).delete()


def _fts5_query(terms: list[set[str]]) -> str:
    def quoted(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    return " AND ".join("(" + " OR ".join(quoted(t) for t in sorted(alts)) + ")" for alts in terms)


def _tsquery(terms: list[set[str]]) -> str:
    def quoted(token: str) -> str:
        return "'" + token.replace("'", "''").replace("\\", "") + "'"

    return " & ".join("(" + " | ".join(quoted(t) for t in sorted(alts)) + ")" for alts in terms)


def matching_ids_sql(model: type[models.Model], query: str) -> RawSQL | None:
    """SQL of the ids of `model` objects matching `query`, or None when the query has no words."""
    terms = query_terms(query)
    if not terms:
        return None
    content_type_id = ContentType.objects.get_for_model(model).pk
    if connection.vendor == "postgresql":
        sql = (
            "SELECT e.object_id FROM core_searchentry e WHERE e.content_type_id = %s "
            "AND to_tsvector('simple', e.tokens) @@ to_tsquery('simple', %s)"
        )
        return RawSQL(sql, (content_type_id, _tsquery(terms)))
    sql = (
        "SELECT e.object_id FROM core_searchentry e WHERE e.content_type_id = %s AND e.id IN "
        "(SELECT rowid FROM core_searchentry_fts WHERE core_searchentry_fts MATCH %s)"
    )
    return RawSQL(sql, (content_type_id, _fts5_query(terms)))


def search_filter(queryset: models.QuerySet, query: str) -> models.QuerySet:
    sql = matching_ids_sql(queryset.model, query)
    return queryset if sql is None else queryset.filter(pk__in=sql)
