"""Coverage of a regional innovation system by support measures (plain Python: no Django imports).

The support map asks, for a scope (one NUTS region, a country or the whole area) and a value chain,
which measures cover each cell of the matrix *value-chain step × TRL 5–9*, where the gaps (no
measure) and thin cells (one measure) are, where the innovation chain breaks (a *bottleneck*: for a
step, a run of uncovered TRLs between covered ones, the "valley of death" between demonstration and
market), and which measures elsewhere could fill a gap because they are open to SMEs from the scope.

Facts the module relies on, all given by the caller (the selectors translate database rows):

* a measure's geography is a set of NUTS codes (`areas`): a region at any level, or a country's
  level-0 code (``DK``, ``NO``, ``UK``) for national measures, several countries for transnational
  ones. NUTS codes nest by prefix (``DK`` ⊃ ``DK0`` ⊃ ``DK03`` ⊃ ``DK032``), so a measure is
  *available* in a scope when one of its areas contains the scope or lies inside it;
* an empty set of value chains, steps or target groups means "all of them" (horizontal measures);
* an open-ended TRL range (no lower or no upper bound) reaches TRL 1 or TRL 9;
* `eligibility` says who may use a measure outside its own areas: ``local`` (only organisations
  located there), ``national`` (anyone in the measure's country) or ``any`` (any country).

Entry points: :class:`CoverageIndex` (build once from all measures), :meth:`CoverageIndex.analyse`
(the matrix, gaps, thin cells, bottlenecks and ranked complements), :meth:`CoverageIndex.region_counts`
(one number per region, for the choropleth) and :meth:`CoverageIndex.navigate` (the SME navigator).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

TRLS: tuple[int, ...] = (5, 6, 7, 8, 9)
ALL = "all"
LOCAL, NATIONAL, ANY = "local", "national", "any"
ELIGIBILITIES = (LOCAL, NATIONAL, ANY)
SME = "sme"
#: A measure verified less than this many days ago counts as current.
FRESH_DAYS = 365
#: Complements kept per gap and measures per pathway level.
COMPLEMENTS_PER_GAP = 5
PATHWAY_PER_LEVEL = 5

# Which kinds of measure suit which TRLs: demonstration needs test beds and grants, the market needs
# finance and buyers. A measure whose kind suits the TRL of a gap fits it better.
KIND_TRLS: dict[str, frozenset[int]] = {
    "grant": frozenset({5, 6, 7}),
    "voucher": frozenset({5, 6, 7}),
    "test_facility": frozenset({5, 6, 7}),
    "advisory": frozenset({7, 8, 9}),
    "network": frozenset({8, 9}),
    "training": frozenset({5, 6, 7, 8, 9}),
    "procurement": frozenset({7, 8, 9}),
    "finance": frozenset({8, 9}),
    "tax": frozenset({8, 9}),
}

# English wording of each reason; the web pages translate the same codes (support/reasons.py).
REASON_TEXT: dict[str, str] = {
    "covers_trl": "covers TRL {trl}",
    "bridges": "also covers TRL {trls}",
    "step_specific": "aimed at this value-chain step",
    "chain_specific": "specific to this value chain",
    "kind_suits": "its kind suits TRL {trl}",
    "verified": "verified on {date}",
    "not_verified": "not verified in the last year",
    "same_country": "in the same country",
    "open_abroad": "open to SMEs from other countries",
    "open_nationally": "open to SMEs from the whole country",
    "at_home": "available in the region",
}


def nuts_country(code: str) -> str:
    """The level-0 part of a NUTS code (``DK03`` → ``DK``)."""
    return code[:2]


def related(area: str, scope: str) -> bool:
    """Whether an area and a scope overlap: one contains the other (NUTS codes nest by prefix)."""
    return scope == ALL or area.startswith(scope) or scope.startswith(area)


@dataclass(frozen=True)
class Measure:
    """A support measure as the analysis sees it (ids are whatever the caller uses)."""

    id: int | str
    areas: tuple[str, ...]
    trl_min: int | None = None
    trl_max: int | None = None
    value_chains: frozenset[str] = frozenset()
    steps: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    eligibility: str = LOCAL
    kind: str = ""
    verified_on: date | None = None
    name: str = ""

    @property
    def low(self) -> int:
        return self.trl_min if self.trl_min is not None else 1

    @property
    def high(self) -> int:
        return self.trl_max if self.trl_max is not None else 9

    def covers_trl(self, trl: int) -> bool:
        return self.low <= trl <= self.high

    def serves(self, group: str) -> bool:
        return not self.target_groups or group in self.target_groups

    def in_chain(self, value_chain: str) -> bool:
        return not self.value_chains or value_chain in self.value_chains

    def at_step(self, step: str) -> bool:
        return not self.steps or step in self.steps

    def available_in(self, scope: str) -> bool:
        return any(related(area, scope) for area in self.areas)

    def open_to(self, home: str) -> bool:
        """Whether organisations located in `home` (a NUTS code) may use the measure."""
        if self.available_in(home):
            return True
        if self.eligibility == ANY:
            return True
        return self.eligibility == NATIONAL and home != ALL and any(
            nuts_country(area) == nuts_country(home) for area in self.areas)

    @property
    def region(self) -> str:
        """The NUTS code that stands for the measure's location (its first, most specific area)."""
        return min(self.areas, key=lambda code: (-len(code), code)) if self.areas else ""


