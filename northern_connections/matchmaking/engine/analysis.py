"""Language-aware text analysis: language detection, tokenisation, stop words, Snowball stemming.

Why per-language analysis: the platform's texts come in six languages (en, da, nb, sv, nl, de).
A single English stemmer would leave Danish plurals and definite forms ("vindmøller",
"varmepumperne") unmatched against their base forms, and a single stop list would either keep
Danish function words ("og", "til") as very frequent terms or drop English content words. So every
text is analysed with the stemmer and stop list of *its own* language, detected with py3langid
(Lui & Baldwin's langid.py, restricted to the six working languages so that short texts are not
misread as, say, Luxembourgish).

Queries are analysed the same way. When the detector is unsure (short or mixed queries such as
"heat pump varmepumperne", a confidence below ``UNCERTAIN``) the query is analysed with every
language the detector finds plausible AND English, and the term sets are united: a wrong stemmer
produces harmless extra terms, whereas a missing right stem loses the match entirely.

Besides unigram stems, adjacent stem pairs ("district heat") are emitted as phrase terms. They
make a query for "district heating" prefer documents that contain the phrase over documents that
merely mention "district" and "heating" far apart, and they give explanations readable phrases.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache

import snowballstemmer

#: Working languages of the platform (ISO 639-1). "nb" (Bokmål) is what the platform stores;
#: py3langid and Snowball call it "no"/"norwegian".
LANGUAGES: tuple[str, ...] = ("en", "da", "nb", "sv", "nl", "de")
DEFAULT_LANGUAGE = "en"
#: Below this normalised probability a detection is "uncertain" (query also analysed as English).
UNCERTAIN = 0.9
#: When uncertain, other languages at least this likely are also used to analyse the query.
ALSO_LANGUAGE_MIN = 0.05
#: Texts shorter than this many letters are not worth detecting; they get the fallback language.
MIN_DETECT_LETTERS = 12

_SNOWBALL = {"en": "english", "da": "danish", "nb": "norwegian", "sv": "swedish", "nl": "dutch", "de": "german"}
_LANGID_TO_OURS = {"no": "nb", "nn": "nb"}
_ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "nor": "nb", "eng": "en", "dan": "da", "swe": "sv", "nld": "nl",
            "dut": "nl", "deu": "de", "ger": "de"}

# Letters and digits, keeping in-word hyphens out (they split compounds such as "power-to-x").
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
PHRASE_SEP = " "  # a unigram stem never contains a space, so "a b" is unambiguous as a phrase term


def normalise_language(code: str | None) -> str | None:
    """Map user-supplied codes ("no", "NB", "nor") onto the platform's six codes, else None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    code = _ALIASES.get(code, code)
    return code if code in _SNOWBALL else None


_identifier = None
_identifier_lock = threading.Lock()


def _get_identifier():
    """Load py3langid's shipped model once (≈0.5 s) and restrict it to our languages."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages(["en", "da", "no", "sv", "nl", "de"])
                _identifier = ident
    return _identifier


def detect_language(text: str, *, fallback: str = DEFAULT_LANGUAGE) -> tuple[str, float]:
    """Return ``(language, confidence)`` for ``text``; short or empty texts get ``(fallback, 0.0)``."""
    letters = sum(1 for ch in text[:2000] if ch.isalpha())
    if letters < MIN_DETECT_LETTERS:
        return fallback, 0.0
    lang, prob = _get_identifier().classify(text[:5000])
    return _LANGID_TO_OURS.get(lang, lang), float(prob)


def rank_languages(text: str) -> list[tuple[str, float]]:
    """All six languages with their normalised probabilities, most likely first."""
    letters = sum(1 for ch in text[:2000] if ch.isalpha())
    if letters < MIN_DETECT_LETTERS:
        return [(DEFAULT_LANGUAGE, 0.0)]
    ranked = _get_identifier().rank(text[:5000])
    return [(_LANGID_TO_OURS.get(lang, lang), float(p)) for lang, p in ranked]


@cache
def _stop_words(lang: str) -> frozenset[str]:
    from stop_words import get_stop_words

    try:
        return frozenset(w.lower() for w in get_stop_words(_SNOWBALL[lang]))
    except Exception:  # pragma: no cover - the package ships all six lists
        return frozenset()


_local = threading.local()


def _stemmer(lang: str):
    # Snowball stemmer objects are not thread safe; keep one per thread and language.
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    st = cache.get(lang)
    if st is None:
        st = cache[lang] = snowballstemmer.stemmer(_SNOWBALL[lang])
    return st


_STEM_CACHE: dict[str, dict[str, str]] = {}
_STEM_CACHE_MAX = 400_000


def stem_words(words: list[str], lang: str) -> list[str]:
    """Snowball stems with a per-language memo: word frequencies are Zipfian, so a corpus of
    100,000 profiles has a few hundred thousand distinct words but millions of occurrences, and
    the pure-Python stemmer is the dominant cost of indexing without the memo."""
    cache = _STEM_CACHE.get(lang)
    if cache is None:
        cache = _STEM_CACHE.setdefault(lang, {})
    out = []
    stemmer = None
    for w in words:
        st = cache.get(w)
        if st is None:
            if stemmer is None:
                stemmer = _stemmer(lang)
            st = stemmer.stemWord(w)
            if len(cache) >= _STEM_CACHE_MAX:
                cache.clear()
            cache[w] = st
        out.append(st)
    return out


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; pure numbers of more than 4 digits (phone numbers, ids) are dropped."""
    out = []
    for tok in _TOKEN_RE.findall(text.lower()):
        if tok.isdigit() and len(tok) > 4:
            continue
        out.append(tok)
    return out


