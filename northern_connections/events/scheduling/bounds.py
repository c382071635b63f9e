"""Upper bounds on the number of meetings any valid schedule can contain.

A reported bound must be *proven*, whichever solver ran, so the organiser can tell "the venue is
too small" from "the solver gave up". Two independent bounds are combined:

* combinatorial: schedulable requests, seats per slot (tables, and half of the participants who
  could meet then), and per-participant capacity (max_meetings, slots it could use, requests it
  has), summed over a vertex cover of the request graph, which catches the "one popular
  participant" star that a plain degree sum misses;
* the linear relaxation of the time-indexed model (meeting x slot), solved by HiGHS through
  SciPy. It is the bound CP-SAT starts from, but also available to the greedy-only path.
"""

from __future__ import annotations

import math

from .instance import Instance


def participant_capacity(instance: Instance) -> list[int]:
    inst = instance
    deg = [0] * len(inst.participants)
    cand: list[set[int]] = [set() for _ in inst.participants]
    for m in inst.meetings:
        if not m.allowed:
            continue
        for p in m.participants:
            deg[p] += 1
            cand[p].update(m.allowed)
    caps = []
    for p, part in enumerate(inst.participants):
        c = min(deg[p], len(cand[p]))
        if part.max_meetings is not None:
            c = min(c, part.max_meetings)
        caps.append(c)
    return caps


