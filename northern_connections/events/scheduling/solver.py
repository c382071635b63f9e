"""Entry point: lexicographic optimisation with a heuristic safety net and honest bounds.

The pipeline, and why it is shaped this way:

1. The greedy heuristic runs first (well under a second for thousands of meetings). Its result
   is the answer if everything else fails, and it warm-starts everything after it.
2. Phase 1 maximises the scheduled priority weight. It is skipped when the heuristic already
   schedules every schedulable meeting, the common case at real events, so that the whole time
   budget goes to the part that is actually hard: breaks. Otherwise the proven upper bounds come
   first (``bounds``: combinatorial, and the LP relaxation through PDLP's dual, under a second at
   5,000 requests), then the tabu search over partial schedules (``fill``, two seeds on two
   cores) grows the weight until it meets the bound or its share of the time is up; on models
   small enough to solve (``MAX_CPSAT_EXACT_VARIABLES``) CP-SAT then tries to close the gap,
   warm-started from that schedule.
3. Phase 2 keeps the weight at the best value found (at least) and minimises breaks. When every
   meeting is scheduled, per-participant exact bounds (``bounds.participant_break_bounds``) give
   a proven lower bound first; RC2 on the window relaxation (``maxsat.build_window_wcnf``) starts
   in a child process and streams proven lower bounds; Kempe-chain simulated annealing
   (``localsearch``, two seeds on two cores) finds a near-optimal agenda and stops as soon as it
   meets the best bound; CP-SAT (with the bounds as redundant constraints, warm-started from the
   annealing result) and RC2 on the exact encoding race on the rest, mostly on the proof. Phase 3
   keeps that break count and minimises idle slots. Every phase stops as soon as it is proven
   optimal, and unused time rolls over to the next phase.
4. The result is re-checked against the hard rules by an independent checker, objective values
   are recomputed from the agenda, and tables are numbered last (tables are interchangeable, so
   the model never sees them; fixed meetings keep theirs).

``bound_scheduled`` is an upper bound on how many meetings *any* valid schedule can contain: the
minimum of the combinatorial bounds (schedulable meetings, seats per slot, per-participant
capacity), the LP bound, and what phase 1's proven weight bound allows. With priorities the
lexicographic optimum may hold fewer meetings than that (a priority-3 meeting is worth two
priority-1 meetings that it displaces), so ``bound_weight`` is reported next to ``weight``.

``bound_breaks`` is phase 2's proven lower bound on breaks among schedules with at least the
returned weight (the largest of CP-SAT's bound, RC2's optimum or last streamed bound, the window
relaxation's and the per-participant bound; the RC2 and per-participant bounds are only used
when every meeting is scheduled). It is None when nothing is proven (CP-SAT is not run above
``MAX_CPSAT_EXACT_VARIABLES`` when some requests do not fit).

In the code, ``solve`` is a pipeline of phase functions (``_start_with_greedy``,
``_bound_weight``, ``_fill_with_tabu_search``, ``_maximise_weight``, ``_minimise_breaks`` and
``_minimise_idle``, then ``_finish``) that pass one ``SolveState`` along: the instance, the best
schedule so far and which method found it, the bounds proven so far, the deadline, and which
methods ran. Each phase reads what it needs from the state and writes back what it found and
proved, so that the order of the phases is all that ``solve`` itself says.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .bounds import combinatorial_bound, count_bound, lp_bound, participant_break_bounds
from .fill import fill_parallel
from .greedy import greedy_assign, improve
from .instance import Instance, parse_instance
from .localsearch import anneal_parallel
from .metrics import agenda_cost, check_hard_rules

# CP-SAT is used up to this many (meeting, slot) variables; beyond, the model's memory and the
# presolve time outgrow what a web worker should spend, and the heuristic alone is used.
MAX_CPSAT_VARIABLES = 1_500_000
# The MaxSAT portfolio member is for event-sized instances (the published ones have <= 300
# meetings); beyond this, RC2's cores get too expensive and CP-SAT's LNS does better alone.
MAX_MAXSAT_MEETINGS = 1_000
# Share of the remaining time (and a cap in seconds) given to Kempe-chain annealing before the
# exact break phase; it stops at once when it reaches the proven lower bound (per-participant, or
# streamed meanwhile by RC2 on the window relaxation). Annealing finds the schedules, the window
# relaxation the proofs, so the annealing gets most of the time (measured: with 0.5 / 25 s the
# forum 80/300 and girona 80/300 instances often ended 1-2 breaks above their optimum).
LS_SHARE = 0.85
# Above this many (meeting, slot) variables every phase is left to the local searches: building
# the CP-SAT agenda model and completing its hint alone then takes longer than the budget leaves,
# and in phase 1 CP-SAT neither improves on the tabu search nor proves a useful bound (measured on
# 800 participants / 5,000 requests: after 300 s weight 6,173 against fill's 6,171 in 30 s, with a
# bound of 10,277 against the combinatorial 6,244).
MAX_CPSAT_EXACT_VARIABLES = 40_000
LS_MAX_SECONDS = 45.0
# Share of the time limit for the phase-1 tabu search (fill.py) when not every request fits. It
# converges within seconds on event-sized instances and stops at the weight bound; on 800 / 5,000
# the last gains come after 10-15 s.
FILL_SHARE = 0.3

# The methods' names as reported in ``Schedule.methods`` (every method that ran, bounds included)
# and ``Schedule.method`` (the one that found the returned schedule).
GREEDY = "greedy"  # greedy placement and local descent (greedy.py)
LP_BOUND = "lp-bound"  # the LP relaxation's bound (bounds.py, PDLP)
TABU_FILL = "tabu-fill"  # tabu search over partial schedules (fill.py)
CPSAT = "cpsat"  # the CP-SAT model of cpsat.py, in phase 1, 2 or 3
PARTICIPANT_BOUNDS = "participant-bounds"  # per-participant break bounds (bounds.py, small CP-SAT models)
ANNEALING = "annealing"  # Kempe-chain simulated annealing (localsearch.py)
MAXSAT_WINDOW = "maxsat-window"  # RC2 on the window relaxation (maxsat.py)
MAXSAT = "maxsat"  # RC2 on the exact encoding (maxsat.py)
SAT_LADDER = "sat-ladder"  # CaDiCaL on the run-count encoding with implied constraints, from the bound up (exact.py)
RESUMED = "resumed"  # the schedule handed to solve() as ``start`` (keep improving)
# The break portfolio on event-sized instances: both cores anneal for a head start (a good
# schedule gives the SAT searches their phases), then two SAT searches in child processes, one
# proving from the bound up, one a step ahead looking for the schedule (exact.ladder). Measured: the
# proof and the final schedule of forum-13crafb take 15 and 10 s of CPU; in a row they missed
# 60 s under load, side by side they need the longer of the two.
PORTFOLIO_HEAD_SECONDS = 8.0
PORTFOLIO_HEAD_SHARE = 0.15


@dataclass
class Assignment:
    meeting: str
    slot: str
    table: int


@dataclass
class Schedule:
    """A solved schedule: assignments with tables, unscheduled meeting ids and statistics.

    ``methods`` are the methods that ran, in the order they started (bounds included), and
    ``method`` is the one that found the returned schedule: a run in which CP-SAT was skipped
    (a model too large, or no time left after the heuristic) does not name it.
    """

    assignments: list[Assignment]
    unscheduled: list[str]
    stats: dict[str, Any]
    method: str = "greedy"
    phases: list[dict[str, Any]] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    # participant id -> proven fewest breaks of its agenda (when every meeting fits)
    participant_bounds: dict[str, int] | None = None

    def slot_of(self) -> dict[str, str]:
        return {a.meeting: a.slot for a in self.assignments}


def schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    """The output file contract of ``schedule_meetings``."""
    return {
        "assignments": [{"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in schedule.assignments],
        "unscheduled": list(schedule.unscheduled),
        "stats": {
            k: schedule.stats[k]
            for k in ("requested", "scheduled", "breaks", "idle_slots", "bound_scheduled", "bound_breaks",
                      "optimal", "seconds", "seconds_to_best", "seconds_to_proof", "method")
        } | {"methods": [{"name": name, "seconds": seconds}
                         for name, seconds in schedule.stats.get("method_seconds", {}).items()]},
    }


def assign_tables(instance: Instance, slot_of: Mapping[int, int]) -> dict[int, int]:
    """Number tables from 1 in each slot; fixed meetings keep their published table."""
    tables: dict[int, int] = {}
    used: dict[int, set[int]] = {}
    for mi, (s, t) in instance.fixed.items():
        if slot_of.get(mi) == s:
            tables[mi] = t
            used.setdefault(s, set()).add(t)
    for mi in sorted(slot_of):
        if mi in tables:
            continue
        s = slot_of[mi]
        taken = used.setdefault(s, set())
        t = 1
        while t in taken:
            t += 1
        taken.add(t)
        tables[mi] = t
    return tables


@dataclass
class SolveState:
    """What the phases of one ``solve`` call share and hand on to each other.

    One object instead of a dozen locals, so that each phase is a function of its own: it reads
    the best schedule and the proven bounds, and writes back what it found and proved.
    """

    instance: Instance
    method: str  # as requested: "auto", "cpsat" or "greedy"
    time_limit: float
    started: float
    workers: int = 2
    seed: int = 0
    progress: Callable[[float, str], None] | None = None
    start: Mapping[str, str] | None = None  # a schedule to resume from (meeting id -> slot id)
    best: dict[int, int] = field(default_factory=dict)
    produced_by: str = GREEDY  # the method that found ``best``
    methods: list[str] = field(default_factory=list)  # the methods that ran, in the order they started
    phases: list[dict[str, Any]] = field(default_factory=list)
    lp_count: int | None = None  # the LP bound on the number of meetings, when it was computed
    weight_optimal: bool = False
    breaks_bound: int | None = None
    breaks_optimal: bool = False
    idle_optimal: bool = False
    found_at: float | None = None  # monotonic time at which ``best`` was found
    proved_at: float | None = None  # monotonic time at which the break count was proven optimal
    method_seconds: dict[str, float] = field(default_factory=dict)  # time each method ran
    participant_lower: list[int] | None = None  # proven fewest breaks per participant (all meetings placed)

    def __post_init__(self) -> None:
        inst = self.instance
        self.deadline = self.started + max(0.0, self.time_limit)
        self.variables = sum(len(m.allowed) for m in inst.meetings)
        self.schedulable_weight = sum(m.priority for m in inst.meetings if m.allowed)
        self.schedulable = sum(1 for m in inst.meetings if m.allowed)
        self.weight_bound = self.schedulable_weight
        self.use_cpsat = self.method == "cpsat" or (self.method == "auto" and self.variables <= MAX_CPSAT_VARIABLES)
        # CP-SAT can build and search the full model within the budget (see MAX_CPSAT_EXACT_VARIABLES)
        self.exact = self.variables <= MAX_CPSAT_EXACT_VARIABLES
        # keep a little time to number tables, check and write the result
        self.reserve = min(0.1 * self.time_limit, 1.0 + len(inst.meetings) / 1000)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def budget(self, share: float) -> float:
        """``share`` of the time left after the reserve for writing the result."""
        return max(0.0, (self.remaining() - self.reserve) * share)

    def report(self, message: str) -> None:
        if self.progress is not None:
            elapsed = time.monotonic() - self.started
            self.progress(min(1.0, elapsed / self.time_limit) if self.time_limit > 0 else 1.0, message)

    def ran(self, method: str, seconds: float = 0.0) -> None:
        if method not in self.methods:
            self.methods.append(method)
        self.method_seconds[method] = self.method_seconds.get(method, 0.0) + seconds

    @contextmanager
    def running(self, method: str) -> Iterator[None]:
        """Record that ``method`` runs, and for how long."""
        started = time.monotonic()
        self.ran(method)
        try:
            yield
        finally:
            self.ran(method, time.monotonic() - started)

    def adopt(self, slot_of: dict[int, int], method: str) -> None:
        """Make ``slot_of`` the best schedule; ``method`` found it unless it is the same schedule."""
        if slot_of != self.best:
            if not self.best or (self.weight(slot_of), len(slot_of)) != (self.weight(), len(self.best)) \
                    or self.cost(slot_of) != self.cost():
                self.found_at = time.monotonic()
            self.produced_by = method
        self.best = slot_of

    def prove_breaks(self, bound: int | None) -> None:
        """Record a proven lower bound on breaks; the break count is optimal once the best meets it."""
        if bound is None:
            return
        self.breaks_bound = bound if self.breaks_bound is None else max(self.breaks_bound, bound)
        if self.cost()[0] <= self.breaks_bound:
            self.breaks_optimal = True
            if self.proved_at is None:
                self.proved_at = time.monotonic()

    def weight(self, slot_of: Mapping[int, int] | None = None) -> int:
        return _weight(self.instance, self.best if slot_of is None else slot_of)

    def cost(self, slot_of: Mapping[int, int] | None = None) -> tuple[int, int]:
        """(breaks, idle slots) of ``slot_of``, by default of the best schedule."""
        return agenda_cost(self.instance, self.best if slot_of is None else slot_of)

    def everything_placed(self) -> bool:
        """Whether the best schedule holds every meeting that has an allowed slot."""
        return self.weight() == self.schedulable_weight and len(self.best) == self.schedulable


class BreakLowerBounds:
    """The proven lower bounds on breaks that the break phase collects while it searches.

    Three sources: the per-participant exact bounds (computed once, before the search), and RC2
    in child processes on the window relaxation and on the exact encoding, which stream bounds
    while they run. ``streamed`` is what the annealing may stop at (the exact race starts after it).
    """

    def __init__(self, per_participant: list[int] | None):
        self.per_participant = per_participant
        self.base = sum(per_participant) if per_participant is not None else 0
        self.window: Any = None  # maxsat.WindowBoundRace
        self.exact: Any = None  # maxsat.MaxSatRace

    def start_window_race(self, instance: Instance) -> None:
        from .maxsat import WindowBoundRace

        self.window = WindowBoundRace(instance)

    def start_exact_race(self, instance: Instance, hint: dict[int, int]) -> None:
        from .maxsat import MaxSatRace

        self.exact = MaxSatRace(instance, hint=hint)
        self.exact_started = time.monotonic()

    def any(self) -> bool:
        return self.per_participant is not None or self.window is not None or self.exact is not None

    def streamed(self) -> int:
        """The per-participant bound and what the window relaxation proved so far."""
        if self.window is None:
            return self.base
        self.window.wait(0)
        return max(self.base, self.window.lower_bound)

    def best(self) -> int:
        """The largest bound proven so far, the exact race's included."""
        bound = self.streamed()
        if self.exact is not None:
            self.exact.wait(0)
            bound = max(bound, self.exact.lower_bound)
        return bound

    def exact_finished(self) -> bool:
        return self.exact is not None and self.exact.wait(0)

    @staticmethod
    def _finished_result(race: Any) -> Any:
        return race.result() if race is not None and race.wait(0) else None

    def exact_result(self) -> tuple[int, dict[int, int]] | None:
        """(optimal breaks, schedule) once RC2 on the exact encoding has finished."""
        return self._finished_result(self.exact)

    def window_result(self) -> tuple[int, dict[int, int]] | None:
        """(lower bound, a valid schedule) once RC2 on the window relaxation has finished."""
        return self._finished_result(self.window)

    def stop(self) -> None:
        for race in (self.exact, self.window):
            if race is not None:
                race.stop()


