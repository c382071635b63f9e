"""Tests of the window relaxation lower bound, streamed RC2 bounds, annealing restarts and the
exact large-neighbourhood search.

Every lower bound is reported as *proven*, so it must never exceed a brute-forced optimum; every
search must keep the hard rules and the set of scheduled meetings, and never get worse.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from northern_connections.events.scheduling import (
    generate_forum_instance,
    generate_girona_instance,
    parse_instance,
    schedule_to_json,
    solve,
)
from northern_connections.events.scheduling.greedy import greedy_assign
from northern_connections.events.scheduling.lns import ExactLNS, lns
from northern_connections.events.scheduling.localsearch import KempeSearch, anneal_parallel, anneal_restarts
from northern_connections.events.scheduling.maxsat import (
    MaxSatRace,
    WindowBoundRace,
    fixed_block_counts,
    solve_wcnf_inprocess,
)
from northern_connections.events.scheduling.metrics import agenda_cost, check_hard_rules

from .test_scheduling_properties import SETTINGS, brute_force, parse_or_skip, small_instances


def _ids(inst, slot_of):
    return {inst.meetings[mi].id: inst.slots[s].id for mi, s in slot_of.items()}


def _all_fit_optimum(data, inst):
    """Brute-force fewest breaks among schedules placing every schedulable meeting, or None."""
    best = brute_force(data)
    if best is None or best[0] != sum(m.priority for m in inst.meetings if m.allowed):
        return None
    return -best[1]


@st.composite
def window_instances(draw):
    """One or two blocks of up to 6 slots, few participants, meetings often tied to one block:
    the setting in which meeting counts per block are fixed and windows propagate."""
    n_blocks = draw(st.integers(1, 2))
    slots = []
    for b in range(n_blocks):
        for i in range(draw(st.integers(3, 6 if n_blocks == 1 else 4))):
            slots.append({"id": f"b{b}s{i}", "block": f"b{b}"})
    ids = [s["id"] for s in slots]
    n_p = draw(st.integers(2, 4))
    participants = []
    for p in range(n_p):
        avail = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)) if draw(st.booleans()) else None
        participants.append({"id": f"p{p}", "available": avail})
    pairs = [(a, b) for a in range(n_p) for b in range(a + 1, n_p)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=min(5, len(pairs)), unique=True))
    meetings = []
    for k, (a, b) in enumerate(chosen):
        m = {"id": f"m{k}", "participants": [f"p{a}", f"p{b}"]}
        if n_blocks == 2 and draw(st.booleans()):
            bl = draw(st.integers(0, 1))
            m["slots"] = [s["id"] for s in slots if s["block"] == f"b{bl}"]
        meetings.append(m)
    tables = {}
    if draw(st.booleans()):
        tables = {f"b{b}": draw(st.integers(1, 2)) for b in range(n_blocks)}
    return {"slots": slots, "tables": tables, "participants": participants, "meetings": meetings}


# ---------------------------------------------------------------------------- window bound


@SETTINGS
@given(st.one_of(small_instances(max_meetings=7), window_instances()))
def test_window_bound_never_exceeds_brute_force_optimum(data):
    inst = parse_or_skip(data)
    opt = _all_fit_optimum(data, inst)
    assume(opt is not None)
    res = solve_wcnf_inprocess(inst, window=True)
    assert res is not None  # everything fits, so the hard part is satisfiable
    cost, slot_of = res
    assert cost <= opt
    # its model is a valid schedule of every meeting, with at least ``cost`` breaks
    assert set(slot_of) == {mi for mi, m in enumerate(inst.meetings) if m.allowed}
    assert not check_hard_rules(inst, _ids(inst, slot_of))
    assert agenda_cost(inst, slot_of)[0] >= cost


@SETTINGS
@given(window_instances())
def test_exact_maxsat_matches_brute_force(data):
    inst = parse_or_skip(data)
    opt = _all_fit_optimum(data, inst)
    assume(opt is not None)
    cost, slot_of = solve_wcnf_inprocess(inst, window=False)
    assert cost == opt == agenda_cost(inst, slot_of)[0]


def test_fixed_block_counts():
    data = {
        "slots": ([{"id": f"a{i}", "block": "am"} for i in range(3)]
                  + [{"id": f"p{i}", "block": "pm"} for i in range(3)]),
        "participants": [{"id": "x"}, {"id": "y", "available": ["a0", "a1", "a2"]}, {"id": "z"}, {"id": "w"}],
        "meetings": [
            {"id": "m1", "participants": ["x", "y"]},  # y attends the morning only
            {"id": "m2", "participants": ["x", "z"], "slots": ["p0", "p1"]},
            {"id": "m3", "participants": ["y", "z"]},
            {"id": "m4", "participants": ["w", "z"]},  # may go to either block
        ],
    }
    inst = parse_instance(data)
    counts = fixed_block_counts(inst)
    x, y, z, w = (inst.participant_index[k] for k in "xyzw")
    assert counts[(x, 0)] == 1 and counts[(x, 1)] == 1
    assert counts[(y, 0)] == 2
    # z has a meeting (m4) that may go to either block, so z's counts are unknown; so are w's
    assert all(k[0] not in (z, w) for k in counts)


def test_window_bound_sees_forced_gap_and_streams_it():
    # p0 meets p1 and p2, who can only make the first and the third slot: one break is forced
    data = {
        "slots": [{"id": f"s{i}", "block": "am"} for i in range(4)],
        "participants": [{"id": "p0"}, {"id": "p1", "available": ["s0", "s2"]},
                         {"id": "p2", "available": ["s0", "s2"]}],
        "meetings": [{"id": "a", "participants": ["p0", "p1"]}, {"id": "b", "participants": ["p0", "p2"]}],
    }
    inst = parse_instance(data)
    assert solve_wcnf_inprocess(inst)[0] == 1
    for cls in (WindowBoundRace, MaxSatRace):
        race = cls(inst)
        try:
            assert race.wait(30)
            assert race.lower_bound == 1 and race.result()[0] == 1
        finally:
            race.stop()


def test_window_race_proves_breaks_on_girona_instance():
    inst = parse_instance(generate_girona_instance(45, 125, sessions=2, seed=1))
    best = anneal_parallel(inst, greedy_assign(inst, time_limit=2), time_limit=3, seed=0)
    race = WindowBoundRace(inst)
    try:
        race.wait(5)
        # whatever it reached is a lower bound on every schedule, in particular the annealed one
        assert race.lower_bound <= agenda_cost(inst, best)[0]
    finally:
        race.stop()


# ---------------------------------------------------------------------------- searches


@SETTINGS
@given(small_instances(max_meetings=7), st.integers(0, 3))
def test_exact_lns_keeps_hard_rules_and_never_worsens(data, seed):
    inst = parse_or_skip(data)
    start = greedy_assign(inst, time_limit=1, seed=seed)
    out = lns(inst, start, time_limit=0.3, seed=seed)
    assert set(out) == set(start)
    assert not check_hard_rules(inst, _ids(inst, out))
    assert agenda_cost(inst, out) <= agenda_cost(inst, start)


@SETTINGS
@given(small_instances(max_meetings=7), st.integers(0, 3))
def test_lns_subproblem_with_everything_free_is_optimal(data, seed):
    inst = parse_or_skip(data)
    opt = _all_fit_optimum(data, inst)
    start = greedy_assign(inst, time_limit=1, seed=seed)
    assume(opt is not None and len(start) == sum(1 for m in inst.meetings if m.allowed))
    search = ExactLNS(inst, start, seed=seed)
    res, proven = search.solve_sub(set(search.movable), 10.0)
    cand = dict(start)
    cand.update(res)
    assert proven
    assert not check_hard_rules(inst, _ids(inst, cand))
    assert agenda_cost(inst, cand)[0] == opt


@pytest.mark.parametrize("maker", [
    lambda: generate_forum_instance(45, 125, seed=11, blocks=2, slots=10),
    lambda: generate_girona_instance(60, 200, sessions=2, seed=2),
])
def test_lns_and_restarts_on_event_sized_instances(maker):
    inst = parse_instance(maker())
    start = greedy_assign(inst, time_limit=2)
    for out in (lns(inst, start, time_limit=2, seed=1),
                anneal_restarts(inst, start, time_limit=3, seed=1, rounds=3)):
        assert set(out) == set(start)
        assert not check_hard_rules(inst, _ids(inst, out))
        assert agenda_cost(inst, out) <= agenda_cost(inst, start)


def test_annealing_stops_at_an_external_lower_bound():
    inst = parse_instance(generate_girona_instance(60, 200, sessions=2, seed=2))
    start = greedy_assign(inst, time_limit=2)
    # one run stops at its first look at the bound (every 256 moves), not at its time limit
    ks = KempeSearch(inst, start, seed=0)
    ks.run(600, external_lb=lambda: 10**6)
    assert ks.iterations == 256
    # the parallel runs stop after the first poll that shares the bound with them
    polls = []
    out = anneal_parallel(inst, start, time_limit=600, seed=0, external_lb=lambda: polls.append(1) or 10**6)
    assert len(polls) == 1
    assert set(out) == set(start)
    assert not check_hard_rules(inst, _ids(inst, out))


def test_solver_reports_window_bound_as_proven():
    data = generate_girona_instance(45, 125, sessions=2, seed=1)
    out = schedule_to_json(solve(data, time_limit=8))
    st_ = out["stats"]
    assert st_["scheduled"] == st_["requested"]
    assert st_["bound_breaks"] is not None and st_["bound_breaks"] <= st_["breaks"]
