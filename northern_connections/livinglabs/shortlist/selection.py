"""Exactly k candidates per region, plus optional rules, maximising the total score.

Without further rules the optimum is simply the k best of each region (ties go to the earlier
candidate). The rules — at most ``max_per_host`` selected per host organisation, at least
``min_value_chains_per_country`` different value chains among a country's selected labs — tie
regions together, and a greedy pass can then miss the optimum (taking the best of region A can
block a host that region B needed). So: take the per-region top-k; if it keeps every rule it is
optimal (it is the optimum of the problem without the rules); only otherwise solve the whole
problem exactly with OR-Tools CP-SAT. Scores enter CP-SAT as integers (``SCALE`` = 10⁶ per unit
of score), so "exact" means exact up to 10⁻⁶ of a score point per candidate.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

SCALE = 1_000_000
TOP_K = "top-k"
CP_SAT = "cp-sat"


class Infeasible(ValueError):
    """No selection keeps every rule; the message says which rule is the likely cause."""


@dataclass(frozen=True)
class Rules:
    """What a selection must satisfy. ``None`` switches a rule off."""

    per_region: int = 2
    max_per_host: int | None = None
    min_value_chains_per_country: int | None = None

    @property
    def crosses_regions(self) -> bool:
        return self.max_per_host is not None or self.min_value_chains_per_country is not None


@dataclass(frozen=True)
class Pool:
    """The candidates' structure (everything but the scores): index i is candidate i."""

    regions: tuple[str, ...]
    hosts: tuple[frozenset[str], ...]
    value_chains: tuple[frozenset[str], ...]
    countries: tuple[str, ...]
    by_region: dict[str, np.ndarray] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        groups: dict[str, list[int]] = defaultdict(list)
        for index, region in enumerate(self.regions):
            groups[region].append(index)
        object.__setattr__(self, "by_region", {r: np.array(ix, dtype=int) for r, ix in sorted(groups.items())})

    @classmethod
    def of(cls, regions: Sequence[str], hosts=None, value_chains=None, countries=None) -> Pool:
        n = len(regions)
        return cls(
            regions=tuple(regions),
            hosts=tuple(frozenset(h) for h in (hosts or [()] * n)),
            value_chains=tuple(frozenset(v) for v in (value_chains or [()] * n)),
            countries=tuple(countries or [r[:2] for r in regions]),
        )

    def __len__(self) -> int:
        return len(self.regions)


@dataclass(frozen=True)
class Selection:
    chosen: tuple[int, ...]  # candidate indices, ascending
    objective: float
    solver: str  # TOP_K or CP_SAT


def short_regions(pool: Pool, k: int) -> list[tuple[str, int]]:
    """Regions with fewer than ``k`` candidates, with how many they have."""
    return [(region, len(ix)) for region, ix in pool.by_region.items() if len(ix) < k]