def _weight(instance: Instance, slot_of: Mapping[int, int]) -> int:
    return sum(instance.meetings[mi].priority for mi in slot_of)


def _phase_record(name: str, result: Any) -> dict[str, Any]:
    """One entry of ``Schedule.phases`` from a CP-SAT ``PhaseResult``."""
    return {"phase": name, "status": result.status, "value": result.value, "bound": result.bound,
            "seconds": round(result.seconds, 3)}


def solve(
    instance: Instance | Mapping[str, Any],
    *,
    time_limit: float = 30.0,
    method: str = "auto",
    fixed: Mapping[str, tuple[str, int]] | None = None,
    progress: Callable[[float, str], None] | None = None,
    workers: int = 2,
    seed: int = 0,
    start: Mapping[str, str] | None = None,
) -> Schedule:
    """Schedule the meetings of ``instance`` (lexicographically optimal where time allows).

    ``method``: ``"auto"`` (CP-SAT unless the instance is huge), ``"cpsat"`` or ``"greedy"``.
    ``fixed`` maps meeting id -> (slot id, table) of meetings that must not move (a published
    schedule). ``start`` maps meeting id -> slot id of a schedule to resume from ("keep
    improving"): it replaces the heuristic's schedule when it is valid and at least as good.
    ``progress(fraction, message)`` is called between phases and on improvements.
    """
    started = time.monotonic()
    inst = instance if isinstance(instance, Instance) else parse_instance(instance)
    inst = inst.with_fixed(fixed)
    if method not in ("auto", "cpsat", "greedy"):
        raise ValueError(f"unknown method {method!r}")
    state = SolveState(inst, method=method, time_limit=time_limit, started=started, workers=workers, seed=seed,
                       progress=progress, start=start)
    _start_with_greedy(state)
    if len(state.best) < state.schedulable:
        _bound_weight(state)
        if method != "greedy":
            _fill_with_tabu_search(state)
    state.phases.append({"phase": "greedy+fill", "seconds": round(time.monotonic() - started, 3)})
    state.weight_optimal = state.weight() >= state.weight_bound
    if state.use_cpsat and state.remaining() > 0.2:
        if not state.weight_optimal and state.exact:
            _maximise_weight(state)
        if state.remaining() > 0.2:
            _minimise_breaks(state)
    return _finish(state)


