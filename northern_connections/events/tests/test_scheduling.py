"""Meeting scheduling: agenda metrics, validation, hard rules, locks and rescheduling.

Plain pytest, no Django: the scheduling package is a pure algorithm module.
"""

from __future__ import annotations

import pytest

from northern_connections.events.scheduling import (
    InstanceError,
    check_hard_rules,
    evaluate,
    greedy,
    parse_instance,
    schedule_to_json,
    solve,
)
from northern_connections.events.scheduling.metrics import participant_gaps

TL = 5.0  # small time limit: these instances are solved to optimality in milliseconds


def slots(blocks: dict[str, int]) -> list[dict]:
    return [{"id": f"{b}{i}", "block": b} for b, n in blocks.items() for i in range(1, n + 1)]


def base(n_participants: int = 4, blocks: dict[str, int] | None = None, tables: dict | None = None) -> dict:
    blocks = blocks or {"am": 3, "pm": 3}
    return {
        "slots": slots(blocks),
        "tables": tables if tables is not None else {b: 10 for b in blocks},
        "participants": [{"id": f"p{i}"} for i in range(1, n_participants + 1)],
        "meetings": [],
    }


def meeting(mid: str, a: str, b: str, **kw) -> dict:
    return {"id": mid, "participants": [a, b], **kw}


def slot_of(schedule) -> dict[str, str]:
    return {a.meeting: a.slot for a in schedule.assignments}


# ---------------------------------------------------------------------------- break counting


@pytest.mark.parametrize(
    ("agenda", "breaks", "idle"),
    [
        ("M__M_M", 2, 3),
        ("MMMM", 0, 0),
        ("__MM__", 0, 0),  # free slots before the first / after the last meeting are not breaks
        ("M_____", 0, 0),
        ("M_M_M_M", 3, 3),
        ("_M___M_", 1, 3),
        ("______", 0, 0),
    ],
)
def test_breaks_and_idle_of_hand_made_agendas(agenda, breaks, idle):
    positions = [i for i, c in enumerate(agenda) if c == "M"]
    assert participant_gaps(positions) == (breaks, idle)


def test_evaluate_counts_per_participant_and_block():
    # Given p1 with agenda M,_,_,M,_,M in one block of six slots
    data = base(5, {"day": 6})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3"), meeting("c", "p1", "p4")]
    inst = parse_instance(data)
    # When evaluating the agenda
    stats = evaluate(inst, {"a": "day1", "b": "day4", "c": "day6"})
    # Then p1 has 2 breaks and 3 idle slots, the others none
    assert (stats["breaks"], stats["idle_slots"], stats["scheduled"]) == (2, 3, 3)


def test_gap_across_blocks_is_not_a_break():
    data = base(3, {"am": 3, "pm": 3})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    inst = parse_instance(data)
    assert evaluate(inst, {"a": "am1", "b": "pm3"})["breaks"] == 0
    assert evaluate(inst, {"a": "am1", "b": "am3"}) | {} == {
        "requested": 2, "scheduled": 2, "weight": 2, "breaks": 1, "idle_slots": 1,
    }


def test_evaluate_accepts_output_assignment_list():
    data = base(3, {"day": 4})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    inst = parse_instance(data)
    stats = evaluate(inst, [{"meeting": "a", "slot": "day1", "table": 1}, {"meeting": "b", "slot": "day4", "table": 1}])
    assert (stats["breaks"], stats["idle_slots"]) == (1, 2)


# ---------------------------------------------------------------------------- parse errors


