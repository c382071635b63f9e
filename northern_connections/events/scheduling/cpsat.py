"""CP-SAT model of the B2B meeting scheduling problem (lexicographic, two phases).

Modelling choices and why:

* **No table variables.** Tables in one block are interchangeable, so a schedule only has to keep
  the number of meetings in a slot at or below the number of tables; concrete table numbers are
  handed out afterwards (``solver.assign_tables``). This removes a factor ``tables!`` of
  symmetric solutions and most of the variables.
* **One Boolean per (meeting, allowed slot).** Availability, the meeting's own slot list and locks
  are applied when the variable domain is built, so they cost nothing during search.
* **Breaks as "a meeting starts after a free slot, with an earlier meeting in the block"**, the
  *endHole* indicator of Bofill, Coll, Suy and Villaret (Constraints 2017). With prefix-OR
  variables ``pre[i] = busy[0] or ... or busy[i]`` one break literal per position suffices:
  ``busy[i] and not busy[i-1] and pre[i-2] -> brk[i]``. Idle slots use prefix and suffix ORs:
  ``not busy[i] and pre[i-1] and suf[i+1] -> idle[i]``.
* **Implied constraints**, all redundant for correctness but they let propagation and the
  core-based lower-bound search see more: per participant and block, breaks are at most the idle
  slots, and the break count equals the number of meeting runs minus one; when every meeting
  has to be scheduled, each participant's meeting count is fixed, so the number of runs and the
  span of the agenda are tied to that count; the number of meetings in a slot is also bounded by
  half the participants who could meet there.
* **Lexicographic objective by phases** instead of one weighted sum: phase 1 maximises the
  scheduled priority weight; phase 2 keeps that weight (or at least the best found) and
  minimises breaks; phase 3 keeps the break count and minimises idle slots. Each phase is
  warm-started with the best schedule known so far, and each reports its proven bound, which is
  what the ``bound_*`` statistics and the ``optimal`` flag are built from.
* **Search portfolio.** On two cores the default CP-SAT portfolio is too thin to include a
  core-based (MaxSAT-style) lower-bound worker, and that is exactly what proves break optima:
  most participants can have a compact agenda and the objective is a sum of few forced breaks,
  the setting in which core-guided MaxSAT excels (this is why Bofill et al.'s MaxSAT encoding
  beats plain CP). So phase 2 runs one core-based worker next to one default (LP + LNS) worker.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .instance import Instance


@dataclass
class PhaseResult:
    status: str  # "OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID", "SKIPPED"
    value: int | None = None
    bound: int | None = None
    slot_of: dict[int, int] | None = None
    seconds: float = 0.0
    log: list[str] = field(default_factory=list)

    @property
    def optimal(self) -> bool:
        return self.status == "OPTIMAL"


_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
}


class _Stop(cp_model.CpSolverSolutionCallback):
    """Stops a phase as soon as an externally known bound is reached (e.g. 0 breaks)."""

    def __init__(self, target: int | None, on_solution: Callable[[float], None] | None):
        super().__init__()
        self.target = target
        self.on_solution = on_solution

    def on_solution_callback(self) -> None:
        v = self.objective_value
        if self.on_solution is not None:
            self.on_solution(v)
        if self.target is not None and v <= self.target + 1e-9 and v >= self.target - 1e-9:
            self.stop_search()


class SchedulingModel:
    """The assignment model; objectives and extra constraints are swapped between phases."""

    def __init__(self, instance: Instance, *, all_scheduled: bool = False, workers: int = 2, seed: int = 0):
        self.inst = instance
        self.workers = workers
        self.seed = seed
        self.all_scheduled = all_scheduled
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.by_slot: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in instance.slots]
        self.by_part_slot: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        self.y: dict[int, cp_model.LinearExprT] = {}
        for mi in range(len(instance.meetings)):
            self._add_meeting(mi)
        self._add_busy_and_tables()
        self._add_max_meetings()
        self.weight = sum(instance.meetings[mi].priority * self.y[mi] for mi in range(len(instance.meetings)))
        self._agenda_built = False

    def _add_meeting(self, mi: int) -> None:
        """One Boolean per allowed slot; ``y[mi]`` says whether the meeting is scheduled."""
        m, mt = self.model, self.inst.meetings[mi]
        lits = []
        for s in mt.allowed:
            v = m.new_bool_var(f"x{mi}_{s}")
            self.x[(mi, s)] = v
            self.by_slot[s].append((mi, v))
            for p in mt.participants:
                self.by_part_slot.setdefault((p, s), []).append(v)
            lits.append(v)
        if lits and (mt.locked_slot is not None or self.all_scheduled):
            m.add_exactly_one(lits)
            self.y[mi] = 1
        elif lits:
            m.add_at_most_one(lits)
            self.y[mi] = sum(lits)
        else:
            self.y[mi] = 0

    def _add_busy_and_tables(self) -> None:
        """Participant busy indicators (at most one meeting per participant and slot), tables,
        and an implied per-slot bound from the participants who could meet then."""
        m, inst = self.model, self.inst
        self.busy: dict[tuple[int, int], cp_model.IntVar] = {}
        for (p, s), lits in self.by_part_slot.items():
            b = m.new_bool_var(f"busy{p}_{s}")
            m.add(sum(lits) == b)
            self.busy[(p, s)] = b
        parts_at: list[set[int]] = [set() for _ in inst.slots]
        for (p, s) in self.busy:
            parts_at[s].add(p)
        for s in range(len(inst.slots)):
            lits = [v for _, v in self.by_slot[s]]
            if not lits:
                continue
            cap = min(inst.capacity(s), len(parts_at[s]) // 2)
            if cap < len(lits):
                m.add(sum(lits) <= cap)

    def _add_max_meetings(self) -> None:
        self.meetings_of = self.inst.meetings_of()
        for p, part in enumerate(self.inst.participants):
            if part.max_meetings is not None:
                expr = [self.y[mi] for mi in self.meetings_of[p]]
                if len(self.meetings_of[p]) > part.max_meetings:
                    self.model.add(sum(expr) <= part.max_meetings)

    # ------------------------------------------------------------------ agenda (breaks / idle)

    def build_agenda(self) -> None:
        """Break and idle indicators per participant and block (see module docstring)."""
        if self._agenda_built:
            return
        self._agenda_built = True
        inst = self.inst
        self.brk: list[cp_model.IntVar] = []
        self.idle: list[cp_model.IntVar] = []
        self.brk_of: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        fixed_count = None
        if self.all_scheduled:
            fixed_count = [sum(1 for mi in ms if inst.meetings[mi].allowed) for ms in self.meetings_of]
        for p in range(len(inst.participants)):
            blocks_used = [bi for bi, bl in enumerate(inst.blocks) if any((p, s) in self.busy for s in bl.slots)]
            for bi in blocks_used:
                # all of p's meetings are in this block when every meeting is scheduled
                only_block_count = fixed_count[p] if fixed_count is not None and len(blocks_used) == 1 else None
                self._add_block_agenda(p, bi, only_block_count)

    def _add_block_agenda(self, p: int, bi: int, only_block_count: int | None) -> None:
        """Run starts, breaks and idle slots of participant ``p`` in block ``bi``, with the
        implied constraints between them."""
        m, bl = self.model, self.inst.blocks[bi]
        busy = [self.busy.get((p, s), 0) for s in bl.slots]
        cand = [i for i in range(len(busy)) if not isinstance(busy[i], int)]
        if len(cand) <= 1:
            return
        first, last = cand[0], cand[-1]
        pre, suf = self._prefix_suffix_ors(p, bl.slots, busy, first, last)
        brks, idles, starts = [], [], []
        for i in range(first, last + 1):
            if not isinstance(busy[i], int):
                st, br = self._run_start(p, bl.slots[i], busy, pre, i, first)
                starts.append(st)
                if br is not None:
                    brks.append(br)
            if first < i < last:
                iv = self._idle_at(p, bl.slots[i], busy[i], pre[i - 1], suf[i + 1])
                if iv is not None:
                    idles.append(iv)
        self.brk.extend(brks)
        self.idle.extend(idles)
        self.brk_of[(p, bi)] = brks
        # implied: breaks <= idle slots; runs = breaks + [any meeting]
        if brks:
            m.add(sum(brks) <= sum(idles))
            m.add(sum(starts) == sum(brks) + pre[last])
        if only_block_count is not None and brks:
            # span = count + idle, and the number of runs is at most the number of meetings
            m.add(sum(starts) <= only_block_count)
            m.add(sum(idles) + only_block_count <= last - first + 1)

    def _prefix_suffix_ors(self, p: int, slots: list[int], busy: list, first: int, last: int) -> tuple[list, list]:
        """``pre[i]`` = busy at or before i, ``suf[i]`` = busy at or after i: exact (equivalences)
        for stronger propagation."""
        k = len(busy)
        pre: list = [0] * k
        suf: list = [0] * k
        for i in range(first, last + 1):
            prev = pre[i - 1] if i > first else 0
            pre[i] = self._or(prev, busy[i], f"pre{p}_{slots[i]}")
        for i in range(last, first - 1, -1):
            nxt = suf[i + 1] if i < last else 0
            suf[i] = self._or(nxt, busy[i], f"suf{p}_{slots[i]}")
        return pre, suf

    def _run_start(self, p: int, slot: int, busy: list, pre: list, i: int, first: int) -> tuple:
        """Run start ``busy[i] and not busy[i-1]``, and the break literal when an earlier meeting
        exists (``start and pre[i-2]``; None when there cannot be one)."""
        m, b_i = self.model, busy[i]
        st = m.new_bool_var(f"st{p}_{slot}")
        prev_busy = busy[i - 1] if i - 1 >= first else 0
        if isinstance(prev_busy, int):
            m.add(st == b_i)
        else:
            m.add_implication(st, b_i)
            m.add_implication(st, prev_busy.Not())
            m.add_bool_or([b_i.Not(), prev_busy, st])
        if i - 2 < first or isinstance(pre[i - 2], int):
            return st, None
        br = m.new_bool_var(f"brk{p}_{slot}")
        # brk <-> start and an earlier meeting exists
        m.add_bool_or([st.Not(), pre[i - 2].Not(), br])
        m.add_implication(br, st)
        m.add_implication(br, pre[i - 2])
        return st, br

    def _idle_at(self, p: int, slot: int, b_i, before, after):
        """Idle literal ``not busy and busy before and busy after`` (None when it cannot be idle
        or cannot be otherwise: a constant neighbour)."""
        if isinstance(before, int) or isinstance(after, int):
            return None
        m = self.model
        iv = m.new_bool_var(f"idle{p}_{slot}")
        if isinstance(b_i, int) and b_i == 0:
            m.add_bool_or([before.Not(), after.Not(), iv])
        else:
            m.add_bool_or([before.Not(), after.Not(), b_i, iv])
        m.add_implication(iv, before)
        m.add_implication(iv, after)
        if not isinstance(b_i, int):
            m.add_implication(iv, b_i.Not())
        return iv

    def add_break_lower_bounds(self, per_participant: list[int]) -> None:
        """Redundant: participant p has at least ``per_participant[p]`` breaks (a proven bound)."""
        by_p: dict[int, list] = {}
        for (p, _bi), brks in self.brk_of.items():
            by_p.setdefault(p, []).extend(brks)
        for p, lb in enumerate(per_participant):
            if lb > 0 and by_p.get(p):
                self.model.add(sum(by_p[p]) >= lb)

    def _or(self, a, b, name: str):
        if isinstance(a, int) and isinstance(b, int):
            return 1 if (a or b) else 0
        if isinstance(a, int):
            return 1 if a else b
        if isinstance(b, int):
            return 1 if b else a
        v = self.model.new_bool_var(name)
        self.model.add_bool_or([a, b, v.Not()])
        self.model.add_implication(a, v)
        self.model.add_implication(b, v)
        return v

    # ------------------------------------------------------------------ solving

    def hint(self, slot_of: dict[int, int] | None) -> None:
        """Warm start from ``slot_of``, completed to every auxiliary variable.

        A hint on the assignment variables alone is "incomplete": CP-SAT then has to repair it by
        search and its large-neighbourhood workers only start from it much later (tens of
        seconds on event-sized models). Fixing the assignment in a copy of the model and letting
        propagation compute busy/prefix/break/idle values gives a complete, feasible hint.
        """
        self.model.clear_hints()
        if not slot_of:
            return
        values = {v.index: (1 if slot_of.get(mi) == s else 0) for (mi, s), v in self.x.items()}
        full = self._complete(values)
        if full is None:
            for v in self.x.values():
                self.model.add_hint(v, values[v.index])
            return
        for i, val in enumerate(full):
            self.model.add_hint(self.model.get_int_var_from_proto_index(i), val)

    def _complete(self, values: dict[int, int]) -> list[int] | None:
        probe = self.model.clone()
        probe.clear_objective()
        probe.clear_hints()
        for i, val in values.items():
            probe.add(probe.get_int_var_from_proto_index(i) == val)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = 5.0
        status = solver.solve(probe)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        n = len(probe.proto.variables)
        return [solver.value(probe.get_int_var_from_proto_index(i)) for i in range(n)]

    def _params(self, time_limit: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.max_time_in_seconds = max(0.05, time_limit)
        p.num_workers = self.workers
        p.random_seed = self.seed
        p.log_search_progress = False
        return solver

    def _extract(self, solver: cp_model.CpSolver) -> dict[int, int]:
        out = {}
        for (mi, s), v in self.x.items():
            if solver.boolean_value(v):
                out[mi] = s
        return out

    def solve_phase(self, sense: str, expr, time_limit: float, *, target: int | None = None,
                    on_solution: Callable[[float], None] | None = None,
                    should_stop: Callable[[], bool] | None = None) -> PhaseResult:
        t0 = time.monotonic()
        if sense == "max":
            self.model.maximize(expr)
        else:
            self.model.minimize(expr)
        solver = self._params(time_limit)
        cb = _Stop(target if sense == "min" else None, on_solution)
        done = threading.Event()
        watcher = None
        if should_stop is not None:
            # another exact solver (MaxSAT) may prove the optimum first; poll it and stop CP-SAT
            def watch() -> None:
                while not done.wait(0.1):
                    if should_stop():
                        solver.stop_search()
                        return

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
        try:
            status = solver.solve(self.model, cb)
        finally:
            done.set()
            if watcher is not None:
                watcher.join()
        name = _STATUS.get(status, "UNKNOWN")
        res = PhaseResult(name, seconds=time.monotonic() - t0)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            res.value = round(solver.objective_value)
            bound = solver.best_objective_bound
            res.bound = math.ceil(bound - 1e-6) if sense == "min" else math.floor(bound + 1e-6)
            res.slot_of = self._extract(solver)
            if target is not None and sense == "min" and res.value <= target:
                res.status = "OPTIMAL"
                res.bound = res.value
        elif status == cp_model.INFEASIBLE:
            res.bound = None
        return res