# ------------------------------------------------------------------------------ phase 1: weight


def _start_with_greedy(state: SolveState) -> None:
    """The heuristic schedule: the answer if everything else fails, and the first warm start."""
    state.report("greedy")
    limit = state.time_limit
    budget = min(max(0.5, 0.05 * limit), 3.0) if state.use_cpsat else max(0.5, 0.9 * limit)
    with state.running(GREEDY):
        found = greedy_assign(state.instance, time_limit=budget, seed=state.seed)
    state.adopt(found, GREEDY)
    _resume_from(state)


def _resume_from(state: SolveState) -> None:
    """Adopt the schedule to resume from when it keeps the hard rules and is at least as good
    as the heuristic's (more weight, then fewer breaks and idle slots)."""
    if not state.start:
        return
    inst = state.instance
    slot_of = {inst.meeting_index[mid]: inst.slot_index[sid] for mid, sid in state.start.items()
               if mid in inst.meeting_index and sid in inst.slot_index}
    if check_hard_rules(inst, {inst.meetings[mi].id: inst.slots[s].id for mi, s in slot_of.items()}):
        return
    # a meeting fixed since the schedule was made sits in its fixed slot or nowhere: fill the rest
    if any(slot_of.get(mi) != inst.meetings[mi].locked_slot
           for mi in range(len(inst.meetings)) if inst.meetings[mi].locked_slot is not None):
        return
    mine = (state.weight(slot_of), len(slot_of), tuple(-c for c in state.cost(slot_of)))
    theirs = (state.weight(), len(state.best), tuple(-c for c in state.cost()))
    if mine >= theirs:
        state.ran(RESUMED)
        state.adopt(slot_of, RESUMED)