def _with(mutate):
    data = base(3)
    data["meetings"] = [meeting("m1", "p1", "p2"), meeting("m2", "p2", "p3")]
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["meetings"][0].update(slots=["zz"]), "meeting 'm1' 'slots' refers to unknown slot 'zz'"),
        (lambda d: d["participants"][0].update(available=["am1", "nope"]), "unknown slot 'nope'"),
        (lambda d: d["meetings"][0].update(participants=["p1", "p1"]), "meeting 'm1' has participant 'p1' twice"),
        (lambda d: d["meetings"][0].update(participants=["p1", "ghost"]), "unknown participant 'ghost'"),
        (lambda d: d["meetings"][0].update(participants=["p1"]), "exactly two participants"),
        (lambda d: d["meetings"][1].update(id="m1"), "duplicated meeting id 'm1'"),
        (lambda d: d["participants"].append({"id": "p1"}), "duplicated participant id 'p1'"),
        (lambda d: d["slots"].append({"id": "am1", "block": "pm"}), "duplicated slot id 'am1'"),
        (lambda d: d["slots"].append({"id": "am9", "block": "am"}), "slots of block 'am' are not consecutive"),
        (lambda d: d["tables"].update(night=3), "'tables' names unknown block 'night'"),
        (lambda d: d["tables"].update(am=-1), "tables for block 'am'"),
        (lambda d: d["meetings"][0].update(locked_slot="xx"), "locked to unknown slot 'xx'"),
        (lambda d: d["meetings"][0].update(locked_slot="pm1", slots=["am1", "am2"]),
         "locked to slot 'pm1', which is not in its allowed 'slots'"),
        (lambda d: d["participants"][0].update(available=["am1"]) or d["meetings"][0].update(locked_slot="am2"),
         "participant 'p1' is unavailable then"),
        (lambda d: d["meetings"][0].update(locked_slot="am1") or d["meetings"][1].update(locked_slot="am1"),
         "participant 'p2' has two locked meetings in slot 'am1'"),
        (lambda d: d["tables"].update(am=1) or d["meetings"].append(meeting("m3", "p1", "p3", locked_slot="am2"))
         or d["meetings"][1].update(participants=["p2", "p4"]) or d["participants"].append({"id": "p4"})
         or d["meetings"][0].update(locked_slot="am2") or d["meetings"][1].update(locked_slot="am2"),
         "has two locked meetings"),
        (lambda d: d["participants"][1].update(max_meetings=1) or d["meetings"][0].update(locked_slot="am1")
         or d["meetings"][1].update(locked_slot="am2"), "has 2 locked meetings but max_meetings is 1"),
        (lambda d: d["meetings"][0].update(priority=0), "priority must be a positive integer"),
        (lambda d: d["participants"][0].update(max_meetings="two"), "max_meetings must be"),
        (lambda d: d.pop("meetings"), "no 'meetings' list"),
        (lambda d: d["slots"][0].pop("block"), "slot 'am1' has no block"),
    ],
)
def test_parse_errors_are_specific(mutate, message):
    with pytest.raises(InstanceError) as exc:
        parse_instance(_with(mutate))
    assert message in str(exc.value)


def test_too_many_locks_for_tables_is_rejected():
    data = base(4, tables={"am": 1, "pm": 1})
    data["meetings"] = [meeting("m1", "p1", "p2", locked_slot="am1"), meeting("m2", "p3", "p4", locked_slot="am1")]
    with pytest.raises(InstanceError, match="slot 'am1' has 2 locked meetings but its block 'am' has only 1 tables"):
        parse_instance(data)


def test_defaults_available_max_meetings_priority():
    data = base(2)
    data["meetings"] = [meeting("m1", "p1", "p2")]
    inst = parse_instance(data)
    assert inst.meetings[0].priority == 1
    assert inst.participants[0].max_meetings is None
    assert len(inst.meetings[0].allowed) == 6


# ---------------------------------------------------------------------------- hard rules


@pytest.mark.parametrize("method", ["cpsat", "greedy"])
def test_nobody_has_two_meetings_at_once(method):
    # p1 meets everyone; only 3 slots, so one of four requests cannot be scheduled
    data = base(5, {"day": 3})
    data["meetings"] = [meeting(f"m{i}", "p1", f"p{i}") for i in range(2, 6)]
    s = solve(data, time_limit=TL, method=method)
    assert s.stats["scheduled"] == 3 and len(set(slot_of(s).values())) == 3
    assert s.stats["bound_scheduled"] == 3
    assert check_hard_rules(parse_instance(data), slot_of(s)) == []


