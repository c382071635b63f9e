"""A call's eligibility rules evaluated on a consortium's members (plain Python): the live checklist.

Each rule the call sets becomes one line: met or not, and what is missing. Rules the call does
not set do not appear. Members who declined do not count; invited ones do (the checklist shows
the consortium as it would be if everyone joins), and a line says how many have not answered yet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

CATEGORY_LABELS = {"more_developed": "more developed", "transition": "transition", "less_developed": "less developed"}


@dataclass(frozen=True)
class Member:
    name: str
    country: str
    category: str | None
    budget: int
    joined: bool


@dataclass(frozen=True)
class Rules:
    min_partners: int | None = None
    min_countries: int | None = None
    eligible_countries: tuple[str, ...] = ()
    required_categories: tuple[str, ...] = ()
    budget_min: int | None = None
    budget_max: int | None = None


@dataclass(frozen=True)
class Check:
    key: str  # min_partners, min_countries, countries, category:<c>, budget_min, budget_max, answers
    met: bool
    values: dict  # numbers and names for the page's translated sentence


def checklist(rules: Rules, members: list[Member]) -> list[Check]:
    """One check per rule the call sets (see the module docstring)."""
    checks = []
    countries = Counter(m.country for m in members)
    if rules.min_partners:
        checks.append(Check("min_partners", len(members) >= rules.min_partners,
                            {"needed": rules.min_partners, "have": len(members)}))
    if rules.min_countries:
        checks.append(Check("min_countries", len(countries) >= rules.min_countries,
                            {"needed": rules.min_countries, "have": len(countries)}))
    if rules.eligible_countries:
        outside = sorted({m.name for m in members if m.country not in rules.eligible_countries})
        checks.append(Check("countries", not outside, {"outside": ", ".join(outside)}))
    present = {m.category for m in members}
    for category in rules.required_categories:
        checks.append(Check(f"category:{category}", category in present,
                            {"category": CATEGORY_LABELS.get(category, category)}))
    total = sum(m.budget for m in members)
    if rules.budget_min:
        checks.append(Check("budget_min", total >= rules.budget_min, {"limit": rules.budget_min, "total": total}))
    if rules.budget_max:
        checks.append(Check("budget_max", total <= rules.budget_max, {"limit": rules.budget_max, "total": total}))
    waiting = sum(1 for m in members if not m.joined)
    checks.append(Check("answers", waiting == 0, {"waiting": waiting}))
    return checks
