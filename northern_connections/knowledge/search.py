"""One search across the knowledge centre: cases, toolbox items, publications and Q&A (core/search.py).

Each kind is ranked by the database's relevance (FTS5 bm25 / PostgreSQL ts_rank) inside what the
actor may see, and shown in its own section with a highlighted snippet: the first of the object's
texts that contains a match, in that text's language (a Danish case's Danish summary for "varmepumper",
its English summary for "heat pumps").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from northern_connections.core.permissions import VIEW
from northern_connections.core.search import highlighted_snippet, ranked_ids, search_filter
from northern_connections.core.text import matching_spans

from .choices import PostStatus
from .models import CommunityQuestion, ProcurementCase, Publication, ToolboxItem

PER_KIND = 8


@dataclass
class Hit:
    title: str
    url: str
    snippet: SafeString
    language: str
    meta: str


@dataclass
class Section:
    kind: str
    label: str
    more_url: str
    hits: list[Hit]


def best_snippet(texts: list[tuple[str, str]], query: str) -> tuple[SafeString, str]:
    """The snippet of the first (text, language) with a match; else of the first text."""
    texts = [(t, lang) for t, lang in texts if t]
    for text, language in texts:
        if matching_spans(text, query, language):
            return highlighted_snippet(text, query, language), language
    return (highlighted_snippet(texts[0][0], query, texts[0][1]), texts[0][1]) if texts else (SafeString(""), "")


def _ranked(queryset: QuerySet, query: str, limit: int) -> list:
    ids = ranked_ids(search_filter(queryset, query), query, limit=limit) or []
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


def _case_hits(actor, query: str, limit: int) -> list[Hit]:
    cases = ProcurementCase.objects.restrict(actor, VIEW).select_related("buyer")
    hits = []
    for case in _ranked(cases, query, limit):
        snippet, language = best_snippet([(case.summary, case.language), (case.summary_en, "en"),
                                          (case.description, case.language), (case.lessons, case.language)], query)
        hits.append(Hit(case.title, case.get_absolute_url(), snippet, language,
                        f"{case.buyer.name} · {case.get_country_display()}"))
    return hits


def _toolbox_hits(actor, query: str, limit: int) -> list[Hit]:
    items = ToolboxItem.objects.restrict(actor, VIEW).filter(version__gt=0).select_related("lead_author")
    hits = []
    for item in _ranked(items, query, limit):
        snippet, language = best_snippet([(item.summary, item.language), (item.body, item.language)], query)
        hits.append(Hit(item.title, item.get_absolute_url(), snippet, language,
                        f"{item.get_kind_display()} · {item.lead_author.name}"))
    return hits


def _publication_hits(actor, query: str, limit: int) -> list[Hit]:
    rows = Publication.objects.restrict(actor, VIEW).select_related("publisher")
    hits = []
    for publication in _ranked(rows, query, limit):
        snippet, language = best_snippet([(publication.summary, publication.language),
                                          (publication.body, publication.language)], query)
        hits.append(Hit(publication.title, publication.get_absolute_url(), snippet, language,
                        f"{publication.get_kind_display()} · {publication.publisher.name}"))
    return hits


def _question_hits(actor, query: str, limit: int) -> list[Hit]:
    rows = CommunityQuestion.objects.restrict(actor, VIEW).filter(status=PostStatus.PUBLISHED)
    hits = []
    for question in _ranked(rows, query, limit):
        snippet, language = best_snippet([(question.title, question.language), (question.body, question.language)],
                                         query)
        hits.append(Hit(question.title, question.get_absolute_url(), snippet, language, _("Question")))
    return hits


def knowledge_search(*, actor, query: str, per_kind: int = PER_KIND) -> list[Section]:
    """The best matches of each kind the actor may see, in four ranked queries plus the rows."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    q = "?" + urlencode({"q": query})
    sections = [
        Section("cases", _("Procurement cases"), reverse("knowledge:case_list") + q,
                _case_hits(actor, query, per_kind)),
        Section("toolbox", _("Toolbox"), reverse("knowledge:toolbox_list") + q, _toolbox_hits(actor, query, per_kind)),
        Section("publications", _("Lessons learned and news"), reverse("knowledge:publication_list") + q,
                _publication_hits(actor, query, per_kind)),
        Section("questions", _("Questions and answers"), reverse("knowledge:question_list") + q,
                _question_hits(actor, query, per_kind)),
    ]
    return sections