def _bound_weight(state: SolveState) -> None:
    """Proven upper bounds on the weight and the count (LP duals from PDLP, under a second at
    5,000 requests): they are the target at which the search stops, and what the report compares
    against."""
    inst = state.instance
    lp_time = max(0.2, min(5.0, 0.1 * state.time_limit))
    started = time.monotonic()
    lp_weight = lp_bound(inst, weighted=True, time_limit=lp_time)
    state.weight_bound = min(combinatorial_bound(inst, weighted=True), lp_weight or state.schedulable_weight)
    state.lp_count = lp_bound(inst, time_limit=lp_time)
    if lp_weight is not None or state.lp_count is not None:
        state.ran(LP_BOUND, time.monotonic() - started)


def _fill_with_tabu_search(state: SolveState) -> None:
    """Tabu search over partial schedules (fill.py) grows the weight up to the proven bound."""
    with state.running(TABU_FILL):
        found = fill_parallel(state.instance, state.best, time_limit=FILL_SHARE * state.time_limit,
                              seed=state.seed, workers=state.workers, target=state.weight_bound)
    state.adopt(found, TABU_FILL)


def _maximise_weight(state: SolveState) -> None:
    """CP-SAT phase 1, warm-started from the tabu search: close the gap to the weight bound."""
    from .cpsat import SchedulingModel  # imported lazily: greedy-only users need no OR-Tools

    inst = state.instance
    state.report("phase 1: maximising scheduled meetings")
    with state.running(CPSAT):
        model = SchedulingModel(inst, workers=state.workers, seed=state.seed)
        model.hint(state.best)
        result = model.solve_phase("max", model.weight, state.budget(0.45))
    state.phases.append(_phase_record("weight", result))
    found = result.slot_of
    if found is not None and state.weight(found) >= state.weight():
        if state.weight(found) > state.weight() or state.cost(found) < state.cost():
            # CP-SAT maximised the weight with no regard to breaks: polish before the break phase
            polished = improve(inst, found, time_limit=min(5.0, state.budget(0.1)), seed=state.seed)
            state.adopt(polished, CPSAT)
    if result.bound is not None:
        state.weight_bound = min(state.weight_bound, result.bound)
    state.weight_optimal = result.optimal or state.weight() == state.weight_bound


