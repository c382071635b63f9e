"""Exact break minimisation for event-sized instances in which every meeting fits.

The encodings follow Bofill, Coll, Garcia, Giráldez-Cru, Pesant, Suy and Villaret, "Constraint
Solving Approaches to the Business-to-Business Meeting Scheduling Problem" (JAIR 74, 2022), whose
MaxSAT model with implied constraints proves the optimum of the published events in seconds:

* **Breaks as run starts.** For participant ``p`` and block ``b`` a *run start* ``st[i]`` is
  ``busy[i] and not busy[i-1]``; the breaks of the agenda are the runs minus one (the blocks'
  meeting counts are known once every meeting is scheduled). Only the direction
  ``busy[i] and not busy[i-1] -> st[i]`` is needed, the objective pushes the rest down. A
  one-way sequential counter over the starts gives ``o[k]`` = "at least k runs", and each
  ``not o[k]`` (k >= 2) is a unit soft clause, so the cost is exactly the number of breaks.
* **Implied constraints** (redundant, for propagation and for the cores):
  - *the compact agenda*: when ``p`` has ``n`` meetings in the block, "no break" means one window
    of ``n`` consecutive slots (one start variable per position, ``win[t] -> busy`` on the window,
    ``busy[i] -> a window covering i``), so a single placed meeting pins the window to ``2n - 1``
    slots and everything outside is excluded at once; windows that leave the participant's
    availability or the meetings' session (``slots``) are never created;
  - *per-participant counts per session*: the meetings whose ``slots`` lie in one part of the
    block fix how many meetings ``p`` has there;
  - *the fewest breaks a participant must have* given its availability and sessions
    (``bounds.participant_break_bounds``), as a lower bound on its break count;
  - *partners' windows overlap*: for a meeting of p and q and each window of p, q has a break or
    a window that shares an allowed slot of the meeting with p's window;
  - *tables*: no more meetings in a slot than tables; tables themselves are interchangeable and
    never modelled (no table symmetry to break).
* **Fixed meetings** (locks, a published schedule) have one allowed slot: their variables are
  constants, so the proof of optimality is a proof among schedules that keep them.

The solver is a *SAT ladder* (linear search from the lower bound up, CaDiCaL through python-sat):
with the per-participant bounds built in, the first question ("at most LB breaks?") is usually
already the last, and the answer's schedule is optimal at once. It runs in a child process
beside the Kempe-chain annealing (``solver._break_portfolio``), started with the phases of the
annealing's best schedule. Measured on the published events (2 cores shared with other work):
CP-SAT on the same model (run starts, windows, bounds), warm-started from the annealing's
schedule, did not improve it in 40 s (forum-13crafb: 11 breaks, optimum 6); RC2 with Glucose
proved the bound 6 in 40 s but not the last SAT call; the ladder needs 26 s of CPU for
forum-13crafb (bounds 4 and 5 refuted, then a schedule with 6) and 8-10 s for forum-14.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .instance import Instance


@dataclass(frozen=True)
class Agenda:
    """What the encodings need of one participant in one block (all meetings scheduled)."""

    participant: int
    block: int
    positions: tuple[int, ...]  # block positions where the participant could meet
    count: int | None  # meetings the participant must have in the block (None: not known)
    sessions: tuple[tuple[tuple[int, ...], int], ...]  # (positions, meetings that must go there)


def agendas(instance: Instance) -> list[Agenda]:
    """Every (participant, block) with at least two candidate positions, with its known counts.

    A meeting's block is known when its allowed slots lie in one block; its *session* is the set
    of positions it may use. Meetings with the same allowed positions form one session whose
    count is fixed; sessions are only reported when the participant has more than one.
    """
    inst = instance
    block_of = [sl.block for sl in inst.slots]
    pos_of = [sl.position for sl in inst.slots]
    cand: dict[tuple[int, int], set[int]] = {}
    count: dict[tuple[int, int], int] = {}
    unknown: set[int] = set()
    sessions: dict[tuple[int, int], dict[tuple[int, ...], int]] = {}
    for m in inst.meetings:
        if not m.allowed:
            continue
        blocks = {block_of[s] for s in m.allowed}
        for p in m.participants:
            for s in m.allowed:
                cand.setdefault((p, block_of[s]), set()).add(pos_of[s])
            if len(blocks) != 1:
                unknown.add(p)
                continue
            key = (p, next(iter(blocks)))
            count[key] = count.get(key, 0) + 1
            ses = tuple(sorted(pos_of[s] for s in m.allowed))
            sessions.setdefault(key, {}).setdefault(ses, 0)
            sessions[key][ses] += 1
    out = []
    for (p, b), positions in sorted(cand.items()):
        if len(positions) < 2:
            continue
        n = None if p in unknown else count.get((p, b))
        out.append(Agenda(p, b, tuple(sorted(positions)), n, _session_counts(sessions.get((p, b), {}), positions)))
    return out


def _session_counts(sessions: dict[tuple[int, ...], int], positions: set[int]) -> tuple:
    """(positions, meetings that must go there) for each proper session: the meetings whose
    allowed positions lie inside it."""
    out = []
    for ses in sessions:
        if len(ses) >= len(positions):
            continue
        inside = set(ses)
        k = sum(c for other, c in sessions.items() if inside.issuperset(other))
        out.append((ses, k))
    return tuple(sorted(out))


def windows(agenda: Agenda) -> list[int]:
    """Start positions of the compact windows of ``agenda.count`` candidate positions in a row."""
    n = agenda.count
    if n is None or n < 2:
        return []
    have = set(agenda.positions)
    out = []
    for t in range(agenda.positions[0], agenda.positions[-1] - n + 2):
        if all(i in have for i in range(t, t + n)) and _window_fits_sessions(agenda, t):
            out.append(t)
    return out


def _window_fits_sessions(agenda: Agenda, t: int) -> bool:
    """Whether each session's meetings fit in its positions inside the window [t, t + count)."""
    span = set(range(t, t + (agenda.count or 0)))
    return all(len(span.intersection(ses)) >= k for ses, k in agenda.sessions)


