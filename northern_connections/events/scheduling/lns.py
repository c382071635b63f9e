"""Exact large-neighbourhood search (CP-SAT on a small sub-problem) for breaks and idle slots.

Why: simulated annealing reaches near-optimal agendas quickly, but whether it lands on the
optimum or one break above it depends on the seed. The last breaks usually sit in a knot of a
few participants whose agendas must be rearranged *together* (several coordinated moves, each
of which alone makes things worse), which is exactly what an exact solver does well on a small
scale. So: free the meetings around the participants that still have breaks (or all meetings of
a window of slots), keep every other meeting where it is, and let CP-SAT re-place the freed
meetings optimally for (breaks, idle) of the participants involved. The sub-problem has at most a
few hundred Booleans and is solved (or proven locally optimal) in well under a second; a result
is only accepted when it is lexicographically better, so this step can only improve.

Status (measured on forum 80/300, girona 60/200 and 70/250 after 10 s of annealing, two seeds
each): sub-problems of up to ~25 freed meetings solve in 0.02-0.15 s, but beyond ~30 they often
time out, and 15 s of this search improved one of six annealed schedules by one break. It is
therefore *not* part of the default ``solve`` pipeline (the time goes to annealing, which
improved results more when given it); it is kept as a tested building block (``lns``) for a repair
step with a stronger sub-model.

The sub-model is the minimisation form of the break count used in ``bounds``: for participant
``q`` and block ``b``, ``runs = sum(start_t)`` with ``start_t >= busy_t - busy_{t-1}``, breaks =
runs - [any meeting]; idle slots via monotone prefix / suffix indicators. Minimisation makes the
inequalities tight, so the optimum of the sub-model is the true (breaks, idle) of the agenda.
The set of scheduled meetings never changes, so weight and max_meetings are preserved; freed
meetings stay within their allowed slots, never share a participant's slot with another meeting
and respect the tables left over by the fixed meetings.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping

from .instance import Instance
from .metrics import agenda_cost


class ExactLNS:
    """Repeated exact re-optimisation of neighbourhoods of the current best schedule."""

    def __init__(self, instance: Instance, slot_of: Mapping[int, int], *, seed: int = 0):
        from ortools.sat.python import cp_model

        self.cp_model = cp_model
        inst = self.inst = instance
        self.rng = random.Random(seed)
        self.seed = seed
        self.slot_of = dict(slot_of)
        self.block_of = [sl.block for sl in inst.slots]
        self.pos_of = [sl.position for sl in inst.slots]
        self.cap = [inst.capacity(s) for s in range(len(inst.slots))]
        self.parts = [m.participants for m in inst.meetings]
        self.movable = {mi for mi in self.slot_of
                        if inst.meetings[mi].locked_slot is None and len(inst.meetings[mi].allowed) > 1}
        self.cost = agenda_cost(inst, self.slot_of)
        self.size = 16  # target number of freed meetings, adapted as we go
        self.iterations = self.improvements = 0
        self.core = True
        self.max_size = 40

    # ------------------------------------------------------------------ neighbourhoods

    def _by_part(self) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in self.inst.participants]
        for mi in self.slot_of:
            for p in self.parts[mi]:
                out[p].append(mi)
        return out

    def _bad(self, by_part: list[list[int]]) -> list[tuple[int, int]]:
        """(participant, block) pairs whose agenda currently has a break."""
        masks: dict[tuple[int, int], int] = {}
        for mi, s in self.slot_of.items():
            for p in self.parts[mi]:
                k = (p, self.block_of[s])
                masks[k] = masks.get(k, 0) | (1 << self.pos_of[s])
        return [k for k, x in masks.items() if (x & ~(x << 1)).bit_count() > 1]

    def neighbourhood(self) -> set[int]:
        by_part = self._by_part()
        bad = self._bad(by_part)
        if bad and self.rng.random() < 0.85:
            return self._around_a_break(by_part, bad)
        return self._slot_window()

    def _around_a_break(self, by_part: list[list[int]], bad: list[tuple[int, int]]) -> set[int]:
        """Grow around a participant with a break, inside that block: their meetings there, then
        their partners' meetings there (breadth first, shuffled)."""
        rng = self.rng
        free: set[int] = set()
        p, blk = bad[rng.randrange(len(bad))]
        frontier = [p]
        seen = {p}
        while frontier and len(free) < self.size:
            q = frontier.pop(0) if rng.random() < 0.7 else frontier.pop(rng.randrange(len(frontier)))
            ms = [mi for mi in by_part[q] if mi in self.movable and self.block_of[self.slot_of[mi]] == blk]
            rng.shuffle(ms)
            for mi in ms:
                if len(free) >= self.size:
                    break
                free.add(mi)
                new = [r for r in self.parts[mi] if r not in seen]
                seen.update(new)
                frontier.extend(new)
        return free

    def _slot_window(self) -> set[int]:
        """A window of consecutive slots of one block, all meetings in it."""
        rng, inst = self.rng, self.inst
        free: set[int] = set()
        bl = inst.blocks[rng.randrange(len(inst.blocks))]
        at: dict[int, list[int]] = {}
        for mi, s in self.slot_of.items():
            if mi in self.movable:
                at.setdefault(s, []).append(mi)
        start = rng.randrange(len(bl.slots))
        for s in list(bl.slots[start:]) + list(bl.slots[:start]):
            ms = at.get(s, [])
            if len(free) + len(ms) > self.size and free:
                break
            free.update(ms)
        return free

    # ------------------------------------------------------------------ sub-problem

    def solve_sub(self, free: set[int], time_limit: float, *, with_idle: bool = True
                  ) -> tuple[dict[int, int] | None, bool]:
        """Best placement of ``free`` (others fixed); (new slots or None, proven optimal)."""
        sub = _SubProblem(self, free)
        if not sub.place(free):
            return None, False  # cannot happen: the current slot is always available
        sub.add_agendas()
        return sub.solve(time_limit, with_idle=with_idle)

    # ------------------------------------------------------------------ driver

    def run(self, time_limit: float, *, target: tuple[int, int] | None = None,
            sub_time: float = 0.4) -> dict[int, int]:
        deadline = time.monotonic() + time_limit
        if not self.movable:
            return dict(self.slot_of)
        while True:
            left = deadline - time.monotonic()
            if left < 0.05 or (target is not None and self.cost <= target):
                break
            free = self.neighbourhood()
            if not free:
                break
            self.iterations += 1
            res, proven = self.solve_sub(free, min(sub_time, left))
            if res is not None:
                cand = dict(self.slot_of)
                cand.update(res)
                c = agenda_cost(self.inst, cand)
                if c < self.cost:
                    self.slot_of, self.cost = cand, c
                    self.improvements += 1
            # adapt the neighbourhood: grow while sub-problems are easy, shrink when they time out
            if proven:
                self.size = min(self.size + 1, self.max_size, len(self.movable))
            else:
                self.size = max(8, self.size - 3)
        return dict(self.slot_of)



