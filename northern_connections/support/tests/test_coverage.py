"""The coverage analysis on constructed cases (plain Python, no database)."""

from datetime import date

import pytest

from northern_connections.support.coverage import (
    ALL,
    ANY,
    LOCAL,
    NATIONAL,
    CoverageIndex,
    Measure,
    bottleneck_runs,
    related,
)

STEPS = ("design", "om")
CHAIN = "offshore-wind"
TODAY = date(2026, 6, 1)


def measure(pk, areas=("DK03",), low=None, high=None, steps=("om",), chains=(CHAIN,), eligibility=LOCAL, **kw):
    return Measure(id=pk, areas=tuple(areas), trl_min=low, trl_max=high, steps=frozenset(steps),
                   value_chains=frozenset(chains), eligibility=eligibility, **kw)


def index(*measures):
    return CoverageIndex(measures, steps=STEPS, today=TODAY)


def test_every_step_and_trl_has_a_cell_even_without_measures():
    analysis = index().analyse(scope="DK03", value_chain=CHAIN)
    assert [(c.step, c.trl) for c in analysis.cells] == [(s, t) for s in STEPS for t in range(5, 10)]
    assert len(analysis.gaps) == 10 and analysis.bottlenecks == []


def test_edge_trls_five_and_nine_are_inside_the_matrix():
    analysis = index(measure(1, low=5, high=5), measure(2, low=9, high=9)).analyse(scope="DK03", value_chain=CHAIN)
    assert analysis.cell("om", 5).measures == (1,)
    assert analysis.cell("om", 9).measures == (2,)
    assert [c.trl for c in analysis.gaps if c.step == "om"] == [6, 7, 8]
    # TRL 6-8 lie between two covered levels: one bottleneck of three levels.
    assert analysis.bottlenecks == [("om", (6, 7, 8))]


def test_open_ended_ranges_reach_trl_one_and_nine():
    low_open, high_open = measure(1, high=6), measure(2, low=8)
    analysis = index(low_open, high_open).analyse(scope="DK03", value_chain=CHAIN)
    assert [c.count for c in analysis.cells if c.step == "om"] == [1, 1, 0, 1, 1]
    assert analysis.bottlenecks == [("om", (7,))]
    assert low_open.covers_trl(1) and high_open.covers_trl(9) and not high_open.covers_trl(7)


def test_a_range_below_five_covers_nothing_in_the_matrix():
    analysis = index(measure(1, low=1, high=4)).analyse(scope="DK03", value_chain=CHAIN)
    assert all(c.count == 0 for c in analysis.cells)


def test_uncovered_ends_are_gaps_but_not_bottlenecks():
    assert bottleneck_runs([False, True, True, False, False]) == []
    assert bottleneck_runs([True, False, True, False, True]) == [(6,), (8,)]
    assert bottleneck_runs([False] * 5) == []


def test_thin_cells_have_exactly_one_measure():
    analysis = index(measure(1, low=5, high=7), measure(2, low=7, high=9)).analyse(scope="DK03", value_chain=CHAIN)
    assert [(c.step, c.trl) for c in analysis.thin] == [("om", 5), ("om", 6), ("om", 8), ("om", 9)]
    assert analysis.cell("om", 7).measures == (1, 2)


def test_horizontal_measures_cover_every_step_and_chain():
    analysis = index(measure(1, steps=(), chains=(), low=5, high=9)).analyse(scope="DK03", value_chain="hydrogen")
    assert all(c.measures == (1,) for c in analysis.cells)


def test_scope_nests_by_nuts_prefix():
    national, sub_regional, other = measure(1, areas=("DK",)), measure(2, areas=("DK032",)), measure(3, areas=("NO0A",))
    built = index(national, sub_regional, other)
    assert built.analyse(scope="DK03", value_chain=CHAIN).cell("om", 7).measures == (1, 2)
    assert built.analyse(scope="DK", value_chain=CHAIN).cell("om", 7).measures == (1, 2)
    assert built.analyse(scope=ALL, value_chain=CHAIN).cell("om", 7).measures == (1, 2, 3)
    assert related("DK", "DK03") and related("DK032", "DK03") and not related("DK01", "DK03")


def test_target_groups_decide_who_the_matrix_is_for():
    analysis = index(measure(1, target_groups=frozenset({"knowledge_institution"}))).analyse(
        scope="DK03", value_chain=CHAIN)
    assert analysis.cell("om", 7).count == 0


