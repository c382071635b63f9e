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
from typing import Any

from .instance import Instance


def build_wcnf(instance: Instance):
    from pysat.card import CardEnc, EncType
    from pysat.formula import WCNF, IDPool

    inst = instance
    pool = IDPool()
    w = WCNF()
    x: dict[tuple[int, int], int] = {}

    def amo_or_eq(lits: list[int], eq: bool) -> None:
        enc = EncType.pairwise if len(lits) <= 6 else EncType.seqcounter
        f = CardEnc.equals if eq else CardEnc.atmost
        w.extend(f(lits, 1, vpool=pool, encoding=enc).clauses)

    for mi, m in enumerate(inst.meetings):
        if not m.allowed:
            continue
        lits = []
        for s in m.allowed:
            v = pool.id(("x", mi, s))
            x[(mi, s)] = v
            lits.append(v)
        amo_or_eq(lits, True)
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
            amo_or_eq(lits, False)
        w.append([-b] + lits)
        for v in lits:
            w.append([-v, b])
    for s, lits in by_slot.items():
        cap = inst.capacity(s)
        if cap < len(lits):
            w.extend(CardEnc.atmost(lits, cap, vpool=pool, encoding=EncType.seqcounter).clauses)
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


def _worker(instance: Instance, conn, hint=None) -> None:  # pragma: no cover - runs in a child process
    from pysat.examples.rc2 import RC2

    wcnf, x = build_wcnf(instance)
    with RC2(wcnf, solver="g3", adapt=True, exhaust=True, minz=True, trim=5) as rc2:
        if hint:
            # phase saving from the best known schedule: the SAT oracle's first models follow it
            try:
                rc2.oracle.set_phases([v if hint.get(mi) == s else -v for (mi, s), v in x.items()])
            except Exception:  # noqa: BLE001 - not every backend supports phases
                pass
        model = rc2.compute()
        if model is None:
            conn.send(None)
            return
        true = {v for v in model if v > 0}
        slot_of = {mi: s for (mi, s), v in x.items() if v in true}
        conn.send((rc2.cost, slot_of))


class MaxSatRace:
    """RC2 in a child process; ``result()`` is ``(optimal_breaks, slot_of)`` once it finishes."""

    def __init__(self, instance: Instance, hint: dict[int, int] | None = None):
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self._recv, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_worker, args=(instance, send, hint), daemon=True)
        self.process.start()
        send.close()
        self._result: Any = None
        self._done = False

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True when RC2 has answered."""
        if self._done:
            return True
        try:
            ready = self._recv.poll(max(0.0, timeout))
        except (EOFError, OSError):
            ready = False
        if ready:
            try:
                self._result = self._recv.recv()
            except (EOFError, OSError):
                self._result = None
            self._done = True
        return self._done

    def result(self):
        return self._result if self._done else None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=1.0)
        self._recv.close()
