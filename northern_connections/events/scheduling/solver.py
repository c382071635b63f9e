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
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
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


@dataclass
class Assignment:
    meeting: str
    slot: str
    table: int


@dataclass
class Schedule:
    """A solved schedule: assignments with tables, unscheduled meeting ids and statistics."""

    assignments: list[Assignment]
    unscheduled: list[str]
    stats: dict[str, Any]
    method: str = "cpsat"
    phases: list[dict[str, Any]] = field(default_factory=list)

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
                      "optimal", "seconds")
        },
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


def _weight(instance: Instance, slot_of: Mapping[int, int]) -> int:
    return sum(instance.meetings[mi].priority for mi in slot_of)


def solve(
    instance: Instance | Mapping[str, Any],
    *,
    time_limit: float = 30.0,
    method: str = "auto",
    fixed: Mapping[str, tuple[str, int]] | None = None,
    progress: Callable[[float, str], None] | None = None,
    workers: int = 2,
    seed: int = 0,
) -> Schedule:
    """Schedule the meetings of ``instance`` (lexicographically optimal where time allows).

    ``method``: ``"auto"`` (CP-SAT unless the instance is huge), ``"cpsat"`` or ``"greedy"``.
    ``fixed`` maps meeting id -> (slot id, table) of meetings that must not move (a published
    schedule). ``progress(fraction, message)`` is called between phases and on improvements.
    """
    t0 = time.monotonic()
    deadline = t0 + max(0.0, time_limit)
    inst = instance if isinstance(instance, Instance) else parse_instance(instance)
    inst = inst.with_fixed(fixed)
    if method not in ("auto", "cpsat", "greedy"):
        raise ValueError(f"unknown method {method!r}")

    def report(message: str) -> None:
        if progress is not None:
            elapsed = time.monotonic() - t0
            progress(min(1.0, elapsed / time_limit) if time_limit > 0 else 1.0, message)

    def remaining() -> float:
        return deadline - time.monotonic()

    report("greedy")
    n_vars = sum(len(m.allowed) for m in inst.meetings)
    use_cpsat = method == "cpsat" or (method == "auto" and n_vars <= MAX_CPSAT_VARIABLES)
    greedy_budget = min(max(0.5, 0.05 * time_limit), 3.0) if use_cpsat else max(0.5, 0.9 * time_limit)
    best = greedy_assign(inst, time_limit=greedy_budget, seed=seed)
    schedulable_weight = sum(m.priority for m in inst.meetings if m.allowed)
    n_schedulable = sum(1 for m in inst.meetings if m.allowed)
    weight_ub = schedulable_weight
    lp_count: int | None = None
    if len(best) < n_schedulable:
        # proven bounds first (LP duals from PDLP, under a second at 5,000 requests): they are the
        # target at which the search below stops, and what the report compares against
        lp_time = max(0.2, min(5.0, 0.1 * time_limit))
        weight_ub = min(combinatorial_bound(inst, weighted=True),
                        lp_bound(inst, weighted=True, time_limit=lp_time) or schedulable_weight)
        lp_count = lp_bound(inst, time_limit=lp_time)
        if method != "greedy":
            # tabu search over partial schedules grows the weight (fill.py)
            best = fill_parallel(inst, best, time_limit=FILL_SHARE * time_limit, seed=seed, workers=workers,
                                 target=weight_ub)
    phases: list[dict[str, Any]] = [{"phase": "greedy+fill", "seconds": round(time.monotonic() - t0, 3)}]
    # keep a little time to number tables, check and write the result
    reserve = min(0.1 * time_limit, 1.0 + len(inst.meetings) / 1000)

    def budget(share: float) -> float:
        return max(0.0, (remaining() - reserve) * share)

    weight_bound = weight_ub
    phase1_optimal = _weight(inst, best) >= weight_ub
    breaks_bound: int | None = None
    breaks_optimal = idle_optimal = False
    used = "greedy"

    if use_cpsat and remaining() > 0.2:
        from .cpsat import SchedulingModel  # imported lazily: greedy-only users need no OR-Tools

        used = "cpsat"
        if not phase1_optimal and n_vars <= MAX_CPSAT_EXACT_VARIABLES:
            report("phase 1: maximising scheduled meetings")
            sm1 = SchedulingModel(inst, workers=workers, seed=seed)
            sm1.hint(best)
            r1 = sm1.solve_phase("max", sm1.weight, budget(0.45))
            phases.append({"phase": "weight", "status": r1.status, "value": r1.value, "bound": r1.bound,
                           "seconds": round(r1.seconds, 3)})
            if r1.slot_of is not None and _weight(inst, r1.slot_of) >= _weight(inst, best):
                better_weight = _weight(inst, r1.slot_of) > _weight(inst, best)
                if better_weight or agenda_cost(inst, r1.slot_of) < agenda_cost(inst, best):
                    best = improve(inst, r1.slot_of, time_limit=min(5.0, budget(0.1)), seed=seed)
            if r1.bound is not None:
                weight_bound = min(weight_bound, r1.bound)
            phase1_optimal = r1.optimal or _weight(inst, best) == weight_bound
            del sm1

        target_weight = _weight(inst, best)
        all_scheduled = target_weight == schedulable_weight and len(best) == sum(1 for m in inst.meetings if m.allowed)
        if remaining() > 0.2:
            report("phase 2: minimising breaks")
            # Per-participant lower bounds (valid when every meeting must be placed): a target
            # for early stopping and redundant constraints for CP-SAT's bound.
            part_lb = None
            if all_scheduled and agenda_cost(inst, best)[0] > 0:
                part_lb = participant_break_bounds(inst, time_limit=min(3.0, budget(0.05)))
            lb0 = sum(part_lb) if part_lb is not None else 0
            # Kempe-chain annealing finds near-optimal agendas in seconds; CP-SAT then starts
            # from its result and mostly works on the proof.
            exact = n_vars <= MAX_CPSAT_EXACT_VARIABLES
            # The window relaxation (``maxsat.build_window_wcnf``) streams proven lower bounds
            # from a child process from the start: the annealing stops as soon as it reaches
            # one, and it is what proves most break optima on event-sized instances.
            wrace = None
            if (all_scheduled and exact and len(inst.meetings) <= MAX_MAXSAT_MEETINGS
                    and agenda_cost(inst, best)[0] > lb0):
                from .maxsat import WindowBoundRace

                wrace = WindowBoundRace(inst)

            def proven_lb() -> int:
                if wrace is None:
                    return lb0
                wrace.wait(0)
                return max(lb0, wrace.lower_bound)

            if agenda_cost(inst, best)[0] > lb0:
                ls_time = min(LS_MAX_SECONDS, budget(LS_SHARE)) if exact else budget(1.0)
                t_ls = time.monotonic()
                best = anneal_parallel(inst, best, time_limit=ls_time, seed=seed, workers=workers,
                                      target=(lb0, lb0),  # every break has >= 1 idle slot
                                      external_lb=proven_lb if wrace is not None else None,
                                      exchange=not all_scheduled)
                phases.append({"phase": "breaks-local-search", "value": agenda_cost(inst, best)[0],
                               "seconds": round(time.monotonic() - t_ls, 3)})
            if not exact:
                # too big for CP-SAT within the budget: annealing result, per-participant bound
                breaks_now = agenda_cost(inst, best)[0]
                if part_lb is not None:
                    breaks_bound = lb0
                breaks_optimal = breaks_bound is not None and breaks_now <= breaks_bound
                idle_optimal = breaks_now == 0 or (breaks_optimal and agenda_cost(inst, best)[1] == breaks_now)
            else:
                lb1 = proven_lb()
                sm = SchedulingModel(inst, all_scheduled=all_scheduled, workers=workers, seed=seed)
                if not all_scheduled:
                    sm.model.add(sm.weight >= target_weight)
                sm.build_agenda()
                if part_lb is not None:
                    sm.add_break_lower_bounds(part_lb)
                sm.hint(best)
                current = agenda_cost(inst, best)
                race = None
                if all_scheduled and sm.brk and len(inst.meetings) <= MAX_MAXSAT_MEETINGS and current[0] > lb1:
                    from .maxsat import MaxSatRace

                    race = MaxSatRace(inst, hint=best)
                incumbent = [current[0]]

                def on_solution(v: float) -> None:
                    incumbent[0] = min(incumbent[0], round(v))

                def lower() -> int:
                    lb = proven_lb()
                    if race is not None:
                        race.wait(0)
                        lb = max(lb, race.lower_bound)
                    return lb

                def should_stop() -> bool:
                    # RC2 finished, or a streamed lower bound meets the best schedule known
                    return (race is not None and race.wait(0)) or lower() >= incumbent[0]

                try:
                    r2 = sm.solve_phase("min", sum(sm.brk), budget(0.9) if current[0] > lb1 else 0.0,
                                        target=lb1, on_solution=on_solution,
                                        should_stop=should_stop if (race is not None or wrace is not None) else None)
                    rc2 = race.result() if race is not None and race.wait(0) else None
                    lb1 = max(lb1, lower())
                    wres = wrace.result() if wrace is not None and wrace.wait(0) else None
                finally:
                    if race is not None:
                        race.stop()
                    if wrace is not None:
                        wrace.stop()
                if wres is not None and len(wres[1]) == len(best) and agenda_cost(inst, wres[1]) < current:
                    # the window relaxation's optimum is a valid schedule; keep it if better
                    if agenda_cost(inst, wres[1]) < agenda_cost(inst, r2.slot_of or best):
                        r2.slot_of = wres[1]
                if rc2 is not None and len(rc2[1]) == len(best) and agenda_cost(inst, rc2[1])[0] == rc2[0]:
                    # RC2 proved the break optimum (and its schedule attains it)
                    phases.append({"phase": "breaks-maxsat", "status": "OPTIMAL", "value": rc2[0]})
                    if agenda_cost(inst, rc2[1]) < agenda_cost(inst, r2.slot_of or best):
                        r2.slot_of = rc2[1]
                    r2.status, r2.bound = "OPTIMAL", rc2[0]
                phases.append({"phase": "breaks", "status": r2.status, "value": r2.value, "bound": r2.bound,
                               "seconds": round(r2.seconds, 3)})
                if r2.slot_of is not None and agenda_cost(inst, r2.slot_of) < current:
                    best = r2.slot_of
                if r2.bound is not None:
                    breaks_bound = r2.bound
                if part_lb is not None or wrace is not None or race is not None:
                    breaks_bound = max(breaks_bound or 0, lb1)
                breaks_now = agenda_cost(inst, best)[0]
                breaks_optimal = breaks_bound is not None and breaks_now <= breaks_bound
                if r2.status in ("INFEASIBLE", "MODEL_INVALID"):
                    raise RuntimeError(f"internal error: break phase is {r2.status} although a schedule is known")
                if breaks_now == 0 or (breaks_optimal and agenda_cost(inst, best)[1] == breaks_now):
                    idle_optimal = True  # idle slots only exist inside breaks, at least one per break
                elif remaining() > 0.2 and sm.idle:
                    report("phase 3: minimising idle slots")
                    sm.model.add(sum(sm.brk) <= breaks_now)
                    sm.hint(best)
                    r3 = sm.solve_phase("min", sum(sm.idle), budget(1.0))
                    phases.append({"phase": "idle", "status": r3.status, "value": r3.value, "bound": r3.bound,
                                   "seconds": round(r3.seconds, 3)})
                    if r3.slot_of is not None and agenda_cost(inst, r3.slot_of) < agenda_cost(inst, best):
                        best = r3.slot_of
                    idle_optimal = r3.optimal or (r3.bound is not None and agenda_cost(inst, best)[1] <= r3.bound)
                elif not sm.idle:
                    idle_optimal = True

    breaks, idle = agenda_cost(inst, best)
    if breaks == 0:
        breaks_bound, breaks_optimal = 0, True
        if idle == 0:
            idle_optimal = True
    tables = assign_tables(inst, best)
    assignments = [
        Assignment(inst.meetings[mi].id, inst.slots[best[mi]].id, tables[mi]) for mi in sorted(best)
    ]
    problems = check_hard_rules(inst, {a.meeting: (a.slot, a.table) for a in assignments}, require_tables=True)
    if problems:  # a solver bug must never reach an event floor
        raise RuntimeError("internal error, schedule violates hard rules: " + "; ".join(problems[:5]))
    if len(best) == n_schedulable:
        bound_scheduled = len(best)
    else:
        bound_scheduled = count_bound(inst, weight_bound, lp=False)
        if lp_count is not None:
            bound_scheduled = min(bound_scheduled, lp_count)
        bound_scheduled = max(len(best), bound_scheduled)
    stats = {
        "requested": len(inst.meetings),
        "scheduled": len(best),
        "breaks": breaks,
        "idle_slots": idle,
        "bound_scheduled": bound_scheduled,
        "bound_breaks": breaks_bound,
        "optimal": bool(phase1_optimal and breaks_optimal and idle_optimal),
        "seconds": round(time.monotonic() - t0, 3),
        "weight": _weight(inst, best),
        "bound_weight": weight_bound,
    }
    report("done")
    return Schedule(
        assignments=assignments,
        unscheduled=[m.id for mi, m in enumerate(inst.meetings) if mi not in best],
        stats=stats,
        method=used,
        phases=phases,
    )


def greedy(instance: Instance | Mapping[str, Any], *, time_limit: float = 5.0,
           fixed: Mapping[str, tuple[str, int]] | None = None) -> Schedule:
    """The pure-Python heuristic alone (no optimality proof, bounds where cheap)."""
    return solve(instance, time_limit=time_limit, method="greedy", fixed=fixed)
