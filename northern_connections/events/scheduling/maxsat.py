"""Break minimisation as weighted MaxSAT (python-sat RC2), run next to CP-SAT.

Why a second exact solver: Bofill, Coll, Suy and Villaret (and the JAIR 2022 comparison with
Pesant et al.) found MaxSAT the strongest technology for the break objective once every meeting
is known to fit. The reason is structural: each break indicator is a unit soft clause, most of
them can be satisfied at once, and a core-guided solver such as RC2 reasons about exactly the few
small sets of participants whose compact agendas collide, where CP-SAT's LP relaxation of the
break indicators is 0 and gives no guidance. CP-SAT's large-neighbourhood search, on the other
hand, finds good schedules early. The two run as a portfolio; whichever proves optimality first
wins. RC2 cannot be interrupted, so it runs in a child process that is terminated on timeout.

The encoding mirrors ``cpsat.py``: one variable per (meeting, allowed slot), exactly one slot per
meeting (this path is only used when every schedulable meeting is scheduled), at most one
meeting per participant and slot, a cardinality constraint per slot for tables, and per
participant and block ``busy[i] and not busy[i-1] and pre[i-2] -> brk[i]`` with soft ``not brk``.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from typing import Any

from .instance import Instance


def _card_clauses(pool, lits: list[int], k: int, eq: bool) -> list[list[int]]:
    """At most (or exactly) ``k`` of ``lits``: pairwise for small at-most-one sets, else a counter."""
    from pysat.card import CardEnc, EncType

    if not lits:
        return []
    enc = EncType.pairwise if (k == 1 and len(lits) <= 6) else EncType.seqcounter
    f = CardEnc.equals if eq else CardEnc.atmost
    return f(lits, k, vpool=pool, encoding=enc).clauses


def _card(w, pool, lits: list[int], k: int, eq: bool) -> None:
    w.extend(_card_clauses(pool, lits, k, eq))


def _schedule_clauses(inst: Instance, pool, w) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """The hard rules, shared by the exact and the window encoding: every schedulable meeting in
    exactly one allowed slot (``x[m, s]``), ``busy[p, s]`` if and only if p meets in s (at most one
    meeting), and no more meetings in a slot than tables."""
    x: dict[tuple[int, int], int] = {}
    for mi, m in enumerate(inst.meetings):
        if not m.allowed:
            continue
        lits = []
        for s in m.allowed:
            v = pool.id(("x", mi, s))
            x[(mi, s)] = v
            lits.append(v)
        _card(w, pool, lits, 1, True)
    by_ps: dict[tuple[int, int], list[int]] = {}
    by_slot: dict[int, list[int]] = {}
    for (mi, s), v in x.items():
        by_slot.setdefault(s, []).append(v)
        for p in inst.meetings[mi].participants:
            by_ps.setdefault((p, s), []).append(v)
    busy: dict[tuple[int, int], int] = {}
    for (p, s), lits in by_ps.items():
        b = pool.id(("busy", p, s))
        busy[(p, s)] = b
        if len(lits) > 1:
            _card(w, pool, lits, 1, False)
        w.append([-b] + lits)
        for v in lits:
            w.append([-v, b])
    for s, lits in by_slot.items():
        cap = inst.capacity(s)
        if cap < len(lits):
            _card(w, pool, lits, cap, False)
    return x, busy


def build_wcnf(instance: Instance):
    from pysat.formula import WCNF, IDPool

    inst = instance
    pool = IDPool()
    w = WCNF()
    x, busy = _schedule_clauses(inst, pool, w)
    for p in range(len(inst.participants)):
        for bl in inst.blocks:
            bs = [busy.get((p, s)) for s in bl.slots]
            pre: list[int | None] = [None] * len(bs)
            for i, b in enumerate(bs):
                prev = pre[i - 1] if i > 0 else None
                if b is None or prev is None:
                    pre[i] = prev if b is None else b
                    continue
                v = pool.id(("pre", p, bl.id, i))
                pre[i] = v
                w.extend([[-v, prev, b], [-prev, v], [-b, v]])
            for i in range(2, len(bs)):
                if bs[i] is None or pre[i - 2] is None:
                    continue
                br = pool.id(("brk", p, bl.id, i))
                w.append([-bs[i], -pre[i - 2], br] + ([bs[i - 1]] if bs[i - 1] is not None else []))
                w.append([-br], weight=1)
    return w, x


def _exit_with_parent() -> None:  # pragma: no cover - runs in a child process
    """RC2 cannot be interrupted and may run for minutes: if the solving process dies without
    terminating it (killed web worker, Ctrl-C), the orphan must not keep burning a core. RC2 holds
    the GIL inside the SAT solver, so a watcher thread would never run: ask the kernel (Linux
    ``prctl(PR_SET_PDEATHSIG)``) to kill this process when its parent dies."""
    import ctypes
    import ctypes.util
    import os
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        parent = os.getppid()
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(0)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's terminate() on timeout still applies


def _run_rc2(wcnf, x, conn, hint=None) -> None:  # pragma: no cover - runs in a child process
    """RC2 that streams ``("lb", cost)`` after every core and ends with ``("done", (cost, slot_of))``.

    With unit weights, RC2's cost after processing a core is a proven lower bound of the optimum,
    so the parent can use it even when RC2 does not finish in time.
    """
    from pysat.examples.rc2 import RC2

    _exit_with_parent()

    class StreamingRC2(RC2):
        def process_core(self):  # noqa: D401 - pysat hook
            super().process_core()
            try:
                conn.send(("lb", self.cost))
            except (OSError, ValueError):
                pass

    with StreamingRC2(wcnf, solver="g3", adapt=True, exhaust=True, minz=True, trim=5) as rc2:
        if hint:
            # phase saving from the best known schedule: the SAT oracle's first models follow it
            try:
                rc2.oracle.set_phases([v if hint.get(mi) == s else -v for (mi, s), v in x.items()])
            except Exception:  # noqa: BLE001 - not every backend supports phases
                pass
        model = rc2.compute()
        if model is None:
            conn.send(("done", None))
            return
        true = {v for v in model if v > 0}
        slot_of = {mi: s for (mi, s), v in x.items() if v in true}
        conn.send(("done", (rc2.cost, slot_of)))


def _worker(instance: Instance, conn, hint=None) -> None:  # pragma: no cover - runs in a child process
    wcnf, x = build_wcnf(instance)
    _run_rc2(wcnf, x, conn, hint)


class MaxSatRace:
    """RC2 in a child process; ``result()`` is ``(optimal_breaks, slot_of)`` once it finishes.

    ``lower_bound`` is the best proven lower bound streamed so far (0 before the first core).
    """

    target = staticmethod(_worker)

    def __init__(self, instance: Instance, hint: dict[int, int] | None = None):
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self._recv, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=type(self).target, args=(instance, send, hint), daemon=True)
        self.process.start()
        send.close()
        self._result: Any = None
        self._done = False
        self.lower_bound = 0

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True when RC2 has answered."""
        if self._done:
            return True
        deadline = time.monotonic() + max(0.0, timeout)
        try:
            while self._recv.poll(max(0.0, deadline - time.monotonic())):
                kind, value = self._recv.recv()
                if kind == "lb":
                    self.lower_bound = max(self.lower_bound, int(value))
                    continue
                self._result = value
                if value is not None:
                    self.lower_bound = max(self.lower_bound, int(value[0]))
                self._done = True
                break
        except (EOFError, OSError):
            self._done = True  # the child died: no result
        return self._done

    def result(self):
        return self._result if self._done else None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=1.0)
        self._recv.close()