# ------------------------------------------------------------------------------ phase 2: breaks


def _minimise_breaks(state: SolveState) -> None:
    """Phase 2: keep the weight, minimise breaks (bounds, annealing, then CP-SAT racing RC2)."""
    state.report("phase 2: minimising breaks")
    target_weight = state.weight()
    everything_placed = state.everything_placed()
    lower = BreakLowerBounds(_participant_bounds(state, everything_placed))
    if everything_placed and lower.per_participant is not None:
        state.participant_lower = lower.per_participant
        state.prove_breaks(lower.base)
    if state.breaks_optimal:
        if state.exact:
            _minimise_idle_exact(state, lower)
        else:
            _settle_breaks_without_cpsat(state, lower)
        return
    if everything_placed and state.exact and len(state.instance.meetings) <= MAX_MAXSAT_MEETINGS:
        _break_portfolio(state, lower)
        _minimise_idle_exact(state, lower)
        return
    race_started: dict[str, float] = {}
    try:
        # The window relaxation streams proven lower bounds from a child process from the start:
        # the annealing stops as soon as it reaches one, and it is what proves most break optima
        # on event-sized instances.
        if (everything_placed and state.exact and len(state.instance.meetings) <= MAX_MAXSAT_MEETINGS
                and state.cost()[0] > lower.base):
            state.ran(MAXSAT_WINDOW)
            lower.start_window_race(state.instance)
            race_started[MAXSAT_WINDOW] = time.monotonic()
        if state.cost()[0] > lower.base:
            _anneal_breaks(state, lower, everything_placed)
        if not state.exact:
            _settle_breaks_without_cpsat(state, lower)
            return
        model = _race_for_breaks(state, lower, everything_placed, target_weight)
    finally:
        lower.stop()
        if lower.exact is not None:
            race_started.setdefault(MAXSAT, lower.exact_started)
        for name, at in race_started.items():
            state.ran(name, time.monotonic() - at)
    _minimise_idle(state, model)


