"""Proven bounds: how many meetings (and how much priority weight) any valid schedule can hold,
and how few breaks.

A reported bound must be *proven*, whichever solver ran, so the organiser can tell "the venue is
too small" from "the solver gave up". Two independent bounds are combined:

* combinatorial: schedulable requests, seats per slot (tables, and half of the participants who
  could meet then), and per-participant capacity (max_meetings, slots it could use, requests it
  has), summed over a vertex cover of the request graph, which catches the "one popular
  participant" star that a plain degree sum misses;
* the linear relaxation of the time-indexed model (meeting x slot), through a dual solution
  from PDLP and weak duality, so it is fast at any size and valid however far PDLP got. It is
  the bound CP-SAT starts from, but also available to the heuristic-only path.

Both come in a counting and a priority-weighted form: phase 1 maximises the weight, and the
report states how many meetings fit.
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


def combinatorial_bound(instance: Instance, *, weighted: bool = False) -> int:
    """Most meetings (or, ``weighted``, most priority weight) any valid schedule can hold."""
    inst = instance
    schedulable = [i for i, m in enumerate(inst.meetings) if m.allowed]
    weight = [m.priority if weighted else 1 for m in inst.meetings]

    def top(items, k: int) -> int:
        """The weight of the ``k`` heaviest of ``items`` (meeting indices)."""
        return sum(sorted((weight[i] for i in items), reverse=True)[:k]) if weighted else min(k, len(items))

    bound = sum(weight[i] for i in schedulable)
    at_slot: list[list[int]] = [[] for _ in inst.slots]
    parts_at: list[set[int]] = [set() for _ in inst.slots]
    for i in schedulable:
        for s in inst.meetings[i].allowed:
            at_slot[s].append(i)
            parts_at[s].update(inst.meetings[i].participants)
    bound = min(bound, sum(top(at_slot[s], min(inst.capacity(s), len(parts_at[s]) // 2))
                           for s in range(len(inst.slots))))
    caps = participant_capacity(inst)
    if not weighted:
        bound = min(bound, sum(caps) // 2)
    # greedy vertex cover, cheapest capacity per covered request first: every scheduled meeting
    # has a participant in the cover, who holds at most caps[p] of its live requests
    live_meetings = set(schedulable)
    incident: list[list[int]] = [[] for _ in inst.participants]
    for i in live_meetings:
        for p in inst.meetings[i].participants:
            incident[p].append(i)
    live = [len(x) for x in incident]
    total = 0
    while live_meetings:
        p = min((q for q in range(len(caps)) if live[q] > 0), key=lambda q: (caps[q] / live[q], q))
        total += top([i for i in incident[p] if i in live_meetings], caps[p])
        for i in incident[p]:
            if i in live_meetings:
                live_meetings.discard(i)
                for q in inst.meetings[i].participants:
                    live[q] -= 1
    return min(bound, total)


def lp_bound(instance: Instance, *, weighted: bool = False, time_limit: float = 10.0) -> int | None:
    """Upper bound on the scheduled count (or ``weighted``: priority weight) from the LP relaxation.

    The linear relaxation of the time-indexed model (meeting x slot, each meeting at most once,
    tables per slot, one meeting per participant and slot, max_meetings) is the tight bound when
    requests outnumber what fits (measured on 800 / 5,000: 6,177 against a best known schedule of
    6,173, where the combinatorial bound says 6,244), but an exact simplex or interior-point
    solve of its 80,000 columns takes HiGHS 20-95 s. PDLP, OR-Tools' first-order LP method, gets
    close in well under a second. Its answer is never trusted as such: for *any* non-negative row
    prices ``y`` (here PDLP's dual, clipped at zero), weak duality gives ::

        b.y + sum_j max(0, w_j - (A^T y)_j)   >=   every schedule's weight

    since each column lies in [0, 1]; that value, rounded down, is the bound. So the bound is
    valid however far PDLP got, and only its tightness depends on the time limit. None when the
    LP tools are missing.
    """
    try:
        import numpy as np
        from ortools.pdlp import solvers_pb2
        from ortools.pdlp.python import pdlp
        from scipy.sparse import coo_matrix
    except ImportError:  # pragma: no cover - OR-Tools and SciPy are project dependencies
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
    a = coo_matrix((np.ones(len(rows)), (rows, cidx)), shape=(len(ub), len(cols))).tocsc()
    b = np.array(ub, dtype=float)
    w = np.array([float(inst.meetings[mi].priority if weighted else 1) for mi, _ in cols])
    qp = pdlp.QuadraticProgram()
    qp.objective_vector = -w  # PDLP minimises
    qp.constraint_matrix = a
    qp.constraint_lower_bounds = np.full(len(b), -np.inf)
    qp.constraint_upper_bounds = b
    qp.variable_lower_bounds = np.zeros(len(w))
    qp.variable_upper_bounds = np.ones(len(w))
    params = solvers_pb2.PrimalDualHybridGradientParams()
    params.termination_criteria.simple_optimality_criteria.eps_optimal_relative = 1e-4
    params.termination_criteria.simple_optimality_criteria.eps_optimal_absolute = 1e-4
    params.termination_criteria.time_sec_limit = max(0.1, time_limit)
    params.num_threads = 1
    result = pdlp.primal_dual_hybrid_gradient(qp, params)
    # PDLP's duals of "<=" rows of a minimisation are <= 0; the prices of the maximisation are -y
    y = np.maximum(-np.asarray(result.dual_solution, dtype=float), 0.0)
    if y.shape != b.shape or not np.all(np.isfinite(y)):
        return None
    value = float(b @ y + np.maximum(w - a.T @ y, 0.0).sum())
    return min(math.floor(value + 1e-6), int(w.sum()))


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
