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

    # slots and blocks
    slots: list[dict[str, str]] = []
    block_ids = [f"block-{b + 1}" for b in range(blocks)]
    block_slots: list[list[int]] = []
    for b, bid in enumerate(block_ids):
        n = rng.randint(*slots_per_block)
        block_slots.append(list(range(len(slots), len(slots) + n)))
        for i in range(n):
            slots.append({"id": f"b{b + 1}-s{i + 1:02d}", "block": bid})
    n_slots = len(slots)

    # availability
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

    # popularity: Zipf over a random permutation of participants
    perm = list(range(participants))
    rng.shuffle(perm)
    popularity = [0.0] * participants
    for rank, p in enumerate(perm):
        popularity[p] = 1.0 / (rank + 1) ** zipf
    degree_cap = [len(a) for a in avail]

    planted: dict[int, int] = {}
    busy: list[set[int]] = [set() for _ in range(participants)]
    load = [0] * n_slots
    pairs: set[tuple[int, int]] = set()
    meeting_list: list[tuple[int, int]] = []
    degree = [0] * participants
    attempts = 0
    while len(meeting_list) < meetings and attempts < meetings * 200:
        attempts += 1
        a = rng.randrange(participants)
        b = rng.choices(range(participants), weights=popularity)[0]
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        common = (avail[a] & avail[b]) - busy[a] - busy[b]
        if all_fit:
            if not common:
                continue
        elif degree[a] >= degree_cap[a] * 1.5 or degree[b] >= degree_cap[b] * 1.5:
            continue
        mi = len(meeting_list)
        if common:
            # spread load like an organiser would, but keep agendas compact-ish
            s = min(common, key=lambda x: (load[x] + rng.random() * 3))
            planted[mi] = s
            busy[a].add(s)
            busy[b].add(s)
            load[s] += 1
        elif all_fit:
            continue
        pairs.add((min(a, b), max(a, b)))
        meeting_list.append((a, b))
        degree[a] += 1
        degree[b] += 1

    # tables
    tables: dict[str, int] = {}
    for b, bid in enumerate(block_ids):
        if all_fit:
            peak = max((load[s] for s in block_slots[b]), default=0)
            tables[bid] = peak + max(0, round(peak * (1.0 - table_tightness)))
        else:
            per_slot = len(meeting_list) / n_slots
            tables[bid] = max(1, math.ceil(per_slot * table_tightness))

    # max_meetings: binding for unplanted events, never below the planted count for all_fit
    max_meetings: list[int | None] = [None] * participants
    for p in range(participants):
        if rng.random() < max_meetings_fraction and degree[p] > 1:
            planted_count = len(busy[p])
            if all_fit:
                max_meetings[p] = planted_count + rng.randint(0, 2)
            else:
                max_meetings[p] = max(planted_count // 2, rng.randint(max(1, degree[p] // 2), degree[p]))

    # meetings: priorities, restrictions, locks
    out_meetings = []
    lock_load = [0] * n_slots
    lock_count = [0] * participants
    block_of = {s: b for b, bl in enumerate(block_slots) for s in bl}
    for mi, (a, b) in enumerate(meeting_list):
        m: dict[str, Any] = {"id": f"m{mi + 1}", "participants": [f"p{a + 1}", f"p{b + 1}"]}
        if priorities:
            m["priority"] = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        s = planted.get(mi)
        if blocks > 1 and rng.random() < restrict_fraction:
            bl = block_of[s] if s is not None else rng.randrange(blocks)
            m["slots"] = [slots[x]["id"] for x in block_slots[bl]]
        m["locked_slot"] = None
        if s is not None and rng.random() < locked_fraction:
            tb = tables[block_ids[block_of[s]]]
            ok_count = all(max_meetings[p] is None or lock_count[p] < max_meetings[p] for p in (a, b))
            if lock_load[s] < tb and ok_count and ("slots" not in m or slots[s]["id"] in m["slots"]):
                m["locked_slot"] = slots[s]["id"]
                lock_load[s] += 1
                for p in (a, b):
                    lock_count[p] += 1
        out_meetings.append(m)

    out_participants = []
    for p in range(participants):
        d: dict[str, Any] = {"id": f"p{p + 1}"}
        if len(avail[p]) < n_slots:
            d["available"] = [slots[s]["id"] for s in sorted(avail[p])]
        d["max_meetings"] = max_meetings[p]
        out_participants.append(d)
    return {"slots": slots, "tables": tables, "participants": out_participants, "meetings": out_meetings}


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
    n_blocks = len(sizes)

    avail: list[set[int]] = []
    for _ in range(participants):
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
        avail.append(a)

    perm = list(range(participants))
    rng.shuffle(perm)
    popularity = [0.0] * participants
    for rank, p in enumerate(perm):
        popularity[p] = 1.0 / (rank + 1) ** 0.8
    block_of = {s: b for b, bl in enumerate(block_slots) for s in bl}
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

    load = [0] * len(slots)
    for _a, _b, s in planted:
        load[s] += 1
    tables = {names[b]: max(load[s] for s in bl) + table_slack for b, bl in enumerate(block_slots)}
    out_meetings = []
    for k, (a, b, s) in enumerate(planted):
        m: dict[str, Any] = {"id": f"m{k + 1}", "participants": [f"p{a + 1}", f"p{b + 1}"]}
        if n_blocks > 1 and rng.random() < restrict_fraction:
            m["slots"] = [slots[x]["id"] for x in block_slots[block_of[s]]]
        out_meetings.append(m)
    out_participants = []
    for p in range(participants):
        d: dict[str, Any] = {"id": f"p{p + 1}"}
        if len(avail[p]) < len(slots):
            d["available"] = [slots[s]["id"] for s in sorted(avail[p])]
        out_participants.append(d)
    return {"slots": slots, "tables": tables, "participants": out_participants, "meetings": out_meetings}