def max_runs(agenda: Agenda) -> int:
    """Most runs the agenda can have: every other candidate position, at most one per meeting."""
    bound = (agenda.positions[-1] - agenda.positions[0]) // 2 + 1
    return max(1, min(bound, agenda.count if agenda.count is not None else len(agenda.positions)))


# ------------------------------------------------------------------------------ MaxSAT


def build_break_wcnf(instance: Instance, *, lower: list[int] | None = None):
    """The weighted CNF of the same model: ``(wcnf, x)`` with ``x[(meeting, slot)]`` the variables.

    Hard: the schedule rules (``maxsat._schedule_clauses``), run starts, a one-way counter over
    them per agenda, the compact-window implied clauses, session counts as cardinality
    constraints, and the per-participant lower bounds (``o[lb + 1]`` for a one-block
    participant). Soft: ``not o[k]`` for k >= 2, weight 1 each, so the cost is the number of breaks.
    """
    from pysat.formula import WCNF, IDPool

    from .maxsat import _card, _schedule_clauses

    inst = instance
    pool = IDPool()
    w = WCNF()
    x, busy = _schedule_clauses(inst, pool, w)
    per_participant: dict[int, int] = {}
    for agenda in agendas(inst):
        per_participant[agenda.participant] = per_participant.get(agenda.participant, 0) + 1
    compact: dict[tuple[int, int], tuple[int, int, dict[int, int]]] = {}  # (p, block) -> (n, two_runs, wins)
    for agenda in agendas(inst):
        bl = inst.blocks[agenda.block]
        bs = {i: busy[(agenda.participant, bl.slots[i])] for i in agenda.positions}
        outputs = _runs_counter(w, pool, agenda, bs)
        for k in range(2, len(outputs) + 1):
            w.append([-outputs[k - 1]], weight=1)
        if agenda.count is not None:
            for ses, k in agenda.sessions:
                _card(w, pool, [-bs[i] for i in ses], len(ses) - k, False)
            if len(outputs) >= 2:
                wins = _window_clauses(w, pool, agenda, bs, outputs[1])
                compact[(agenda.participant, agenda.block)] = (agenda.count, outputs[1], wins)
        # the fewest breaks the participant can have: its first ``lb`` break indicators hold
        lb = (lower or [0] * len(inst.participants))[agenda.participant]
        if lb > 0 and per_participant[agenda.participant] == 1:
            for k in range(1, min(lb, len(outputs) - 1) + 1):
                w.append([outputs[k]])
    _window_pairs(inst, w, compact)
    return w, x


def _window_pairs(inst: Instance, w, compact: dict) -> None:
    """Implied: two participants who meet have overlapping compact windows. For each meeting of
    p and q and each window of p: q has a break, or a window sharing an allowed slot of the
    meeting with p's window. Choosing one window then narrows the partners' windows at once."""
    for m in inst.meetings:
        blocks = {inst.slots[s].block for s in m.allowed}
        if len(blocks) != 1:
            continue
        b = next(iter(blocks))
        allowed = {inst.slots[s].position for s in m.allowed}
        for p, q in (m.participants, m.participants[::-1]):
            if (p, b) not in compact or (q, b) not in compact:
                continue
            n_p, _two_p, wins_p = compact[(p, b)]
            n_q, two_q, wins_q = compact[(q, b)]
            for t, win in wins_p.items():
                shared = allowed.intersection(range(t, t + n_p))
                fits = [v for u, v in wins_q.items() if shared.intersection(range(u, u + n_q))]
                if len(fits) < len(wins_q):
                    w.append([-win, two_q, *fits])


