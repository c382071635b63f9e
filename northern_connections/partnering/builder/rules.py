"""What a consortium must satisfy, and which of those rules a given member set breaks.

A rule has a stable key (``"competence:blades"``, ``"max_size"``) so that the solver can switch it
on and off one at a time, and a sentence saying it in words, which is what a user reads when the
rules cannot all be met.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

CATEGORIES = ("more_developed", "transition", "less_developed")


@dataclass(frozen=True)
class Candidate:
    """An organisation that may join: its country, EU region category (``None`` outside the EU),
    competences (or value-chain steps) and fit (its match score for this call)."""

    id: str
    country: str
    category: str | None
    competences: frozenset[str]
    fit: float


@dataclass(frozen=True)
class Requirements:
    """A call's rules for the consortium. ``max_per_country=None`` puts no cap on a country."""

    min_size: int
    max_size: int
    competences: tuple[str, ...] = ()
    required_categories: tuple[str, ...] = ()
    required_countries: tuple[str, ...] = ()
    max_per_country: int | None = None
    fixed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One rule: ``key`` for the solver, ``text`` for people, ``members`` who can satisfy it (or count against it)."""

    key: str
    text: str
    kind: str  # "cover" (at least one of members), "fixed", "min_size", "max_size", "per_country"
    members: tuple[int, ...] = field(default=())
    bound: int = 0


def rule_list(requirements: Requirements, candidates: Sequence[Candidate]) -> list[Rule]:
    """Every rule of ``requirements`` over ``candidates`` (indices into the sequence)."""
    index = {c.id: i for i, c in enumerate(candidates)}
    r = requirements
    rules = [Rule(f"fixed:{fid}", f"fixed: {fid!r} must be a member", "fixed", (index[fid],)) for fid in r.fixed]
    rules.append(Rule("min_size", f"min_size: at least {r.min_size} members", "min_size", bound=r.min_size))
    rules.append(Rule("max_size", f"max_size: at most {r.max_size} members", "max_size", bound=r.max_size))
    rules += [Rule(f"competence:{name}", f"competences: {name!r} must be covered by a member", "cover",
                   tuple(i for i, c in enumerate(candidates) if name in c.competences)) for name in r.competences]
    rules += [Rule(f"category:{name}", f"required_categories: a member from a {name.replace('_', ' ')} region",
                   "cover", tuple(i for i, c in enumerate(candidates) if c.category == name))
              for name in r.required_categories]
    rules += [Rule(f"country:{name}", f"required_countries: a member from {name}", "cover",
                   tuple(i for i, c in enumerate(candidates) if c.country == name)) for name in r.required_countries]
    if r.max_per_country is not None:
        rules.append(Rule("max_per_country", f"max_per_country: at most {r.max_per_country} members per country",
                          "per_country", bound=r.max_per_country))
    return rules


def broken(rules: Iterable[Rule], candidates: Sequence[Candidate], members: Iterable[int]) -> list[Rule]:
    """The rules that the member set (candidate indices) breaks."""
    chosen = set(members)
    per_country = Counter(candidates[i].country for i in chosen)
    out = []
    for rule in rules:
        if rule.kind in ("cover", "fixed"):
            ok = bool(chosen.intersection(rule.members))
        elif rule.kind == "min_size":
            ok = len(chosen) >= rule.bound
        elif rule.kind == "max_size":
            ok = len(chosen) <= rule.bound
        else:
            ok = all(count <= rule.bound for count in per_country.values())
        if not ok:
            out.append(rule)
    return out
