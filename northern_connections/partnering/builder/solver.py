"""The best distinct consortia under every rule, with OR-Tools CP-SAT, and why rules cannot all be met.

One boolean per candidate; the rules of :mod:`.rules` are linear constraints; the objective is the
total fit, as integers (``SCALE`` = 10⁶ per unit of fit, so "optimal" is exact to 10⁻⁶ of a fit
point per member). After each consortium a no-good cut ("not exactly this member set") is added
and the model solved again, so the k-th answer is the best consortium that differs from the first
k-1 in at least one member: the top k in decreasing total fit, each distinct.

When no consortium exists, the explanation is a minimal set of rules that cannot all be met:
first every rule that is impossible on its own (a competence nobody offers); otherwise the rules
are removed one at a time, each for good if the rest stays infeasible (a deletion filter), so
that dropping any one rule of the answer would make a consortium possible. A check that runs out
of time counts as feasible, which keeps the rule: the answer may then be larger than minimal,
never wrong.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .rules import Candidate, Requirements, Rule, broken, rule_list

SCALE = 1_000_000
DEFAULT_TOP = 3
DEFAULT_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class Consortium:
    """A proposal: member ids (fixed core first, then by fit), total fit, who covers what, why each is in."""

    members: tuple[str, ...]
    fit: float
    covers: dict[str, tuple[str, ...]]
    why: dict[str, str]


@dataclass(frozen=True)
class Result:
    """``infeasible`` lists the rules that cannot all be met (``None`` if consortia exist or time ran out);
    ``optimal`` says the answer is proven: the best consortia, or that none exists."""

    consortia: tuple[Consortium, ...]
    infeasible: tuple[str, ...] | None
    optimal: bool


def _cp():
    from ortools.sat.python import cp_model  # imported here: parsing a file needs no solver

    return cp_model


def _solver(seconds: float):
    solver = _cp().CpSolver()
    solver.parameters.num_workers = 1  # deterministic, and the machine is shared
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    # The full LP relaxation of the covering rules: on 2,000 candidates it proves the optimum ~5x sooner
    # than the default level (1.1 s against 6 s for the top 3 at load average 10; bench_partnering.py).
    solver.parameters.linearization_level = 2
    return solver


def _constrain(model, x: list, rule: Rule, candidates: Sequence[Candidate], enforce=None) -> None:
    """Add ``rule`` to the model (only when ``enforce`` is true, if given)."""
    def when(constraint):
        if enforce is not None:
            constraint.only_enforce_if(enforce)

    if rule.kind in ("cover", "fixed"):
        when(model.add_bool_or([x[i] for i in rule.members]) if rule.members else model.add_bool_or([]))
    elif rule.kind == "min_size":
        when(model.add(sum(x) >= rule.bound))
    elif rule.kind == "max_size":
        when(model.add(sum(x) <= rule.bound))
    else:
        by_country: dict[str, list[int]] = defaultdict(list)
        for i, candidate in enumerate(candidates):
            by_country[candidate.country].append(i)
        for members in by_country.values():
            if len(members) > rule.bound:
                when(model.add(sum(x[i] for i in members) <= rule.bound))


def _consortium(chosen: Sequence[int], requirements: Requirements, candidates: Sequence[Candidate]) -> Consortium:
    fixed = set(requirements.fixed)
    order = sorted(chosen, key=lambda i: (candidates[i].id not in fixed, -candidates[i].fit, candidates[i].id))
    ids = tuple(candidates[i].id for i in order)
    covers = {name: tuple(candidates[i].id for i in order if name in candidates[i].competences)
              for name in requirements.competences}
    return Consortium(members=ids, fit=float(sum(candidates[i].fit for i in order)), covers=covers,
                      why={candidates[i].id: _why(candidates[i], order, requirements, candidates, covers)
                           for i in order})


def _why(member: Candidate, order: Sequence[int], requirements: Requirements, candidates: Sequence[Candidate],
         covers: dict[str, tuple[str, ...]]) -> str:
    """Why ``member`` is in the consortium, in words: the core, what only it covers, what else, its fit."""
    parts = []
    if member.id in requirements.fixed:
        parts.append("fixed member of the core")
    only = [name for name, ids in covers.items() if ids == (member.id,)]
    also = [name for name, ids in covers.items() if member.id in ids and len(ids) > 1]
    if only:
        parts.append("the only member covering " + ", ".join(only))
    if also:
        parts.append("also covers " + ", ".join(also))
    same_category = [i for i in order if candidates[i].category == member.category]
    if member.category in requirements.required_categories and len(same_category) == 1:
        parts.append(f"the only member from a {member.category.replace('_', ' ')} region")
    same_country = [i for i in order if candidates[i].country == member.country]
    if member.country in requirements.required_countries and len(same_country) == 1:
        parts.append(f"the only member from {member.country}")
    if not parts:
        parts.append("no rule needs it: chosen for its fit")
    return "; ".join(parts) + f" (fit {member.fit:g})"


def build(requirements: Requirements, candidates: Sequence[Candidate], *, top: int = DEFAULT_TOP,
          time_limit: float = DEFAULT_TIME_LIMIT) -> Result:
    """The ``top`` best distinct consortia in decreasing total fit, or the rules that cannot all be met.

    ``time_limit`` (seconds) bounds the whole search; if it runs out, the consortia found so far
    are returned with ``optimal=False``.
    """
    cp = _cp()
    deadline = time.monotonic() + time_limit
    rules = rule_list(requirements, candidates)
    impossible = [rule for rule in rules if _impossible_alone(rule, requirements, candidates)]
    if impossible:
        return Result((), tuple(_alone_text(rule) for rule in impossible), True)
    model = cp.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(candidates))]
    for rule in rules:
        _constrain(model, x, rule, candidates)
    model.maximize(sum(int(round(c.fit * SCALE)) * v for c, v in zip(candidates, x, strict=True)))
    found: list[Consortium] = []
    optimal = True
    while len(found) < top:
        solver = _solver(deadline - time.monotonic())
        status = solver.solve(model)
        if status not in (cp.OPTIMAL, cp.FEASIBLE):
            optimal = optimal and status == cp.INFEASIBLE
            break
        optimal = optimal and status == cp.OPTIMAL
        chosen = [i for i, v in enumerate(x) if solver.value(v)]
        found.append(_consortium(chosen, requirements, candidates))
        inside = set(chosen)
        model.add(sum(v for i, v in enumerate(x) if i not in inside) + sum(1 - x[i] for i in chosen) >= 1)
        if time.monotonic() >= deadline:
            optimal = False if len(found) < top else optimal
            break
    if found or not optimal:
        return Result(tuple(found), None, optimal)
    return Result((), tuple(rule.text for rule in conflict(rules, candidates, deadline=deadline)), True)


def _impossible_alone(rule: Rule, requirements: Requirements, candidates: Sequence[Candidate]) -> bool:
    if rule.kind == "cover":
        return not rule.members
    if rule.kind == "min_size":
        return rule.bound > len(candidates)
    if rule.kind == "max_size":
        return rule.bound < 1
    return False


def _alone_text(rule: Rule) -> str:
    if rule.kind == "cover":
        return f"{rule.text} (no candidate has it)"
    if rule.kind == "min_size":
        return f"{rule.text} (there are fewer candidates)"
    return rule.text


def conflict(rules: Sequence[Rule], candidates: Sequence[Candidate], *, deadline: float) -> list[Rule]:
    """A minimal subset of ``rules`` that no member set meets (see the module docstring)."""
    cp = _cp()

    def infeasible(subset: Sequence[int]) -> bool:
        # A fresh model with hard constraints each time: the presolve proves most cases at once,
        # where one model with assumption literals took minutes on 2,000 candidates.
        model = cp.CpModel()
        x = [model.new_bool_var(f"x{i}") for i in range(len(candidates))]
        for n in subset:
            _constrain(model, x, rules[n], candidates)
        return _solver(deadline - time.monotonic()).solve(model) == cp.INFEASIBLE

    core = list(range(len(rules)))
    for n in list(core):
        rest = [m for m in core if m != n]
        if rest and infeasible(rest):
            core = rest
    return [rules[n] for n in core]


def brute_force(requirements: Requirements, candidates: Sequence[Candidate], *, top: int = DEFAULT_TOP
                ) -> list[tuple[float, tuple[int, ...]]]:
    """(total fit, member indices) of the ``top`` best feasible member sets (tests only: exponential)."""
    rules = rule_list(requirements, candidates)
    feasible = []
    for size in range(max(requirements.min_size, 0), min(requirements.max_size, len(candidates)) + 1):
        for chosen in itertools.combinations(range(len(candidates)), size):
            if not broken(rules, candidates, chosen):
                feasible.append((sum(candidates[i].fit for i in chosen), chosen))
    feasible.sort(key=lambda item: -item[0])
    return feasible[:top]
