"""One search across the knowledge centre: cases, toolbox items, publications and Q&A (core/search.py).

Each kind is ranked by the database's relevance (FTS5 bm25 / PostgreSQL ts_rank) inside what the
actor may see, all four in one query over the text index, and shown in its own section with a
highlighted snippet: the first of the object's texts that contains a match, in that text's language
(a Danish case's Danish summary for "varmepumper", its English summary for "heat pumps").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from northern_connections.core.permissions import VIEW
from northern_connections.core.search import highlighted_snippet, ranked_ids_by_model
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


def _rows(queryset: QuerySet, ids: list[int]) -> list:
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


def _case_hits(cases: list[ProcurementCase], query: str) -> list[Hit]:
    hits = []
    for case in cases:
        snippet, language = best_snippet([(case.summary, case.language), (case.summary_en, "en"),
                                          (case.description, case.language), (case.lessons, case.language)], query)
        hits.append(Hit(case.title, case.get_absolute_url(), snippet, language,
                        f"{case.buyer.name} · {case.get_country_display()}"))
    return hits


def _toolbox_hits(items: list[ToolboxItem], query: str) -> list[Hit]:
    hits = []
    for item in items:
        snippet, language = best_snippet([(item.summary, item.language), (item.body, item.language)], query)
        hits.append(Hit(item.title, item.get_absolute_url(), snippet, language,
                        f"{item.get_kind_display()} · {item.lead_author.name}"))
    return hits


def _publication_hits(rows: list[Publication], query: str) -> list[Hit]:
    hits = []
    for publication in rows:
        snippet, language = best_snippet([(publication.summary, publication.language),
                                          (publication.body, publication.language)], query)
        hits.append(Hit(publication.title, publication.get_absolute_url(), snippet, language,
                        f"{publication.get_kind_display()} · {publication.publisher.name}"))
    return hits


def _question_hits(rows: list[CommunityQuestion], query: str) -> list[Hit]:
    hits = []
    for question in rows:
        snippet, language = best_snippet([(question.title, question.language), (question.body, question.language)],
                                         query)
        hits.append(Hit(question.title, question.get_absolute_url(), snippet, language, _("Question")))
    return hits


def knowledge_search(*, actor, query: str, per_kind: int = PER_KIND) -> list[Section]:
    """The best matches of each kind the actor may see: one ranked query over the text index for all four
    kinds (core.search.ranked_ids_by_model), then the rows of each kind."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    visible = {
        "cases": ProcurementCase.objects.restrict(actor, VIEW).select_related("buyer"),
        "toolbox": ToolboxItem.objects.restrict(actor, VIEW).filter(version__gt=0).select_related("lead_author"),
        "publications": Publication.objects.restrict(actor, VIEW).select_related("publisher"),
        "questions": CommunityQuestion.objects.restrict(actor, VIEW).filter(status=PostStatus.PUBLISHED),
    }
    ids = ranked_ids_by_model(visible, query, limit=per_kind)
    if ids is None:
        return []
    q = "?" + urlencode({"q": query})
    rows = {kind: _rows(queryset, ids[kind]) for kind, queryset in visible.items()}
    return [
        Section("cases", _("Procurement cases"), reverse("knowledge:case_list") + q, _case_hits(rows["cases"], query)),
        Section("toolbox", _("Toolbox"), reverse("knowledge:toolbox_list") + q, _toolbox_hits(rows["toolbox"], query)),
        Section("publications", _("Lessons learned and news"), reverse("knowledge:publication_list") + q,
                _publication_hits(rows["publications"], query)),
        Section("questions", _("Questions and answers"), reverse("knowledge:question_list") + q,
                _question_hits(rows["questions"], query)),
    ]
