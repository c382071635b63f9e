"""The exact break methods of issue 11 (``scheduling/exact.py``) against brute force.

Small random instances (one or two blocks, availability holes, meetings restricted to a session,
tables that bind, locked meetings) are solved by enumeration; the run-count encoding (RC2 and the
SAT ladder), the per-participant lower bounds and ``solve`` must agree with it: the encodings
find the optimum, a lower bound is never above it, and ``optimal`` is never claimed for a
schedule that is not. No timed assertions: budgets are generous, the proofs stop the runs early.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from northern_connections.events.scheduling import check_hard_rules, parse_instance, solve
from northern_connections.events.scheduling.bounds import participant_break_bounds
from northern_connections.events.scheduling.exact import agendas, build_break_wcnf, ladder, windows
from northern_connections.events.scheduling.metrics import agenda_cost

from .test_scheduling import base, meeting


def random_instance(seed: int) -> dict:
    """A tiny event: 3-5 participants, 2-6 meetings, 1-2 blocks of 3-5 slots."""
    rng = random.Random(seed)
    blocks = rng.choice([1, 1, 2])
    slots = [{"id": f"b{b}s{i}", "block": f"b{b}"} for b in range(blocks) for i in range(rng.randint(3, 5))]
    ids = [s["id"] for s in slots]
    people = [f"p{k}" for k in range(rng.randint(3, 5))]
    participants = []
    for p in people:
        available = [s for s in ids if rng.random() > 0.2]
        participants.append({"id": p, "available": available})
    pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1:]]
    rng.shuffle(pairs)
    meetings = []
    for k, (a, b) in enumerate(pairs[:rng.randint(2, 6)]):
        m = {"id": f"m{k}", "participants": [a, b]}
        if blocks == 1 and rng.random() < 0.25:  # a session: the first or the second half of the day
            half = len(ids) // 2
            m["slots"] = ids[:half + 1] if rng.random() < 0.5 else ids[half:]
        meetings.append(m)
    tables = {f"b{b}": rng.choice([1, 2, 3]) for b in range(blocks)}
    data = {"slots": slots, "tables": tables, "participants": participants, "meetings": meetings}
    if rng.random() < 0.3:  # one meeting fixed in advance, where both can meet
        m = rng.choice(meetings)
        both = set(participants[people.index(m["participants"][0])]["available"]) & set(
            participants[people.index(m["participants"][1])]["available"]) & set(m.get("slots") or ids)
        if both:
            m["locked_slot"] = rng.choice(sorted(both))
    return data


def brute_force(inst) -> int | None:
    """The fewest breaks of a schedule that places every meeting (None: no such schedule)."""
    order = sorted(range(len(inst.meetings)), key=lambda mi: len(inst.meetings[mi].allowed))
    best: list[int | None] = [None]
    busy: set[tuple[int, int]] = set()
    used = [0] * len(inst.slots)
    slot_of: dict[int, int] = {}

    def place(k: int) -> None:
        if k == len(order):
            b = agenda_cost(inst, slot_of)[0]
            if best[0] is None or b < best[0]:
                best[0] = b
            return
        mi = order[k]
        p, q = inst.meetings[mi].participants
        for s in inst.meetings[mi].allowed:
            if (p, s) in busy or (q, s) in busy or used[s] >= inst.capacity(s):
                continue
            busy.update({(p, s), (q, s)})
            used[s] += 1
            slot_of[mi] = s
            place(k + 1)
            del slot_of[mi]
            used[s] -= 1
            busy.difference_update({(p, s), (q, s)})

    if all(m.allowed for m in inst.meetings):
        place(0)
    return best[0]


def _valid(inst, slot_of: dict[int, int]) -> bool:
    ids = {inst.meetings[mi].id: inst.slots[s].id for mi, s in slot_of.items()}
    return len(slot_of) == len(inst.meetings) and not check_hard_rules(inst, ids)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**6))
def test_encodings_and_bounds_agree_with_brute_force(seed):
    inst = parse_instance(random_instance(seed))
    optimum = brute_force(inst)
    assume(optimum is not None)
    lower = participant_break_bounds(inst, time_limit=30.0)
    assert sum(lower) <= optimum  # a lower bound is never above the optimum
    # the SAT ladder from the bound up: its first "yes" is the optimum, with a schedule attaining it
    k, found = ladder(inst, lower=lower, upper=optimum + 1)
    assert k == optimum and found is not None and _valid(inst, found)
    assert agenda_cost(inst, found)[0] == optimum
    # without the per-participant bounds too (they are implied constraints, not needed for correctness)
    k, found = ladder(inst, lower=None, upper=optimum + 1)
    assert k == optimum and agenda_cost(inst, found)[0] == optimum
    # the same weighted CNF under RC2: its cost is exactly the number of breaks
    from pysat.examples.rc2 import RC2

    wcnf, x = build_break_wcnf(inst, lower=lower)
    with RC2(wcnf) as rc2:
        model = rc2.compute()
        true = {v for v in model if v > 0}
        slot_of = {mi: s for (mi, s), v in x.items() if v in true}
        assert rc2.cost == optimum and agenda_cost(inst, slot_of)[0] == optimum and _valid(inst, slot_of)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**6))
def test_solve_never_claims_an_optimum_it_has_not_proven(seed):
    data = random_instance(seed)
    inst = parse_instance(data)
    optimum = brute_force(inst)
    assume(optimum is not None)
    s = solve(data, time_limit=30.0, seed=seed % 7)
    st_ = s.stats
    assert st_["scheduled"] == len(inst.meetings)  # everything fits, so everything is scheduled
    assert st_["breaks"] >= optimum
    assert st_["bound_breaks"] is not None and st_["bound_breaks"] <= optimum
    if st_["optimal"] or st_["seconds_to_proof"] is not None:
        assert st_["breaks"] == optimum == st_["bound_breaks"]
    locked = {m["id"]: m["locked_slot"] for m in data["meetings"] if m.get("locked_slot")}
    assert all(s.slot_of()[mid] == sid for mid, sid in locked.items())


def test_windows_respect_availability_and_sessions():
    data = base(2, {"day": 6})
    data["participants"][0]["available"] = ["day1", "day2", "day3", "day5", "day6"]
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p2", slots=["day5", "day6"])]
    inst = parse_instance(data)
    (p1,) = [a for a in agendas(inst) if a.participant == 0]
    assert p1.count == 2
    # positions 3 (day4) is unavailable; meeting b must be in day5-day6, so only [4, 5] works
    assert windows(p1) == [4]


def test_a_lock_that_forces_a_break_is_in_the_bound_and_the_schedule():
    # p1 meets p2 locked at the start and p3 locked at the end: one break, proven, nothing moves
    data = base(3, {"day": 5})
    data["meetings"] = [meeting("a", "p1", "p2", locked_slot="day1"), meeting("b", "p1", "p3", locked_slot="day5"),
                        meeting("c", "p2", "p3")]
    s = solve(data, time_limit=30.0)
    assert s.slot_of()["a"] == "day1" and s.slot_of()["b"] == "day5"
    assert s.stats["bound_breaks"] >= 1 and s.stats["breaks"] == s.stats["bound_breaks"]
    without = solve(dict(data, meetings=[meeting("a", "p1", "p2"), meeting("b", "p1", "p3"),
                                         meeting("c", "p2", "p3")]), time_limit=30.0)
    assert without.stats["breaks"] <= s.stats["breaks"]


def test_forbidden_slots_count_as_free_time():
    # p1 cannot meet in day2: meetings in day1 and day3 leave a break that the bound must know of
    data = base(3, {"day": 3})
    data["participants"][0]["available"] = ["day1", "day3"]
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    s = solve(data, time_limit=30.0)
    assert s.stats["breaks"] == s.stats["bound_breaks"] == 1 and s.stats["optimal"]
    assert s.participant_bounds["p1"] == 1 and s.participant_bounds["p2"] == 0


def test_resuming_keeps_a_schedule_at_least_as_good():
    data = base(3, {"day": 4})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    start = {"a": "day4", "b": "day3"}  # already compact, and not where the heuristic puts them
    s = solve(data, time_limit=0, start=start)
    assert "resumed" in s.methods and s.slot_of() == start and s.stats["breaks"] == 0


def test_a_resumed_schedule_that_breaks_a_rule_is_ignored():
    data = base(3, {"day": 4})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    s = solve(data, time_limit=0, start={"a": "day1", "b": "day1"})  # p1 twice in day1
    assert s.method != "resumed" and not check_hard_rules(parse_instance(data), s.slot_of())


@pytest.mark.parametrize("fixed_share", [0.0, 0.5])
def test_bench_shaped_instance_reports_trustworthy_stats(fixed_share):
    # a forum-shaped generated event: every meeting fits, the stats carry bound, times and methods
    from northern_connections.events.scheduling import generate_forum_instance

    data = generate_forum_instance(20, 40, seed=3, blocks=1, slots=8)
    rng = random.Random(1)
    first = solve(data, time_limit=30.0)
    if fixed_share:
        placed = first.slot_of()
        for m in data["meetings"]:
            if rng.random() < fixed_share:
                m["locked_slot"] = placed[m["id"]]
    s = solve(data, time_limit=30.0)
    st_ = s.stats
    assert st_["scheduled"] == st_["requested"] and st_["bound_breaks"] is not None
    assert st_["bound_breaks"] <= st_["breaks"]
    assert st_["seconds_to_best"] is not None and st_["seconds_to_best"] <= st_["seconds"] + 1e-6
    assert list(st_["method_seconds"]) == s.methods and s.method in s.methods
    locked = {m["id"]: m["locked_slot"] for m in data["meetings"] if m.get("locked_slot")}
    assert all(s.slot_of()[mid] == sid for mid, sid in locked.items())