def combinatorial_bound(instance: Instance) -> int:
    inst = instance
    schedulable = [m for m in inst.meetings if m.allowed]
    bound = len(schedulable)
    parts_at: list[set[int]] = [set() for _ in inst.slots]
    for m in schedulable:
        for s in m.allowed:
            parts_at[s].update(m.participants)
    bound = min(bound, sum(min(inst.capacity(s), len(parts_at[s]) // 2) for s in range(len(inst.slots))))
    caps = participant_capacity(inst)
    bound = min(bound, sum(caps) // 2)
    # greedy vertex cover, cheapest capacity per covered request first
    live_meetings = {i for i, m in enumerate(inst.meetings) if m.allowed}
    incident: list[list[int]] = [[] for _ in inst.participants]
    for i in live_meetings:
        for p in inst.meetings[i].participants:
            incident[p].append(i)
    live = [len(x) for x in incident]
    total = 0
    while live_meetings:
        p = min((q for q in range(len(caps)) if live[q] > 0), key=lambda q: (caps[q] / live[q], q))
        total += min(caps[p], live[p])
        for i in incident[p]:
            if i in live_meetings:
                live_meetings.discard(i)
                for q in inst.meetings[i].participants:
                    live[q] -= 1
    return min(bound, total)


def lp_bound(instance: Instance, *, time_limit: float = 10.0) -> int | None:
    """floor of the LP relaxation optimum (max number of meetings), or None if unavailable."""
    try:
        import numpy as np
        from scipy.optimize import linprog
        from scipy.sparse import coo_matrix
    except ImportError:  # pragma: no cover - scipy is a project dependency
        return None
    inst = instance
    cols = [(mi, s) for mi, m in enumerate(inst.meetings) for s in m.allowed]
    if not cols:
        return 0
    rows, cidx, ub = [], [], []
    row_of: dict[tuple, int] = {}

    def row(key, cap) -> int:
        r = row_of.get(key)
        if r is None:
            r = row_of[key] = len(ub)
            ub.append(cap)
        return r

    for j, (mi, s) in enumerate(cols):
        m = inst.meetings[mi]
        entries = [row(("m", mi), 1), row(("s", s), inst.capacity(s))]
        for p in m.participants:
            entries.append(row(("ps", p, s), 1))
            mx = inst.participants[p].max_meetings
            if mx is not None:
                entries.append(row(("p", p), mx))
        rows.extend(entries)
        cidx.extend([j] * len(entries))
    a = coo_matrix((np.ones(len(rows)), (rows, cidx)), shape=(len(ub), len(cols))).tocsr()
    res = linprog(-np.ones(len(cols)), A_ub=a, b_ub=np.array(ub, dtype=float), bounds=(0, 1), method="highs",
                  options={"time_limit": time_limit})
    if res.status != 0:
        return None
    return math.floor(-res.fun + 1e-6)


def weight_to_count(instance: Instance, weight_bound: int) -> int:
    """Most meetings a schedule of weight at most ``weight_bound`` can hold (cheapest first)."""
    total = k = 0
    for pr in sorted(m.priority for m in instance.meetings if m.allowed):
        if total + pr > weight_bound:
            break
        total += pr
        k += 1
    return k


def count_bound(instance: Instance, weight_bound: int | None = None, *, lp: bool = True,
                lp_time_limit: float = 10.0) -> int:
    bound = combinatorial_bound(instance)
    if weight_bound is not None:
        bound = min(bound, weight_to_count(instance, weight_bound))
    if lp and bound > 0:
        value = lp_bound(instance, time_limit=lp_time_limit)
        if value is not None:
            bound = min(bound, value)
    return bound


# --------------------------------------------------------------------------------------------
# lower bounds on breaks


def participant_break_bounds(instance: Instance, *, time_limit: float = 5.0,
                             meetings: set[int] | None = None) -> list[int]:
    """Per participant, the fewest breaks their own agenda can have, ignoring everyone else.

    Valid only among schedules that place every meeting in ``meetings`` (default: every
    schedulable meeting), which is the situation of the break phase once phase 1 proved that
    everything fits. Each participant is a tiny exact problem (their meetings, each into one of
    its allowed slots, at most one per slot; breaks = runs - 1 per non-empty block); relaxing the
    other participants and the tables can only lower the optimum, so the sum over participants is
    a proven lower bound on the total number of breaks. When a participant's model is not solved
    to optimality within its share of ``time_limit``, CP-SAT's proven bound is used instead.
    """
    from ortools.sat.python import cp_model

    inst = instance
    if meetings is None:
        meetings = {mi for mi, m in enumerate(inst.meetings) if m.allowed}
    mine: list[list[int]] = [[] for _ in inst.participants]
    for mi in meetings:
        for p in inst.meetings[mi].participants:
            mine[p].append(mi)
    out = [0] * len(inst.participants)
    hard = [p for p in range(len(inst.participants)) if len(mine[p]) >= 2]
    import time as _time

    deadline = _time.monotonic() + time_limit
    for k, p in enumerate(hard):
        left = deadline - _time.monotonic()
        if left <= 0:
            break
        out[p] = _participant_min_breaks(inst, mine[p], max(0.05, left / (len(hard) - k)), cp_model)
    return out


def _participant_min_breaks(inst: Instance, ms: list[int], time_limit: float, cp_model) -> int:
    # quick exit: if the meetings can be placed with every block's slots contiguous the answer is
    # 0; CP-SAT finds that instantly anyway, so just build the model.
    model = cp_model.CpModel()
    by_slot: dict[int, list] = {}
    for mi in ms:
        lits = []
        for s in inst.meetings[mi].allowed:
            v = model.new_bool_var("")
            lits.append(v)
            by_slot.setdefault(s, []).append(v)
        model.add_exactly_one(lits)
    busy: dict[int, object] = {}
    for s, lits in by_slot.items():
        b = model.new_bool_var("")
        model.add(sum(lits) == b)
        busy[s] = b
    terms = []
    for bl in inst.blocks:
        bs = [busy.get(s) for s in bl.slots]
        if sum(1 for b in bs if b is not None) <= 1:
            continue
        nonempty = model.new_bool_var("")
        model.add(nonempty <= sum(b for b in bs if b is not None))
        for i, b in enumerate(bs):
            if b is None:
                continue
            prev = bs[i - 1] if i > 0 else None
            if prev is None:
                terms.append(b)  # a run necessarily starts here when busy
            else:
                st = model.new_bool_var("")
                model.add(st >= b - prev)
                terms.append(st)
        terms.append(-nonempty)
    if not terms:
        return 0
    model.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return max(0, round(solver.objective_value))
    if status == cp_model.FEASIBLE:
        return max(0, math.ceil(solver.best_objective_bound - 1e-6))
    return 0