@pytest.mark.parametrize("method", ["cpsat", "greedy"])
def test_availability_and_meeting_slots_are_respected(method):
    data = base(3, {"am": 3, "pm": 3})
    data["participants"][0]["available"] = ["am2", "pm1", "pm2"]
    data["meetings"] = [meeting("m1", "p1", "p2", slots=["pm1", "pm2", "pm3"]), meeting("m2", "p1", "p3")]
    s = solve(data, time_limit=TL, method=method)
    where = slot_of(s)
    assert where["m1"] in ("pm1", "pm2")
    assert where["m2"] in ("am2", "pm1", "pm2")


@pytest.mark.parametrize("method", ["cpsat", "greedy"])
def test_tables_limit_meetings_per_slot(method):
    data = base(8, {"day": 2}, tables={"day": 1})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p3", "p4"), meeting("c", "p5", "p6")]
    s = solve(data, time_limit=TL, method=method)
    assert s.stats["scheduled"] == 2
    assert s.stats["bound_scheduled"] == 2
    assert all(a.table == 1 for a in s.assignments)


def test_tables_are_numbered_from_one_in_each_slot():
    data = base(8, {"day": 1}, tables={"day": 4})
    data["meetings"] = [meeting(f"m{i}", f"p{2 * i - 1}", f"p{2 * i}") for i in range(1, 5)]
    s = solve(data, time_limit=TL)
    assert sorted(a.table for a in s.assignments) == [1, 2, 3, 4]


@pytest.mark.parametrize("method", ["cpsat", "greedy"])
def test_max_meetings_is_respected(method):
    data = base(5, {"day": 6})
    data["participants"][0]["max_meetings"] = 2
    data["meetings"] = [meeting(f"m{i}", "p1", f"p{i}") for i in range(2, 6)]
    s = solve(data, time_limit=TL, method=method)
    assert s.stats["scheduled"] == 2
    assert s.stats["bound_scheduled"] == 2


def test_priority_decides_which_meeting_is_scheduled():
    data = base(4, {"day": 1})
    data["meetings"] = [meeting("low", "p1", "p2"), meeting("high", "p1", "p3", priority=3)]
    s = solve(data, time_limit=TL)
    assert slot_of(s) == {"high": "day1"} and s.unscheduled == ["low"]
    assert s.stats["optimal"] is True


@pytest.mark.parametrize("method", ["cpsat", "greedy"])
def test_locked_meetings_stay_in_their_slot(method):
    data = base(4, {"day": 4})
    data["meetings"] = [
        meeting("a", "p1", "p2", locked_slot="day4"),
        meeting("b", "p1", "p3"),
        meeting("c", "p1", "p4"),
    ]
    s = solve(data, time_limit=TL, method=method)
    assert slot_of(s)["a"] == "day4"
    if method == "cpsat":
        # compact agenda around the lock: day2, day3, day4
        assert (s.stats["breaks"], s.stats["idle_slots"], s.stats["optimal"]) == (0, 0, True)


def test_breaks_are_minimised_then_idle():
    # p1 is available only at the edges of the block; the two meetings of p1 must leave a gap,
    # but the optimiser should keep it to one break of minimal length.
    data = base(4, {"day": 6})
    data["participants"][0]["available"] = ["day1", "day2", "day5", "day6"]
    data["participants"][1]["available"] = ["day1"]
    data["participants"][2]["available"] = ["day5", "day6"]
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    s = solve(data, time_limit=TL)
    assert slot_of(s) == {"a": "day1", "b": "day5"}
    assert (s.stats["breaks"], s.stats["idle_slots"], s.stats["bound_breaks"], s.stats["optimal"]) == (1, 3, 1, True)