def _runs_counter(w, pool, agenda: Agenda, bs: dict) -> list[int]:
    """Run starts and a one-way sequential counter: ``out[k - 1]`` is implied by k or more runs."""
    key = (agenda.participant, agenda.block)
    starts = []
    for i in agenda.positions:
        if i - 1 not in bs:
            starts.append(bs[i])
            continue
        st = pool.id(("st", *key, i))
        w.append([-bs[i], bs[i - 1], st])
        starts.append(st)
    top = max_runs(agenda)
    prev: list[int] = []
    for j, st in enumerate(starts):
        cur = [pool.id(("cnt", *key, j, k)) for k in range(min(top, j + 1))]
        w.append([-st, cur[0]])
        for k, r in enumerate(cur):
            if k < len(prev):
                w.append([-prev[k], r])
            if k >= 1:
                w.append([-prev[k - 1], -st, r])
        prev = cur
    return prev


def _window_clauses(w, pool, agenda: Agenda, bs: dict, two_runs: int) -> dict[int, int]:
    """Unless ``two_runs``: the ``count`` meetings form one compact window."""
    from .maxsat import _card

    n = agenda.count or 0
    key = (agenda.participant, agenda.block)
    wins = {}
    for t in windows(agenda):
        v = pool.id(("win", *key, t))
        wins[t] = v
        for i in range(t, t + n):
            w.append([-v, bs[i]])
    w.append([two_runs, *wins.values()])
    if len(wins) > 1:
        _card(w, pool, list(wins.values()), 1, False)
    for i in agenda.positions:
        cover = [wins[t] for t in range(i - n + 1, i + 1) if t in wins]
        w.append([two_runs, -bs[i], *cover])
    return wins


# ------------------------------------------------------------------------------ the SAT ladder

# CaDiCaL 1.9.5: on the published events it finds the schedules at the proven bound 3-8 times
# faster than Glucose 3 or MapleChrono (measured: forum-14 at 2 breaks in 8 s against 27 and 18 s),
# and it accepts phases, so it starts from the best schedule known.
LADDER_SOLVER = "cd19"
UP, AHEAD = "up", "ahead"


class Bounds:
    """The proven lower bound and the best known break count, shared by the searches (and the
    process that started them) through shared memory when given ``shared`` (two integers)."""

    def __init__(self, lower: int, upper: int, shared=None):
        self.shared = shared
        self.lower, self.upper = lower, upper
        if shared is not None:
            shared[0], shared[1] = lower, upper

    def sync(self) -> None:
        if self.shared is not None:
            self.lower = self.shared[0] = max(self.lower, self.shared[0])
            self.upper = self.shared[1] = min(self.upper, self.shared[1])


def ladder(instance: Instance, *, lower: list[int] | None, upper: int, hint: Mapping[int, int] | None = None,
           report=None, solver: str = LADDER_SOLVER, mode: str = UP,
           shared=None) -> tuple[int, dict[int, int] | None]:
    """Is there a schedule with at most K breaks? Asked of one incremental SAT solver until the
    proven lower bound meets the best known count.

    ``mode`` UP asks K = the lower bound, so the first "yes" is optimal; AHEAD asks K = the lower
    bound + 1, so while UP works on the proof that K breaks are too few, AHEAD looks for the
    schedule with K + 1 (measured on forum-13crafb: 15 and 10 s of CPU, now side by side). Tightly
    bounded questions are the easy ones: from a schedule with 16 breaks on forum-14, "at most 15?"
    took CaDiCaL over a minute, "at most 2?" (the optimum) 8-10 s. Each "no" proves K + 1 a lower bound;
    each "yes" gives a schedule with at most K breaks. ``upper`` is the break count of a known
    schedule. ``report(kind, value)`` receives ``("lb", bound)`` and ``("ub", (breaks, slot_of))``;
    ``shared`` (two integers) exchanges the bounds with other searches. Returns (the proven bound,
    the best schedule found or None); the bound equals its breaks when they meet.
    """
    from pysat.card import ITotalizer
    from pysat.solvers import Solver

    from .metrics import agenda_cost

    wcnf, x = build_break_wcnf(instance, lower=lower)
    costs = [-clause[0] for clause in wcnf.soft]
    bounds = Bounds(sum(lower) if lower else 0, upper, shared)
    best: dict[int, int] | None = None
    with ITotalizer(lits=costs or [wcnf.nv + 1], ubound=upper, top_id=wcnf.nv + 1) as total, \
            Solver(name=solver, bootstrap_with=wcnf.hard + total.cnf.clauses) as sat:
        if not costs:
            sat.add_clause([-(wcnf.nv + 1)])  # no break can happen: the counter's one input is false
        if hint:
            _phases_from(sat, x, hint)
        while True:
            bounds.sync()
            if bounds.lower >= bounds.upper:
                break
            k = bounds.lower
            if mode == AHEAD and bounds.upper - bounds.lower >= 2:
                k += 1  # one step ahead of the climbing search: the next question it would ask
            # "at most k breaks"; with fewer cost literals than k + 1 it holds anyway
            if sat.solve(assumptions=[-total.rhs[k]] if k < len(total.rhs) else []):
                true = {v for v in sat.get_model() if v > 0}
                best = {mi: s for (mi, s), v in x.items() if v in true}
                bounds.upper = agenda_cost(instance, best)[0]
                _tell(report, "ub", (bounds.upper, best))
            else:
                bounds.lower = k + 1
                _tell(report, "lb", bounds.lower)
    bounds.sync()
    return bounds.lower, best


