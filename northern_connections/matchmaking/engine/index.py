"""The inverted index: sparse term and facet matrices with incremental updates and snapshots.

Layout (the classic log-structured design of Lucene segments, reduced to two segments):

* a **main segment**: per text field a SciPy CSC matrix (documents × terms) of term frequencies,
  and a binary CSC matrix of facet tokens. CSC because a query touches a handful of term columns
  and column slicing of CSC is a contiguous copy;
* a **delta segment**: documents added or updated since the last merge, kept as small dicts and
  turned into a CSC matrix lazily when a query needs it;
* **tombstones**: a removed or updated document's main row is only marked dead, so a single
  change costs O(document) instead of a rebuild;
* global BM25 statistics (document frequencies, live document count, total field lengths) are
  maintained exactly on every add and remove. Scores are computed at query time from these
  statistics, so an incrementally maintained index ranks exactly like a freshly built one.

When the delta grows past ``merge_threshold`` documents (or on :meth:`compact`), the segments
are merged and tombstones dropped. :meth:`dump` writes a compacted snapshot with ``numpy.savez``
(no pickle, so a snapshot shared between processes cannot execute code when loaded) and
:meth:`load` reads it back; ``version`` counts content changes so that several processes can tell
whether their copy is current and replay a change log from there.
"""

from __future__ import annotations

import io
import json
import os
from array import array
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import analysis
from .documents import HIERARCHICAL, Document, generic_tokens, hierarchy_tokens, normalise_code

FORMAT_VERSION = 1
EXACT_FACETS = {"value_chains", "steps", "s3", "languages", "kind"}


@dataclass
class IndexConfig:
    """Index-time parameters. Field weights are BM25F's w_f (a word in the name says more)."""

    field_weights: dict[str, float] = field(default_factory=lambda: {"name": 2.0, "text": 1.0})
    k1: float = 1.2
    # Lower than the textbook 0.75: profiles are long mostly because an organisation has done
    # more (Robertson & Zaragoza's "scope" hypothesis), not because it is verbose, so long
    # profiles should be penalised less. 0.3 was best on the train split of every variant of
    # bench/matching_eval.py (0.3 / 0.5 / 0.75 compared).
    b: float = 0.3
    phrases: bool = True
    merge_threshold: int = 5000

    def weight(self, field_name: str) -> float:
        return self.field_weights.get(field_name, 1.0)


def facet_tokens(name: str, values: tuple[str, ...]) -> list[tuple[str, float]]:
    """All index tokens of one facet value list, with the cumulative credit of each prefix.

    Documents index every token with weight 1 (a set); queries use the credit increments (see
    :func:`query_facet_vector`), so a dot product yields the credit of the deepest shared prefix.
    """
    out: list[tuple[str, float]] = []
    for v in values:
        if name in HIERARCHICAL:
            kind = HIERARCHICAL[name]
            code = normalise_code(kind, v)
            toks = hierarchy_tokens(kind, code) if code else []
        elif name in EXACT_FACETS:
            toks = [(v.strip().lower(), 1.0)]
        else:
            toks = generic_tokens(v)
        out.extend((f"{name}\x1f{t}", c) for t, c in toks)
    return out


def query_facet_tokens(name: str, values: tuple[str, ...]) -> dict[str, float]:
    """Token increments for a query facet, averaged over its values (coverage of what is sought)."""
    acc: dict[str, float] = {}
    n = len(values)
    for v in values:
        prev = 0.0
        for tok, credit in facet_tokens(name, (v,)):
            acc[tok] = acc.get(tok, 0.0) + (credit - prev) / n
            prev = credit
    return acc


class _Analyser:
    """Caches stems per (language, word): corpus vocabularies are Zipfian, so a build analyses
    each distinct word once instead of every occurrence (Snowball in pure Python is the cost)."""

    def __init__(self, phrases: bool):
        self.phrases = phrases

    def document(self, text: str, language: str | None) -> analysis.Analysed:
        return analysis.analyse_document(text, language=language, phrases=self.phrases)