def test_output_json_contract():
    data = base(3, {"day": 3})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    out = schedule_to_json(solve(data, time_limit=TL))
    assert set(out) == {"assignments", "unscheduled", "stats"}
    assert set(out["stats"]) == {
        "requested", "scheduled", "breaks", "idle_slots", "bound_scheduled", "bound_breaks", "optimal", "seconds",
        # added by issue 11 (the contract only grows): when the best schedule and the proof came, by what
        "seconds_to_best", "seconds_to_proof", "method", "methods",
    }
    assert all(set(m) == {"name", "seconds"} for m in out["stats"]["methods"])
    assert all(set(a) == {"meeting", "slot", "table"} for a in out["assignments"])
    assert out["stats"]["requested"] == 2 and out["stats"]["scheduled"] == 2


def test_greedy_reports_unknown_break_bound_unless_trivial():
    data = base(4, {"day": 6})
    data["participants"][0]["available"] = ["day1", "day6"]
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    s = greedy(data)
    assert s.stats["breaks"] == 1 and s.stats["bound_breaks"] is None and s.stats["optimal"] is False


def test_check_hard_rules_reports_each_violation():
    data = base(4, {"day": 2}, tables={"day": 1})
    data["participants"][3]["available"] = ["day2"]
    data["participants"][0]["max_meetings"] = 1
    data["meetings"] = [
        meeting("a", "p1", "p2", locked_slot="day2"),
        meeting("b", "p1", "p3", slots=["day2"]),
        meeting("c", "p3", "p4"),
    ]
    inst = parse_instance(data)
    problems = check_hard_rules(inst, {"a": ("day1", 1), "b": ("day1", 2), "c": ("day1", 1), "zz": "day1"})
    text = "\n".join(problems)
    for fragment in ("unknown meeting 'zz'", "outside its allowed slots", "participant 'p4' is unavailable",
                     "not in its locked slot", "has 2 meetings in slot 'day1'", "max_meetings is 1",
                     "only 1 tables", "invalid table 2", "uses a table twice"):
        assert fragment in text, fragment
    assert check_hard_rules(inst, {"a": ("day2", 1)}) == []


# ---------------------------------------------------------------------------- rescheduling


def test_rescheduling_keeps_fixed_meetings_in_slot_and_table():
    # Given a published schedule
    data = base(6, {"day": 4}, tables={"day": 2})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p3", "p4"), meeting("c", "p1", "p3")]
    first = solve(data, time_limit=TL)
    published = {a.meeting: (a.slot, a.table) for a in first.assignments}
    # When late requests arrive and the schedule is re-solved around the published meetings
    data["meetings"] += [meeting("d", "p1", "p5"), meeting("e", "p5", "p6"), meeting("f", "p2", "p6")]
    again = solve(data, time_limit=TL, fixed=published)
    # Then nothing published moved, not even its table, and the new meetings fit around it
    placed = {a.meeting: (a.slot, a.table) for a in again.assignments}
    for mid, where in published.items():
        assert placed[mid] == where
    inst = parse_instance(data).with_fixed(published)
    assert check_hard_rules(inst, placed, require_tables=True) == []
    assert again.stats["scheduled"] == 6


def test_fixed_table_is_kept_even_if_not_lowest():
    data = base(4, {"day": 1}, tables={"day": 3})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p3", "p4")]
    s = solve(data, time_limit=TL, fixed={"a": ("day1", 3)})
    assert {a.meeting: a.table for a in s.assignments} == {"a": 3, "b": 1}


@pytest.mark.parametrize(
    ("fixed", "message"),
    [
        ({"zz": ("day1", 1)}, "fixed meeting 'zz' is not a meeting"),
        ({"a": ("day9", 1)}, "unknown slot 'day9'"),
        ({"a": ("day1", 0)}, "invalid table 0"),
        ({"a": ("day1", 3)}, "has only 2 tables"),
        ({"a": ("day1", 1), "b": ("day1", 1)}, "share table 1"),
        ({"a": ("day1", 1), "c": ("day1", 2)}, "two fixed meetings in slot 'day1'"),
    ],
)
def test_invalid_fixed_placements_are_rejected(fixed, message):
    data = base(4, {"day": 2}, tables={"day": 2})
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p3", "p4"), meeting("c", "p1", "p3")]
    with pytest.raises(InstanceError, match=message):
        solve(data, time_limit=TL, fixed=fixed)
