"""Random but realistic brokerage-event instances for tests and benchmarks.

What makes real B2B events hard, and is reproduced here (after the forum instances described
by Bofill, Coll, Suy and Villaret):

* popularity follows a power law: a few public buyers or research centres receive a large share
  of the requests and end up with nearly full agendas, which is where breaks are unavoidable;
* some participants attend only one block (morning or afternoon), others arrive late or leave
  early;
* the number of tables binds in the busiest slots;
* a few meetings are locked (a VIP slot agreed by hand) or restricted to one block.

With ``all_fit=True`` the meetings are generated together with a hidden ("planted") schedule
that places all of them, so every meeting is known to fit, as in the published forum instances;
table limits are then set just above what that planted schedule uses. Locks are always taken
from the planted schedule, so they are always jointly feasible.
"""

from __future__ import annotations

import math
import random
from typing import Any


def generate_instance(
    participants: int,
    meetings: int,
    *,
    blocks: int = 2,
    slots_per_block: tuple[int, int] = (8, 12),
    seed: int = 0,
    all_fit: bool = False,
    zipf: float = 0.8,
    single_block_fraction: float = 0.2,
    partial_fraction: float = 0.15,
    max_meetings_fraction: float = 0.1,
    locked_fraction: float = 0.02,
    restrict_fraction: float = 0.1,
    table_tightness: float = 0.9,
    priorities: bool = True,
) -> dict[str, Any]:
    """Return an instance dict in the ``schedule_meetings`` JSON contract.

    ``table_tightness``: with ``all_fit`` tables are the planted peak plus ``1 - tightness`` of it
    as slack (1.0 = exactly the peak); otherwise tables are ``tightness`` times the average load
    per slot, so below 1 they bind.
    """
    rng = random.Random(seed)
    if participants < 2:
        raise ValueError("need at least two participants")
    block_ids = [f"block-{b + 1}" for b in range(blocks)]
    slots, block_slots = _blocks_of_slots(rng, blocks, slots_per_block)
    avail = _availability(rng, participants, block_slots, single_block_fraction, partial_fraction)
    popularity = _popularity(rng, participants, zipf)
    req = _Requests(participants, len(slots))
    _draw_requests(rng, req, meetings, avail, popularity, all_fit)
    tables = _tables(req, block_ids, block_slots, all_fit, table_tightness)
    max_meetings = _max_meetings(rng, req, max_meetings_fraction, all_fit)
    out_meetings = _meetings_with_rules(rng, req, slots, block_ids, block_slots, tables, max_meetings,
                                        priorities=priorities, restrict_fraction=restrict_fraction,
                                        locked_fraction=locked_fraction)
    return {"slots": slots, "tables": tables, "participants": _participants_out(avail, slots, max_meetings),
            "meetings": out_meetings}


def _blocks_of_slots(rng: random.Random, blocks: int, slots_per_block: tuple[int, int]
                     ) -> tuple[list[dict[str, str]], list[list[int]]]:
    """Slots (a random count per block) and the slot indices of each block."""
    slots: list[dict[str, str]] = []
    block_slots: list[list[int]] = []
    for b in range(blocks):
        n = rng.randint(*slots_per_block)
        block_slots.append(list(range(len(slots), len(slots) + n)))
        for i in range(n):
            slots.append({"id": f"b{b + 1}-s{i + 1:02d}", "block": f"block-{b + 1}"})
    return slots, block_slots