def _tell(report, kind: str, value) -> None:
    if report is not None:
        report(kind, value)


def _phases_from(sat, x: dict, hint: Mapping[int, int]) -> None:
    """Start the SAT solver from ``hint``: every variable's phase as in the hinted schedule (a
    solve with the schedule's placement assumed and no bound on breaks completes the busy, run,
    counter and window variables by propagation; unset phases would all default to true)."""
    placed = [v if hint.get(mi) == s else -v for (mi, s), v in x.items()]
    sat.set_phases(placed)
    if sat.solve(assumptions=placed):
        sat.set_phases(sat.get_model())


def _ladder_worker(instance: Instance, conn, lower, upper, hint, mode, shared) -> None:  # pragma: no cover
    from .maxsat import _exit_with_parent

    _exit_with_parent()

    def report(kind: str, value) -> None:
        try:
            conn.send((kind, value))
        except (OSError, ValueError):
            pass

    conn.send(("done", ladder(instance, lower=lower, upper=upper, hint=hint, report=report, mode=mode,
                              shared=shared)))


class LadderRace:
    """The SAT searches of :func:`ladder` in child processes (a SAT call cannot be interrupted; a
    process can), one per mode, sharing their bounds.

    ``lower_bound`` is the best bound proven so far, ``best`` the best schedule received (with its
    ``upper`` break count); ``finished()`` once the bounds meet or a search has ended.
    """

    def __init__(self, instance: Instance, *, lower: list[int] | None, upper: int, hint: Mapping[int, int] | None,
                 modes: tuple[str, ...] = (UP, AHEAD)):
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.lower_bound = sum(lower) if lower else 0
        self.upper = upper
        self.best: dict[int, int] | None = None
        self.shared = ctx.Array("i", [self.lower_bound, upper], lock=False)
        self._pipes, self.processes, self._done = [], [], False
        for mode in modes:
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_ladder_worker, daemon=True,
                               args=(instance, send, lower, upper, dict(hint or {}), mode, self.shared))
            proc.start()
            send.close()
            self._pipes.append(recv)
            self.processes.append(proc)

    def poll(self) -> bool:
        """Read what the searches sent; True once the bounds meet or a search has ended (or died)."""
        for recv in self._pipes:
            try:
                while recv.poll(0):
                    kind, value = recv.recv()
                    self._take(kind, value)
            except (EOFError, OSError):
                self._done = True
        self.lower_bound = max(self.lower_bound, self.shared[0])
        return self._done or self.lower_bound >= self.upper

    def _take(self, kind: str, value) -> None:
        if kind == "lb":
            self.lower_bound = max(self.lower_bound, int(value))
        elif kind == "ub":
            if int(value[0]) < self.upper:
                self.upper, self.best = int(value[0]), value[1]
        else:
            self.lower_bound = max(self.lower_bound, int(value[0]))
            self._done = True

    def stop(self) -> None:
        for proc in self.processes:
            if proc.is_alive():
                proc.terminate()
            proc.join(timeout=1.0)
        for recv in self._pipes:
            recv.close()


def breaks_of(instance: Instance, slot_of: Mapping[int, int]) -> int:
    from .metrics import agenda_cost

    return agenda_cost(instance, slot_of)[0]
