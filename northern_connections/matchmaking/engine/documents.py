"""Generic documents and queries the engine ranks, and how their facets are normalised.

The engine knows nothing about Django models: the matchmaking app's selectors turn an SME, a
challenge, a partner request or a support measure into a :class:`Document` (text fields plus
facets), and a search into a :class:`Query`. Keeping this boundary plain data is what lets the
same engine serve the web pages, the API, the batch command and the benchmarks.

Facets are ``{name: [value, ...]}``. Known names get a meaning:

* ``value_chains``, ``steps``, ``s3``, ``languages``, ``kind``: exact matches of slugs;
* ``nace``, ``cpv``, ``region`` (NUTS): hierarchical codes, where a shared prefix counts partly;
* ``trl``: an integer on documents, a range (``trl_min``/``trl_max`` or a tag "6-8") on queries.

Any other facet name is matched generically: exact match, or a prefix match at a separator
("solar" vs "solar-pv"), or a digit-code prefix for values that look like codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CROSS_BORDER_MODES = ("prefer", "neutral", "only")

#: Alternative spellings of facet names accepted from callers (batch files, selectors).
FACET_ALIASES: dict[str, str] = {
    "value_chain": "value_chains",
    "valuechains": "value_chains",
    "value_chain_steps": "steps",
    "value_chain_step": "steps",
    "step": "steps",
    "nace_codes": "nace",
    "nace_code": "nace",
    "cpv_codes": "cpv",
    "cpv_code": "cpv",
    "s3_domains": "s3",
    "s3_domain": "s3",
    "smart_specialisation": "s3",
    "nuts": "region",
    "nuts_code": "region",
    "regions": "region",
    "nuts_codes": "region",
    "language": "languages",
    "kinds": "kind",
}

#: Facets whose values are hierarchical codes; the value is the kind of code.
HIERARCHICAL = {"nace": "nace", "cpv": "cpv", "region": "nuts"}
#: Shortest prefix (in normalised characters) that still counts as a partial match.
#: NACE: a division (2 digits); CPV: a division (2 digits); NUTS: NUTS-1 (country + 1 character).
MIN_PREFIX = {"nace": 2, "cpv": 2, "nuts": 3, "code": 2}

_NACE_RE = re.compile(r"^[A-Ua-u]?\s*(\d[\d.]*)$")
_CODE_RE = re.compile(r"^[A-Za-z]?\d[\d.\-]*$")
_SEP_RE = re.compile(r"[-./:_ ]+")


def canonical_facet(name: str) -> str:
    key = name.strip().lower().replace(" ", "_")
    return FACET_ALIASES.get(key, key)


def normalise_code(kind: str, value: str) -> str:
    """Reduce a hierarchical code to the string whose prefixes are its ancestors.

    NACE "C27.1.1", "27.11" and "2711" all become "2711"; a bare section letter "C" stays "C".
    CPV "09300000-2" drops the check digit and the zero padding: "093". NUTS codes are upper-cased.
    """
    v = value.strip()
    if kind == "nace":
        m = _NACE_RE.match(v)
        if m:
            return m.group(1).replace(".", "")
        return v.upper()
    if kind == "cpv":
        digits = v.split("-")[0].replace(".", "").strip()
        if digits.isdigit():
            return digits.rstrip("0") or digits[:2]
        return v.upper()
    if kind == "nuts":
        return v.upper().replace(" ", "")
    return v.lower()


def hierarchy_tokens(kind: str, code: str) -> list[tuple[str, float]]:
    """Prefix tokens of a normalised code with the cumulative credit of matching at that depth.

    Credit at a prefix of length p of a code of length n is (p/n)²: matching the whole code is
    worth 1, sharing only the NACE division of a 4-digit class 0.25, the group 0.56. Quadratic
    rather than linear because sharing only a broad category says little (division 27 "electrical
    equipment" spans batteries to lamps).
    """
    n = len(code)
    lo = min(MIN_PREFIX.get(kind, 2), n)
    return [(code[:p], (p / n) ** 2) for p in range(lo, n + 1)]


def generic_tokens(value: str) -> list[tuple[str, float]]:
    """Prefix tokens for a free tag: codes by digit prefix, words by separator-delimited segments."""
    v = value.strip()
    if _CODE_RE.match(v) and sum(ch.isdigit() for ch in v) >= 2:
        code = re.sub(r"[.\-]", "", v).upper()
        return hierarchy_tokens("code", code)
    v = v.lower()
    parts = [p for p in _SEP_RE.split(v) if p]
    if len(parts) <= 1:
        return [(v, 1.0)]
    n = len(parts)
    return [("-".join(parts[:i]), (i / n) ** 2) for i in range(1, n + 1)]


def parse_trl_range(values: Any) -> tuple[int | None, int | None]:
    """Parse "6-8", "6–8", "7", 7 or ["6", "8"] into (min, max)."""
    if values is None:
        return None, None
    if isinstance(values, (int, float)) and not isinstance(values, bool):
        return int(values), int(values)
    if isinstance(values, str):
        values = [values]
    nums: list[int] = []
    for v in values:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            nums.append(int(v))
            continue
        for part in re.split(r"[-–—,; ]+|\.\.", str(v)):
            part = part.strip().upper().removeprefix("TRL")
            if part.isascii() and part.isdigit():  # "²".isdigit() is True, int("²") fails
                nums.append(int(part))
    nums = [n for n in nums if 1 <= n <= 9]
    if not nums:
        return None, None
    return min(nums), max(nums)


def _clean_tags(tags: dict[str, Any] | None) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name, values in (tags or {}).items():
        if values is None:
            continue
        if isinstance(values, (str, int, float)):
            values = [values]
        key = canonical_facet(name)
        bucket = out.setdefault(key, [])
        for v in values:
            s = str(v).strip()
            if s and s not in bucket:
                bucket.append(s)
    return {k: tuple(v) for k, v in out.items() if v}


@dataclass
class Document:
    """A profile to be ranked: an organisation, a challenge, a support measure, a partner request.

    ``fields`` holds the searchable texts by field name (e.g. ``{"name": ..., "text": ...}``);
    field weights are set on the index (BM25F). ``activity`` is the track record, e.g. the number
    of past collaborations or projects, used as a prior.
    """

    id: str
    fields: dict[str, str] = field(default_factory=dict)
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    trl: int | None = None
    kind: str | None = None
    country: str | None = None
    is_sme: bool | None = None
    activity: float = 0.0
    language: str | None = None

    def __post_init__(self) -> None:
        self.id = str(self.id)
        if isinstance(self.fields, str):
            self.fields = {"text": self.fields}
        self.tags = _clean_tags(self.tags)
        if "trl" in self.tags:
            lo, hi = parse_trl_range(self.tags.pop("trl"))
            if self.trl is None and lo is not None:
                self.trl = hi
        if self.kind is None and "kind" in self.tags:
            self.kind = self.tags["kind"][0]
        if self.kind is not None:
            self.kind = str(self.kind).strip().lower()
            self.tags["kind"] = (self.kind,)
        if self.country is None and "country" in self.tags:
            self.country = self.tags.pop("country")[0]
        if self.country:
            self.country = normalise_country(self.country)
        if self.is_sme is None and self.kind is not None:
            self.is_sme = self.kind == "sme"
        self.activity = max(0.0, float(self.activity or 0.0))

    @property
    def text(self) -> str:
        return "\n".join(v for v in self.fields.values() if v)


def normalise_country(code: str) -> str:
    """ISO alpha-2, upper case; CORDIS's "UK" and "EL" become "GB" and "GR"."""
    c = str(code).strip().upper()
    return {"UK": "GB", "EL": "GR"}.get(c, c)


@dataclass
class Query:
    """A search: text and facets sought, eligibility filters and the cross-border preference.

    Filters EXCLUDE (a municipality asking for SMEs must never see a university however well it
    matches); preferences only re-weight.
    """

    text: str = ""
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    trl_min: int | None = None
    trl_max: int | None = None
    country: str | None = None
    region: str | None = None
    kinds: tuple[str, ...] | None = None
    sme_only: bool = False
    countries: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    cross_border: str = "neutral"
    language: str | None = None
    top_k: int = 20

    def __post_init__(self) -> None:
        self.tags = _clean_tags(self.tags)
        if "trl" in self.tags:
            lo, hi = parse_trl_range(self.tags.pop("trl"))
            self.trl_min = self.trl_min if self.trl_min is not None else lo
            self.trl_max = self.trl_max if self.trl_max is not None else hi
        if self.trl_min is not None and self.trl_max is None:
            self.trl_max = 9
        if self.trl_max is not None and self.trl_min is None:
            self.trl_min = 1
        if self.country:
            self.country = normalise_country(self.country)
        if self.region and "region" not in self.tags:
            self.tags["region"] = (self.region,)
        if self.kinds is not None:
            self.kinds = tuple(str(k).strip().lower() for k in self.kinds)
        if self.countries is not None:
            self.countries = tuple(normalise_country(c) for c in self.countries)
        self.exclude = tuple(str(e) for e in self.exclude)
        if self.cross_border not in CROSS_BORDER_MODES:
            raise ValueError(f"cross_border must be one of {CROSS_BORDER_MODES}, not {self.cross_border!r}")
        if self.top_k < 1:
            raise ValueError("top_k must be at least 1")