def _participant_bounds(state: SolveState, everything_placed: bool) -> list[int] | None:
    """Per-participant exact lower bounds on breaks (small CP-SAT models, one per participant).

    Valid only when every meeting must be placed: a target for early stopping and redundant
    constraints for CP-SAT's bound.
    """
    if not everything_placed or state.cost()[0] == 0:
        return None
    with state.running(PARTICIPANT_BOUNDS):
        return participant_break_bounds(state.instance, time_limit=min(3.0, state.budget(0.05)))


def _break_portfolio(state: SolveState, lower: BreakLowerBounds) -> None:
    """Event-sized and every meeting fits: annealing on both cores for a head start, then two SAT
    searches (exact.py) in child processes, one climbing from the proven bound (the proof), one a
    step ahead of it (the schedule), until the bounds meet or the time is up."""
    from .exact import LadderRace

    inst = state.instance
    base = lower.base
    head = min(PORTFOLIO_HEAD_SECONDS, state.budget(PORTFOLIO_HEAD_SHARE))
    with state.running(ANNEALING):
        found = anneal_parallel(inst, state.best, time_limit=head, seed=state.seed, workers=state.workers,
                                target=(base, base))
    state.adopt(found, ANNEALING)
    state.prove_breaks(base)
    if state.breaks_optimal or state.budget(1.0) <= 0.5:
        return
    state.report("phase 2: proving the fewest breaks")
    started = time.monotonic()
    state.ran(SAT_LADDER)
    race = LadderRace(inst, lower=lower.per_participant, upper=state.cost()[0], hint=state.best,
                      modes=("up", "ahead") if state.workers > 1 else ("up",))
    try:
        deadline = time.monotonic() + state.budget(1.0)
        while time.monotonic() < deadline and not race.poll():
            if race.best is not None and state.cost(race.best)[0] < state.cost()[0]:
                state.adopt(race.best, SAT_LADDER)
            time.sleep(0.05)
        race.poll()
    finally:
        race.stop()
        state.ran(SAT_LADDER, time.monotonic() - started)
    if race.best is not None and len(race.best) == len(state.best) and state.cost(race.best) < state.cost():
        state.adopt(race.best, SAT_LADDER)
    state.prove_breaks(race.lower_bound)
    state.phases.append({"phase": "breaks-portfolio", "value": state.cost()[0], "bound": state.breaks_bound,
                         "seconds": round(time.monotonic() - started, 3)})


def _minimise_idle_exact(state: SolveState, lower: BreakLowerBounds) -> None:
    """Phase 3 after the break portfolio: CP-SAT keeps the break count and minimises idle slots."""
    breaks_now, idle_now = state.cost()
    if breaks_now == 0 or idle_now == breaks_now:
        state.idle_optimal = state.breaks_optimal or breaks_now == 0
        return
    if state.remaining() <= 1.0:
        return
    with state.running(CPSAT):
        model = _break_model(state, lower, True, state.weight())
    _minimise_idle(state, model)


def _anneal_breaks(state: SolveState, lower: BreakLowerBounds, everything_placed: bool) -> None:
    """Kempe-chain annealing finds near-optimal agendas in seconds; CP-SAT then starts from its
    result and mostly works on the proof."""
    seconds = min(LS_MAX_SECONDS, state.budget(LS_SHARE)) if state.exact else state.budget(1.0)
    started = time.monotonic()
    with state.running(ANNEALING):
        found = anneal_parallel(state.instance, state.best, time_limit=seconds, seed=state.seed,
                                workers=state.workers,
                                target=(lower.base, lower.base),  # every break has >= 1 idle slot
                                external_lb=lower.streamed if lower.window is not None else None,
                                exchange=not everything_placed)
    state.adopt(found, ANNEALING)
    state.phases.append({"phase": "breaks-local-search", "value": state.cost()[0],
                         "seconds": round(time.monotonic() - started, 3)})