def top_k(pool: Pool, scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best of each region (stable: equal scores go to the earlier candidate)."""
    picked = [ix[np.argsort(-scores[ix], kind="stable")[:k]] for ix in pool.by_region.values()]
    return np.sort(np.concatenate(picked)) if picked else np.array([], dtype=int)


def top_k_samples(pool: Pool, scores: np.ndarray, k: int) -> np.ndarray:
    """Per-region top-k for every column of ``scores`` (candidates × samples) → boolean matrix."""
    chosen = np.zeros(scores.shape, dtype=bool)
    columns = np.arange(scores.shape[1])
    for ix in pool.by_region.values():
        order = np.argsort(-scores[ix], axis=0, kind="stable")[:k]
        chosen[ix[order], columns] = True
    return chosen


def violations(pool: Pool, chosen: Sequence[int], rules: Rules) -> list[tuple[str, str, int]]:
    """Rules a selection breaks: ("host", host, count) / ("value-chains", country, distinct)."""
    broken: list[tuple[str, str, int]] = []
    if rules.max_per_host is not None:
        per_host: dict[str, int] = defaultdict(int)
        for i in chosen:
            for host in pool.hosts[i]:
                per_host[host] += 1
        broken += [("host", h, c) for h, c in sorted(per_host.items()) if c > rules.max_per_host]
    if rules.min_value_chains_per_country is not None:
        chains: dict[str, set[str]] = {country: set() for country in pool.countries}
        for i in chosen:
            chains[pool.countries[i]] |= pool.value_chains[i]
        broken += [("value-chains", c, len(v)) for c, v in sorted(chains.items())
                   if len(v) < rules.min_value_chains_per_country]
    return broken


class ExactSelector:
    """The CP-SAT model of one pool and rule set, built once and solved for any score vector."""

    def __init__(self, pool: Pool, rules: Rules, *, time_limit: float = 60.0):
        from ortools.sat.python import cp_model  # imported here: top-k needs no solver

        self.pool, self.rules, self._cp = pool, rules, cp_model
        model = cp_model.CpModel()
        self.x = [model.new_bool_var(f"x{i}") for i in range(len(pool))]
        for ix in pool.by_region.values():
            model.add(sum(self.x[i] for i in ix) == rules.per_region)
        if rules.max_per_host is not None:
            members: dict[str, list[int]] = defaultdict(list)
            for i, hosts in enumerate(pool.hosts):
                for host in hosts:
                    members[host].append(i)
            for ix in members.values():
                if len(ix) > rules.max_per_host:
                    model.add(sum(self.x[i] for i in ix) <= rules.max_per_host)
        if rules.min_value_chains_per_country is not None:
            self._value_chain_rule(model)
        self.model = model
        self.time_limit = time_limit

    def _value_chain_rule(self, model) -> None:
        cover: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, (country, chains) in enumerate(zip(self.pool.countries, self.pool.value_chains, strict=True)):
            for chain in chains:
                cover[(country, chain)].append(i)
        for country in sorted(set(self.pool.countries)):
            present = []
            for (c, chain), ix in sorted(cover.items()):
                if c == country:
                    y = model.new_bool_var(f"y_{country}_{chain}")
                    model.add(sum(self.x[i] for i in ix) >= y)  # a chain counts only if one of its labs is chosen
                    present.append(y)
            model.add(sum(present) >= self.rules.min_value_chains_per_country)

    def solve(self, scores: np.ndarray, hint: Sequence[int] = ()) -> Selection:
        cp = self._cp
        weights = np.rint(np.asarray(scores, dtype=float) * SCALE).astype(np.int64)
        self.model.maximize(cp.LinearExpr.weighted_sum(self.x, weights.tolist()))
        self.model.clear_hints()
        chosen_hint = set(hint)
        for i, var in enumerate(self.x):
            self.model.add_hint(var, i in chosen_hint)
        solver = cp.CpSolver()
        solver.parameters.num_workers = 1  # deterministic, and the machine is shared
        solver.parameters.random_seed = 0
        solver.parameters.max_time_in_seconds = self.time_limit
        status = solver.solve(self.model)
        if status == cp.INFEASIBLE:
            raise Infeasible(infeasible_reason(self.pool, self.rules))
        if status != cp.OPTIMAL:
            raise RuntimeError("the solver found no proven optimum within its time limit")
        chosen = tuple(i for i, var in enumerate(self.x) if solver.value(var))
        return Selection(chosen, float(np.asarray(scores)[list(chosen)].sum()), CP_SAT)


def infeasible_reason(pool: Pool, rules: Rules) -> str:
    """A likely cause, in words, for a rule set no selection can keep."""
    if rules.min_value_chains_per_country is not None:
        for country in sorted(set(pool.countries)):
            chains = set().union(*(pool.value_chains[i] for i, c in enumerate(pool.countries) if c == country))
            if len(chains) < rules.min_value_chains_per_country:
                return (f"country {country} has candidates in only {len(chains)} value chain(s); "
                        f"the rule asks for at least {rules.min_value_chains_per_country}")
    return "no selection of exactly {k} per region keeps every rule (at most {h} per host organisation{v})".format(
        k=rules.per_region, h=rules.max_per_host if rules.max_per_host is not None else "any",
        v=f", at least {rules.min_value_chains_per_country} value chains per country"
        if rules.min_value_chains_per_country is not None else "")


def select(pool: Pool, scores, rules: Rules, *, exact: ExactSelector | None = None) -> Selection:
    """The optimal selection: per-region top-k if it keeps the rules, else CP-SAT (see the module)."""
    scores = np.asarray(scores, dtype=float)
    short = short_regions(pool, rules.per_region)
    if short:
        region, count = short[0]
        raise Infeasible(f"region {region} has {count} candidate(s); {rules.per_region} must be selected per region")
    greedy = top_k(pool, scores, rules.per_region)
    if not rules.crosses_regions or not violations(pool, greedy, rules):
        return Selection(tuple(int(i) for i in greedy), float(scores[greedy].sum()), TOP_K)
    return (exact or ExactSelector(pool, rules)).solve(scores, hint=greedy)


def brute_force(pool: Pool, scores, rules: Rules) -> Selection | None:
    """Every selection of exactly k per region, checked against the rules (tests only: exponential)."""
    scores = np.asarray(scores, dtype=float)
    per_region = [itertools.combinations(ix.tolist(), rules.per_region) for ix in pool.by_region.values()]
    best: Selection | None = None
    for combo in itertools.product(*per_region):
        chosen = tuple(sorted(i for group in combo for i in group))
        if violations(pool, chosen, rules):
            continue
        total = float(scores[list(chosen)].sum())
        if best is None or total > best.objective:
            best = Selection(chosen, total, "brute-force")
    return best
