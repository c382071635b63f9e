"""Fast pure-Python heuristic: greedy placement, one-step repair, then local descent.

Why it exists: CP-SAT needs seconds and memory that grow with the instance; an organiser with a
5,000-meeting event still needs an agenda immediately, and CP-SAT itself searches much better
when it starts from a good solution hint. The heuristic is therefore tuned to be good, not just
valid: meetings are placed hardest-first (priority, then fewest possible slots, as in
first-fail), each into the slot that adds the fewest breaks and idle slots to both agendas; a
meeting that finds no slot may evict one blocking meeting that can move elsewhere (a depth-one
ejection chain); finally single-meeting moves and pairwise swaps that lower (breaks, idle) are
applied until none is left.

Agendas are kept as one bitmask per participant and block, so the cost of an agenda is a few
integer operations (runs of ones = ``popcount(x & ~(x << 1))``).
"""

from __future__ import annotations

import random
import time

from .instance import Instance

BREAK_WEIGHT = 10_000  # lexicographic: one break outweighs any amount of idle time


def mask_cost(x: int, weight: int = BREAK_WEIGHT) -> int:
    """Scalarised (breaks, idle) of one participant-block agenda given as a bitmask; a break costs `weight`."""
    if x == 0:
        return 0
    runs = (x & ~(x << 1)).bit_count()
    low = (x & -x).bit_length() - 1
    idle = x.bit_length() - low - x.bit_count()
    return (runs - 1) * weight + idle


class GreedyState:
    """Incremental agenda: who is busy when, how full each slot is, and the agenda bitmasks."""

    def __init__(self, instance: Instance):
        self.inst = instance
        self.slot_of: dict[int, int] = {}
        self.busy: list[dict[int, int]] = [dict() for _ in instance.participants]  # p -> slot -> meeting
        self.count_slot = [0] * len(instance.slots)
        self.count_part = [0] * len(instance.participants)
        self.mask = [[0] * len(instance.blocks) for _ in instance.participants]
        self.cap = [instance.capacity(s) for s in range(len(instance.slots))]
        self.block_of = [sl.block for sl in instance.slots]
        self.pos_of = [sl.position for sl in instance.slots]
        self.maxm = [p.max_meetings for p in instance.participants]

    def place(self, mi: int, s: int) -> None:
        self.slot_of[mi] = s
        self.count_slot[s] += 1
        b, bit = self.block_of[s], 1 << self.pos_of[s]
        for p in self.inst.meetings[mi].participants:
            self.busy[p][s] = mi
            self.count_part[p] += 1
            self.mask[p][b] |= bit

    def remove(self, mi: int) -> int:
        s = self.slot_of.pop(mi)
        self.count_slot[s] -= 1
        b, bit = self.block_of[s], 1 << self.pos_of[s]
        for p in self.inst.meetings[mi].participants:
            del self.busy[p][s]
            self.count_part[p] -= 1
            self.mask[p][b] &= ~bit
        return s

    def can_place(self, mi: int, s: int, *, ignore_count: bool = False) -> bool:
        if self.count_slot[s] >= self.cap[s]:
            return False
        for p in self.inst.meetings[mi].participants:
            if s in self.busy[p]:
                return False
            if not ignore_count and self.maxm[p] is not None and self.count_part[p] >= self.maxm[p]:
                return False
        return True

    def delta(self, mi: int, s: int) -> int:
        """Cost change of adding meeting ``mi`` (currently unplaced) at slot ``s``."""
        b, bit = self.block_of[s], 1 << self.pos_of[s]
        d = 0
        for p in self.inst.meetings[mi].participants:
            x = self.mask[p][b]
            d += mask_cost(x | bit) - mask_cost(x)
        return d

    def cost(self) -> int:
        return sum(mask_cost(x) for row in self.mask for x in row)


def _movable(inst: Instance, mi: int) -> bool:
    return inst.meetings[mi].locked_slot is None and len(inst.meetings[mi].allowed) > 1


def greedy_assign(instance: Instance, *, time_limit: float = 10.0, seed: int = 0) -> dict[int, int]:
    """Index-based heuristic schedule: meeting index -> slot index."""
    deadline = time.monotonic() + time_limit
    inst = instance
    st = GreedyState(inst)
    rng = random.Random(seed)
    for mi, m in enumerate(inst.meetings):
        if m.locked_slot is not None:
            st.place(mi, m.locked_slot)
    unplaced: list[int] = []
    for mi in _hardest_first(inst):
        best = _cheapest_slot(st, mi)
        if best is None:
            unplaced.append(mi)
        else:
            st.place(mi, best)
    # Depth-one ejection: put an unplaced meeting where a single movable meeting blocks it,
    # if that meeting can go somewhere else. Higher priority first, as in the greedy order.
    for mi in unplaced:
        if time.monotonic() > deadline:
            break
        _repair(st, mi)
    _descent(st, deadline, rng)
    return dict(st.slot_of)