@dataclass
class Analysed:
    """Result of analysing one text: terms with counts, their surface forms and the language used."""

    terms: dict[str, int] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    length: int = 0  # number of unigram tokens kept (the BM25 document length)


def analyse_tokens(tokens: list[str], lang: str, *, phrases: bool, out: Analysed) -> None:
    """Stop, stem and count ``tokens`` in ``lang`` into ``out`` (shared by documents and queries)."""
    stops = _stop_words(lang)
    kept_tokens = [t for t in tokens if len(t) > 1 and t not in stops]
    stems = stem_words(kept_tokens, lang)
    terms = out.terms
    surface = out.surface
    for tok, stem in zip(kept_tokens, stems, strict=True):
        terms[stem] = terms.get(stem, 0) + 1
        surface.setdefault(stem, tok)
    out.length += len(stems)
    if phrases and len(stems) > 1:
        # Pairs are formed over the stop-word-free sequence, so "heat pumps for the district"
        # yields "heat pump", "pump district": robust to articles and prepositions in between.
        for i in range(len(stems) - 1):
            a, b = stems[i], stems[i + 1]
            if a == b:
                continue
            ph = a + PHRASE_SEP + b
            terms[ph] = terms.get(ph, 0) + 1
            surface.setdefault(ph, kept_tokens[i] + " " + kept_tokens[i + 1])


def analyse_document(text: str, *, language: str | None = None, phrases: bool = True) -> Analysed:
    """Analyse a stored text with its declared language, or the detected one."""
    out = Analysed()
    tokens = tokenize(text)
    if not tokens:
        out.languages = (normalise_language(language) or DEFAULT_LANGUAGE,)
        return out
    lang = normalise_language(language)
    if lang is None:
        lang, _ = detect_language(text)
    out.languages = (lang,)
    analyse_tokens(tokens, lang, phrases=phrases, out=out)
    return out


def analyse_query(text: str, *, language: str | None = None, phrases: bool = True) -> Analysed:
    """Analyse a query; when the language is uncertain also analyse it as English and unite the terms.

    The union is over term *sets* (counts are the maximum of the two analyses), so a query word
    whose stem is identical in both languages is not counted twice.
    """
    tokens = tokenize(text)
    lang = normalise_language(language)
    langs: list[str]
    if lang is not None:
        langs = [lang]
    else:
        ranked = rank_languages(text)
        lang, conf = ranked[0]
        langs = [lang]
        if conf < UNCERTAIN:
            # Mixed or short queries ("heat pump varmepumperne"): every plausible language, and English.
            langs += [lg for lg, p in ranked[1:] if p >= ALSO_LANGUAGE_MIN]
            langs.append(DEFAULT_LANGUAGE)
            langs = list(dict.fromkeys(langs))
    merged = Analysed(languages=tuple(langs))
    for lg in langs:
        part = Analysed()
        analyse_tokens(tokens, lg, phrases=phrases, out=part)
        for t, c in part.terms.items():
            if c > merged.terms.get(t, 0):
                merged.terms[t] = c
            merged.surface.setdefault(t, part.surface[t])
        merged.length = max(merged.length, part.length)
    return merged