def _is_one(v: object) -> bool:
    return isinstance(v, int) and v == 1


def _is_zero(v: object) -> bool:
    return isinstance(v, int) and v == 0


class _SubProblem:
    """The CP-SAT sub-problem of one neighbourhood: where the freed meetings go, and the
    (breaks, idle) of every agenda they touch; every other meeting stays where it is.

    Agenda entries are constants (0 free, 1 a fixed meeting) or expressions of the freed
    meetings' literals; constants are folded so that only what can change gets a variable.
    """

    def __init__(self, search: ExactLNS, free: set[int]):
        self.search = search
        self.inst = search.inst
        self.model = search.cp_model.CpModel()
        self.touched: set[int] = {p for mi in free for p in search.parts[mi]}
        self.fixed_busy: dict[int, set[int]] = {p: set() for p in self.touched}
        self.used = [0] * len(self.inst.slots)
        for mi, s in search.slot_of.items():
            if mi in free:
                continue
            self.used[s] += 1
            for p in search.parts[mi]:
                if p in self.fixed_busy:
                    self.fixed_busy[p].add(s)
        self.x: dict[tuple[int, int], object] = {}
        self.by_ps: dict[tuple[int, int], list] = {}
        self.by_slot: dict[int, list] = {}
        self.brk_terms: list = []
        self.idle_terms: list = []
        self.const = 0

    # ------------------------------------------------------------------ placements

    def place(self, free: set[int]) -> bool:
        """One literal per freed meeting and open slot; False if a meeting has none."""
        for mi in free:
            if not self._place_meeting(mi):
                return False
        cap, used = self.search.cap, self.used
        for s, lits in self.by_slot.items():
            if used[s] + len(lits) > cap[s]:
                self.model.add(sum(lits) <= cap[s] - used[s])
        for lits in self.by_ps.values():
            if len(lits) > 1:
                self.model.add_at_most_one(lits)
        return True

    def _place_meeting(self, mi: int) -> bool:
        model, search = self.model, self.search
        a, b = search.parts[mi]
        lits = []
        for s in self.inst.meetings[mi].allowed:
            if s in self.fixed_busy[a] or s in self.fixed_busy[b] or self.used[s] >= search.cap[s]:
                continue
            v = model.new_bool_var("")
            self.x[(mi, s)] = v
            lits.append(v)
            self.by_slot.setdefault(s, []).append(v)
            self.by_ps.setdefault((a, s), []).append(v)
            self.by_ps.setdefault((b, s), []).append(v)
        if not lits:
            return False
        model.add_exactly_one(lits)
        for s in self.inst.meetings[mi].allowed:
            if (mi, s) in self.x:
                model.add_hint(self.x[(mi, s)], 1 if s == search.slot_of[mi] else 0)
        return True

    # ------------------------------------------------------------------ agendas

    def add_agendas(self) -> None:
        # the current agendas, for the hints
        cur_busy: set[tuple[int, int]] = set()
        for mi, s in self.search.slot_of.items():
            for p in self.search.parts[mi]:
                if p in self.touched:
                    cur_busy.add((p, s))
        for p in self.touched:
            for bl in self.inst.blocks:
                self._add_agenda(p, bl.slots, cur_busy)

    def _add_agenda(self, p: int, slots: list[int], cur_busy: set[tuple[int, int]]) -> None:
        busy: list = []
        any_var = False
        for s in slots:
            if s in self.fixed_busy[p]:
                busy.append(1)
            elif (p, s) in self.by_ps:
                lits = self.by_ps[(p, s)]
                busy.append(lits[0] if len(lits) == 1 else sum(lits))
                any_var = True
            else:
                busy.append(0)
        if not any_var:
            return  # agenda of p in this block cannot change
        hb = [1 if (p, s) in cur_busy else 0 for s in slots]
        self._add_runs(busy, hb)
        k = len(busy)
        pre = self._running_or(busy, hb, range(k))
        suf = self._running_or(busy, hb, range(k - 1, -1, -1))
        self._add_idle(busy, hb, pre, suf)

    def _add_runs(self, busy: list, hb: list[int]) -> None:
        """breaks = runs - [any meeting], runs = sum of run starts ``start_i >= busy_i - busy_(i-1)``."""
        model = self.model
        if any(_is_one(v) for v in busy):
            self.const -= 1
        else:
            nonempty = model.new_bool_var("")
            model.add(nonempty <= sum(v for v in busy if not isinstance(v, int)))
            model.add_hint(nonempty, 1 if any(hb) else 0)
            self.brk_terms.append(-nonempty)
        for i in range(len(busy)):
            cur, prev = busy[i], (busy[i - 1] if i > 0 else 0)
            if isinstance(cur, int) and isinstance(prev, int):
                self.const += 1 if (cur == 1 and prev == 0) else 0
                continue
            if _is_zero(cur) or _is_one(prev):
                continue
            st = model.new_bool_var("")
            model.add(st >= cur - prev)
            model.add_hint(st, 1 if hb[i] and not (hb[i - 1] if i > 0 else 0) else 0)
            self.brk_terms.append(st)

    def _running_or(self, busy: list, hb: list[int], order: range) -> list:
        """Monotone "busy at or before i" along ``order`` (a prefix OR; reversed, a suffix OR)."""
        model = self.model
        out: list = [None] * len(busy)
        prev: object = 0
        seen = False  # the current agenda is busy somewhere up to i, for the hint
        for i in order:
            seen = seen or bool(hb[i])
            if _is_one(busy[i]) or _is_one(prev):
                out[i] = 1
            elif isinstance(busy[i], int) and isinstance(prev, int):
                out[i] = 0
            else:
                v = model.new_bool_var("")
                if not isinstance(busy[i], int):
                    model.add(v >= busy[i])
                if not isinstance(prev, int):
                    model.add(v >= prev)
                model.add_hint(v, 1 if seen else 0)
                out[i] = v
            prev = out[i]
        return out

    def _add_idle(self, busy: list, hb: list[int], pre: list, suf: list) -> None:
        """idle_i >= pre_i + suf_i - 1 - busy_i: free, with meetings before and after."""
        model = self.model
        for i in range(len(busy)):
            a_, b_ = pre[i], suf[i]
            if _is_one(busy[i]) or _is_zero(a_) or _is_zero(b_):
                continue
            if isinstance(a_, int) and isinstance(b_, int) and isinstance(busy[i], int):
                self.idle_terms.append(1)
                continue
            iv = model.new_bool_var("")
            model.add(iv >= a_ + b_ - 1 - busy[i])
            model.add_hint(iv, 1 if (not hb[i] and any(hb[:i]) and any(hb[i + 1:])) else 0)
            self.idle_terms.append(iv)

    # ------------------------------------------------------------------ solving

    def solve(self, time_limit: float, *, with_idle: bool) -> tuple[dict[int, int] | None, bool]:
        cp_model, search, model = self.search.cp_model, self.search, self.model
        if with_idle:
            n_slots_total = sum(len(bl.slots) for bl in self.inst.blocks)
            big = 1 + len(self.touched) * n_slots_total  # one break outweighs any idle change
            model.minimize(big * (sum(self.brk_terms) + self.const) + sum(self.idle_terms))
        else:
            model.minimize(sum(self.brk_terms) + self.const)
        solver = cp_model.CpSolver()
        prm = solver.parameters
        prm.num_workers = 1
        prm.max_time_in_seconds = max(0.05, time_limit)
        prm.random_seed = search.rng.randrange(1 << 30)
        if search.core:
            prm.optimize_with_core = True
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, False
        out = {mi: s for (mi, s), v in self.x.items() if solver.boolean_value(v)}
        return out, status == cp_model.OPTIMAL


def lns(instance: Instance, slot_of: Mapping[int, int], *, time_limit: float = 5.0, seed: int = 0,
        target: tuple[int, int] | None = None) -> dict[int, int]:
    """Exact-neighbourhood descent from ``slot_of``; never worse than the input (by (breaks, idle))."""
    return ExactLNS(instance, slot_of, seed=seed).run(time_limit, target=target)
