"""The consortium builder (issue 17 item 4): optimum against brute force, distinct top 3, explanations."""

import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from northern_connections.partnering.builder.rules import CATEGORIES, Candidate, Requirements, broken, rule_list
from northern_connections.partnering.builder.solver import brute_force, build, conflict


def candidate(cid, country="DK", category="more_developed", competences=(), fit=1.0):
    return Candidate(cid, country, category, frozenset(competences), float(fit))


POOL = [
    candidate("no-1", "NO", None, ["blades", "cables"], 0.9),
    candidate("dk-1", "DK", "more_developed", ["blades"], 0.8),
    candidate("dk-2", "DK", "transition", ["installation"], 0.4),
    candidate("se-1", "SE", "less_developed", ["cables"], 0.3),
    candidate("se-2", "SE", "more_developed", ["installation", "blades"], 0.7),
]


def test_the_best_consortium_covers_every_competence_and_says_why():
    # Given rules that need a transition and a less developed region
    rules = Requirements(min_size=2, max_size=4, competences=("blades", "cables", "installation"),
                         required_categories=("transition", "less_developed"), max_per_country=2, fixed=("dk-1",))
    # When the builder runs
    result = build(rules, POOL, top=1)
    # Then the best consortium keeps every rule and explains each member
    best = result.consortia[0]
    assert result.optimal and result.infeasible is None
    assert best.members[0] == "dk-1" and set(best.members) == {"dk-1", "no-1", "dk-2", "se-1"}
    assert best.fit == pytest.approx(2.4)
    assert best.covers == {"blades": ("dk-1", "no-1"), "cables": ("no-1", "se-1"), "installation": ("dk-2",)}
    assert best.why["dk-1"].startswith("fixed member of the core")
    assert "the only member covering installation" in best.why["dk-2"]
    assert "the only member from a transition region" in best.why["dk-2"]
    assert "the only member from a less developed region" in best.why["se-1"]


def test_top_three_are_distinct_and_in_decreasing_fit():
    rules = Requirements(min_size=2, max_size=3, competences=("blades",))
    result = build(rules, POOL, top=3)
    assert len({frozenset(c.members) for c in result.consortia}) == 3
    fits = [c.fit for c in result.consortia]
    assert fits == sorted(fits, reverse=True) == pytest.approx([x for x, _ in brute_force(rules, POOL, top=3)])


def test_fewer_consortia_than_asked_when_fewer_exist():
    rules = Requirements(min_size=5, max_size=5)
    result = build(rules, POOL, top=3)
    assert len(result.consortia) == 1 and result.optimal


def test_a_competence_nobody_offers_is_named_with_the_reason():
    rules = Requirements(min_size=2, max_size=3, competences=("blades", "welding", "dredging"))
    result = build(rules, POOL)
    assert result.consortia == ()
    assert result.infeasible == ("competences: 'welding' must be covered by a member (no candidate has it)",
                                 "competences: 'dredging' must be covered by a member (no candidate has it)")


def test_conflicting_rules_are_reduced_to_the_ones_that_clash():
    # Three categories and a cap of two members cannot go together; the competence is not to blame.
    rules = Requirements(min_size=1, max_size=2, competences=("blades",), required_categories=CATEGORIES)
    result = build(rules, POOL)
    assert result.infeasible == ("max_size: at most 2 members",
                                 "required_categories: a member from a more developed region",
                                 "required_categories: a member from a transition region",
                                 "required_categories: a member from a less developed region")


def test_per_country_cap_against_the_fixed_core():
    rules = Requirements(min_size=2, max_size=5, max_per_country=1, fixed=("dk-1", "dk-2"))
    assert build(rules, POOL).infeasible == ("fixed: 'dk-1' must be a member", "fixed: 'dk-2' must be a member",
                                             "max_per_country: at most 1 members per country")


def test_a_time_limit_returns_what_was_found_unproven():
    pool = [candidate(f"c{i}", ["DK", "SE", "NO", "NL"][i % 4], CATEGORIES[i % 3], [f"k{i % 7}"], (i * 37) % 101)
            for i in range(300)]
    rules = Requirements(min_size=5, max_size=12, competences=tuple(f"k{j}" for j in range(7)), max_per_country=3)
    start = time.monotonic()
    result = build(rules, pool, top=20, time_limit=0.05)
    assert time.monotonic() - start < 30  # bounded, not timed: the limit is checked between solves
    assert not result.optimal or len(result.consortia) == 20


# ------------------------------------------------------------------ properties against brute force

COMPETENCES = ("a", "b", "c")
COUNTRIES = ("NO", "DK", "SE")


@st.composite
def instances(draw):
    n = draw(st.integers(1, 7))
    pool = [candidate(f"c{i}", draw(st.sampled_from(COUNTRIES)), draw(st.sampled_from((None, *CATEGORIES))),
                      draw(st.sets(st.sampled_from(COMPETENCES), max_size=2)), draw(st.integers(-3, 20)) / 4)
            for i in range(n)]
    low = draw(st.integers(1, 4))
    high = draw(st.integers(1, 6))
    assume(low <= high)
    rules = Requirements(
        min_size=low, max_size=high, competences=tuple(draw(st.sets(st.sampled_from(COMPETENCES)))),
        required_categories=tuple(draw(st.sets(st.sampled_from(CATEGORIES), max_size=2))),
        required_countries=tuple(draw(st.sets(st.sampled_from(COUNTRIES), max_size=2))),
        max_per_country=draw(st.none() | st.integers(1, 3)),
        fixed=tuple(draw(st.sets(st.sampled_from([c.id for c in pool]), max_size=2))))
    return rules, pool


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances(), st.integers(1, 3))
def test_top_k_fits_equal_brute_force(instance, top):
    rules, pool = instance
    expected = brute_force(rules, pool, top=top)
    result = build(rules, pool, top=top)
    assert result.optimal
    assert [c.fit for c in result.consortia] == pytest.approx([fit for fit, _ in expected])
    index = {c.id: i for i, c in enumerate(pool)}
    for consortium in result.consortia:
        assert not broken(rule_list(rules, pool), pool, [index[m] for m in consortium.members])
    assert len({frozenset(c.members) for c in result.consortia}) == len(result.consortia)
    assert (result.infeasible is None) == bool(expected)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances())
def test_the_explanation_is_a_minimal_conflict(instance):
    rules, pool = instance
    assume(not brute_force(rules, pool, top=1))
    every = rule_list(rules, pool)
    clash = conflict(every, pool, deadline=time.monotonic() + 30)
    feasible = [members for size in range(len(pool) + 1) for members in _subsets(len(pool), size)]

    def meets(subset):
        return any(not broken(subset, pool, members) for members in feasible)

    assert not meets(clash)
    for left_out in clash:
        assert meets([rule for rule in clash if rule is not left_out])


def _subsets(n, size):
    from itertools import combinations

    return combinations(range(n), size)
