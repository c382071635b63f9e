"""Synergies between regional strategies (plain Python: no Django imports).

A region's *profile* is the set of priorities of its strategy, each tagged like the EU's Eye@RIS3
database with domains in several *dimensions*: economic domains (NACE sections), scientific
domains (NABS chapters), policy objectives, and the platform's renewable-energy value chains.
Domains are plain strings ``"<dimension>:<code>"`` (``"economic:D"``, ``"chain:offshore-wind"``).

The measure (chosen to be bounded, symmetric and explainable to a political board):

* Per dimension, a region's **share vector**: each priority gives its weight to every domain it
  names, and the totals are divided by their sum, so a region with many priorities does not look
  "more similar" than one with few: only where its emphasis lies counts.
* Per dimension, the **weighted Jaccard index** of the two share vectors,
  ``J = Σ_d min(a_d, b_d) / Σ_d max(a_d, b_d)``: 1 when both put the same emphasis on the same
  domains, 0 when they share none. (Cosine similarity was considered and left out: it rewards one
  big shared domain and hides many small differences, and it is harder to read off a table.)
* The **similarity** of two regions is the mean of the per-dimension indices, weighted by
  `DIMENSION_WEIGHTS`, over the dimensions in which at least one of the two has a domain (a
  dimension neither uses says nothing about them).

Beside the number, a pair has **shared domains** (named by both) and **complementary domains**:
domains only one of the two names, inside priorities that share at least one domain with a
priority of the other (the same theme approached from different sides, e.g. both work on
offshore wind, one from manufacturing and one from research).

For one domain, the **strength** of a pair is ``min(a_d, b_d)`` (the weaker side's commitment
limits what they do together), and the strongest *group* of ``k`` regions is the ``k`` regions
with the largest shares (which maximises the group's weakest share, its strength).

**Untapped pairs** are pairs whose similarity reaches a threshold but who have no joint activity
on the platform: the caller passes activity *groups* (the organisations of one challenge and its
applications, one event's participants, one consortium...) and a function placing organisations
in regions; any two regions that meet in one group have a link (see :func:`joint_activity`).

Entry points: :func:`similarity`, :func:`compare`, :func:`similarity_matrix`, :func:`strongest_pairs`,
:func:`strongest_group`, :func:`joint_activity`, :func:`untapped_pairs`, :func:`region_of`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

ECONOMIC, SCIENTIFIC, POLICY, CHAIN = "economic", "scientific", "policy", "chain"
DIMENSIONS: tuple[str, ...] = (ECONOMIC, SCIENTIFIC, POLICY, CHAIN)
#: How much each dimension counts in the overall similarity (equal by default).
DIMENSION_WEIGHTS: dict[str, float] = {ECONOMIC: 1.0, SCIENTIFIC: 1.0, POLICY: 1.0, CHAIN: 1.0}
#: Pairs at least this similar and without joint activity are "untapped".
UNTAPPED_THRESHOLD = 0.25


def domain(dimension: str, code: str) -> str:
    """The key of a domain: ``domain("economic", "D") == "economic:D"``."""
    return f"{dimension}:{code}"


def dimension_of(key: str) -> str:
    return key.split(":", 1)[0]


@dataclass(frozen=True)
class Priority:
    """One priority of a strategy: its domains and its weight (1 = an ordinary priority)."""

    domains: frozenset[str]
    weight: float = 1.0
    name: str = ""


@dataclass(frozen=True)
class Profile:
    """The priorities of one region's strategy (`region` is its NUTS code)."""

    region: str
    priorities: tuple[Priority, ...]

    def domains(self) -> frozenset[str]:
        return self._domains

    @cached_property
    def _domains(self) -> frozenset[str]:
        return frozenset(d for p in self.priorities for d in p.domains)

    def shares(self) -> dict[str, float]:
        """Each domain's share of its dimension's total weight (each dimension sums to 1); computed once (a
        matrix of n regions asks n - 1 times), so callers must not change the dict."""
        return self._shares

    @cached_property
    def by_dimension(self) -> dict[str, dict[str, float]]:
        return _by_dimension(self.shares())

    @cached_property
    def _shares(self) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for priority in self.priorities:
            for key in priority.domains:
                totals[key] += priority.weight
        by_dimension: dict[str, float] = defaultdict(float)
        for key, value in totals.items():
            by_dimension[dimension_of(key)] += value
        return {key: value / by_dimension[dimension_of(key)] for key, value in totals.items()
                if by_dimension[dimension_of(key)] > 0}