def test_a_measure_closed_to_foreign_smes_is_never_suggested_abroad():
    closed = measure(1, areas=("NO0A",), eligibility=LOCAL)
    national_only = measure(2, areas=("NO0A",), eligibility=NATIONAL)
    open_abroad = measure(3, areas=("NO0A",), eligibility=ANY)
    built = index(closed, national_only, open_abroad)
    analysis = built.analyse(scope="DK03", value_chain=CHAIN)
    assert {c.measure.id for c in analysis.complements} == {3}
    _, abroad = built.applicable(value_chain=CHAIN, step="om", trl=6, region="DK03", group="sme")
    assert [r.measure.id for r in abroad] == [3]
    nav = built.navigate(value_chain=CHAIN, step="om", trl=6, region="DK03")
    assert all(r.measure.id == 3 for level in nav.pathway for r in level.abroad)


def test_national_eligibility_opens_a_measure_to_other_regions_of_its_country():
    elsewhere_in_denmark = measure(1, areas=("DK01",), eligibility=NATIONAL)
    analysis = index(elsewhere_in_denmark).analyse(scope="DK03", value_chain=CHAIN)
    assert {(c.step, c.trl, c.measure.id) for c in analysis.complements} == {("om", t, 1) for t in range(5, 10)}
    assert "open to SMEs from the whole country" in analysis.complements[0].ranked.why
    assert index(elsewhere_in_denmark).analyse(scope="NO0A", value_chain=CHAIN).complements == []


def test_complements_fill_only_gaps_and_come_ranked_with_reasons():
    home = measure(1, low=5, high=6)
    generic = measure(2, areas=("NL32",), eligibility=ANY, steps=(), chains=(), low=7, high=7)
    specific = measure(3, areas=("DEF0",), eligibility=ANY, low=7, high=9, kind="test_facility",
                       verified_on=date(2026, 3, 1))
    analysis = index(home, generic, specific).analyse(scope="DK03", value_chain=CHAIN)
    at_seven = [c.measure.id for c in analysis.complements if (c.step, c.trl) == ("om", 7)]
    assert at_seven == [3, 2]
    assert not any(c.trl in (5, 6) and c.step == "om" for c in analysis.complements)
    best = next(c for c in analysis.complements if c.measure.id == 3 and c.trl == 7)
    assert best.measure.region == "DEF0"
    assert "also covers TRL 8, 9" in best.ranked.why and "verified on 2026-03-01" in best.ranked.why
    assert "not verified in the last year" in next(c for c in analysis.complements if c.measure.id == 2).ranked.why


def test_the_whole_area_has_no_complements():
    analysis = index(measure(1, areas=("NO0A",), eligibility=ANY, low=5, high=5)).analyse(scope=ALL, value_chain=CHAIN)
    assert analysis.gaps and analysis.complements == []


def test_json_contract():
    data = index(measure(1, low=5, high=5), measure(2, low=7, high=7),
                 measure(3, areas=("SE22",), eligibility=ANY, low=6, high=6)).analyse(
        scope="DK03", value_chain=CHAIN).to_dict()
    assert set(data) == {"scope", "value_chain", "cells", "gaps", "bottlenecks", "complements"}
    assert len(data["cells"]) == 10 and data["cells"][0] == {"step": "design", "trl": 5, "measures": []}
    assert {"step": "om", "trls": [6]} in data["bottlenecks"]
    assert data["complements"] == [{"step": "om", "trl": 6, "measure": 3, "region": "SE22",
                                    "why": data["complements"][0]["why"]}]


def test_navigator_pathway_runs_from_the_next_trl_to_nine():
    at_home = measure(1, low=6, high=7)
    abroad = measure(2, areas=("UKM5",), eligibility=ANY, low=8, high=9)
    nav = index(at_home, abroad).navigate(value_chain=CHAIN, step="om", trl=6, region="DK03")
    assert [r.measure.id for r in nav.home] == [1] and nav.abroad == ()
    assert [level.trl for level in nav.pathway] == [7, 8, 9]
    assert [[r.measure.id for r in level.home + level.abroad] for level in nav.pathway] == [[1], [2], [2]]


@pytest.mark.parametrize("trl", [5, 9])
def test_region_counts_count_each_measure_once(trl):
    twice_in_region = measure(1, areas=("DK031", "DK032"), low=5, high=9)
    national = measure(2, areas=("DK",), low=5, high=9)
    counts = index(twice_in_region, national).region_counts(regions=["DK03", "DK01", "NO0A"], value_chain=CHAIN,
                                                            trl=trl)
    assert counts == {"DK03": 2, "DK01": 1, "NO0A": 0}
