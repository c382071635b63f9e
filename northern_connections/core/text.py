"""Language-aware text analysis for full-text search, with no Django imports.

Documents are stemmed with the Snowball stemmer of their own language (the same algorithms as
PostgreSQL's danish/norwegian/swedish/dutch/german/english configurations). A query's language
is often unknowable (two words, a name), so each query word is expanded to its stems in every
platform language: "vindmøller" matches a Danish document about "vindmølle", and "heat pumps"
still matches an English one.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

STEMMER_NAMES = {
    "en": "english",
    "da": "danish",
    "nb": "norwegian",
    "no": "norwegian",
    "nn": "norwegian",
    "sv": "swedish",
    "nl": "dutch",
    "de": "german",
}
QUERY_LANGUAGES = ("en", "da", "nb", "sv", "nl", "de")
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=16)
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMER_NAMES.get(language, "english"))


@lru_cache(maxsize=8)
def _stop_words(language: str) -> frozenset[str]:
    from stop_words import get_stop_words

    try:
        return frozenset(get_stop_words(STEMMER_NAMES.get(language, "english")))
    except Exception:  # an unknown language simply has no stop list
        return frozenset()


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "") if not w.isdigit() or len(w) > 1]


def detect_language(text: str, default: str = "en") -> str:
    """Best guess among the platform languages; short or mixed texts fall back to `default`."""
    if len(text or "") < 20:
        return default
    identifier = _language_identifier()
    lang, _score = identifier.classify(text)
    if lang == "no":
        lang = "nb"
    return lang if lang in STEMMER_NAMES else default


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # A private identifier restricted to the platform languages; the module-level one is global.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "da", "no", "sv", "nl", "de"])
    return identifier


def index_tokens(text: str, language: str) -> str:
    """The space-separated stems stored for a document (stop words kept: phrases need them)."""
    stemmer = _stemmer(language)
    return " ".join(stemmer.stemWord(w) for w in words(text))


def query_terms(query: str) -> list[set[str]]:
    """One set of alternative stems per query word; a document must contain one of each set.

    Stop words are dropped unless the query consists of nothing else.
    """
    all_words = words(query)
    stops = frozenset().union(*(_stop_words(lang) for lang in QUERY_LANGUAGES))
    kept = [w for w in all_words if w not in stops] or all_words
    terms = []
    for word in kept:
        alternatives = {word} | {_stemmer(lang).stemWord(word) for lang in QUERY_LANGUAGES}
        terms.append({a for a in alternatives if a})
    return terms


@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    """A word's stem, remembered: snippets stem the same words of the same texts again and again, and the
    pure-Python Snowball stemmer costs tens of microseconds a word."""
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=1024)
def _query_alternatives(query: str) -> frozenset[str]:
    terms = query_terms(query)
    return frozenset().union(*terms) if terms else frozenset()


def matching_spans(text: str, query: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of the words of `text` that match `query` as the search does: the word's stem in the
    document's language is one of the query word's stems in any platform language."""
    alternatives = _query_alternatives(query)
    if not alternatives:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text or "")
            if (w := m.group().lower()) in alternatives or _stem(language, w) in alternatives]


def snippet(text: str, query: str, language: str, width: int = 240) -> list[tuple[str, bool]]:
    """A window of about `width` characters of `text` around its first match, as (piece, matched) pairs.

    Without a match it is the start of the text. An ellipsis marks a cut at either end; callers escape
    the pieces and mark the matched ones (core.search.highlighted_snippet does it for HTML).
    """
    text = " ".join((text or "").split())
    spans = matching_spans(text, query, language)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces, cursor = [], start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        if begin > cursor:
            pieces.append((text[cursor:begin], False))
        pieces.append((text[begin:finish], True))
        cursor = finish
    if cursor < end:
        pieces.append((text[cursor:end], False))
    if start:
        pieces.insert(0, ("… ", False))
    if end < len(text):
        pieces.append((" …", False))
    return pieces
