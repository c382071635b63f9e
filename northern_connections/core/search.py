"""Full-text search over `SearchEntry`, on SQLite FTS5 or PostgreSQL, with the same results.

Apps index an object with `index_object` from their services (or `bulk_index` after bulk
loads), filter a queryset with `search_filter` and put it in order of relevance with
`search_ranked`. The analysis is in core/text.py; the database only intersects stored stems,
using an FTS5 virtual table on SQLite and a GIN index on `to_tsvector('simple', tokens)` on
PostgreSQL (created by core's migrations).

Relevance: the ids of the best `RANKED_LIMIT` matches are fetched first, in one query, by the
database's own measure (FTS5 `bm25()` on SQLite; on PostgreSQL `ts_rank` divided by the
document's length, normalisation 2: term frequency against length, as BM25 weighs it, though
without its inverse document frequency or saturation), ties broken by id; the rows are then read
in that order. Both put a short document that repeats the query words before a long one that
mentions them once, so the top results agree (on the H2020 directory "wind turbine" gives the
same first three on both); further down, and between near-equal scores, the orders may differ.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import CharField, F, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat, NullIf, StrIndex
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .db import analyze
from .models import SearchEntry
from .text import detect_language, index_tokens, query_terms, snippet

#: matches put in order of relevance; any further ones follow them, ordered by `then_by`
RANKED_LIMIT = 1000


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


def _entry_parts(obj: models.Model, parts: Iterable[tuple[str, str | None]]) -> SearchEntry:
    parts = [(text, language or detect_language(text)) for text, language in parts if text and text.strip()]
    return SearchEntry(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        language=parts[0][1] if parts else "",
        tokens=" ".join(index_tokens(text, language) for text, language in parts),
    )


def index_object_parts(obj: models.Model, parts: Iterable[tuple[str, str | None]]) -> None:
    """Index one object whose text comes in several languages, each part stemmed in its own language.

    A Danish procurement case with an English summary: `[(danish_text, "da"), (summary_en, "en")]`, so
    inflected Danish words and English words both find it. The entry's language is the first part's.
    """
    entry = _entry_parts(obj, parts)
    SearchEntry.objects.update_or_create(
        content_type=entry.content_type,
        object_id=entry.object_id,
        defaults={"language": entry.language, "tokens": entry.tokens},
    )


def bulk_index_parts(items: Iterable[tuple[models.Model, list[tuple[str, str | None]]]],
                     batch_size: int = 2000) -> int:
    """`bulk_index` for objects indexed with several language parts (see `index_object_parts`)."""
    entries = [_entry_parts(obj, parts) for obj, parts in items]
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


def highlighted_snippet(text: str, query: str, language: str, width: int = 240) -> SafeString:
    """A short window of `text` around the first word matching `query`, the matches in `<mark>`, escaped."""
    return mark_safe("".join(f"<mark>{escape(piece)}</mark>" if matched else escape(piece)
                             for piece, matched in snippet(text, query, language, width)))


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


def ranked_ids(queryset: models.QuerySet, query: str, limit: int | None = None) -> list[int] | None:
    """Ids of the objects of `queryset` matching `query`, most relevant first; None without query words.

    One query, restricted to `queryset` (its filters and permission gate included), so a narrow
    filter still gets its own best matches rather than the best of the whole directory.
    """
    terms = query_terms(query)
    if not terms:
        return None
    content_type_id = ContentType.objects.get_for_model(queryset.model).pk
    inner_sql, inner_params = queryset.order_by().values("pk").query.get_compiler(using=queryset.db).as_sql()
    if connection.vendor == "postgresql":
        sql = (
            "SELECT e.object_id FROM core_searchentry e, to_tsquery('simple', %s) q "
            "WHERE e.content_type_id = %s AND to_tsvector('simple', e.tokens) @@ q "
            f"AND e.object_id IN ({inner_sql}) "
            "ORDER BY ts_rank(to_tsvector('simple', e.tokens), q, 2) DESC, e.object_id LIMIT %s"
        )
        params = (_tsquery(terms), content_type_id, *inner_params, limit or RANKED_LIMIT)
    else:
        sql = (
            "SELECT e.object_id FROM core_searchentry_fts f JOIN core_searchentry e ON e.id = f.rowid "
            f"WHERE core_searchentry_fts MATCH %s AND e.content_type_id = %s AND e.object_id IN ({inner_sql}) "
            "ORDER BY bm25(core_searchentry_fts), e.object_id LIMIT %s"
        )
        params = (_fts5_query(terms), content_type_id, *inner_params, limit or RANKED_LIMIT)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def ranked_ids_by_model(querysets: dict[str, models.QuerySet], query: str, limit: int) -> dict[str, list[int]] | None:
    """`ranked_ids` of several models at once: the best `limit` ids of each queryset, in one query.

    A site-wide search over cases, toolbox items and publications would otherwise match the text
    index once per model; here it is matched once, and a window function ranks within each model
    (same relevance measure and tie-break as `ranked_ids`, so each list equals that model's own).
    One queryset per model: the keys only name them in the answer.
    """
    terms = query_terms(query)
    if not terms:
        return None
    keys = {ContentType.objects.get_for_model(qs.model).pk: key for key, qs in querysets.items()}
    clauses, params = [], []
    for qs in querysets.values():
        inner_sql, inner_params = qs.order_by().values("pk").query.get_compiler(using=qs.db).as_sql()
        clauses.append(f"(e.content_type_id = %s AND e.object_id IN ({inner_sql}))")
        params += [ContentType.objects.get_for_model(qs.model).pk, *inner_params]
    restricted = " OR ".join(clauses)
    if connection.vendor == "postgresql":
        sql = (
            "SELECT ct, oid FROM (SELECT e.content_type_id AS ct, e.object_id AS oid, ROW_NUMBER() OVER ("
            "PARTITION BY e.content_type_id ORDER BY ts_rank(to_tsvector('simple', e.tokens), q, 2) DESC, "
            "e.object_id) AS n FROM core_searchentry e, to_tsquery('simple', %s) q "
            f"WHERE to_tsvector('simple', e.tokens) @@ q AND ({restricted})) ranked WHERE n <= %s ORDER BY ct, n"
        )
        params = [_tsquery(terms), *params, limit]
    else:
        sql = (
            "SELECT ct, oid FROM (SELECT ct, oid, ROW_NUMBER() OVER (PARTITION BY ct ORDER BY r, oid) AS n FROM ("
            "SELECT e.content_type_id AS ct, e.object_id AS oid, bm25(core_searchentry_fts) AS r "
            "FROM core_searchentry_fts f JOIN core_searchentry e ON e.id = f.rowid "
            f"WHERE core_searchentry_fts MATCH %s AND ({restricted}))) WHERE n <= %s ORDER BY ct, n"
        )
        params = [_fts5_query(terms), *params, limit]
    found: dict[str, list[int]] = {key: [] for key in querysets}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for content_type_id, object_id in cursor.fetchall():
            found[keys[content_type_id]].append(object_id)
    return found


def search_ranked(
    queryset: models.QuerySet, query: str, *then_by: str, unfiltered: models.QuerySet | None = None
) -> models.QuerySet:
    """`queryset` (filtered with `search_filter` already) in order of relevance, then by `then_by`.

    The ranked ids come first (one query), then the rows in that order: a `search_rank`
    annotation gives each ranked id its place, so pagination, counting and prefetching work on
    the queryset as before and a list page still runs a constant number of queries. When every
    match was ranked and `unfiltered` (the queryset before the filters: gate, joins, prefetches)
    is given, the rows are read by id from it, so the text index is searched once per page, not
    again for the count and the rows.
    """
    ids = ranked_ids(queryset, query)
    if ids is None:
        return queryset
    if unfiltered is not None and len(ids) < RANKED_LIMIT:
        queryset = unfiltered.filter(pk__in=ids)
    # The place of ",<pk>," in ",12,5,9,": one string parameter instead of a CASE branch per id;
    # it grows with the place, and rows beyond the ranked ones get NULL and follow them.
    ranked = Value("," + ",".join(str(int(pk)) for pk in ids) + ",")
    needle = Concat(Value(","), Cast("pk", CharField()), Value(","))
    rank = NullIf(StrIndex(ranked, needle), Value(0))
    return queryset.annotate(search_rank=rank).order_by(F("search_rank").asc(nulls_last=True), *then_by)


def is_ranked(queryset) -> bool:
    """Whether `queryset` comes from `search_ranked` (tables keep its order unless asked to sort)."""
    return isinstance(queryset, models.QuerySet) and "search_rank" in queryset.query.annotations