def weighted_jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Σ min / Σ max over the union of keys (0 when both are empty)."""
    keys = set(a) | set(b)
    high = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    if high == 0:
        return 0.0
    return sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys) / high


def _by_dimension(shares: Mapping[str, float]) -> dict[str, dict[str, float]]:
    split: dict[str, dict[str, float]] = defaultdict(dict)
    for key, value in shares.items():
        split[dimension_of(key)][key] = value
    return split


def dimension_similarities(a: Profile, b: Profile) -> dict[str, float]:
    """The weighted Jaccard index per dimension used by either region."""
    left, right = a.by_dimension, b.by_dimension
    return {dim: weighted_jaccard(left.get(dim, {}), right.get(dim, {}))
            for dim in DIMENSIONS if dim in left or dim in right}


def similarity(a: Profile, b: Profile, weights: Mapping[str, float] | None = None) -> float:
    """The weighted mean of the per-dimension indices (see the module's docstring), 0..1."""
    weights = weights or DIMENSION_WEIGHTS
    per = dimension_similarities(a, b)
    total = sum(weights.get(dim, 0.0) for dim in per)
    if total == 0:
        return 0.0
    return sum(weights.get(dim, 0.0) * value for dim, value in per.items()) / total


@dataclass(frozen=True)
class Comparison:
    """Two regions side by side: the similarity, and what they share and complement."""

    a: str
    b: str
    similarity: float
    per_dimension: dict[str, float]
    shared: tuple[str, ...]
    a_complements: tuple[str, ...]  # domains A brings to the themes they share
    b_complements: tuple[str, ...]


def compare(a: Profile, b: Profile, weights: Mapping[str, float] | None = None) -> Comparison:
    """Similarity, shared domains and complementary domains of two profiles."""
    shared = a.domains() & b.domains()
    a_more: set[str] = set()
    b_more: set[str] = set()
    for pa in a.priorities:
        for pb in b.priorities:
            if pa.domains & pb.domains:
                a_more |= pa.domains - b.domains()
                b_more |= pb.domains - a.domains()
    return Comparison(a.region, b.region, similarity(a, b, weights), dimension_similarities(a, b),
                      tuple(sorted(shared)), tuple(sorted(a_more)), tuple(sorted(b_more)))


def similarity_matrix(profiles: Sequence[Profile], weights: Mapping[str, float] | None = None
                      ) -> list[list[float | None]]:
    """Similarities of every pair, in the order given; None on the diagonal (a region with itself)."""
    size = len(profiles)
    matrix: list[list[float | None]] = [[None] * size for _ in range(size)]
    for i, j in combinations(range(size), 2):
        matrix[i][j] = matrix[j][i] = similarity(profiles[i], profiles[j], weights)
    return matrix


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    strength: float


def _sorted_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def strongest_pairs(profiles: Iterable[Profile], key: str, limit: int = 5) -> list[Pair]:
    """For one domain, the pairs with the largest ``min(share_a, share_b)``; ties by region codes."""
    holders = [(p.region, share) for p in profiles if (share := p.shares().get(key, 0.0)) > 0]
    pairs = [Pair(*_sorted_pair(ra, rb), min(sa, sb)) for (ra, sa), (rb, sb) in combinations(holders, 2)]
    return sorted(pairs, key=lambda p: (-p.strength, p.a, p.b))[:limit]


@dataclass(frozen=True)
class Group:
    regions: tuple[str, ...]
    strength: float  # the weakest member's share of the domain


def strongest_group(profiles: Iterable[Profile], key: str, size: int = 3) -> Group | None:
    """The `size` regions with the largest shares of one domain (this maximises the weakest share);
    None when fewer regions name the domain."""
    holders = sorted(((share, p.region) for p in profiles if (share := p.shares().get(key, 0.0)) > 0),
                     key=lambda item: (-item[0], item[1]))
    if len(holders) < size or size < 2:
        return None
    chosen = holders[:size]
    return Group(tuple(sorted(region for _, region in chosen)), min(share for share, _ in chosen))


# --------------------------------------------------------------------------- activity on the platform


def region_of(nuts_code: str | None, regions: Iterable[str]) -> str | None:
    """The strategy region containing a NUTS code: the longest region code it starts with (NUTS codes
    nest by prefix, DK ⊃ DK0 ⊃ DK03 ⊃ DK032); None outside every region."""
    if not nuts_code:
        return None
    found = [r for r in regions if nuts_code.startswith(r)]
    return max(found, key=len) if found else None


@dataclass(frozen=True)
class ActivityGroup:
    """Organisations that acted together once: `source` names the kind ("challenge", "event", ...)."""

    source: str
    key: str
    organisations: frozenset[int | str]


@dataclass
class Links:
    """Joint activity between regions: per unordered pair, how many groups of each source they met in."""

    by_pair: dict[tuple[str, str], Counter] = field(default_factory=dict)

    def between(self, a: str, b: str) -> Counter:
        return self.by_pair.get(_sorted_pair(a, b), Counter())

    def total(self, a: str, b: str) -> int:
        return sum(self.between(a, b).values())


def joint_activity(groups: Iterable[ActivityGroup], region_of_organisation: Callable[[int | str], str | None]
                   ) -> Links:
    """Any two different regions with organisations in one group are linked once by that group."""
    links = Links()
    for group in groups:
        regions = sorted({r for o in group.organisations if (r := region_of_organisation(o)) is not None})
        for a, b in combinations(regions, 2):
            links.by_pair.setdefault((a, b), Counter())[group.source] += 1
    return links


def untapped_pairs(profiles: Sequence[Profile], links: Links, threshold: float = UNTAPPED_THRESHOLD,
                   weights: Mapping[str, float] | None = None) -> list[Comparison]:
    """Pairs at least `threshold` similar with no joint activity, most similar first."""
    found = []
    for a, b in combinations(sorted(profiles, key=lambda p: p.region), 2):
        if links.total(a.region, b.region):
            continue
        comparison = compare(a, b, weights)
        if comparison.similarity >= threshold:
            found.append(comparison)
    return sorted(found, key=lambda c: (-c.similarity, c.a, c.b))