# --------------------------------------------------------------------------------------------
# window relaxation: a lower bound on breaks that propagates much better


def fixed_block_counts(instance: Instance) -> dict[tuple[int, int], int]:
    """(participant, block) -> number of meetings the participant *must* have in that block.

    Known when every meeting is scheduled and each meeting of the participant can only go to
    one block (its allowed slots lie in one block: the pair asked for one session, or one of
    them attends one session only). Participants with a meeting that may go to either block
    are left out.
    """
    inst = instance
    block_of = [sl.block for sl in inst.slots]
    out: dict[tuple[int, int], int] = {}
    ok = [True] * len(inst.participants)
    counts: dict[tuple[int, int], int] = {}
    for m in inst.meetings:
        if not m.allowed:
            continue
        bls = {block_of[s] for s in m.allowed}
        for p in m.participants:
            if len(bls) != 1:
                ok[p] = False
            else:
                k = (p, next(iter(bls)))
                counts[k] = counts.get(k, 0) + 1
    for (p, b), n in counts.items():
        if ok[p]:
            out[(p, b)] = n
    return out


def build_window_wcnf(instance: Instance):
    """Weighted CNF whose optimum is a lower bound on the fewest breaks (all meetings scheduled).

    One soft unit ``not v[p, b]`` per participant and block: if ``v`` is false the participant's
    busy slots in the block form one contiguous run. Since a schedule with ``k`` breaks for
    (p, b) violates one window at most once, min sum(v) <= min breaks. The payoff is
    propagation: when the participant's meeting count ``n`` in the block is fixed
    (:func:`fixed_block_counts`), the run is a window of known length, encoded with one start
    variable per position (exactly one when ``v`` is false, ``start_t -> busy`` on the window,
    ``busy_t -> v or a start covering t``), so one placed meeting pins the window to at most
    ``2n - 1`` slots and everything outside is excluded at once. Otherwise "one run" is at most
    one run start. Every model is a valid schedule.
    """
    from pysat.formula import WCNF, IDPool

    inst = instance
    pool = IDPool()
    w = WCNF()
    x, busy = _schedule_clauses(inst, pool, w)
    fixed = fixed_block_counts(inst)
    for p in range(len(inst.participants)):
        for bi, bl in enumerate(inst.blocks):
            bs = [busy.get((p, s)) for s in bl.slots]
            cand = [i for i, b in enumerate(bs) if b is not None]
            n = fixed.get((p, bi))
            if len(cand) <= 1 or (n is not None and n <= 1):
                continue
            viol = pool.id(("viol", p, bi))
            w.append([-viol], weight=1)
            if n is not None:
                _window_of_known_length(w, pool, (p, bi), bs, cand, n, viol)
            else:
                _at_most_one_run(w, pool, (p, bi), bs, cand, viol)
    return w, x


