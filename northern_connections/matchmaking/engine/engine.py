"""The matching engine: ranks indexed profiles for a query and explains every result.

Pipeline of :meth:`MatchingEngine.search`, all vectorised over the whole index:

1. analyse the query text like documents (language detection, stop words, Snowball stems,
   phrase pairs); very long queries (a 5,000-character funding call) are reduced to their
   ``max_query_terms`` most informative terms by qw·idf, as Lucene's "more like this" does, which
   keeps latency flat without changing which profiles come first;
2. BM25F over the term matrices (index.py), facet credit through facet-token dot products, TRL
   compatibility, the activity prior, the cross-border preference and, when configured, dense
   embedding similarity (formula in scoring.py);
3. eligibility filters remove profiles outright (kinds, SME only, countries, excluded ids, "only
   abroad"); preferences merely re-weight;
4. the top-k are sorted by score with the profile id as a deterministic tie-breaker, and each
   gets its explanation (explain.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from . import analysis
from .documents import Document, Query
from .embeddings import Embedder
from .explain import FacetMatch, facet_matches, why_sentence
from .index import Index, IndexConfig, query_facet_tokens
from .scoring import Weights, activity_prior, query_term_weight, trl_score


@dataclass
class Match:
    """One ranked result with its evidence."""

    id: str
    score: float
    rank: int
    breakdown: dict[str, float]
    matched_terms: list[str] = field(default_factory=list)
    matched_facets: list[FacetMatch] = field(default_factory=list)
    why: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "score": round(self.score, 6),
            "rank": self.rank,
            "breakdown": {k: round(v, 6) for k, v in self.breakdown.items()},
            "matched_terms": self.matched_terms,
            "matched_facets": [fm.to_dict() for fm in self.matched_facets],
            "why": self.why,
        }


class MatchingEngine:
    """Index + weights + optional embedder. Build, search, update incrementally, dump and load."""

    def __init__(self, index: Index | None = None, *, weights: Weights | None = None,
                 embedder: Embedder | None = None, max_query_terms: int = 64, require_evidence: bool = True):
        self.index = index if index is not None else Index()
        self.weights = weights or Weights()
        self.embedder = embedder
        self.max_query_terms = max_query_terms
        self.require_evidence = require_evidence

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def build(cls, documents, *, config: IndexConfig | None = None, weights: Weights | None = None,
              embedder: Embedder | None = None, **kwargs) -> MatchingEngine:
        return cls(Index.build(documents, config, embedder=embedder), weights=weights, embedder=embedder, **kwargs)

    @property
    def version(self) -> int:
        return self.index.version

    def add(self, doc: Document) -> None:
        self.index.add(doc, embedder=self.embedder)

    def update(self, doc: Document) -> None:
        self.index.add(doc, embedder=self.embedder)

    def remove(self, doc_id: str) -> bool:
        return self.index.remove(doc_id)

    def compact(self) -> None:
        self.index.compact()

    def dump(self, target: str | os.PathLike | None = None) -> bytes | None:
        return self.index.dump(target)

    @classmethod
    def load(cls, source, *, weights: Weights | None = None, embedder: Embedder | None = None,
             **kwargs) -> MatchingEngine:
        return cls(Index.load(source), weights=weights, embedder=embedder, **kwargs)

    def __len__(self) -> int:
        return len(self.index)

    # ------------------------------------------------------------------ search
    def search(self, query: Query) -> list[Match]:
        """Rank the index for `query`: text, then eligibility, then the weighted components, then top-k."""
        idx = self.index
        if len(idx._ids) == 0 or len(idx) == 0:
            return []
        arr = idx.arrays()
        text = self._text_scores(query)
        eligible, abroad = self._eligibility(query, arr)
        if not eligible.any():
            return []
        parts, evidence, emb = self._components(query, arr, text, eligible, abroad)
        total = np.where(eligible, sum(parts.values()), -np.inf)
        # A query that says what it wants (text or facets) only returns profiles with some evidence
        # for it: the activity prior orders the relevant profiles but must not fill a shortlist with
        # famous unrelated ones.
        if self.require_evidence and (query.text.strip() or query.tags or query.trl_min is not None):
            total = np.where(evidence, total, -np.inf)
        order = self._top_rows(total, query.top_k)
        contrib = text.contrib.tocsr()
        return [self._match(query, r, rank, text, contrib, parts, total, abroad, emb)
                for rank, r in enumerate(order, start=1)]

    def _text_scores(self, query: Query) -> _TextScores:
        """BM25 of the analysed query, phrases up-weighted, the query cut to its most telling terms."""
        idx, w = self.index, self.weights
        analysed = analysis.analyse_query(query.text, language=query.language, phrases=idx.config.phrases) \
            if query.text else analysis.Analysed()
        known = idx.term_ids(analysed.terms)
        terms = list(known)
        term_ids = np.asarray([known[t] for t in terms], dtype=np.int64)
        qw = query_term_weight(np.asarray([analysed.terms[t] for t in terms], dtype=np.float64))
        is_phrase = np.asarray([analysis.PHRASE_SEP in t for t in terms], dtype=bool)
        qw = np.where(is_phrase, qw * w.phrase, qw)
        if len(terms) > self.max_query_terms:
            keep = np.argsort(-(qw * idx.idf(term_ids)), kind="stable")[: self.max_query_terms]
            keep.sort()
            terms = [terms[i] for i in keep]
            term_ids, qw = term_ids[keep], qw[keep]
        lex, contrib = idx.bm25(term_ids, qw)
        return _TextScores(analysed=analysed, terms=terms, lex=lex, contrib=contrib)

    def _eligibility(self, query: Query, arr: dict) -> tuple[np.ndarray, np.ndarray | None]:
        """Which rows may be returned at all (filters exclude, never down-rank), and which are abroad."""
        eligible = arr["alive"].copy()
        if query.kinds is not None:
            eligible &= np.isin(arr["kind"], [arr["kind_codes"][k] for k in query.kinds if k in arr["kind_codes"]])
        if query.sme_only:
            eligible &= arr["is_sme"] == 1
        if query.countries is not None:
            codes = [arr["country_codes"][c] for c in query.countries if c in arr["country_codes"]]
            eligible &= np.isin(arr["country"], codes)
        for row in filter(lambda r: r is not None, map(self.index.row, query.exclude)):
            eligible[row] = False
        abroad = None
        if query.country:
            qcode = arr["country_codes"].get(query.country, -1)
            abroad = (arr["country"] != 0) & (arr["country"] != qcode)
            if query.cross_border == "only":
                eligible &= abroad
        return eligible, abroad

    def _facet_scores(self, query: Query, arr: dict, n_rows: int) -> np.ndarray:
        """Weighted share of the query's facet tokens (and TRL fit) each row carries, on [0, 1]."""
        w = self.weights
        facet_total = 0.0
        token_weights: dict[str, float] = {}
        for name, values in query.tags.items():
            fw = w.facet_weight(name)
            if fw <= 0:
                continue
            facet_total += fw
            for tok, inc in query_facet_tokens(name, values).items():
                token_weights[tok] = token_weights.get(tok, 0.0) + fw * inc
        fac = self.index.facet_scores(token_weights) if token_weights else np.zeros(n_rows)
        if query.trl_min is not None:
            fw = w.facet_weight("trl")
            facet_total += fw
            fac = fac + fw * trl_score(arr["trl"], query.trl_min, query.trl_max)
        return fac / facet_total if facet_total > 0 else fac

    def _embedding_scores(self, query: Query, eligible: np.ndarray) -> np.ndarray | None:
        emb_matrix = self.index.embeddings_matrix() if self.embedder is not None and query.text else None
        if emb_matrix is None:
            return None
        cos = np.clip(emb_matrix @ self.embedder.encode_query(query.text), 0.0, None)
        cmax = float(cos[eligible].max())
        return cos / cmax if cmax > 0 else cos

    def _components(self, query: Query, arr: dict, text: _TextScores, eligible: np.ndarray,
                    abroad: np.ndarray | None) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray | None]:
        """Each weighted component of the score (the breakdown), which rows have evidence, the embedding fit."""
        w, n_rows = self.weights, len(self.index._ids)
        lex = text.lex
        lex_max = float(lex[eligible].max()) if lex.size else 0.0
        fac = self._facet_scores(query, arr, n_rows)
        xb = abroad.astype(np.float64) if abroad is not None and query.cross_border == "prefer" else np.zeros(n_rows)
        parts = {
            "lexical": w.lexical * (lex / lex_max if lex_max > 0 else np.zeros(n_rows)),
            "facets": w.facets * fac,
            "activity": w.activity * activity_prior(arr["activity"], arr["activity_ref"]),
            "cross_border": w.cross_border * xb,
        }
        evidence = (lex > 0) | (fac > 0)
        emb = self._embedding_scores(query, eligible)
        if emb is not None:
            parts["embedding"] = w.embedding * emb
            evidence |= emb > 0
        return parts, evidence, emb

    def _top_rows(self, total: np.ndarray, top_k: int) -> list[int]:
        """The best `top_k` rows, ties broken deterministically by document id."""
        candidates = np.flatnonzero(total > 0)
        if candidates.size == 0:
            return []
        k = min(top_k, candidates.size)
        if candidates.size > k:
            # Take everything scoring at least the k-th best so that ties at the cut are resolved by id.
            kth = np.partition(total[candidates], candidates.size - k)[candidates.size - k]
            candidates = candidates[total[candidates] >= kth]
        return sorted(candidates.tolist(), key=lambda r: (-round(float(total[r]), 9), self.index.doc_id(r)))[:k]

    def _match(self, query: Query, r: int, rank: int, text: _TextScores, contrib, parts: dict[str, np.ndarray],
               total: np.ndarray, abroad: np.ndarray | None, emb: np.ndarray | None) -> Match:
        """One result with its breakdown, the words and facets it matched, and the sentence saying why."""
        row = contrib.getrow(r)
        cols = row.indices[np.argsort(-row.data, kind="stable")]
        matched = _surface_terms([text.terms[c] for c in cols], text.analysed.surface)
        info = self.index.doc_info(r)
        fms = facet_matches(query, info["tags"])
        breakdown = {name: float(v[r]) for name, v in parts.items()}
        breakdown["total"] = float(total[r])
        why = why_sentence(matched_terms=matched, facets=fms, query=query, doc=info,
                           abroad=None if abroad is None else bool(abroad[r]),
                           embedding_similarity=None if emb is None else float(emb[r]))
        return Match(id=info["id"], score=float(total[r]), rank=rank, breakdown=breakdown,
                     matched_terms=matched, matched_facets=fms, why=why)


@dataclass
class _TextScores:
    """What the text part of a query found: the analysed query, its kept terms and their BM25 scores."""

    analysed: analysis.Analysed
    terms: list[str]
    lex: np.ndarray
    contrib: object


def _surface_terms(terms: list[str], surface: dict[str, str], limit: int = 12) -> list[str]:
    """Query surface forms of matched terms, phrases first, words already inside a phrase dropped."""
    out: list[str] = []
    covered: set[str] = set()
    phrases = [t for t in terms if analysis.PHRASE_SEP in t]
    words = [t for t in terms if analysis.PHRASE_SEP not in t]
    for t in phrases:
        a, b = t.split(analysis.PHRASE_SEP, 1)
        if a in covered and b in covered:
            continue
        out.append(surface.get(t, t))
        covered.update((a, b))
    for t in words:
        if t in covered:
            continue
        out.append(surface.get(t, t))
        covered.add(t)
    return out[:limit]
