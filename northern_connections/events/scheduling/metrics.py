"""Counting breaks and idle time, and checking the hard rules, independently of any solver.

Every solver result goes through :func:`check_hard_rules` before it is returned, so a modelling
slip in CP-SAT or the greedy heuristic surfaces as a loud error rather than as a double-booked
company at an event. The objective is also recomputed here from the final agenda rather than
trusted from the solver, for the same reason.

Definition (Bofill et al.): for one participant and one block, a *break* is a maximal run of free
slots lying between two of the participant's meetings; *idle slots* are the free slots inside
those runs. Free slots before the first or after the last meeting of a block are not breaks
(people arrive late and leave early), and a gap that spans two blocks is the lunch, not a break.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from .instance import Instance

Assignments = Mapping[str, Any] | Iterable[Mapping[str, Any]]


def normalise_assignments(instance: Instance, assignments: Assignments) -> dict[str, tuple[str, int | None]]:
    """Accept ``{meeting: slot}``, ``{meeting: (slot, table)}`` or ``[{"meeting", "slot", "table"}]``."""
    out: dict[str, tuple[str, int | None]] = {}
    if isinstance(assignments, Mapping):
        for mid, value in assignments.items():
            if isinstance(value, (tuple, list)):
                out[mid] = (value[0], value[1] if len(value) > 1 else None)
            else:
                out[mid] = (value, None)
        return out
    for a in assignments:
        mid = a["meeting"]
        if mid in out:
            out[mid] = ("__duplicate__", None)
        else:
            out[mid] = (a["slot"], a.get("table"))
    return out


def participant_gaps(positions: Iterable[int]) -> tuple[int, int]:
    """(breaks, idle) for the busy positions of one participant inside one block."""
    ps = sorted(positions)
    breaks = idle = 0
    for a, b in zip(ps, ps[1:], strict=False):
        if b - a > 1:
            breaks += 1
            idle += b - a - 1
    return breaks, idle


def agenda_cost(instance: Instance, slot_of: Mapping[int, int]) -> tuple[int, int]:
    """(breaks, idle) of an index-based assignment meeting -> slot."""
    busy: dict[tuple[int, int], list[int]] = defaultdict(list)
    for mi, s in slot_of.items():
        slot = instance.slots[s]
        for p in instance.meetings[mi].participants:
            busy[(p, slot.block)].append(slot.position)
    breaks = idle = 0
    for positions in busy.values():
        b, i = participant_gaps(positions)
        breaks += b
        idle += i
    return breaks, idle


def evaluate(instance: Instance, assignments: Assignments) -> dict[str, int]:
    """Objective values of a schedule: requested, scheduled, weight, breaks, idle_slots.

    Unknown ids are ignored here; use :func:`check_hard_rules` to find them.
    """
    norm = normalise_assignments(instance, assignments)
    slot_of = {
        instance.meeting_index[mid]: instance.slot_index[sid]
        for mid, (sid, _t) in norm.items()
        if mid in instance.meeting_index and sid in instance.slot_index
    }
    breaks, idle = agenda_cost(instance, slot_of)
    return {
        "requested": len(instance.meetings),
        "scheduled": len(slot_of),
        "weight": sum(instance.meetings[mi].priority for mi in slot_of),
        "breaks": breaks,
        "idle_slots": idle,
    }


def check_hard_rules(instance: Instance, assignments: Assignments, *, require_tables: bool = False) -> list[str]:
    """Return every hard-rule violation of ``assignments`` (empty list when the schedule is valid).

    Tables are checked when given (1..tables, unique per slot); ``require_tables`` also demands
    them. Fixed placements of ``instance`` (rescheduling) must keep slot and table.
    """
    problems: list[str] = []
    slot_of, table_of = _placements(instance, assignments, problems)
    _check_locks_and_fixed(instance, slot_of, table_of, problems)
    _check_participants(instance, slot_of, problems)
    _check_tables(instance, slot_of, table_of, require_tables, problems)
    return problems


def _placements(instance: Instance, assignments: Assignments, problems: list[str]
                ) -> tuple[dict[int, int], dict[int, int | None]]:
    """Meeting index -> slot index and -> table of the known assignments, with the problems of
    each one alone (unknown ids, duplicates, allowed slots, availability)."""
    slot_of: dict[int, int] = {}
    table_of: dict[int, int | None] = {}
    for mid, (sid, table) in normalise_assignments(instance, assignments).items():
        if mid not in instance.meeting_index:
            problems.append(f"unknown meeting {mid!r}")
        elif sid == "__duplicate__":
            problems.append(f"meeting {mid!r} is assigned more than once")
        elif sid not in instance.slot_index:
            problems.append(f"meeting {mid!r} assigned to unknown slot {sid!r}")
        else:
            mi, s = instance.meeting_index[mid], instance.slot_index[sid]
            slot_of[mi] = s
            table_of[mi] = table
            problems.extend(_placement_problems(instance, mi, s))
    return slot_of, table_of


def _placement_problems(instance: Instance, mi: int, s: int) -> list[str]:
    m, sid = instance.meetings[mi], instance.slots[s].id
    out = []
    if m.restriction is not None and s not in m.restriction:
        out.append(f"meeting {m.id!r} is in slot {sid!r}, outside its allowed slots")
    for p in m.participants:
        if s not in instance.participants[p].available:
            who = instance.participants[p].id
            out.append(f"meeting {m.id!r}: participant {who!r} is unavailable in {sid!r}")
    return out


def _check_locks_and_fixed(instance: Instance, slot_of: dict[int, int], table_of: dict[int, int | None],
                           problems: list[str]) -> None:
    for mi, m in enumerate(instance.meetings):
        if m.locked_slot is not None and slot_of.get(mi) != m.locked_slot:
            problems.append(f"locked meeting {m.id!r} is not in its locked slot {instance.slots[m.locked_slot].id!r}")
        if mi in instance.fixed:
            s, t = instance.fixed[mi]
            if slot_of.get(mi) != s or (table_of.get(mi) is not None and table_of[mi] != t):
                problems.append(f"fixed meeting {m.id!r} moved from slot {instance.slots[s].id!r} table {t}")


def _check_participants(instance: Instance, slot_of: dict[int, int], problems: list[str]) -> None:
    """One meeting per participant and slot, and at most ``max_meetings``."""
    busy: Counter[tuple[int, int]] = Counter()
    per_part: Counter[int] = Counter()
    for mi, s in slot_of.items():
        for p in instance.meetings[mi].participants:
            busy[(p, s)] += 1
            per_part[p] += 1
    for (p, s), c in sorted(busy.items()):
        if c > 1:
            who, sid = instance.participants[p].id, instance.slots[s].id
            problems.append(f"participant {who!r} has {c} meetings in slot {sid!r}")
    for p, c in sorted(per_part.items()):
        mx = instance.participants[p].max_meetings
        if mx is not None and c > mx:
            problems.append(f"participant {instance.participants[p].id!r} has {c} meetings, max_meetings is {mx}")


def _check_tables(instance: Instance, slot_of: dict[int, int], table_of: dict[int, int | None],
                  require_tables: bool, problems: list[str]) -> None:
    """No more meetings than tables in a slot; given tables are valid and unique per slot."""
    per_slot: dict[int, list[int]] = defaultdict(list)
    for mi, s in slot_of.items():
        per_slot[s].append(mi)
    for s, ms in sorted(per_slot.items()):
        t = instance.tables(s)
        sid = instance.slots[s].id
        if t is not None and len(ms) > t:
            problems.append(f"slot {sid!r} has {len(ms)} meetings but only {t} tables")
        tables = [table_of[mi] for mi in ms]
        if require_tables and any(x is None for x in tables):
            problems.append(f"slot {sid!r} has meetings without a table")
        given = [x for x in tables if x is not None]
        problems.extend(f"slot {sid!r} uses invalid table {x!r}" for x in given
                        if not isinstance(x, int) or x < 1 or (t is not None and x > t))
        if len(set(given)) != len(given):
            problems.append(f"slot {sid!r} uses a table twice")