def _availability(rng: random.Random, participants: int, block_slots: list[list[int]],
                  single_block_fraction: float, partial_fraction: float) -> list[set[int]]:
    """Everyone, one block only, or arriving late / leaving early in one block."""
    n_slots = sum(len(bl) for bl in block_slots)
    blocks = len(block_slots)
    avail: list[set[int]] = []
    for _ in range(participants):
        a = set(range(n_slots))
        r = rng.random()
        if blocks > 1 and r < single_block_fraction:
            a = set(block_slots[rng.randrange(blocks)])
        elif r < single_block_fraction + partial_fraction:
            bl = block_slots[rng.randrange(blocks)]
            cut = rng.randint(1, max(1, len(bl) // 3))
            drop = bl[:cut] if rng.random() < 0.5 else bl[-cut:]
            a -= set(drop)
        avail.append(a)
    return avail


def _popularity(rng: random.Random, participants: int, zipf: float) -> list[float]:
    """Zipf over a random permutation of participants."""
    perm = list(range(participants))
    rng.shuffle(perm)
    popularity = [0.0] * participants
    for rank, p in enumerate(perm):
        popularity[p] = 1.0 / (rank + 1) ** zipf
    return popularity


class _Requests:
    """The drawn meeting requests and the hidden (planted) schedule of those that got a slot."""

    def __init__(self, participants: int, n_slots: int):
        self.planted: dict[int, int] = {}
        self.busy: list[set[int]] = [set() for _ in range(participants)]
        self.load = [0] * n_slots
        self.pairs: set[tuple[int, int]] = set()
        self.meetings: list[tuple[int, int]] = []
        self.degree = [0] * participants

    def add(self, a: int, b: int, slot: int | None) -> None:
        if slot is not None:
            self.planted[len(self.meetings)] = slot
            self.busy[a].add(slot)
            self.busy[b].add(slot)
            self.load[slot] += 1
        self.pairs.add((min(a, b), max(a, b)))
        self.meetings.append((a, b))
        self.degree[a] += 1
        self.degree[b] += 1


def _draw_requests(rng: random.Random, req: _Requests, meetings: int, avail: list[set[int]],
                   popularity: list[float], all_fit: bool) -> None:
    """Pairs drawn by popularity; each gets the least loaded common free slot if there is one
    (with ``all_fit``, only pairs with one are kept)."""
    participants = len(avail)
    degree_cap = [len(a) for a in avail]
    attempts = 0
    while len(req.meetings) < meetings and attempts < meetings * 200:
        attempts += 1
        a = rng.randrange(participants)
        b = rng.choices(range(participants), weights=popularity)[0]
        if a == b or (min(a, b), max(a, b)) in req.pairs:
            continue
        common = (avail[a] & avail[b]) - req.busy[a] - req.busy[b]
        if all_fit and not common:
            continue
        if not all_fit and (req.degree[a] >= degree_cap[a] * 1.5 or req.degree[b] >= degree_cap[b] * 1.5):
            continue
        # spread load like an organiser would, but keep agendas compact-ish
        slot = min(common, key=lambda x: (req.load[x] + rng.random() * 3)) if common else None
        req.add(a, b, slot)


def _tables(req: _Requests, block_ids: list[str], block_slots: list[list[int]], all_fit: bool,
            table_tightness: float) -> dict[str, int]:
    tables: dict[str, int] = {}
    for b, bid in enumerate(block_ids):
        if all_fit:
            peak = max((req.load[s] for s in block_slots[b]), default=0)
            tables[bid] = peak + max(0, round(peak * (1.0 - table_tightness)))
        else:
            per_slot = len(req.meetings) / len(req.load)
            tables[bid] = max(1, math.ceil(per_slot * table_tightness))
    return tables


def _max_meetings(rng: random.Random, req: _Requests, fraction: float, all_fit: bool) -> list[int | None]:
    """Binding for unplanted events, never below the planted count for all_fit."""
    max_meetings: list[int | None] = [None] * len(req.degree)
    for p, degree in enumerate(req.degree):
        if rng.random() < fraction and degree > 1:
            planted_count = len(req.busy[p])
            if all_fit:
                max_meetings[p] = planted_count + rng.randint(0, 2)
            else:
                max_meetings[p] = max(planted_count // 2, rng.randint(max(1, degree // 2), degree))
    return max_meetings


def _meetings_with_rules(rng: random.Random, req: _Requests, slots: list[dict[str, str]], block_ids: list[str],
                         block_slots: list[list[int]], tables: dict[str, int], max_meetings: list[int | None], *,
                         priorities: bool, restrict_fraction: float, locked_fraction: float) -> list[dict[str, Any]]:
    """The meetings with priorities, block restrictions and locks (locks from the planted
    schedule, within the tables and max_meetings)."""
    out_meetings = []
    lock_load = [0] * len(slots)
    lock_count = [0] * len(req.degree)
    block_of = {s: b for b, bl in enumerate(block_slots) for s in bl}
    for mi, (a, b) in enumerate(req.meetings):
        m: dict[str, Any] = {"id": f"m{mi + 1}", "participants": [f"p{a + 1}", f"p{b + 1}"]}
        if priorities:
            m["priority"] = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        s = req.planted.get(mi)
        if len(block_ids) > 1 and rng.random() < restrict_fraction:
            bl = block_of[s] if s is not None else rng.randrange(len(block_ids))
            m["slots"] = [slots[x]["id"] for x in block_slots[bl]]
        m["locked_slot"] = None
        if s is None or rng.random() >= locked_fraction:
            out_meetings.append(m)
            continue
        tb = tables[block_ids[block_of[s]]]
        ok_count = all(max_meetings[p] is None or lock_count[p] < max_meetings[p] for p in (a, b))
        if lock_load[s] < tb and ok_count and ("slots" not in m or slots[s]["id"] in m["slots"]):
            m["locked_slot"] = slots[s]["id"]
            lock_load[s] += 1
            for p in (a, b):
                lock_count[p] += 1
        out_meetings.append(m)
    return out_meetings


def _participants_out(avail: list[set[int]], slots: list[dict[str, str]],
                      max_meetings: list[int | None] | None = None) -> list[dict[str, Any]]:
    out_participants = []
    for p, a in enumerate(avail):
        d: dict[str, Any] = {"id": f"p{p + 1}"}
        if len(a) < len(slots):
            d["available"] = [slots[s]["id"] for s in sorted(a)]
        if max_meetings is not None:
            d["max_meetings"] = max_meetings[p]
        out_participants.append(d)
    return out_participants


def generate_forum_instance(participants: int = 60, meetings: int = 200, *, seed: int = 0, blocks: int = 1,
                            slots: int = 16) -> dict[str, Any]:
    """An instance shaped like the published forum events: every meeting fits, no priorities.

    Tables are exactly the planted peak, so they bind in the busiest slots.
    """
    return generate_instance(
        participants, meetings, blocks=blocks, slots_per_block=(slots, slots), seed=seed, all_fit=True,
        zipf=0.9, single_block_fraction=0.3, partial_fraction=0.2, max_meetings_fraction=0.0,
        locked_fraction=0.0, restrict_fraction=0.0, table_tightness=1.0, priorities=False,
    )


def generate_girona_instance(participants: int = 60, meetings: int = 200, *, sessions: int = 2, seed: int = 0,
                             morning_slots: int = 14, afternoon_slots: int = 8,
                             session_only_fraction: float = 0.35, partial_fraction: float = 0.3,
                             restrict_fraction: float = 0.4, hole_fraction: float = 0.1,
                             table_slack: int = 0) -> dict[str, Any]:
    """An instance shaped like the Girona technology-park forums (Bofill, Coll, Suy, Villaret).

    One or two sessions (morning, afternoon); participants attend one session or both, and many
    arrive late or leave early (a contiguous sub-range of a session), a few are away for a slot
    or two in the middle of a session (``hole_fraction``); a share of the meetings is
    restricted to one session (the pair asked for the morning, say); no priorities, locks or
    max_meetings; requests follow a power law (a few very popular participants). Every meeting
    fits: the requests are generated together with a hidden schedule that places them, spread
    over the available slots like a hand-made agenda (so it has many breaks); tables are that
    schedule's peak load per session plus ``table_slack``.
    """
    rng = random.Random(seed)
    if participants < 2:
        raise ValueError("need at least two participants")
    sizes = [morning_slots, afternoon_slots][:max(1, min(2, sessions))]
    names = ["morning", "afternoon"]
    slots: list[dict[str, str]] = []
    block_slots: list[list[int]] = []
    for b, n in enumerate(sizes):
        block_slots.append(list(range(len(slots), len(slots) + n)))
        for i in range(n):
            slots.append({"id": f"{names[b][0]}{i + 1:02d}", "block": names[b]})
    avail = [_session_availability(rng, block_slots, session_only_fraction, partial_fraction, hole_fraction)
             for _ in range(participants)]
    popularity = _popularity(rng, participants, 0.8)
    planted = _plant_spread_requests(rng, meetings, avail, popularity)
    load = [0] * len(slots)
    for _a, _b, s in planted:
        load[s] += 1
    tables = {names[b]: max(load[s] for s in bl) + table_slack for b, bl in enumerate(block_slots)}
    block_of = {s: b for b, bl in enumerate(block_slots) for s in bl}
    out_meetings = []
    for k, (a, b, s) in enumerate(planted):
        m: dict[str, Any] = {"id": f"m{k + 1}", "participants": [f"p{a + 1}", f"p{b + 1}"]}
        if len(sizes) > 1 and rng.random() < restrict_fraction:
            m["slots"] = [slots[x]["id"] for x in block_slots[block_of[s]]]
        out_meetings.append(m)
    return {"slots": slots, "tables": tables, "participants": _participants_out(avail, slots),
            "meetings": out_meetings}


def _session_availability(rng: random.Random, block_slots: list[list[int]], session_only_fraction: float,
                          partial_fraction: float, hole_fraction: float) -> set[int]:
    """One participant's slots: one session or both, often a sub-range, sometimes a hole."""
    n_blocks = len(block_slots)
    chosen = list(range(n_blocks))
    if n_blocks > 1 and rng.random() < session_only_fraction:
        chosen = [0] if rng.random() < 0.65 else [1]
    a: set[int] = set()
    for b in chosen:
        bl = block_slots[b]
        if rng.random() < partial_fraction and len(bl) > 4:
            length = rng.randint(max(3, len(bl) // 2), len(bl) - 1)
            start = 0 if rng.random() < 0.5 else len(bl) - length
            a.update(bl[start:start + length])
        else:
            a.update(bl)
    if rng.random() < hole_fraction:
        # an own talk or a visit: one or two unavailable slots in the middle of a session
        mids = [s for s in sorted(a) if s - 1 in a and s + 2 in a]
        if mids:
            s = rng.choice(mids)
            a -= {s, s + 1} if rng.random() < 0.4 else {s}
    return a


def _plant_spread_requests(rng: random.Random, meetings: int, avail: list[set[int]], popularity: list[float]
                           ) -> list[tuple[int, int, int]]:
    """(a, b, slot) requests by popularity, each at a random common free slot of the pair."""
    participants = len(avail)
    busy: list[set[int]] = [set() for _ in range(participants)]
    pairs: set[tuple[int, int]] = set()
    planted: list[tuple[int, int, int]] = []
    attempts = 0
    while len(planted) < meetings and attempts < meetings * 300:
        attempts += 1
        a = rng.randrange(participants)
        b = rng.choices(range(participants), weights=popularity)[0]
        key = (min(a, b), max(a, b))
        if a == b or key in pairs:
            continue
        common = sorted((avail[a] & avail[b]) - busy[a] - busy[b])
        if not common:
            continue
        s = rng.choice(common)
        busy[a].add(s)
        busy[b].add(s)
        pairs.add(key)
        planted.append((a, b, s))
    return planted
