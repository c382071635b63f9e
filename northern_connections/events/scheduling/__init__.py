"""B2B meeting scheduling for brokerage events (plain Python, no Django).

Public API::

    parse_instance(data) -> Instance          # validates, raises InstanceError
    solve(instance, *, time_limit=30.0, method="auto", fixed=None, progress=None) -> Schedule
    greedy(instance) -> Schedule
    evaluate(instance, assignments) -> dict    # requested, scheduled, weight, breaks, idle_slots
    check_hard_rules(instance, assignments) -> list[str]
    schedule_to_json(schedule) -> dict         # the schedule_meetings output contract
"""

from .generator import generate_forum_instance, generate_girona_instance, generate_instance
from .instance import Instance, InstanceError, parse_instance
from .metrics import check_hard_rules, evaluate
from .solver import Assignment, Schedule, assign_tables, greedy, schedule_to_json, solve

__all__ = [
    "Assignment",
    "Instance",
    "InstanceError",
    "Schedule",
    "assign_tables",
    "check_hard_rules",
    "evaluate",
    "generate_forum_instance",
    "generate_girona_instance",
    "generate_instance",
    "greedy",
    "parse_instance",
    "schedule_to_json",
    "solve",
]
