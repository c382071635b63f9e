"""Simulated annealing with Kempe-chain moves for the break and idle objectives.

Why: once every meeting fits, the break phase is a search over *where* meetings go, and the
generic large-neighbourhood workers of CP-SAT improve an event-sized agenda by one break every
few seconds on two cores. A problem-specific local search is orders of magnitude faster per move
and finds near-optimal agendas within seconds; CP-SAT (and RC2) then start from it and spend
their time on the lower bound.

The neighbourhood is the classic timetabling *Kempe chain*: take a meeting in slot ``a`` and a
target slot ``b``; every meeting of ``b`` that shares a participant with it must swap back to
``a``, which may pull further meetings of ``a`` along, and so on. Swapping the whole chain keeps
"nobody has two meetings at once" by construction, so only availability (the meetings' allowed
slots), locks and table counts need checking. A single move is the special case of an empty
chain. The meeting set never changes, so max_meetings and the phase-1 weight are preserved,
except by the optional *exchange* move for schedules that cannot hold every request: an
unscheduled meeting takes the slot of the one scheduled meeting of the same priority in its way
(checked against max_meetings), which keeps the weight and the number of meetings.

Cost is ``breaks * break_weight + idle``; the best schedule is tracked lexicographically by
(breaks, idle), so a smaller ``break_weight`` during the search only shapes the landscape.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Mapping

from .greedy import mask_cost
from .instance import Instance
from .metrics import agenda_cost
from .parallel import can_fork, fork_each, shared_int


def _lex(x: int) -> tuple[int, int]:
    if x == 0:
        return 0, 0
    runs = (x & ~(x << 1)).bit_count()
    low = (x & -x).bit_length() - 1
    return runs - 1, x.bit_length() - low - x.bit_count()


class _Cooling:
    """Geometric cooling from ``t_start`` to ``t_end`` over each cycle of ``cycle`` seconds."""

    def __init__(self, start: float, cycle: float, t_start: float, t_end: float):
        self.cycle_start, self.cycle, self.t_start, self.t_end = start, cycle, t_start, t_end

    def temperature(self, now: float) -> tuple[float, bool]:
        """The temperature at ``now``, and whether a new cycle (a reheat) starts."""
        frac = (now - self.cycle_start) / self.cycle
        reheat = frac >= 1.0
        if reheat:
            self.cycle_start = now
            frac = 0.0
        return self.t_start * (self.t_end / self.t_start) ** frac, reheat


class KempeSearch:
    """Mutable agenda with Kempe-chain moves; ``run`` anneals and returns the best schedule."""

    def __init__(self, instance: Instance, slot_of: Mapping[int, int], *, seed: int = 0, break_weight: int = 3,
                 exchange: bool = False):
        inst = self.inst = instance
        self.rng = random.Random(seed)
        self.w = break_weight
        self.block_of = [sl.block for sl in inst.slots]
        self.bit_of = [1 << sl.position for sl in inst.slots]
        self.parts = [m.participants for m in inst.meetings]
        self.allowed = [m.allowed for m in inst.meetings]
        self.allowed_set = [frozenset(m.allowed) for m in inst.meetings]
        self.cap = [inst.capacity(s) for s in range(len(inst.slots))]
        self.slot_of = dict(slot_of)
        self.busy: list[dict[int, int]] = [dict() for _ in inst.participants]
        self.mask = [[0] * len(inst.blocks) for _ in inst.participants]
        self.count = [0] * len(inst.slots)
        self.at: list[set[int]] = [set() for _ in inst.slots]
        for mi, s in self.slot_of.items():
            self.count[s] += 1
            self.at[s].add(mi)
            for p in self.parts[mi]:
                self.busy[p][s] = mi
                self.mask[p][self.block_of[s]] |= self.bit_of[s]
        self.exchange = exchange
        self.prio = [m.priority for m in inst.meetings]
        self.maxm = [p.max_meetings for p in inst.participants]
        self._sync()

    def _is_movable(self, mi: int) -> bool:
        return len(self.allowed[mi]) > 1 and self.inst.meetings[mi].locked_slot is None

    def _sync(self) -> None:
        """Rebuild the sets that depend on which meetings are scheduled."""
        self.movable = [mi for mi in self.slot_of if self._is_movable(mi)]
        self.movable_set = set(self.movable)
        self.movable_pos = {mi: i for i, mi in enumerate(self.movable)}
        # exchanges: unscheduled meetings that could take a scheduled one's place
        self.out = [mi for mi, m in enumerate(self.inst.meetings)
                    if self.exchange and mi not in self.slot_of and m.allowed and m.locked_slot is None]
        self.count_part = [len(b) for b in self.busy]

    @staticmethod
    def _swap_out(items: list[int], pos: dict[int, int], old: int, new: int | None) -> None:
        """Replace ``old`` by ``new`` (or drop it) in a list kept with its index map."""
        i = pos.pop(old)
        if new is not None:
            items[i] = new
            pos[new] = i
            return
        last = items.pop()
        if last != old:
            items[i] = last
            pos[last] = i

    # ------------------------------------------------------------------ evaluation

    def lex(self) -> tuple[int, int]:
        b = i = 0
        for row in self.mask:
            for x in row:
                bb, ii = _lex(x)
                b += bb
                i += ii
        return b, i

    def chain(self, mi: int, target: int) -> tuple[list[int], list[int]] | None:
        """Meetings moving a->b and b->a for moving ``mi`` to ``target``; None if infeasible."""
        a = self.slot_of[mi]
        go, back = [mi], []
        seen_go, seen_back = {mi}, set()
        i = j = 0
        allowed = self.allowed_set
        extra = 0
        while True:
            if not self._close(go, back, seen_go, seen_back, i, j, a, target):
                return None
            i, j = len(go), len(back)
            d = len(go) - len(back)
            if self.count[a] - d > self.cap[a]:
                return None
            if self.count[target] + d <= self.cap[target]:
                return go, back
            # the target slot is full: bring one unrelated meeting of it back (tables bind)
            extra += 1
            if extra > 2:
                return None
            pool = [o for o in self.at[target] if o not in seen_back and a in allowed[o]]
            if not pool:
                return None
            o = pool[self.rng.randrange(len(pool))]
            seen_back.add(o)
            back.append(o)

    def _pull(self, moving: list[int], k: int, dest: int, other: list[int], seen_other: set[int]) -> int | None:
        """Check `moving[k:]` may go to `dest` and queue what their people hold there to go the other way.

        Returns the index reached, or None when a meeting may not go to `dest`.
        """
        busy, allowed = self.busy, self.allowed_set
        while k < len(moving):
            m = moving[k]
            k += 1
            if dest not in allowed[m]:
                return None
            for p in self.parts[m]:
                o = busy[p].get(dest)
                if o is not None and o not in seen_other:
                    seen_other.add(o)
                    other.append(o)
        return k

    def _close(self, go, back, seen_go, seen_back, i, j, a, target) -> bool:
        while i < len(go) or j < len(back):
            i = self._pull(go, i, target, back, seen_back)
            if i is None:
                return False
            j = self._pull(back, j, a, go, seen_go)
            if j is None:
                return False
            if len(go) + len(back) > 24:
                return False
        return True

    def _apply(self, go: list[int], back: list[int], a: int, b: int) -> None:
        for m in go:
            self._remove(m, a)
        for m in back:
            self._remove(m, b)
        for m in go:
            self._place(m, b)
        for m in back:
            self._place(m, a)

    def _remove(self, m: int, s: int) -> None:
        self.count[s] -= 1
        self.at[s].discard(m)
        bl, bit = self.block_of[s], self.bit_of[s]
        for p in self.parts[m]:
            del self.busy[p][s]
            self.mask[p][bl] &= ~bit

    def _place(self, m: int, s: int) -> None:
        self.slot_of[m] = s
        self.count[s] += 1
        self.at[s].add(m)
        bl, bit = self.block_of[s], self.bit_of[s]
        for p in self.parts[m]:
            self.busy[p][s] = m
            self.mask[p][bl] |= bit

    def _local(self, people: set[int], blocks: tuple[int, ...]) -> int:
        w, mask = self.w, self.mask
        return sum(mask_cost(mask[p][bl], w) for p in people for bl in blocks)

    # ------------------------------------------------------------------ annealing

    def run(self, time_limit: float, *, t_start: float = 1.5, t_end: float = 0.05,
            target: tuple[int, int] | None = None, cycle: float | None = None,
            external_lb: Callable[[], int] | None = None) -> dict[int, int]:
        """Anneal for ``time_limit`` seconds (geometric cooling, reheats from the best).

        Stops early when the best schedule reaches ``target`` (breaks, idle) or when its break
        count reaches ``external_lb()``, a lower bound proven meanwhile by another process.
        """
        best = dict(self.slot_of)
        best_lex = self.lex()
        if not (self.movable or self.out) or time_limit <= 0:
            return best
        cur = best_scalar = self._total()
        now = time.monotonic()
        deadline = now + time_limit
        cooling = _Cooling(now, cycle if cycle is not None else max(2.0, time_limit / 4), t_start, t_end)
        temp = t_start
        # focus: meetings of participants whose agendas have gaps are picked more often
        focus: list[int] = []
        it = since_best = 0
        while True:
            it += 1
            if it & 255 == 0:
                now = time.monotonic()
                if now >= deadline or (external_lb is not None and best_lex[0] <= external_lb()):
                    break
                temp, reheat = cooling.temperature(now)
                if reheat:  # from the best schedule found so far
                    if since_best > 0:
                        self._reset(best)
                        cur = self._total()
                    since_best = 0
            if it & 1023 == 1:
                focus = self._focus()
            delta = self._step(focus, temp)
            if delta is None:
                continue
            cur += delta
            since_best += 1
            if delta <= 0 and cur <= best_scalar and (lx := self.lex()) < best_lex:
                best_lex, best_scalar = lx, cur
                best = dict(self.slot_of)
                since_best = 0
                if target is not None and best_lex <= target:
                    break
        self.best_lex = best_lex
        self.iterations = it
        return best

    def _total(self) -> int:
        """The scalar cost of every agenda."""
        return self._local(set(range(len(self.inst.participants))), tuple(range(len(self.inst.blocks))))

    def _step(self, focus: list[int], temp: float) -> int | None:
        """One annealing step: an exchange with an unscheduled meeting (one step in ten, when there
        are any) or a Kempe-chain move of a focus or a random meeting. Returns the change of the
        scalar cost, or None when the schedule did not change."""
        rng = self.rng
        if self.out and rng.random() < 0.1:
            return self._exchange(temp)
        if focus and rng.random() < 0.5:
            mi = focus[rng.randrange(len(focus))]
            if mi not in self.slot_of:
                return None  # exchanged out since the focus list was made
        elif self.movable:
            mi = self.movable[rng.randrange(len(self.movable))]
        else:
            return None
        return self._kempe_move(mi, temp)

    def _kempe_move(self, mi: int, temp: float) -> int | None:
        """Move ``mi`` to a random allowed slot along its Kempe chain; Metropolis acceptance."""
        rng = self.rng
        al = self.allowed[mi]
        b = al[rng.randrange(len(al))]
        a = self.slot_of[mi]
        if b == a:
            return None
        ch = self.chain(mi, b)
        if ch is None:
            return None
        go, back = ch
        people = {p for m in go for p in self.parts[m]}
        people.update(p for m in back for p in self.parts[m])
        ba, bb = self.block_of[a], self.block_of[b]
        blocks = (ba,) if ba == bb else (ba, bb)
        before = self._local(people, blocks)
        self._apply(go, back, a, b)
        delta = self._local(people, blocks) - before
        if delta > 0 and rng.random() >= math.exp(-delta / temp):
            self._apply(go, back, b, a)  # the same swap the other way round undoes it
            return None
        return delta

    def _exchange(self, temp: float) -> int | None:
        """Put an unscheduled meeting where a scheduled one of the same priority is, if that one
        is its only obstacle, with annealing acceptance on the agenda cost. Returns the change of
        the cost, None when nothing changed.

        Why: when not every request fits, phase 1 fixes *which* meetings are scheduled, and a
        different choice of equal weight often allows more compact agendas (measured on 60 /
        200: some phase-1 choices leave one break that no Kempe chain can remove).
        """
        rng = self.rng
        u = self.out[rng.randrange(len(self.out))]
        al = self.allowed[u]
        b = al[rng.randrange(len(al))]
        x, y = self.parts[u]
        mx, my = self.busy[x].get(b), self.busy[y].get(b)
        if (mx is None) == (my is None):
            return None
        m, free = (mx, y) if mx is not None else (my, x)
        if self.inst.meetings[m].locked_slot is not None:
            return None
        if self.prio[m] != self.prio[u] or (self.maxm[free] is not None and self.count_part[free] >= self.maxm[free]):
            return None
        people = set(self.parts[u]) | set(self.parts[m])
        blocks = (self.block_of[b],)
        before = self._local(people, blocks)
        self._remove(m, b)
        del self.slot_of[m]
        self._place(u, b)
        delta = self._local(people, blocks) - before
        if delta <= 0 or rng.random() < math.exp(-delta / temp):
            for p in self.parts[m]:
                self.count_part[p] -= 1
            for p in self.parts[u]:
                self.count_part[p] += 1
            self.out[self.out.index(u)] = m
            if m in self.movable_set:
                self.movable_set.discard(m)
                self._swap_out(self.movable, self.movable_pos, m, u if self._is_movable(u) else None)
            elif self._is_movable(u):
                self.movable_pos[u] = len(self.movable)
                self.movable.append(u)
            if self._is_movable(u):
                self.movable_set.add(u)
            return delta
        self._remove(u, b)
        del self.slot_of[u]
        self._place(m, b)
        return None

    def _focus(self) -> list[int]:
        """Movable meetings of participants whose agenda currently has a gap."""
        out = []
        movable = self.movable_set
        for p, row in enumerate(self.mask):
            if any(mask_cost(x, 1) for x in row):
                out.extend(m for m in self.busy[p].values() if m in movable)
        return out

    def _reset(self, slot_of: Mapping[int, int]) -> None:
        for m, s in list(self.slot_of.items()):
            if slot_of.get(m) != s:
                self._remove(m, s)
                if m not in slot_of:
                    del self.slot_of[m]
        for m, s in slot_of.items():
            if self.slot_of.get(m) != s or m not in self.at[s]:
                self._place(m, s)
        if self.exchange:
            self._sync()


def _weight_and_count(instance: Instance, slot_of: Mapping[int, int]) -> tuple[int, int]:
    return sum(instance.meetings[mi].priority for mi in slot_of), len(slot_of)


def anneal(instance: Instance, slot_of: Mapping[int, int], *, time_limit: float = 5.0, seed: int = 0,
           target: tuple[int, int] | None = None) -> dict[int, int]:
    """Best (breaks, idle) schedule found from ``slot_of`` by Kempe-chain annealing.

    The result schedules exactly the meetings of ``slot_of``, each in one of its allowed slots,
    with the same table limits; it is never worse than the input.
    """
    ks = KempeSearch(instance, slot_of, seed=seed)
    return ks.run(time_limit, target=target)


# (break_weight, start temperature) pairs cycled through by independent restarts: the annealing
# outcome depends more on the seed than on these, but mixing them diversifies the restarts.
VARIANTS = ((3, 1.5), (2, 1.0), (4, 2.0))


def anneal_restarts(instance: Instance, slot_of: Mapping[int, int], *, time_limit: float = 5.0, seed: int = 0,
                    target: tuple[int, int] | None = None, rounds: int = 1, stride: int = 1,
                    offset: int = 0, external_lb: Callable[[], int] | None = None,
                    exchange: bool = False) -> dict[int, int]:
    """Best of ``rounds`` independent anneals from ``slot_of`` (the last one from the best so far).

    Why: on event-sized instances the break count an annealing run ends with varies a lot with
    its seed (1 to 5 on the same instance in the same time), while doubling one run's time
    barely helps; the best of several independent shorter runs is much more reliable. The final
    round restarts from the best schedule found, to intensify around it.
    """
    start = dict(slot_of)
    best, best_cost = start, agenda_cost(instance, start)
    deadline = time.monotonic() + time_limit
    rounds = max(1, rounds)
    for r in range(rounds):
        left = deadline - time.monotonic()
        if left <= 0.05 or (target is not None and best_cost <= target):
            break
        if external_lb is not None and best_cost[0] <= external_lb():
            break
        share = left / (rounds - r)
        k = offset + r * stride
        bw, ts = VARIANTS[k % len(VARIANTS)]
        origin = best if (r == rounds - 1 and rounds > 1) else start
        ks = KempeSearch(instance, origin, seed=seed * 1009 + k, break_weight=bw, exchange=exchange)
        res = ks.run(share, t_start=ts, target=target, external_lb=external_lb)
        c = agenda_cost(instance, res)
        if c < best_cost:
            best, best_cost = res, c
    return best


def anneal_parallel(instance: Instance, slot_of: Mapping[int, int], *, time_limit: float = 5.0, seed: int = 0,
                    workers: int = 2, target: tuple[int, int] | None = None,
                    rounds: int = 1, external_lb: Callable[[], int] | None = None,
                    exchange: bool = False) -> dict[int, int]:
    """:func:`anneal` with ``workers`` independent seeds in forked processes; the best wins.

    ``exchange``: also swap scheduled meetings for unscheduled ones of the same priority (for
    schedules that cannot hold every request); the weight and the number of meetings are kept.

    Annealing outcomes vary a lot between seeds on event-sized instances, so two independent
    runs on two cores beat one run of the same wall time. Falls back to one in-process run when
    ``fork`` is unavailable. Stops as soon as one run reaches ``target``,
    or the break count ``external_lb()`` (polled in this process, e.g. a lower bound streamed by
    RC2, and shared with the children).
    """
    start = dict(slot_of)
    if workers <= 1 or not can_fork():
        return anneal_restarts(instance, start, time_limit=time_limit, seed=seed, target=target, rounds=rounds,
                               external_lb=external_lb, exchange=exchange)
    shared = shared_int(-1) if external_lb is not None else None
    ext = (lambda: shared.value) if shared is not None else None
    kept = _weight_and_count(instance, start)
    best = [start, agenda_cost(instance, start)]

    def job(k: int) -> Callable[[], dict[int, int]]:
        return lambda: anneal_restarts(instance, start, time_limit=time_limit, seed=seed + k, target=target,
                                       rounds=rounds, stride=workers, offset=k, external_lb=ext, exchange=exchange)

    def on_result(res: dict[int, int]) -> None:
        if _weight_and_count(instance, res) == kept and agenda_cost(instance, res) < best[1]:
            best[:] = [res, agenda_cost(instance, res)]

    def share_bound() -> None:
        shared.value = max(shared.value, int(external_lb()))

    def should_stop() -> bool:
        return ((target is not None and best[1] <= target)
                or (shared is not None and best[1][0] <= shared.value))

    fork_each([job(k) for k in range(workers)], time_limit=time_limit, on_result=on_result,
              should_stop=should_stop, poll=share_bound if shared is not None else None)
    return best[0]