def _hardest_first(inst: Instance) -> list[int]:
    """Unlocked schedulable meetings by priority, then fewest possible slots (first-fail), then
    busiest participants."""
    degree = [0] * len(inst.participants)
    for m in inst.meetings:
        for p in m.participants:
            degree[p] += 1
    order = [mi for mi, m in enumerate(inst.meetings) if m.locked_slot is None and m.allowed]
    order.sort(key=lambda mi: (
        -inst.meetings[mi].priority,
        len(inst.meetings[mi].allowed),
        -(degree[inst.meetings[mi].participants[0]] + degree[inst.meetings[mi].participants[1]]),
        mi,
    ))
    return order


def _cheapest_slot(st: GreedyState, mi: int) -> int | None:
    """The free slot that adds the fewest breaks and idle slots (then the emptiest), or None."""
    best, best_key = None, None
    for s in st.inst.meetings[mi].allowed:
        if st.can_place(mi, s):
            key = (st.delta(mi, s), st.count_slot[s] / max(1, st.cap[s]), s)
            if best_key is None or key < best_key:
                best, best_key = s, key
    return best


def _repair(st: GreedyState, mi: int) -> bool:
    inst = st.inst
    m = inst.meetings[mi]
    if any(st.maxm[p] is not None and st.count_part[p] >= st.maxm[p] for p in m.participants):
        return False
    for s in m.allowed:
        blockers = {st.busy[p][s] for p in m.participants if s in st.busy[p]}
        if len(blockers) > 1:
            continue
        if not blockers:
            if st.count_slot[s] < st.cap[s]:
                st.place(mi, s)
                return True
            # slot full: evict any movable meeting of this slot
            candidates = [o for o, so in st.slot_of.items() if so == s and _movable(inst, o)]
        else:
            candidates = [next(iter(blockers))]
        for o in candidates:
            if not _movable(inst, o) or inst.meetings[o].priority > m.priority and not blockers:
                continue
            st.remove(o)
            st.place(mi, s)
            for s2 in inst.meetings[o].allowed:
                if s2 != s and st.can_place(o, s2):
                    st.place(o, s2)
                    return True
            st.remove(mi)
            st.place(o, s)
    return False


def _descent(st: GreedyState, deadline: float, rng: random.Random) -> None:
    """Move single meetings, then swap meeting pairs, while (breaks, idle) improves."""
    movable = [mi for mi in st.slot_of if _movable(st.inst, mi)]
    improved = True
    while improved and time.monotonic() < deadline:
        rng.shuffle(movable)
        improved = _move_each(st, movable)
        if improved or time.monotonic() > deadline:
            continue
        # Swaps of two meetings sharing a participant exchange their slots; this escapes the
        # frequent local optimum where each single move would collide with the partner's agenda.
        improved = _swap_once(st, deadline)


def _move_each(st: GreedyState, movable: list[int]) -> bool:
    """Move each meeting to its cheapest allowed slot; True when one moved."""
    inst = st.inst
    moved = False
    for mi in movable:
        s0 = st.remove(mi)
        best, best_d = s0, st.delta(mi, s0)
        for s in inst.meetings[mi].allowed:
            if s != s0 and st.can_place(mi, s, ignore_count=True):
                d = st.delta(mi, s)
                if d < best_d:
                    best, best_d = s, d
        st.place(mi, best)
        moved = moved or best != s0
    return moved


def _swap_once(st: GreedyState, deadline: float) -> bool:
    """The first swap of two meetings of one participant that lowers the cost; True if found."""
    inst = st.inst
    for p in range(len(inst.participants)):
        if time.monotonic() > deadline:
            return False
        items = [(s, mi) for s, mi in st.busy[p].items() if _movable(inst, mi)]
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                if _try_swap(st, items[i], items[j]):
                    return True
    return False


def _try_swap(st: GreedyState, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Exchange the slots of two meetings if both fit and the agendas they touch get cheaper."""
    inst = st.inst
    (sa, a), (sb, b) = first, second
    if st.slot_of.get(a) != sa or st.slot_of.get(b) != sb:
        return False
    if sb not in inst.meetings[a].allowed or sa not in inst.meetings[b].allowed:
        return False
    touched = set(inst.meetings[a].participants) | set(inst.meetings[b].participants)
    blocks = {st.block_of[sa], st.block_of[sb]}

    def local() -> int:
        return sum(mask_cost(st.mask[q][bl]) for q in touched for bl in blocks)

    before = local()
    st.remove(a)
    st.remove(b)
    if st.can_place(a, sb, ignore_count=True):
        st.place(a, sb)
        if st.can_place(b, sa, ignore_count=True):
            st.place(b, sa)
            if local() < before:
                return True
            st.remove(b)
        st.remove(a)
    st.place(a, sa)
    st.place(b, sb)
    return False


def improve(instance: Instance, slot_of: dict[int, int], *, time_limit: float = 2.0, seed: int = 0) -> dict[int, int]:
    """Local descent (moves and swaps) from a given schedule; keeps the same set of meetings.

    Used to polish CP-SAT's phase-1 schedule, which maximises weight with no regard to breaks,
    before it becomes the warm start of the break phase.
    """
    st = GreedyState(instance)
    for mi, s in slot_of.items():
        st.place(mi, s)
    _descent(st, time.monotonic() + time_limit, random.Random(seed))
    return dict(st.slot_of)