def _settle_breaks_without_cpsat(state: SolveState, lower: BreakLowerBounds) -> None:
    """Too big for CP-SAT within the budget: the annealing result and the per-participant bound."""
    breaks_now, idle_now = state.cost()
    if lower.per_participant is not None:
        state.breaks_bound = lower.base
    state.breaks_optimal = state.breaks_bound is not None and breaks_now <= state.breaks_bound
    state.idle_optimal = breaks_now == 0 or (state.breaks_optimal and idle_now == breaks_now)


def _break_model(state: SolveState, lower: BreakLowerBounds, everything_placed: bool, target_weight: int) -> Any:
    """The CP-SAT agenda model at the weight found, with the proven bounds, warm-started."""
    from .cpsat import SchedulingModel

    model = SchedulingModel(state.instance, all_scheduled=everything_placed, workers=state.workers,
                            seed=state.seed)
    if not everything_placed:
        model.model.add(model.weight >= target_weight)
    model.build_agenda()
    if lower.per_participant is not None:
        model.add_break_lower_bounds(lower.per_participant)
    model.hint(state.best)
    return model


def _race_for_breaks(state: SolveState, lower: BreakLowerBounds, everything_placed: bool,
                     target_weight: int) -> Any:
    """CP-SAT (warm-started from the annealing) races RC2 on the exact encoding, mostly on the
    proof; the first to prove the optimum stops the other. Returns the CP-SAT model for phase 3."""
    proven = lower.streamed()
    model = _break_model(state, lower, everything_placed, target_weight)
    current = state.cost()
    if (everything_placed and model.brk and len(state.instance.meetings) <= MAX_MAXSAT_MEETINGS
            and current[0] > proven):
        state.ran(MAXSAT)
        lower.start_exact_race(state.instance, hint=state.best)
    incumbent = [current[0]]

    def on_solution(value: float) -> None:
        incumbent[0] = min(incumbent[0], round(value))

    def should_stop() -> bool:
        # RC2 finished, or a streamed lower bound meets the best schedule known
        return lower.exact_finished() or lower.best() >= incumbent[0]

    racing = lower.exact is not None or lower.window is not None
    with state.running(CPSAT):
        result = model.solve_phase("min", sum(model.brk), state.budget(0.9) if current[0] > proven else 0.0,
                                   target=proven, on_solution=on_solution,
                                   should_stop=should_stop if racing else None)
    exact_result = lower.exact_result()
    proven = max(proven, lower.best())
    window_result = lower.window_result()
    lower.stop()
    _take_break_results(state, result, current, window_result, exact_result)
    if result.bound is not None:
        state.breaks_bound = result.bound
    if lower.any():
        state.breaks_bound = max(state.breaks_bound or 0, proven)
    state.breaks_optimal = state.breaks_bound is not None and state.cost()[0] <= state.breaks_bound
    if result.status in ("INFEASIBLE", "MODEL_INVALID"):
        raise RuntimeError(f"internal error: break phase is {result.status} although a schedule is known")
    return model


def _take_break_results(state: SolveState, result: Any, current: tuple[int, int],
                        window_result: tuple[int, dict[int, int]] | None,
                        exact_result: tuple[int, dict[int, int]] | None) -> None:
    """Keep the best of CP-SAT's, the window relaxation's and RC2's schedules, and RC2's proof."""
    candidate, source = result.slot_of, CPSAT
    size = len(state.best)
    if window_result is not None and len(window_result[1]) == size and state.cost(window_result[1]) < current:
        # the window relaxation's optimum is a valid schedule; keep it if better
        if state.cost(window_result[1]) < state.cost(candidate or state.best):
            candidate, source = window_result[1], MAXSAT_WINDOW
    if (exact_result is not None and len(exact_result[1]) == size
            and state.cost(exact_result[1])[0] == exact_result[0]):
        # RC2 proved the break optimum (and its schedule attains it)
        state.phases.append({"phase": "breaks-maxsat", "status": "OPTIMAL", "value": exact_result[0]})
        if state.cost(exact_result[1]) < state.cost(candidate or state.best):
            candidate, source = exact_result[1], MAXSAT
        result.status, result.bound = "OPTIMAL", exact_result[0]
    state.phases.append(_phase_record("breaks", result))
    if candidate is not None and state.cost(candidate) < current:
        state.adopt(candidate, source)


# ------------------------------------------------------------------------------ phase 3: idle slots


