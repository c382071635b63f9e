"""Exactly k per region plus rules: the exact solver against brute force (property-based)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from northern_connections.livinglabs.shortlist.selection import (
    CP_SAT,
    TOP_K,
    ExactSelector,
    Infeasible,
    Pool,
    Rules,
    brute_force,
    select,
    violations,
)


def test_without_rules_the_k_best_of_each_region():
    pool = Pool.of(["A", "A", "A", "B", "B"])
    chosen = select(pool, [0.1, 0.9, 0.5, 0.3, 0.2], Rules(per_region=2))
    assert chosen.chosen == (1, 2, 3, 4) and chosen.solver == TOP_K


def test_ties_go_to_the_earlier_candidate():
    assert select(Pool.of(["A", "A", "A"]), [0.5, 0.5, 0.5], Rules(per_region=1)).chosen == (0,)


def test_host_rule_moves_the_choice_where_it_costs_least():
    # Given host h runs the best lab of both regions, and one lab per host is allowed
    pool = Pool.of(["A", "A", "B", "B"], hosts=[["h"], ["x"], ["h"], ["y"]])
    scores = [0.9, 0.8, 0.9, 0.2]
    # then greedy (h in A, then y in B) gives 1.1; the optimum keeps h in B and takes x in A: 1.7
    result = select(pool, scores, Rules(per_region=1, max_per_host=1))
    assert result.solver == CP_SAT and result.chosen == (1, 2) and result.objective == pytest.approx(1.7)


def test_value_chain_rule_per_country():
    pool = Pool.of(["NO01", "NO01", "NO02", "NO02"], value_chains=[["wind"], ["solar"], ["wind"], ["wind"]])
    result = select(pool, [0.1, 0.0, 0.9, 0.8], Rules(per_region=1, min_value_chains_per_country=2))
    assert result.chosen == (1, 2)
    assert not violations(pool, result.chosen, Rules(per_region=1, min_value_chains_per_country=2))


def test_short_regions_and_impossible_rules_are_explained():
    with pytest.raises(Infeasible, match="region B has 1 candidate"):
        select(Pool.of(["A", "A", "B"]), [1, 2, 3], Rules(per_region=2))
    pool = Pool.of(["NO01", "NO02"], value_chains=[["wind"], ["wind"]])
    with pytest.raises(Infeasible, match="country NO has candidates in only 1 value chain"):
        select(pool, [1, 1], Rules(per_region=1, min_value_chains_per_country=2))
    with pytest.raises(Infeasible, match="at most 1 per host organisation"):
        select(Pool.of(["A", "B"], hosts=[["h"], ["h"]]), [1, 1], Rules(per_region=1, max_per_host=1))


@st.composite
def instances(draw):
    regions = draw(st.integers(1, 3))
    names, hosts, chains = [], [], []
    for r in range(regions):
        for _ in range(draw(st.integers(1, 5))):
            names.append(f"{'NO' if r < 2 else 'DK'}{r}")
            hosts.append(draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=2, unique=True)))
            chains.append(draw(st.lists(st.sampled_from(["wind", "solar", "h2"]), min_size=1, max_size=2,
                                        unique=True)))
    scores = draw(st.lists(st.integers(0, 100), min_size=len(names), max_size=len(names)))
    rules = Rules(per_region=draw(st.integers(1, 2)), max_per_host=draw(st.sampled_from([None, 1, 2])),
                  min_value_chains_per_country=draw(st.sampled_from([None, 1, 2, 3])))
    return Pool.of(names, hosts=hosts, value_chains=chains), np.array(scores) / 100, rules


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_solver_finds_the_brute_force_optimum(instance):
    pool, scores, rules = instance
    assume(all(len(ix) >= rules.per_region for ix in pool.by_region.values()))
    best = brute_force(pool, scores, rules)
    if best is None:
        with pytest.raises(Infeasible):
            select(pool, scores, rules)
    else:
        found = select(pool, scores, rules)
        assert not violations(pool, found.chosen, rules)
        assert all(sum(1 for i in found.chosen if pool.regions[i] == r) == rules.per_region for r in pool.by_region)
        assert found.objective == pytest.approx(best.objective, abs=1e-5)


def test_one_exact_model_solves_many_objectives():
    pool = Pool.of(["A", "A", "B", "B"], hosts=[["h"], ["x"], ["h"], ["y"]])
    exact = ExactSelector(pool, Rules(per_region=1, max_per_host=1))
    assert exact.solve(np.array([0.9, 0.8, 0.9, 0.2])).chosen == (1, 2)
    assert exact.solve(np.array([0.9, 0.1, 0.5, 0.4])).chosen == (0, 3)