class Index:
    """Sparse BM25F + facet index over :class:`Document` objects; see the module docstring."""

    def __init__(self, config: IndexConfig | None = None):
        self.config = config or IndexConfig()
        self.version = 0
        self._analyser = _Analyser(self.config.phrases)
        self._fields: list[str] = list(self.config.field_weights)
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._fvocab: dict[str, int] = {}
        # Per row (main rows first, then delta rows).
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._alive: list[bool] = []
        self._activity: list[float] = []
        self._trl: list[int] = []
        self._kind: list[str | None] = []
        self._country: list[str | None] = []
        self._is_sme: list[int] = []
        self._tags: list[dict[str, tuple[str, ...]]] = []
        self._lengths: dict[str, list[float]] = {f: [] for f in self._fields}
        # Main segment.
        self._n_main = 0
        self._main_tf: dict[str, sp.csc_matrix] = {}
        self._main_facets: sp.csc_matrix = sp.csc_matrix((0, 0), dtype=np.float32)
        self._main_presence_indptr = np.zeros(1, dtype=np.int64)
        self._main_presence_indices = np.zeros(0, dtype=np.int32)
        # Delta segment: per row {field: {term_id: tf}} and facet token ids.
        self._delta_terms: list[dict[str, dict[int, int]]] = []
        self._delta_facets: list[list[int]] = []
        # Global statistics over live documents.
        self._df = array("i")
        self._n_live = 0
        self._len_sum: dict[str, float] = {f: 0.0 for f in self._fields}
        # Optional dense embeddings (row-aligned), see embeddings.py.
        self._embeddings: list[np.ndarray | None] = []
        self._cache: dict[str, Any] = {}

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, documents, config: IndexConfig | None = None, *, embedder=None) -> Index:
        """Build an index from an iterable of documents in one pass (duplicate ids: last wins)."""
        idx = cls(config)
        docs = list(documents)
        seen: dict[str, int] = {}
        for i, d in enumerate(docs):
            seen[d.id] = i
        if len(seen) != len(docs):
            docs = [docs[i] for i in sorted(seen.values())]
        idx._bulk_load(docs, embedder)
        return idx

    def _bulk_load(self, docs: list[Document], embedder) -> None:
        fields = self._fields
        rows: dict[str, array] = {f: array("i") for f in fields}
        cols: dict[str, array] = {f: array("i") for f in fields}
        vals: dict[str, array] = {f: array("f") for f in fields}
        frows, fcols = array("i"), array("i")
        pres_indptr = array("q", [0])
        pres_indices = array("i")
        for r, doc in enumerate(docs):
            per_field = self._analyse(doc)
            present: set[int] = set()
            for f, (terms, _length) in per_field.items():
                if f not in rows:
                    self._add_field(f)
                    rows[f], cols[f], vals[f] = array("i"), array("i"), array("f")
                ids = [self._term_id(t) for t in terms]
                rows[f].extend([r] * len(ids))
                cols[f].extend(ids)
                vals[f].extend(terms.values())
                present.update(ids)
            for f in self._fields:
                self._lengths[f].append(per_field[f][1] if f in per_field else 0.0)
            pres = sorted(present)
            pres_indices.extend(pres)
            pres_indptr.append(len(pres_indices))
            fids = self._facet_ids(doc)
            frows.extend([r] * len(fids))
            fcols.extend(fids)
            self._append_row_attrs(doc)
        n = len(docs)
        n_terms = len(self._terms)
        for f in self._fields:
            self._main_tf[f] = sp.csc_matrix(
                (np.frombuffer(vals[f], dtype=np.float32), (np.frombuffer(rows[f], dtype=np.int32),
                                                              np.frombuffer(cols[f], dtype=np.int32))),
                shape=(n, n_terms),
                dtype=np.float32,
            )
            self._len_sum[f] = float(np.sum(self._lengths[f]))
        self._main_facets = sp.csc_matrix(
            (np.ones(len(frows), dtype=np.float32), (np.frombuffer(frows, dtype=np.int32),
                                                     np.frombuffer(fcols, dtype=np.int32))),
            shape=(n, len(self._fvocab)),
            dtype=np.float32,
        )
        self._main_presence_indptr = np.frombuffer(pres_indptr, dtype=np.int64).copy()
        self._main_presence_indices = np.frombuffer(pres_indices, dtype=np.int32).copy()
        df = np.bincount(self._main_presence_indices, minlength=n_terms).astype(np.int32)
        self._df = array("i", df.tolist())
        self._n_main = n
        self._n_live = n
        if embedder is not None and n:
            vecs = embedder.encode_documents([d.text for d in docs])
            self._embeddings = list(vecs)
        else:
            self._embeddings = [None] * n
        self._cache.clear()

    def _add_field(self, f: str) -> None:
        self._fields.append(f)
        self._lengths[f] = [0.0] * len(self._ids)
        self._len_sum[f] = 0.0
        n_terms = len(self._terms)
        self._main_tf[f] = sp.csc_matrix((self._n_main, n_terms), dtype=np.float32)

    def _analyse(self, doc: Document) -> dict[str, tuple[dict[str, int], float]]:
        # The language is detected once on the whole document (name + description), which is more
        # reliable than detecting a six-word name on its own.
        lang = analysis.normalise_language(doc.language)
        if lang is None:
            lang, _ = analysis.detect_language(doc.text)
        out = {}
        for f, text in doc.fields.items():
            if not text:
                continue
            a = self._analyser.document(text, lang)
            out[f] = (a.terms, float(a.length))
        return out

    def _term_id(self, term: str) -> int:
        tid = self._vocab.get(term)
        if tid is None:
            tid = self._vocab[term] = len(self._terms)
            self._terms.append(term)
            if len(self._df) < len(self._terms):
                self._df.append(0)
        return tid

    def _facet_ids(self, doc: Document) -> list[int]:
        ids = []
        for name, values in doc.tags.items():
            for tok, _ in facet_tokens(name, values):
                fid = self._fvocab.get(tok)
                if fid is None:
                    fid = self._fvocab[tok] = len(self._fvocab)
                ids.append(fid)
        return sorted(set(ids))

    def _append_row_attrs(self, doc: Document) -> None:
        row = len(self._ids)
        self._ids.append(doc.id)
        self._row_of[doc.id] = row
        self._alive.append(True)
        self._activity.append(float(doc.activity))
        self._trl.append(int(doc.trl) if doc.trl else 0)
        self._kind.append(doc.kind)
        self._country.append(doc.country)
        self._is_sme.append(-1 if doc.is_sme is None else int(bool(doc.is_sme)))
        self._tags.append(dict(doc.tags))

    # ------------------------------------------------------------------ incremental updates
    def __len__(self) -> int:
        return self._n_live

    def __contains__(self, doc_id: str) -> bool:
        return str(doc_id) in self._row_of

    @property
    def ids(self) -> list[str]:
        return [self._ids[r] for r in range(len(self._ids)) if self._alive[r]]

    def add(self, doc: Document, *, embedder=None) -> None:
        """Add a document, or replace the document with the same id (an update)."""
        if doc.id in self._row_of:
            self._remove_row(self._row_of[doc.id])
        per_field = self._analyse(doc)
        terms_by_field: dict[str, dict[int, int]] = {}
        present: set[int] = set()
        for f, (terms, _length) in per_field.items():
            if f not in self._lengths:
                self._add_field(f)
            ids = {self._term_id(t): c for t, c in terms.items()}
            terms_by_field[f] = ids
            present.update(ids)
        for f in self._fields:
            length = per_field[f][1] if f in per_field else 0.0
            self._lengths[f].append(length)
            self._len_sum[f] += length
        for t in present:
            self._df[t] += 1
        self._n_live += 1
        self._delta_terms.append(terms_by_field)
        self._delta_facets.append(self._facet_ids(doc))
        self._append_row_attrs(doc)
        self._embeddings.append(embedder.encode_documents([doc.text])[0] if embedder is not None else None)
        self.version += 1
        self._cache.clear()
        if len(self._delta_terms) >= self.config.merge_threshold:
            self.compact()

    update = add

    def remove(self, doc_id: str) -> bool:
        """Remove a document by id; returns False if it was not indexed."""
        row = self._row_of.get(str(doc_id))
        if row is None:
            return False
        self._remove_row(row)
        self.version += 1
        self._cache.clear()
        return True

    def _remove_row(self, row: int) -> None:
        self._alive[row] = False
        del self._row_of[self._ids[row]]
        self._n_live -= 1
        for f in self._fields:
            self._len_sum[f] -= self._lengths[f][row]
        if row < self._n_main:
            terms = self._main_presence_indices[self._main_presence_indptr[row]: self._main_presence_indptr[row + 1]]
        else:
            present: set[int] = set()
            for ids in self._delta_terms[row - self._n_main].values():
                present.update(ids)
            terms = present
        for t in terms:
            self._df[int(t)] -= 1

    def compact(self) -> None:
        """Merge the delta segment into the main segment and drop tombstoned rows."""
        n_rows = len(self._ids)
        if not self._delta_terms and self._n_live == n_rows:
            return
        keep = np.flatnonzero(np.asarray(self._alive, dtype=bool))
        keep_main = keep[keep < self._n_main]
        n_terms = len(self._terms)
        n_f = len(self._fvocab)
        delta_tf = self._delta_matrices(n_terms)
        # Rows of the stacked matrices: the kept main rows, then all delta rows of which only the
        # live ones are selected; the result is in the order of ``keep``.
        dmask = np.asarray(self._alive[self._n_main:], dtype=bool)
        sel = np.concatenate([np.arange(len(keep_main)), len(keep_main) + np.flatnonzero(dmask)])
        new_tf = {}
        for f in self._fields:
            main = _resize_cols(self._main_tf[f], n_terms).tocsr()[keep_main]
            new_tf[f] = sp.vstack([main, delta_tf[f]], format="csr")[sel].tocsc()
        facets_main = _resize_cols(self._main_facets, n_f).tocsr()[keep_main]
        facets = sp.vstack([facets_main, self._delta_facet_matrix(n_f).tocsr()], format="csr")[sel].tocsc()
        presence = None
        for f in self._fields:
            m = (new_tf[f] > 0).astype(np.int8)
            presence = m if presence is None else presence + m
        presence = sp.csr_matrix(presence) if presence is not None else sp.csr_matrix((len(keep), n_terms))
        presence.sort_indices()
        self._main_presence_indptr = presence.indptr.astype(np.int64)
        self._main_presence_indices = presence.indices.astype(np.int32)
        self._main_tf = new_tf
        self._main_facets = facets
        self._ids = [self._ids[r] for r in keep]
        self._row_of = {d: i for i, d in enumerate(self._ids)}
        self._alive = [True] * len(keep)
        for name in ("_activity", "_trl", "_kind", "_country", "_is_sme", "_tags", "_embeddings"):
            old = getattr(self, name)
            setattr(self, name, [old[r] for r in keep])
        for f in self._fields:
            self._lengths[f] = [self._lengths[f][r] for r in keep]
        self._n_main = len(keep)
        self._delta_terms = []
        self._delta_facets = []
        self._cache.clear()

    def _delta_matrices(self, n_terms: int) -> dict[str, sp.csr_matrix]:
        out = {}
        n = len(self._delta_terms)
        for f in self._fields:
            r, c, v = [], [], []
            for i, per_field in enumerate(self._delta_terms):
                ids = per_field.get(f)
                if ids:
                    r.extend([i] * len(ids))
                    c.extend(ids.keys())
                    v.extend(ids.values())
            out[f] = sp.csr_matrix((np.asarray(v, dtype=np.float32), (np.asarray(r, dtype=np.int32),
                                                                       np.asarray(c, dtype=np.int32))),
                                   shape=(n, n_terms), dtype=np.float32)
        return out

    def _delta_facet_matrix(self, n_f: int) -> sp.csr_matrix:
        r, c = [], []
        for i, ids in enumerate(self._delta_facets):
            r.extend([i] * len(ids))
            c.extend(ids)
        return sp.csr_matrix((np.ones(len(r), dtype=np.float32), (np.asarray(r, dtype=np.int32),
                                                                   np.asarray(c, dtype=np.int32))),
                             shape=(len(self._delta_facets), n_f), dtype=np.float32)

    # ------------------------------------------------------------------ read access for scoring
    def arrays(self) -> dict[str, Any]:
        """Row-aligned numpy arrays of document attributes, cached until the next change."""
        a = self._cache.get("arrays")
        if a is None:
            kinds = sorted({k for k in self._kind if k})
            countries = sorted({c for c in self._country if c})
            kcode = {k: i + 1 for i, k in enumerate(kinds)}
            ccode = {c: i + 1 for i, c in enumerate(countries)}
            alive = np.asarray(self._alive, dtype=bool)
            activity = np.asarray(self._activity, dtype=np.float64)
            live_act = activity[alive]
            a = {
                "alive": alive,
                "activity": activity,
                "activity_ref": float(np.percentile(live_act, 99)) if live_act.size else 1.0,
                "trl": np.asarray(self._trl, dtype=np.int16),
                "kind": np.asarray([kcode.get(k, 0) if k else 0 for k in self._kind], dtype=np.int32),
                "kind_codes": kcode,
                "country": np.asarray([ccode.get(c, 0) if c else 0 for c in self._country], dtype=np.int32),
                "country_codes": ccode,
                "is_sme": np.asarray(self._is_sme, dtype=np.int8),
            }
            self._cache["arrays"] = a
        return a

    def _segments(self):
        """[(row_offset, rows, {field: csc}, facets_csc)] for main and (if any) delta segments.

        Each segment says its own row count: a snapshot built empty and then caught up has its
        delta at offset 0 (the rows answered with a dimension mismatch when offset 0 meant main)."""
        segs = [(0, self._n_main, self._main_tf, self._main_facets)] if self._n_main else []
        if self._delta_terms:
            d = self._cache.get("delta")
            if d is None:
                n_terms = len(self._terms)
                d = ({f: m.tocsc() for f, m in self._delta_matrices(n_terms).items()},
                     self._delta_facet_matrix(len(self._fvocab)).tocsc())
                self._cache["delta"] = d
            segs.append((self._n_main, len(self._ids) - self._n_main, d[0], d[1]))
        return segs

    def term_ids(self, terms) -> dict[str, int]:
        return {t: self._vocab[t] for t in terms if t in self._vocab}

    def idf(self, term_ids: np.ndarray) -> np.ndarray:
        from .scoring import bm25_idf

        df = np.asarray([self._df[int(t)] for t in term_ids], dtype=np.float64)
        return bm25_idf(df, self._n_live)

    def row_norms(self) -> dict[str, np.ndarray]:
        """Per field w_f / (1 − b + b·len/avglen) for every row, cached until the next change."""
        norms = self._cache.get("norms")
        if norms is None:
            from .scoring import length_norm

            norms = {}
            n = max(self._n_live, 1)
            for f in self._fields:
                lengths = np.asarray(self._lengths[f], dtype=np.float64)
                norms[f] = self.config.weight(f) / length_norm(lengths, self._len_sum[f] / n, self.config.b)
            self._cache["norms"] = norms
        return norms

    def bm25(self, term_ids: np.ndarray, qweights: np.ndarray) -> tuple[np.ndarray, sp.csr_matrix]:
        """BM25F scores of all rows and the per-(row, query term) contribution matrix."""
        n_rows = len(self._ids)
        k1 = self.config.k1
        if len(term_ids) == 0 or n_rows == 0:
            return np.zeros(n_rows), sp.csr_matrix((n_rows, len(term_ids)))
        w = self.idf(term_ids) * qweights
        norms = self.row_norms()
        blocks = []
        for offset, n_seg, tf, _ in self._segments():
            ptf = None
            for f, m in tf.items():
                if m.shape[1] == 0 or m.nnz == 0:
                    continue
                sub = _take_cols(m, term_ids)
                if sub.nnz == 0:
                    continue
                sub = sp.diags(norms[f][offset: offset + n_seg]) @ sub
                ptf = sub if ptf is None else ptf + sub
            if ptf is None:
                ptf = sp.csr_matrix((n_seg, len(term_ids)))
            ptf = sp.csr_matrix(ptf)
            ptf.data = ptf.data * (k1 + 1.0) / (k1 + ptf.data)
            blocks.append(ptf)
        contrib = (sp.vstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]) @ sp.diags(w)
        contrib = sp.csr_matrix(contrib)
        scores = np.asarray(contrib.sum(axis=1)).ravel()
        return scores, contrib

    def facet_scores(self, token_weights: dict[str, float]) -> np.ndarray:
        """Dot product of every row's facet-token set with a query's token increments."""
        n_rows = len(self._ids)
        items = [(self._fvocab[t], w) for t, w in token_weights.items() if t in self._fvocab]
        if not items or n_rows == 0:
            return np.zeros(n_rows)
        cols = np.asarray([i for i, _ in items], dtype=np.int64)
        w = np.asarray([x for _, x in items], dtype=np.float64)
        parts = []
        for _, n_seg, _, facets in self._segments():
            if facets.shape[1] == 0:
                parts.append(np.zeros(n_seg))
                continue
            parts.append(np.asarray(_take_cols(facets, cols) @ w).ravel())
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def embeddings_matrix(self) -> np.ndarray | None:
        """Row-aligned embedding matrix (zeros where a row has none), or None without embeddings."""
        if not any(e is not None for e in self._embeddings):
            return None
        m = self._cache.get("emb")
        if m is None:
            dim = next(e for e in self._embeddings if e is not None).shape[0]
            m = np.zeros((len(self._embeddings), dim), dtype=np.float32)
            for i, e in enumerate(self._embeddings):
                if e is not None:
                    m[i] = e
            self._cache["emb"] = m
        return m

    def row(self, doc_id: str) -> int | None:
        return self._row_of.get(str(doc_id))

    def doc_id(self, row: int) -> str:
        return self._ids[row]

    def doc_info(self, row: int) -> dict[str, Any]:
        return {
            "id": self._ids[row],
            "tags": self._tags[row],
            "trl": self._trl[row] or None,
            "kind": self._kind[row],
            "country": self._country[row],
            "activity": self._activity[row],
        }

    def term(self, term_id: int) -> str:
        return self._terms[term_id]

    # ------------------------------------------------------------------ snapshots
    def dump(self, target: str | os.PathLike | io.IOBase | None = None) -> bytes | None:
        """Write a compacted snapshot to ``target`` (path or binary file), or return it as bytes."""
        self.compact()
        meta = {
            "format": FORMAT_VERSION,
            "version": self.version,
            "config": {"field_weights": self.config.field_weights, "k1": self.config.k1, "b": self.config.b,
                       "phrases": self.config.phrases, "merge_threshold": self.config.merge_threshold},
            "fields": self._fields,
            "terms": self._terms,
            "facet_tokens": sorted(self._fvocab, key=self._fvocab.get),
            "ids": self._ids,
            "kind": self._kind,
            "country": self._country,
            "tags": [{k: list(v) for k, v in t.items()} for t in self._tags],
            "len_sum": self._len_sum,
        }
        arrays: dict[str, np.ndarray] = {
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            "activity": np.asarray(self._activity, dtype=np.float64),
            "trl": np.asarray(self._trl, dtype=np.int16),
            "is_sme": np.asarray(self._is_sme, dtype=np.int8),
            "df": np.frombuffer(self._df, dtype=np.int32) if len(self._df) else np.zeros(0, np.int32),
            "presence_indptr": self._main_presence_indptr,
            "presence_indices": self._main_presence_indices,
            "facets_data": self._main_facets.indices, "facets_indptr": self._main_facets.indptr,
            "facets_shape": np.asarray(self._main_facets.shape, dtype=np.int64),
        }
        for i, f in enumerate(self._fields):
            m = self._main_tf[f]
            arrays[f"tf{i}_data"], arrays[f"tf{i}_indices"], arrays[f"tf{i}_indptr"] = m.data, m.indices, m.indptr
            arrays[f"tf{i}_shape"] = np.asarray(m.shape, dtype=np.int64)
            arrays[f"len{i}"] = np.asarray(self._lengths[f], dtype=np.float32)
        emb = self.embeddings_matrix()
        if emb is not None:
            arrays["embeddings"] = emb
            arrays["has_embedding"] = np.asarray([e is not None for e in self._embeddings], dtype=bool)
        if target is None:
            buf = io.BytesIO()
            np.savez(buf, **arrays)
            return buf.getvalue()
        if isinstance(target, (str, os.PathLike)):
            tmp = f"{os.fspath(target)}.tmp-{os.getpid()}"
            with open(tmp, "wb") as fh:
                np.savez(fh, **arrays)
            os.replace(tmp, target)  # readers never see a half-written snapshot
        else:
            np.savez(target, **arrays)
        return None

    @classmethod
    def load(cls, source: bytes | str | os.PathLike | io.IOBase) -> Index:
        """Read a snapshot written by :meth:`dump` (bytes, a path or a binary file)."""
        if isinstance(source, (bytes, bytearray, memoryview)):
            source = io.BytesIO(bytes(source))
        with np.load(source, allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(f"unsupported index snapshot format {meta.get('format')!r}")
            idx = cls(IndexConfig(**meta["config"]))
            idx.version = meta["version"]
            idx._fields = list(meta["fields"])
            idx._terms = list(meta["terms"])
            idx._vocab = {t: i for i, t in enumerate(idx._terms)}
            idx._fvocab = {t: i for i, t in enumerate(meta["facet_tokens"])}
            idx._ids = list(meta["ids"])
            idx._row_of = {d: i for i, d in enumerate(idx._ids)}
            n = len(idx._ids)
            idx._alive = [True] * n
            idx._activity = z["activity"].tolist()
            idx._trl = z["trl"].tolist()
            idx._is_sme = z["is_sme"].tolist()
            idx._kind = list(meta["kind"])
            idx._country = list(meta["country"])
            idx._tags = [{k: tuple(v) for k, v in t.items()} for t in meta["tags"]]
            idx._len_sum = {f: float(v) for f, v in meta["len_sum"].items()}
            idx._df = array("i", z["df"].tolist())
            idx._main_presence_indptr = z["presence_indptr"]
            idx._main_presence_indices = z["presence_indices"]
            fshape = tuple(z["facets_shape"].tolist())
            idx._main_facets = sp.csc_matrix(
                (np.ones(len(z["facets_data"]), dtype=np.float32), z["facets_data"], z["facets_indptr"]),
                shape=fshape)
            idx._lengths = {}
            idx._main_tf = {}
            for i, f in enumerate(idx._fields):
                shape = tuple(z[f"tf{i}_shape"].tolist())
                idx._main_tf[f] = sp.csc_matrix((z[f"tf{i}_data"], z[f"tf{i}_indices"], z[f"tf{i}_indptr"]),
                                                shape=shape)
                idx._lengths[f] = z[f"len{i}"].astype(np.float64).tolist()
            if "embeddings" in z.files:
                emb, has = z["embeddings"], z["has_embedding"]
                idx._embeddings = [emb[i] if has[i] else None for i in range(n)]
            else:
                idx._embeddings = [None] * n
            idx._n_main = n
            idx._n_live = n
        return idx


def _resize_cols(m: sp.spmatrix, n_cols: int) -> sp.spmatrix:
    if m.shape[1] == n_cols:
        return m
    m = m.tocsc(copy=True)
    m.resize((m.shape[0], n_cols))
    return m


def _take_cols(m: sp.csc_matrix, cols: np.ndarray) -> sp.csc_matrix:
    """Columns ``cols`` of a CSC matrix; columns beyond its width (terms newer than the segment)
    come back empty, so the result always has ``len(cols)`` columns in query order."""
    n_cols = m.shape[1]
    cols = np.asarray(cols, dtype=np.int64)
    inside = cols < n_cols
    if inside.all():
        return m[:, cols]
    safe = np.where(inside, cols, 0)
    sub = m[:, safe].tocsc()
    # Zero the columns that were out of range.
    mask = np.repeat(inside, np.diff(sub.indptr))
    sub.data = np.where(mask, sub.data, 0).astype(sub.data.dtype)
    sub.eliminate_zeros()
    return sub
