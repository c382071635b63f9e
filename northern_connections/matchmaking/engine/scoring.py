"""Scoring formulas: BM25/BM25F, facet similarities, TRL compatibility and the weighted combination.

Lexical relevance is BM25F (Robertson, Zaragoza & Taylor 2004, "Simple BM25 extension to
multiple weighted fields"; Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework:
BM25 and Beyond"): per field the term frequency is length-normalised, the normalised frequencies
are summed with field weights into a pseudo-frequency, and only then saturated,

    ptf(t, d) = Σ_f  w_f · tf_f(t, d) / (1 − b + b · len_f(d) / avglen_f)
    bm25(q, d) = Σ_t  qw(t) · idf(t) · ptf · (k1 + 1) / (k1 + ptf)

so that a word in an organisation's name and again in its description is not counted as two
independent pieces of evidence (which summing per-field BM25 scores would do). idf is Lucene's
non-negative variant log(1 + (N − df + 0.5) / (df + 0.5)); qw saturates repeated query words the
way Robertson's k3 does, so a 4,000-character call text is not dominated by its most repeated word.

The final score is a weighted sum of components that each live on [0, 1]:

    score = w_lex · bm25 / max_bm25(q) + w_fac · facets + w_act · log(1 + activity) / log(1 + A)
            + w_xb · [abroad] + w_emb · cosine⁺ / max cosine⁺(q)

BM25 is divided by the query's best BM25 because raw BM25 has no fixed scale (it grows with the
query length), whereas the other components are already bounded. The activity prior enters as a
log because track records are heavy-tailed (one university with 500 projects, ten thousand
companies with one): on real partnering data experience is the strongest single predictor of
being chosen, but with diminishing returns. A is the 99th percentile of activity over the live
index, a scale that a single outlier cannot stretch. The weights were tuned on the train split of
the partner-search evaluation (bench/matching_eval.py) and reported on its separate test split:
the best activity weight was 0.6 when the text signal was strong and 0.9 when it was weak (three
variants of the simulated participation), so the default 0.75 sits between them rather than on
the optimum of one data set.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np


@dataclass
class Weights:
    """Weights of the score components; see the module docstring for the formula."""

    lexical: float = 1.0
    facets: float = 0.5
    activity: float = 0.75
    cross_border: float = 0.15
    embedding: float = 0.5
    #: Weight of a query's phrase (adjacent stem pair) terms relative to single words.
    phrase: float = 0.5
    #: Per-facet importance inside the facet component (missing names use ``default_facet``).
    facet_weights: dict[str, float] = field(
        default_factory=lambda: {
            "value_chains": 1.0,
            "steps": 0.6,
            "trl": 0.6,
            "nace": 0.6,
            "cpv": 0.6,
            "s3": 0.5,
            "region": 0.3,
            "languages": 0.3,
            "kind": 0.3,
        }
    )
    default_facet: float = 0.5

    def facet_weight(self, name: str) -> float:
        return self.facet_weights.get(name, self.default_facet)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Weights:
        return cls(**data)


def bm25_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Lucene's BM25 idf: never negative, so very common words add little rather than subtract."""
    df = df.astype(np.float64)
    return np.log1p((n_docs - df + 0.5) / (df + 0.5))


def query_term_weight(qtf: np.ndarray, k3: float = 2.0) -> np.ndarray:
    """Robertson's query-term saturation (k3 + 1)·qtf / (k3 + qtf): 1 for a word used once."""
    return (k3 + 1.0) * qtf / (k3 + qtf)


def length_norm(lengths: np.ndarray, avg: float, b: float) -> np.ndarray:
    """BM25's length normaliser 1 − b + b·len/avglen (avglen of 0 means an empty field)."""
    if avg <= 0:
        return np.ones_like(lengths, dtype=np.float64)
    return 1.0 - b + b * (lengths / avg)


def trl_score(doc_trl: np.ndarray, trl_min: int, trl_max: int) -> np.ndarray:
    """1 when the profile's TRL is within the range sought, 0.5 one level below it, else 0.

    One level below gets partial credit because a company at TRL 5 can usually reach 6 within a
    challenge's development phase; a profile above the range is not penalised as "immature" but
    gets no credit either (the buyer asked for something else, e.g. a prototype to co-develop).
    Unknown TRL (0) gets no credit and is not excluded.
    """
    known = doc_trl > 0
    inside = known & (doc_trl >= trl_min) & (doc_trl <= trl_max)
    below = known & (doc_trl == trl_min - 1)
    return inside.astype(np.float64) + 0.5 * below


def activity_prior(activity: np.ndarray, reference: float) -> np.ndarray:
    """log(1 + activity) scaled so that the reference activity (99th percentile) maps to 1."""
    ref = max(float(reference), 1.0)
    return np.minimum(np.log1p(activity) / np.log1p(ref), 1.5)