def _window_of_known_length(w, pool, key: tuple[int, int], bs: list, cand: list[int], n: int, viol: int) -> None:
    """Unless ``viol``: the ``n`` busy slots of the agenda form one window (one start variable per
    position, ``start_t -> busy`` on the window, ``busy_t -> a start covering t``)."""
    starts = {}
    for t in range(0, len(bs) - n + 1):
        if all(bs[i] is not None for i in range(t, t + n)):
            st = pool.id(("win", *key, t))
            starts[t] = st
            for i in range(t, t + n):
                w.append([-st, bs[i]])
    w.append([viol] + list(starts.values()))
    if len(starts) > 1:
        _card(w, pool, list(starts.values()), 1, False)
    for i in cand:
        cover = [starts[t] for t in range(max(0, i - n + 1), i + 1) if t in starts]
        w.append([viol, -bs[i]] + cover)


def _at_most_one_run(w, pool, key: tuple[int, int], bs: list, cand: list[int], viol: int) -> None:
    """Unless ``viol``: at most one run start, ``st_i <- busy_i and not busy_(i-1)``."""
    sts = []
    for i in cand:
        prev = bs[i - 1] if i > 0 else None
        if prev is None:
            sts.append(bs[i])
        else:
            st = pool.id(("rs", *key, i))
            w.append([-bs[i], prev, st])
            sts.append(st)
    if len(sts) > 1:
        for cl in _card_clauses(pool, sts, 1, False):
            w.append([viol] + cl)


def _window_worker(instance: Instance, conn, hint=None) -> None:  # pragma: no cover - child process
    import os

    try:
        # runs next to the annealing, which finds the schedules: let it have the larger CPU share
        os.nice(5)
    except OSError:
        pass
    wcnf, x = build_window_wcnf(instance)
    _run_rc2(wcnf, x, conn, hint)


class WindowBoundRace(MaxSatRace):
    """RC2 on :func:`build_window_wcnf`: ``lower_bound`` is a proven lower bound on breaks, and a
    finished ``result()`` is (lower bound, a valid schedule, whose real breaks may be higher)."""

    target = staticmethod(_window_worker)


def solve_wcnf_inprocess(instance: Instance, *, window: bool = True):
    """RC2 on the window (or exact) encoding in this process: ``(cost, slot_of)`` or None.

    For tests and small instances; the solver uses the interruptible child-process races.
    """
    from pysat.examples.rc2 import RC2

    wcnf, x = build_window_wcnf(instance) if window else build_wcnf(instance)
    with RC2(wcnf, solver="g3", adapt=True, exhaust=True, minz=True, trim=5) as rc2:
        model = rc2.compute()
        if model is None:
            return None
        true = {v for v in model if v > 0}
        return rc2.cost, {mi: s for (mi, s), v in x.items() if v in true}
