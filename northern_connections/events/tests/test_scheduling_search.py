"""Tests of the break-phase machinery: Kempe-chain annealing, per-participant break bounds and
the Girona-shaped instance generator.

The bound must never exceed a brute-forced optimum (it is reported as *proven*), and the local
search must never break a hard rule nor change which meetings are scheduled.
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
from northern_connections.events.scheduling.bounds import participant_break_bounds
from northern_connections.events.scheduling.greedy import greedy_assign
from northern_connections.events.scheduling.localsearch import KempeSearch, anneal
from northern_connections.events.scheduling.metrics import agenda_cost, check_hard_rules

from .test_scheduling_properties import SETTINGS, brute_force, parse_or_skip, small_instances, violations


def _ids(inst, slot_of):
    return {inst.meetings[mi].id: inst.slots[s].id for mi, s in slot_of.items()}


# ---------------------------------------------------------------------------- lower bound


@SETTINGS
@given(small_instances(max_meetings=7))
def test_participant_break_bound_never_exceeds_brute_force_optimum(data):
    inst = parse_or_skip(data)
    best = brute_force(data)
    schedulable_weight = sum(m.priority for m in inst.meetings if m.allowed)
    # the bound is valid among schedules placing every schedulable meeting
    assume(best is not None and best[0] == schedulable_weight)
    assert sum(participant_break_bounds(inst)) <= -best[1]


def test_participant_break_bound_sees_forced_gap():
    # p0 meets p1 and p2; both partners can only make the first and the third slot of the block
    data = {
        "slots": [{"id": f"s{i}", "block": "am"} for i in range(4)],
        "participants": [{"id": "p0"}, {"id": "p1", "available": ["s0", "s2"]},
                         {"id": "p2", "available": ["s0", "s2"]}],
        "meetings": [{"id": "a", "participants": ["p0", "p1"]}, {"id": "b", "participants": ["p0", "p2"]}],
    }
    inst = parse_instance(data)
    assert participant_break_bounds(inst) == [1, 0, 0]
    out = schedule_to_json(solve(data, time_limit=10))
    assert out["stats"]["breaks"] == 1
    assert out["stats"]["bound_breaks"] == 1
    assert out["stats"]["optimal"] is True


def test_participant_break_bound_is_zero_when_a_compact_agenda_exists():
    inst = parse_instance(generate_girona_instance(20, 40, sessions=1, seed=3, hole_fraction=0.0,
                                                   partial_fraction=0.0))
    assert sum(participant_break_bounds(inst)) == 0


# ---------------------------------------------------------------------------- local search


@SETTINGS
@given(small_instances(max_meetings=10), st.integers(0, 3))
def test_annealing_keeps_hard_rules_and_meeting_set(data, seed):
    inst = parse_or_skip(data)
    start = greedy_assign(inst, time_limit=1.0, seed=seed)
    out = anneal(inst, start, time_limit=0.05, seed=seed)
    assert set(out) == set(start)
    assert check_hard_rules(inst, _ids(inst, out)) == []
    assert agenda_cost(inst, out) <= agenda_cost(inst, start)


@pytest.mark.parametrize("maker", [
    lambda: generate_girona_instance(45, 125, sessions=2, seed=1),
    lambda: generate_forum_instance(45, 125, seed=11, blocks=2, slots=10),
])
def test_annealing_on_event_sized_instances(maker):
    inst = parse_instance(maker())
    start = greedy_assign(inst, time_limit=1.0)
    ks = KempeSearch(inst, start, seed=1)
    out = ks.run(1.5)
    assert set(out) == set(start)
    assert check_hard_rules(inst, _ids(inst, out)) == []
    assert agenda_cost(inst, out) < agenda_cost(inst, start)
    # the incremental state agrees with a recomputation from scratch after many moves
    assert ks.lex() == agenda_cost(inst, ks.slot_of)
    assert check_hard_rules(inst, _ids(inst, ks.slot_of)) == []


def test_kempe_chain_swaps_blocked_meetings():
    # a (p0-p1) in s0, b (p1-p2) in s1: moving a to s1 must bring b back to s0
    data = {
        "slots": [{"id": "s0", "block": "am"}, {"id": "s1", "block": "am"}],
        "participants": [{"id": "p0"}, {"id": "p1"}, {"id": "p2"}],
        "meetings": [{"id": "a", "participants": ["p0", "p1"]}, {"id": "b", "participants": ["p1", "p2"]}],
    }
    inst = parse_instance(data)
    ks = KempeSearch(inst, {0: 0, 1: 1})
    assert ks.chain(0, 1) == ([0], [1])
    # a lock stops the chain
    data["meetings"][1]["locked_slot"] = "s1"
    inst = parse_instance(data)
    assert KempeSearch(inst, {0: 0, 1: 1}).chain(0, 1) is None


def test_kempe_chain_respects_tables():
    # one table: moving a into the full slot s1 must send an unrelated meeting back
    data = {
        "slots": [{"id": "s0", "block": "am"}, {"id": "s1", "block": "am"}],
        "tables": {"am": 1},
        "participants": [{"id": f"p{i}"} for i in range(4)],
        "meetings": [{"id": "a", "participants": ["p0", "p1"]}, {"id": "b", "participants": ["p2", "p3"]}],
    }
    inst = parse_instance(data)
    ks = KempeSearch(inst, {0: 0, 1: 1})
    go, back = ks.chain(0, 1)
    assert (go, back) == ([0], [1])
    data["meetings"][1]["slots"] = ["s1"]
    inst = parse_instance(data)
    assert KempeSearch(inst, {0: 0, 1: 1}).chain(0, 1) is None


# ---------------------------------------------------------------------------- generator and solver


@pytest.mark.parametrize("sessions", [1, 2])
def test_girona_generator_is_valid_and_everything_fits(sessions):
    data = generate_girona_instance(40, 120, sessions=sessions, seed=7)
    inst = parse_instance(data)
    assert len(inst.blocks) == sessions
    assert len(inst.meetings) == 120
    if sessions == 2:
        assert any(m.restriction is not None for m in inst.meetings)
    assert any(len(p.available) < len(inst.slots) for p in inst.participants)
    out = schedule_to_json(solve(data, time_limit=8))
    assert violations(data, out) == []
    assert out["stats"]["scheduled"] == 120
    assert out["stats"]["bound_breaks"] <= out["stats"]["breaks"]


def test_break_phase_reaches_zero_on_forum_instance():
    # about 4 s on two loaded cores; the time limit leaves room (the same case is in the bench)
    data = generate_forum_instance(45, 125, seed=11, blocks=2, slots=10)
    out = schedule_to_json(solve(data, time_limit=15))
    assert violations(data, out) == []
    assert out["stats"]["scheduled"] == 125
    assert out["stats"]["breaks"] == 0 and out["stats"]["optimal"] is True