@dataclass(frozen=True)
class Reason:
    """One piece of evidence for a ranking: a code, its parameters, and the English sentence."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return REASON_TEXT[self.code].format(**dict(self.params))


@dataclass(frozen=True)
class Ranked:
    """A measure with its fit score and the reasons for it (best first when sorted)."""

    measure: Measure
    score: float
    reasons: tuple[Reason, ...]

    @property
    def why(self) -> str:
        return "; ".join(reason.text for reason in self.reasons)


@dataclass(frozen=True)
class Cell:
    step: str
    trl: int
    measures: tuple[int | str, ...]

    @property
    def count(self) -> int:
        return len(self.measures)


@dataclass(frozen=True)
class Complement:
    """A measure from elsewhere that is open to SMEs of the scope and covers one of its gaps."""

    step: str
    trl: int
    ranked: Ranked

    @property
    def measure(self) -> Measure:
        return self.ranked.measure


@dataclass
class Analysis:
    """The result of :meth:`CoverageIndex.analyse` for one scope and value chain."""

    scope: str
    value_chain: str
    steps: tuple[str, ...]
    trls: tuple[int, ...]
    cells: list[Cell]
    bottlenecks: list[tuple[str, tuple[int, ...]]]
    complements: list[Complement] = field(default_factory=list)

    @property
    def gaps(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.count == 0]

    @property
    def thin(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.count == 1]

    def cell(self, step: str, trl: int) -> Cell:
        return self.cells[self.steps.index(step) * len(self.trls) + self.trls.index(trl)]

    def matrix(self) -> list[list[int]]:
        """Counts, one row per step, one column per TRL."""
        width = len(self.trls)
        return [[cell.count for cell in self.cells[row * width:(row + 1) * width]] for row in range(len(self.steps))]

    def to_dict(self) -> dict:
        """The `gap_analysis` JSON contract (issue 13)."""
        return {
            "scope": self.scope,
            "value_chain": self.value_chain,
            "cells": [{"step": c.step, "trl": c.trl, "measures": list(c.measures)} for c in self.cells],
            "gaps": [{"step": c.step, "trl": c.trl} for c in self.gaps],
            "bottlenecks": [{"step": step, "trls": list(trls)} for step, trls in self.bottlenecks],
            "complements": [{"step": c.step, "trl": c.trl, "measure": c.measure.id, "region": c.measure.region,
                             "why": c.ranked.why} for c in self.complements],
        }


def bottleneck_runs(covered: Sequence[bool], trls: Sequence[int] = TRLS) -> list[tuple[int, ...]]:
    """Runs of uncovered TRLs with a covered TRL on both sides (a gap at either end is not a bottleneck:
    nothing has been reached that fails to go on, or the chain simply starts later)."""
    runs, current, seen_covered = [], [], False
    for trl, ok in zip(trls, covered, strict=True):
        if ok:
            if current and seen_covered:
                runs.append(tuple(current))
            current, seen_covered = [], True
        else:
            current.append(trl)
    return runs


@dataclass(frozen=True)
class PathwayLevel:
    """The measures that would take an organisation through one TRL of its pathway."""

    trl: int
    home: tuple[Ranked, ...]
    abroad: tuple[Ranked, ...]


@dataclass(frozen=True)
class Navigation:
    """What the SME navigator shows: the measures that apply now, and the pathway to TRL 9."""

    home: tuple[Ranked, ...]
    abroad: tuple[Ranked, ...]
    pathway: tuple[PathwayLevel, ...]


class CoverageIndex:
    """All measures, indexed by value chain for fast matrices, and the scoring of complements."""

    def __init__(self, measures: Iterable[Measure], *, steps: Sequence[str], trls: Sequence[int] = TRLS,
                 today: date | None = None):
        self.measures = list(measures)
        self.steps = tuple(steps)
        self.trls = tuple(trls)
        self.today = today or date.today()
        self._by_chain: dict[str, list[Measure]] = defaultdict(list)
        self._horizontal: list[Measure] = []
        for measure in self.measures:
            if measure.value_chains:
                for chain in measure.value_chains:
                    self._by_chain[chain].append(measure)
            else:
                self._horizontal.append(measure)
        self._open: dict[tuple[str, str], dict[tuple[str, int], list[Measure]]] = {}
        self._by_area: dict[str, list[Measure]] = defaultdict(list)
        for measure in self.measures:
            for area in set(measure.areas):
                self._by_area[area].append(measure)

    def in_chain(self, value_chain: str) -> list[Measure]:
        return self._by_chain.get(value_chain, []) + self._horizontal

    def available(self, scope: str, value_chain: str) -> list[Measure]:
        """The measures of `value_chain` available in `scope`, found through the areas (NUTS prefixes)."""
        if scope == ALL:
            return self.in_chain(value_chain)
        found: dict[int | str, Measure] = {}
        for area, measures in self._by_area.items():
            if related(area, scope):
                for measure in measures:
                    if measure.in_chain(value_chain):
                        found[measure.id] = measure
        return list(found.values())

    def _cells(self, measures: list[Measure]) -> dict[tuple[str, int], list[Measure]]:
        cells: dict[tuple[str, int], list[Measure]] = {(s, t): [] for s in self.steps for t in self.trls}
        for measure in measures:
            steps = measure.steps if measure.steps else self.steps
            for trl in range(max(measure.low, self.trls[0]), min(measure.high, self.trls[-1]) + 1):
                for step in steps:
                    bucket = cells.get((step, trl))
                    if bucket is not None:
                        bucket.append(measure)
        return cells

    def analyse(self, *, scope: str, value_chain: str, group: str = SME, complements: bool = True) -> Analysis:
        """Matrix, gaps, thin cells, bottlenecks and (for a region or country) ranked complements."""
        home = [m for m in self.available(scope, value_chain) if m.serves(group)]
        cells = self._cells(home)
        result = [Cell(s, t, tuple(sorted((m.id for m in cells[(s, t)]), key=_id_key)))
                  for s in self.steps for t in self.trls]
        runs = []
        for row, step in enumerate(self.steps):
            covered = [cell.count > 0 for cell in result[row * len(self.trls):(row + 1) * len(self.trls)]]
            runs.extend((step, run) for run in bottleneck_runs(covered, self.trls))
        analysis = Analysis(scope, value_chain, self.steps, self.trls, result, runs)
        if complements and scope != ALL and analysis.gaps:
            analysis.complements = self._complements(analysis, {m.id for m in home}, group)
        return analysis

    def _complements(self, analysis: Analysis, home: set[int | str], group: str) -> list[Complement]:
        scope = analysis.scope
        cells = self._open_cells(analysis.value_chain, group)
        found = []
        for gap in analysis.gaps:
            candidates = [m for m in cells[(gap.step, gap.trl)] if m.id not in home and m.open_to(scope)]
            ranked = sorted((self.rank(m, step=gap.step, trl=gap.trl, value_chain=analysis.value_chain, home=scope)
                             for m in candidates), key=_ranked_key)
            found.extend(Complement(gap.step, gap.trl, r) for r in ranked[:COMPLEMENTS_PER_GAP])
        return found

    def _open_cells(self, value_chain: str, group: str) -> dict[tuple[str, int], list[Measure]]:
        """The cells of the measures open beyond their own areas (computed once per chain and group)."""
        key = (value_chain, group)
        if key not in self._open:
            self._open[key] = self._cells([m for m in self.in_chain(value_chain)
                                           if m.eligibility != LOCAL and m.serves(group)])
        return self._open[key]

    def rank(self, measure: Measure, *, step: str, trl: int, value_chain: str, home: str) -> Ranked:
        """How well a measure fits an organisation at `trl` in `step` of `value_chain`, located in `home`."""
        score, reasons = 1.0, [Reason("covers_trl", (("trl", str(trl)),))]
        onward = [t for t in range(trl + 1, self.trls[-1] + 1) if measure.covers_trl(t)]
        if onward:
            score += 0.15 * len(onward)
            reasons.append(Reason("bridges", (("trls", ", ".join(map(str, onward))),)))
        if measure.steps and len(measure.steps) <= 2 and step in measure.steps:
            score += 0.3
            reasons.append(Reason("step_specific"))
        if measure.value_chains and value_chain in measure.value_chains:
            score += 0.3
            reasons.append(Reason("chain_specific"))
        if trl in KIND_TRLS.get(measure.kind, ()):
            score += 0.2
            reasons.append(Reason("kind_suits", (("trl", str(trl)),)))
        score, reasons = self._where(measure, home, score, reasons)
        if measure.verified_on and (self.today - measure.verified_on).days <= FRESH_DAYS:
            score += 0.2
            reasons.append(Reason("verified", (("date", measure.verified_on.isoformat()),)))
        else:
            score -= 0.2
            reasons.append(Reason("not_verified"))
        return Ranked(measure, round(score, 6), tuple(reasons))

    @staticmethod
    def _where(measure: Measure, home: str, score: float, reasons: list[Reason]) -> tuple[float, list[Reason]]:
        if home == ALL or measure.available_in(home):
            return score + 0.5, [*reasons, Reason("at_home")]
        if any(nuts_country(area) == nuts_country(home) for area in measure.areas):
            score += 0.1
            reasons.append(Reason("same_country"))
            if measure.eligibility == NATIONAL:
                reasons.append(Reason("open_nationally"))
        if measure.eligibility == ANY:
            reasons.append(Reason("open_abroad"))
        return score, reasons

    def applicable(self, *, value_chain: str, step: str, trl: int, region: str, group: str,
                   limit: int | None = None) -> tuple[tuple[Ranked, ...], tuple[Ranked, ...]]:
        """Measures that apply to an organisation of `group` in `region` at `trl`: (at home, abroad), ranked."""
        home, abroad = [], []
        for measure in self.in_chain(value_chain):
            if not (measure.at_step(step) and measure.covers_trl(trl) and measure.serves(group)):
                continue
            if not measure.open_to(region):
                continue
            ranked = self.rank(measure, step=step, trl=trl, value_chain=value_chain, home=region)
            (home if measure.available_in(region) else abroad).append(ranked)
        home.sort(key=_ranked_key)
        abroad.sort(key=_ranked_key)
        return tuple(home[:limit]), tuple(abroad[:limit])

    def navigate(self, *, value_chain: str, step: str, trl: int, region: str, group: str = SME) -> Navigation:
        """The SME navigator: what applies at `trl` now, and per next TRL up to 9 what would carry it on."""
        home, abroad = self.applicable(value_chain=value_chain, step=step, trl=trl, region=region, group=group)
        pathway = []
        for level in range(trl + 1, self.trls[-1] + 1):
            level_home, level_abroad = self.applicable(value_chain=value_chain, step=step, trl=level, region=region,
                                                       group=group, limit=PATHWAY_PER_LEVEL)
            pathway.append(PathwayLevel(level, level_home, level_abroad))
        return Navigation(home, abroad, tuple(pathway))

    def region_counts(self, *, regions: Iterable[str], value_chain: str, trl: int,
                      step: str | None = None, group: str = SME) -> dict[str, int]:
        """Per region, how many measures available there cover `trl` (at `step`, or at any step)."""
        relevant = [m for m in self.in_chain(value_chain)
                    if m.covers_trl(trl) and m.serves(group) and (step is None or m.at_step(step))]
        by_area: dict[str, set[int | str]] = defaultdict(set)
        for measure in relevant:
            for area in measure.areas:
                by_area[area].add(measure.id)
        counts = {}
        for region in regions:
            # Areas that contain the region (its prefixes) and areas inside it, each measure once.
            found: set[int | str] = set()
            for area, ids in by_area.items():
                if related(area, region):
                    found |= ids
            counts[region] = len(found)
        return counts


def _id_key(value: int | str) -> tuple[int, int | str]:
    return (0, value) if isinstance(value, int) else (1, str(value))


def _ranked_key(ranked: Ranked) -> tuple[float, tuple[int, int | str]]:
    return (-ranked.score, _id_key(ranked.measure.id))
