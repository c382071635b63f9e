"""Explanations: which words and facets matched, and a plain-English "why" sentence.

Matchmaking is only useful to a public buyer or a cluster manager if they can see why an SME was
proposed and can defend the shortlist (public procurement must be transparent). So every result
carries the evidence that produced its score: the query words it matched (shown in the query's
own surface form, e.g. "district heating" rather than the stem "district heat"), the facets it
shares, the score breakdown, and a sentence that reads like a colleague's note:

    Matches 'district heating', 'heat pump'; shares value chain Heating and cooling;
    TRL 7 within 6–8 sought; based in Denmark (abroad); 12 past collaborations
"""

from __future__ import annotations

from dataclasses import dataclass

from .documents import HIERARCHICAL, Query
from .index import EXACT_FACETS, facet_tokens

COUNTRY_NAMES = {
    "DK": "Denmark", "NO": "Norway", "SE": "Sweden", "NL": "the Netherlands", "DE": "Germany",
    "GB": "the United Kingdom", "BE": "Belgium", "FI": "Finland", "EE": "Estonia", "LV": "Latvia",
    "LT": "Lithuania", "PL": "Poland", "IS": "Iceland", "FR": "France", "ES": "Spain", "IT": "Italy",
    "IE": "Ireland", "AT": "Austria", "CH": "Switzerland", "PT": "Portugal", "GR": "Greece",
}

FACET_LABELS = {
    "value_chains": ("value chain", "value chains"),
    "steps": ("value-chain step", "value-chain steps"),
    "nace": ("NACE code", "NACE codes"),
    "cpv": ("CPV code", "CPV codes"),
    "s3": ("smart-specialisation domain", "smart-specialisation domains"),
    "region": ("region", "regions"),
    "languages": ("language", "languages"),
    "kind": ("organisation type", "organisation types"),
}


def _vocab_labels() -> dict[str, dict[str, str]]:
    try:  # plain Python module, no Django; optional so the engine stays reusable elsewhere
        from northern_connections.directory import vocabularies as v
    except Exception:  # pragma: no cover
        return {}
    return {
        "value_chains": dict(v.VALUE_CHAINS),
        "steps": dict(v.VALUE_CHAIN_STEPS),
        "kind": dict(v.ORGANISATION_KINDS),
        "languages": dict(v.LANGUAGES),
    }


_LABELS: dict[str, dict[str, str]] | None = None


def value_label(facet: str, value: str) -> str:
    global _LABELS
    if _LABELS is None:
        _LABELS = _vocab_labels()
    return _LABELS.get(facet, {}).get(value, value)


@dataclass
class FacetMatch:
    """One sought facet value and the profile value that matched it, with the credit (0–1]."""

    facet: str
    sought: str
    found: str
    credit: float

    @property
    def partial(self) -> bool:
        return self.credit < 0.999

    def to_dict(self) -> dict:
        return {"facet": self.facet, "sought": self.sought, "found": self.found, "credit": round(self.credit, 3)}


def facet_matches(query: Query, doc_tags: dict[str, tuple[str, ...]]) -> list[FacetMatch]:
    """Recompute, for one profile, which query facet values matched which profile values."""
    out: list[FacetMatch] = []
    for name, sought_values in query.tags.items():
        have = doc_tags.get(name)
        if not have:
            continue
        have_tokens = {}
        for hv in have:
            for tok, _ in facet_tokens(name, (hv,)):
                have_tokens.setdefault(tok, hv)
        for sv in sought_values:
            best: tuple[float, str] | None = None
            for tok, credit in facet_tokens(name, (sv,)):
                if tok in have_tokens and (best is None or credit > best[0]):
                    best = (credit, have_tokens[tok])
            if best is not None:
                out.append(FacetMatch(name, sv, best[1], best[0]))
    return out


def _quote_list(items: list[str], limit: int) -> str:
    shown = [f"'{t}'" for t in items[:limit]]
    return ", ".join(shown)


def _facet_phrases(facets: list[FacetMatch]) -> list[str]:
    """'shares value chain Offshore wind', 'related NACE codes 27.1 ~ 27' per facet."""
    phrases = []
    by_facet: dict[str, list[FacetMatch]] = {}
    for fm in facets:
        by_facet.setdefault(fm.facet, []).append(fm)
    for name, fms in by_facet.items():
        singular, plural = FACET_LABELS.get(name, (name.replace("_", " "), name.replace("_", " ")))
        full = [value_label(name, fm.found) for fm in fms if not fm.partial]
        partial = [fm for fm in fms if fm.partial]
        if full:
            label = singular if len(full) == 1 else plural
            phrases.append(f"shares {label} {', '.join(dict.fromkeys(full))}")
        if partial and (name in HIERARCHICAL or name not in EXACT_FACETS):
            descr = ", ".join(dict.fromkeys(f"{fm.found} ~ {fm.sought}" for fm in partial))
            phrases.append(f"related {plural} {descr}")
    return phrases


def _trl_phrase(query: Query, trl) -> list[str]:
    if query.trl_min is None or not trl:
        return []
    rng = f"{query.trl_min}–{query.trl_max}" if query.trl_min != query.trl_max else f"{query.trl_min}"
    if query.trl_min <= trl <= query.trl_max:
        return [f"TRL {trl} within {rng} sought"]
    if trl == query.trl_min - 1:
        return [f"TRL {trl}, one level below {rng} sought"]
    return []


def _country_phrase(country: str | None, abroad: bool | None) -> list[str]:
    if not country:
        return []
    name = COUNTRY_NAMES.get(country, country)
    where = {True: " (abroad)", False: " (same country)"}.get(abroad, "")
    return [f"based in {name}{where}"]


def _activity_phrase(activity) -> list[str]:
    if not activity:
        return []
    n = int(activity) if float(activity).is_integer() else round(float(activity), 1)
    return [f"{n} past collaboration{'s' if n != 1 else ''}"]


def why_sentence(
    *,
    matched_terms: list[str],
    facets: list[FacetMatch],
    query: Query,
    doc: dict,
    abroad: bool | None,
    embedding_similarity: float | None = None,
    term_limit: int = 5,
) -> str:
    """Compose the plain-English explanation of one result."""
    parts = ["Matches " + _quote_list(matched_terms, term_limit)] if matched_terms else []
    parts += _facet_phrases(facets) + _trl_phrase(query, doc.get("trl")) + _country_phrase(doc.get("country"), abroad)
    if embedding_similarity is not None and embedding_similarity > 0:
        parts.append(f"semantic similarity {embedding_similarity:.2f}")
    parts += _activity_phrase(doc.get("activity") or 0)
    if not parts:
        return "No specific match; listed by overall ranking"
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:]