def _minimise_idle(state: SolveState, model: Any) -> None:
    """Phase 3: keep the break count, minimise idle slots (CP-SAT on the same model)."""
    breaks_now, idle_now = state.cost()
    if breaks_now == 0 or (state.breaks_optimal and idle_now == breaks_now) or not model.idle:
        state.idle_optimal = True  # idle slots only exist inside breaks, at least one per break
        return
    if state.remaining() <= 0.2:
        return
    state.report("phase 3: minimising idle slots")
    model.model.add(sum(model.brk) <= breaks_now)
    with state.running(CPSAT):
        model.hint(state.best)
        result = model.solve_phase("min", sum(model.idle), state.budget(1.0))
    state.phases.append(_phase_record("idle", result))
    if result.slot_of is not None and state.cost(result.slot_of) < state.cost():
        state.adopt(result.slot_of, CPSAT)
    state.idle_optimal = result.optimal or (result.bound is not None and state.cost()[1] <= result.bound)


# ------------------------------------------------------------------------------ the result


def _bound_scheduled(state: SolveState) -> int:
    """Upper bound on the meetings of any valid schedule (see the module docstring)."""
    if len(state.best) == state.schedulable:
        return len(state.best)
    bound = count_bound(state.instance, state.weight_bound, lp=False)
    if state.lp_count is not None:
        bound = min(bound, state.lp_count)
    return max(len(state.best), bound)


def _participant_bounds_by_id(state: SolveState, breaks: int) -> dict[str, int] | None:
    inst = state.instance
    if state.participant_lower is not None:
        return {p.id: state.participant_lower[k] for k, p in enumerate(inst.participants)}
    if breaks == 0 and state.everything_placed():
        return {p.id: 0 for p in inst.participants}
    return None


def _since_start(state: SolveState, at: float | None) -> float | None:
    return None if at is None else round(max(0.0, at - state.started), 3)


def _finish(state: SolveState) -> Schedule:
    """Tables, the independent hard-rule check, the statistics."""
    inst, best = state.instance, state.best
    breaks, idle = state.cost()
    if breaks == 0:
        state.prove_breaks(0)
        if idle == 0:
            state.idle_optimal = True
    elif (state.breaks_bound is None and state.everything_placed() and state.method != "greedy"
          and state.remaining() > 0.3):
        # every meeting fits, so the per-participant bound holds even when no phase got to it
        with state.running(PARTICIPANT_BOUNDS):
            state.participant_lower = participant_break_bounds(inst, time_limit=min(2.0, state.remaining() - 0.1))
        state.prove_breaks(sum(state.participant_lower))
    if state.breaks_optimal and state.proved_at is None:
        state.proved_at = time.monotonic()  # proven by the last race, whose end is the proof's time
    tables = assign_tables(inst, best)
    assignments = [Assignment(inst.meetings[mi].id, inst.slots[best[mi]].id, tables[mi]) for mi in sorted(best)]
    problems = check_hard_rules(inst, {a.meeting: (a.slot, a.table) for a in assignments}, require_tables=True)
    if problems:  # a solver bug must never reach an event floor
        raise RuntimeError("internal error, schedule violates hard rules: " + "; ".join(problems[:5]))
    if state.breaks_bound is not None and breaks < state.breaks_bound:
        raise RuntimeError(f"internal error: {breaks} breaks below the proven bound {state.breaks_bound}")
    optimal = bool(state.weight_optimal and state.breaks_optimal and state.idle_optimal)
    stats = {
        "requested": len(inst.meetings),
        "scheduled": len(best),
        "breaks": breaks,
        "idle_slots": idle,
        "bound_scheduled": _bound_scheduled(state),
        "bound_breaks": state.breaks_bound,
        "optimal": optimal,
        "seconds": round(time.monotonic() - state.started, 3),
        "weight": state.weight(),
        "bound_weight": state.weight_bound,
        "seconds_to_best": _since_start(state, state.found_at),
        # when the break count (the hard part) was proven optimal; ``optimal`` also needs idle slots
        "seconds_to_proof": _since_start(state, state.proved_at) if state.weight_optimal and state.breaks_optimal
        else None,
        "method": state.produced_by,
        "method_seconds": {name: round(state.method_seconds.get(name, 0.0), 3) for name in state.methods},
    }
    state.report("done")
    return Schedule(
        assignments=assignments,
        unscheduled=[m.id for mi, m in enumerate(inst.meetings) if mi not in best],
        stats=stats,
        method=state.produced_by,
        phases=state.phases,
        methods=list(state.methods),
        participant_bounds=_participant_bounds_by_id(state, breaks),
    )


def greedy(instance: Instance | Mapping[str, Any], *, time_limit: float = 5.0,
           fixed: Mapping[str, tuple[str, int]] | None = None) -> Schedule:
    """The pure-Python heuristic alone (no optimality proof, bounds where cheap)."""
    return solve(instance, time_limit=time_limit, method="greedy", fixed=fixed)
