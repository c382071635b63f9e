"""A plain-language reason for every selected and rejected candidate.

:func:`reason_for` decides *why* (a code and the facts behind it, plain values); :func:`render`
puts it into words. The words are marked with ``_`` so that ``makemessages`` collects them into
the app's catalogue, and :func:`render` takes the translating function (Django's ``gettext`` on
the web, the identity in the batch command), which keeps this module free of Django.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .sensitivity import robustness

if TYPE_CHECKING:
    from .run import Problem
    from .selection import Rules


def _(text: str) -> str:  # marks a string for makemessages; render() translates it
    return text


SELECTED = "selected"
SELECTED_BY_RULE = "selected-by-rule"
REJECTED = "rejected"
REJECTED_BY_RULE = "rejected-by-rule"

TEXTS = {
    SELECTED: _("Selected: rank {region_rank} of {region_size} in region {region} with a score of {score} "
                "(k = {k} per region)."),
    SELECTED_BY_RULE: _("Selected although it ranks {region_rank} of {region_size} in region {region} "
                        "(score {score}): {displaced}, ranked higher, could not be chosen because of the rule: {rule}"),
    REJECTED: _("Not selected: rank {region_rank} of {region_size} in region {region} with a score of {score}; "
                "the last selected candidate there scores {cutoff} ({gap} more)."),
    REJECTED_BY_RULE: _("Not selected although it ranks {region_rank} of {region_size} in region {region} "
                        "(score {score}): {rule}"),
}
RULE_TEXTS = {
    "host": _("at most {limit} Living Lab(s) per host organisation, and {host} already hosts a selected one."),
    "value-chains": _("country {country} needs at least {limit} different value chains among its selected labs."),
}
STANDING = _("Strongest on “{strongest}”, weakest on “{weakest}”.")
FREQUENCY = {
    "robust-in": _("Selected in {percent} of {samples} weight variations (±{perturb}): a robust choice."),
    "robust-out": _("Selected in {percent} of {samples} weight variations (±{perturb}): robustly not chosen."),
    "hinges": _("Selected in {percent} of {samples} weight variations (±{perturb}): the choice hinges on the "
                "weights."),
}
HINGE = {
    1: _("It is selected more often when “{criterion}” weighs more."),
    -1: _("It is selected more often when “{criterion}” weighs less."),
}


@dataclass(frozen=True)
class Reason:
    """Why one candidate is (not) selected: a code from this module and the facts for the words."""

    code: str
    facts: dict = field(default_factory=dict)
    rule: str | None = None  # "host" / "value-chains" for the *_BY_RULE codes
    rule_facts: dict = field(default_factory=dict)
    frequency: float | None = None
    hinge: str | None = None
    hinge_sign: int = 0

    @property
    def is_selected(self) -> bool:
        return self.code in (SELECTED, SELECTED_BY_RULE)


def _rule_behind(i: int, problem: Problem, chosen: set[int], rules: Rules) -> tuple[str, dict]:
    pool = problem.pool
    if rules.max_per_host is not None:
        for host in sorted(pool.hosts[i]):
            others = sum(1 for j in chosen if j != i and host in pool.hosts[j])
            if others >= rules.max_per_host:
                return "host", {"limit": rules.max_per_host, "host": host}
    if rules.min_value_chains_per_country is None:  # only the host rule is on: name its first host
        return "host", {"limit": rules.max_per_host, "host": min(pool.hosts[i], default="?")}
    return "value-chains", {"limit": rules.min_value_chains_per_country, "country": pool.countries[i]}


def reason_for(i: int, *, problem: Problem, scores: np.ndarray, chosen: set[int], unconstrained: set[int],
               rules: Rules, region_rank: int, standing: np.ndarray, frequency: float | None,
               hinge: str | None, hinge_sign: int) -> Reason:
    """The reason for candidate ``i`` (see the codes above)."""
    pool = problem.pool
    region = pool.regions[i]
    members = pool.by_region[region]
    facts = {"region": region, "region_rank": region_rank, "region_size": len(members), "k": rules.per_region,
             "score": f"{scores[i]:.3f}", "strongest": problem.criteria[int(np.argmax(standing))],
             "weakest": problem.criteria[int(np.argmin(standing))]}
    rule, rule_facts = None, {}
    if i in chosen:
        code = SELECTED if i in unconstrained else SELECTED_BY_RULE
        if code == SELECTED_BY_RULE:
            displaced = min(j for j in members if j in unconstrained and j not in chosen)
            rule, rule_facts = _rule_behind(int(displaced), problem, chosen, rules)
            facts["displaced"] = problem.candidates[displaced]
    elif i in unconstrained:
        code = REJECTED_BY_RULE
        rule, rule_facts = _rule_behind(i, problem, chosen, rules)
    else:
        code = REJECTED
        cutoff = min(float(scores[j]) for j in members if j in chosen)
        facts |= {"cutoff": f"{cutoff:.3f}", "gap": f"{cutoff - scores[i]:.3f}"}
    return Reason(code, facts, rule, rule_facts, frequency, hinge, hinge_sign)


def render(reason: Reason, *, translate: Callable[[str], str] = str, names: Mapping[str, str] | None = None,
           samples: int | None = None, perturb: float | None = None) -> str:
    """The reason in words; ``names`` maps criterion ids (and hosts, regions) to what people call them."""
    names = names or {}

    def named(value):
        return names.get(value, value) if isinstance(value, str) else value

    facts = {key: named(value) for key, value in reason.facts.items()}
    if reason.rule:
        facts["rule"] = translate(RULE_TEXTS[reason.rule]).format(
            **{key: named(value) for key, value in reason.rule_facts.items()})
    parts = [translate(TEXTS[reason.code]).format(**facts), translate(STANDING).format(**facts)]
    if reason.frequency is not None and samples:
        parts.append(translate(FREQUENCY[robustness(reason.frequency)]).format(
            percent=f"{reason.frequency:.0%}", samples=f"{samples:,}", perturb=f"{perturb or 0:.0%}"))
        if reason.hinge is not None and reason.hinge_sign:
            parts.append(translate(HINGE[reason.hinge_sign]).format(criterion=named(reason.hinge)))
    return " ".join(parts)
