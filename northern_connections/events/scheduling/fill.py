"""Phase 1 for large events: tabu search over partial schedules (maximise the scheduled weight).

Why a search of its own: when requests outnumber what fits, the greedy leaves meetings whose
two participants are free in *different* slots, or free together only in a slot whose tables are
taken. Freeing such a slot needs a chain of changes that is rarely visible from one meeting, and
CP-SAT's generic neighbourhoods move a 100,000-variable model by a few meetings a minute on two
cores (measured: +4 meetings in 18 s on 800 participants / 5,000 requests).

This is the *partial legal colouring* tabu search of graph colouring (Blöchliger and Zufferey's
PARTIALCOL) adapted to meetings: meetings are the vertices, slots the colours, two meetings
conflict when they share a participant, and the schedule is always valid. A move puts an
unscheduled meeting into one of its allowed slots and unschedules what is in the way: the
meetings its participants already have there, one meeting of the slot when its tables are all
taken, and one meeting of a participant who has reached ``max_meetings``. Each unscheduled
meeting is then put straight back where it fits without displacing anything, if it can. The move
with the best change of (weight, meetings) among the slots of a randomly drawn unscheduled
meeting is taken when it loses nothing; a losing move is taken only now and then (noise), and a
meeting taken out of a slot may not return there for a tenure that grows with the number of
unscheduled meetings, so the walk crosses the wide plateaus of equal weight instead of cycling.
Locked and fixed meetings never move. The best schedule seen is returned.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping

from .instance import Instance
from .parallel import can_fork, fork_each


class FillSearch:
    """Valid partial schedule plus the tabu walk that tries to grow its weight."""

    def __init__(self, instance: Instance, slot_of: Mapping[int, int], *, seed: int = 0):
        inst = self.inst = instance
        self.rng = random.Random(seed)
        self.parts = [m.participants for m in inst.meetings]
        self.allowed = [m.allowed for m in inst.meetings]
        self.prio = [m.priority for m in inst.meetings]
        self.pinned = [m.locked_slot is not None for m in inst.meetings]
        self.cap = [inst.capacity(s) for s in range(len(inst.slots))]
        self.maxm = [p.max_meetings for p in inst.participants]
        self.slot_of: dict[int, int] = {}
        self.busy: list[dict[int, int]] = [dict() for _ in inst.participants]
        self.count = [0] * len(inst.slots)
        self.count_part = [0] * len(inst.participants)
        # meetings of each slot by priority, to find the cheapest one to take out of a full slot
        self.levels = sorted({m.priority for m in inst.meetings})
        self.at: list[dict[int, list[int]]] = [{pr: [] for pr in self.levels} for _ in inst.slots]
        self.pos: dict[int, int] = {}  # meeting -> index in its at[s][prio] list
        for mi, s in slot_of.items():
            self._place(mi, s)
        self.weight = sum(self.prio[mi] for mi in self.slot_of)
        self.mine: list[list[int]] = [[] for _ in inst.participants]
        for mi, m in enumerate(inst.meetings):
            if m.allowed:
                for p in m.participants:
                    self.mine[p].append(mi)
        self.iterations = 0
        self.out: list[int] = []  # unscheduled schedulable meetings
        self.out_pos: dict[int, int] = {}
        for mi, m in enumerate(inst.meetings):
            if mi not in self.slot_of and m.allowed:
                self._out_add(mi)

    # ------------------------------------------------------------------ state

    def _place(self, mi: int, s: int) -> None:
        self.slot_of[mi] = s
        self.count[s] += 1
        lst = self.at[s][self.prio[mi]]
        self.pos[mi] = len(lst)
        lst.append(mi)
        for p in self.parts[mi]:
            self.busy[p][s] = mi
            self.count_part[p] += 1

    def _remove(self, mi: int) -> int:
        s = self.slot_of.pop(mi)
        self.count[s] -= 1
        lst = self.at[s][self.prio[mi]]
        i = self.pos.pop(mi)
        last = lst.pop()
        if last != mi:
            lst[i] = last
            self.pos[last] = i
        for p in self.parts[mi]:
            del self.busy[p][s]
            self.count_part[p] -= 1
        return s

    def _out_add(self, mi: int) -> None:
        self.out_pos[mi] = len(self.out)
        self.out.append(mi)

    def _out_remove(self, mi: int) -> None:
        i = self.out_pos.pop(mi)
        last = self.out.pop()
        if last != mi:
            self.out[i] = last
            self.out_pos[last] = i

    # ------------------------------------------------------------------ moves

    def _cheapest_in_slot(self, s: int, skip: set[int]) -> int | None:
        """A movable meeting of the lowest priority in slot ``s`` (random among equals)."""
        rng = self.rng
        for pr in self.levels:
            lst = self.at[s][pr]
            if not lst:
                continue
            for _ in range(4):
                o = lst[rng.randrange(len(lst))]
                if o not in skip and not self.pinned[o]:
                    return o
            for o in lst:
                if o not in skip and not self.pinned[o]:
                    return o
        return None

    def _cheapest_of(self, p: int, skip: set[int]) -> int | None:
        best = None
        for o in self.busy[p].values():
            if o not in skip and not self.pinned[o] and (best is None or self.prio[o] < self.prio[best]):
                best = o
        return best

    def ejections(self, mi: int, s: int) -> list[int] | None:
        """What has to leave for ``mi`` to go into ``s``; None if a pinned meeting is in the way."""
        out: list[int] = []
        for p in self.parts[mi]:
            o = self.busy[p].get(s)
            if o is not None and o not in out:
                if self.pinned[o]:
                    return None
                out.append(o)
        for p in self.parts[mi]:
            mx = self.maxm[p]
            if mx is not None and self.count_part[p] - sum(1 for o in out if p in self.parts[o]) >= mx:
                o = self._cheapest_of(p, set(out))
                if o is None:
                    return None
                out.append(o)
        if self.count[s] - sum(1 for o in out if self.slot_of[o] == s) >= self.cap[s]:
            o = self._cheapest_in_slot(s, set(out))
            if o is None:
                return None
            out.append(o)
        return out

    def fits(self, mi: int, s: int) -> bool:
        if self.count[s] >= self.cap[s]:
            return False
        for p in self.parts[mi]:
            if s in self.busy[p]:
                return False
            mx = self.maxm[p]
            if mx is not None and self.count_part[p] >= mx:
                return False
        return True

    def _reinsert(self, mi: int, tabu: dict[tuple[int, int], int], it: int) -> bool:
        slots = self.allowed[mi]
        start = self.rng.randrange(len(slots))
        for k in range(len(slots)):
            s = slots[(start + k) % len(slots)]
            if tabu.get((mi, s), -1) < it and self.fits(mi, s):
                self._out_remove(mi)
                self._place(mi, s)
                self.weight += self.prio[mi]
                return True
        return False

    def _fill_slot(self, o: int, s: int) -> None:
        """``o`` left slot ``s``: an unscheduled meeting of its participants may fit there now."""
        for p in self.parts[o]:
            for u in self.mine[p]:
                if u != o and u in self.out_pos and s in self.allowed[u] and self.fits(u, s):
                    self._out_remove(u)
                    self._place(u, s)
                    self.weight += self.prio[u]
                    return

    # ------------------------------------------------------------------ search

    def run(self, time_limit: float, *, target: int | None = None, noise: float = 0.02) -> dict[int, int]:
        """Tabu walk for ``time_limit`` seconds; the best schedule by (weight, meetings)."""
        deadline = time.monotonic() + time_limit
        self.tabu: dict[tuple[int, int], int] = {}
        # put back whatever fits outright before walking
        for mi in list(self.out):
            self._reinsert(mi, self.tabu, 0)
        self.best = dict(self.slot_of)
        self.best_key = (self.weight, len(self.slot_of))
        self.iterations = 0
        stuck = False  # no unscheduled meeting has any move (pinned meetings, no tables, ...)
        while self.out and not stuck and time.monotonic() < deadline:
            if target is not None and self.best_key[0] >= target:
                break
            stuck = not self._walk(target, noise)
            if len(self.tabu) > 200_000:
                self.tabu = {k: v for k, v in self.tabu.items() if v >= self.iterations}
        return self.best

    def _walk(self, target: int | None, noise: float) -> bool:
        """Up to 200 tabu steps; False when no unscheduled meeting had any move at all."""
        rng = self.rng
        movable = False
        for _ in range(200):
            self.iterations += 1
            mi = self.out[rng.randrange(len(self.out))]
            choice, key = self._best_move(mi)
            if choice is None:
                continue
            movable = True
            worse = key[0] < 0 or (key[0] == 0 and key[1] < 0)
            if worse and rng.random() >= noise:
                continue  # a worsening move is taken only now and then, to leave plateaus
            self._make_move(mi, *choice)
            if self._keep_if_best(target) or not self.out:
                break
        return movable

    def _best_move(self, mi: int) -> tuple[tuple[int, list[int]] | None, tuple | None]:
        """The best (slot, ejected meetings) for ``mi`` by (weight gain, fewest ejections)."""
        it = self.iterations
        choice = None
        choice_key = None
        for s in self.allowed[mi]:
            ej = self.ejections(mi, s)
            if ej is None:
                continue
            dw = self.prio[mi] - sum(self.prio[o] for o in ej)
            key = (dw, 1 - len(ej), self.rng.random())
            if self.tabu.get((mi, s), -1) >= it and self.weight + dw <= self.best_key[0]:
                continue  # tabu, and not better than the best (aspiration)
            if choice_key is None or key > choice_key:
                choice, choice_key = (s, ej), key
        return choice, choice_key

    def _make_move(self, mi: int, s: int, ejected: list[int]) -> None:
        """Put ``mi`` into ``s``; the ejected meetings become tabu there and try to go elsewhere."""
        it = self.iterations
        tenure = 10 + self.rng.randrange(10) + int(0.6 * len(self.out))
        freed = []
        for o in ejected:
            so = self._remove(o)
            self.weight -= self.prio[o]
            self._out_add(o)
            self.tabu[(o, so)] = it + tenure
            freed.append((o, so))
        self._out_remove(mi)
        self._place(mi, s)
        self.weight += self.prio[mi]
        for o, so in freed:
            if not self._reinsert(o, self.tabu, it):
                self._fill_slot(o, so)

    def _keep_if_best(self, target: int | None) -> bool:
        """Remember the schedule if it is the best so far; True when it reaches ``target``."""
        key = (self.weight, len(self.slot_of))
        if key > self.best_key:
            self.best, self.best_key = dict(self.slot_of), key
            return target is not None and self.weight >= target
        return False


def fill(instance: Instance, slot_of: Mapping[int, int], *, time_limit: float = 5.0, seed: int = 0,
         target: int | None = None) -> dict[int, int]:
    """Grow the scheduled weight of a valid schedule by tabu search (see the module docstring)."""
    return FillSearch(instance, slot_of, seed=seed).run(time_limit, target=target)


def fill_parallel(instance: Instance, slot_of: Mapping[int, int], *, time_limit: float = 5.0, seed: int = 0,
                  workers: int = 2, target: int | None = None) -> dict[int, int]:
    """:func:`fill` with ``workers`` seeds in forked processes; the heaviest schedule wins.

    Independent walks end on different plateaus, so two on two cores beat one of the same wall
    time. Falls back to one in-process walk when ``fork`` is unavailable.
    """
    start = dict(slot_of)
    if workers <= 1 or not can_fork():
        return fill(instance, start, time_limit=time_limit, seed=seed, target=target)

    def key(s: Mapping[int, int]) -> tuple[int, int]:
        return sum(instance.meetings[mi].priority for mi in s), len(s)

    best = [start]

    def job(k: int):
        return lambda: fill(instance, start, time_limit=time_limit, seed=seed + k, target=target)

    def on_result(res: dict[int, int]) -> None:
        if key(res) > key(best[0]):
            best[0] = res

    fork_each([job(k) for k in range(workers)], time_limit=time_limit, on_result=on_result,
              should_stop=lambda: target is not None and key(best[0])[0] >= target)
    return best[0]
