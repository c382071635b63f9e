"""The scheduler reports the methods that actually ran, and the one that found the schedule.

Regression (issue 9): the schedule grid said "cpsat" whenever CP-SAT was allowed, also when the
model was too large for it (only the heuristic, the bounds and the annealing ran) or no time was
left after the heuristic.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from northern_connections.events import services
from northern_connections.events.scheduling import solve, solver

from .test_scheduling import base, meeting


def forced_break() -> dict:
    """p1 is available only at the edges of the block: one break is unavoidable."""
    data = base(4, {"day": 6})
    data["participants"][0]["available"] = ["day1", "day2", "day5", "day6"]
    data["participants"][1]["available"] = ["day1"]
    data["participants"][2]["available"] = ["day5", "day6"]
    data["meetings"] = [meeting("a", "p1", "p2"), meeting("b", "p1", "p3")]
    return data


def test_a_normal_run_names_cpsat_and_who_found_the_schedule():
    s = solve(forced_break(), time_limit=5)
    assert s.methods[0] == "greedy" and "cpsat" in s.methods
    assert s.method in s.methods
    assert s.stats["optimal"] is True


def test_a_model_too_large_for_cpsat_does_not_report_it(monkeypatch):
    # "too large" is relative to the threshold: lowering it makes this small event a large one
    monkeypatch.setattr(solver, "MAX_CPSAT_EXACT_VARIABLES", 0)
    s = solve(forced_break(), time_limit=5)
    assert "cpsat" not in s.methods and s.method != "cpsat"
    assert s.method in s.methods and s.methods[0] == "greedy"
    assert "participant-bounds" in s.methods  # the per-participant bounds still prove the break
    assert s.stats["breaks"] == s.stats["bound_breaks"] == 1


def test_no_time_left_after_the_heuristic_reports_the_heuristic_alone():
    s = solve(forced_break(), time_limit=0)
    assert s.methods == ["greedy"] and s.method == "greedy"


def test_the_greedy_method_reports_greedy_only():
    s = solve(forced_break(), time_limit=5, method="greedy")
    assert "cpsat" not in s.methods and s.method == "greedy"


# ---------------------------------------------------------------------------- the grid


def _grid_methods(client, event) -> str:
    grid = client.get(reverse("events:schedule_grid", args=[event.slug])).content.decode()
    assert "Methods that ran" in grid
    return re.search(r'<dd id="scheduler-methods">(.*?)</dd>', grid, re.S).group(1)


@pytest.fixture
def triangle(fair):
    """Three meetings among three participants in one block: one break is unavoidable."""
    p, organiser = fair["p"], fair["people"]["organiser"]
    for a, b in (("dk", "no"), ("dk", "de"), ("no", "de")):
        services.meeting_add(actor=organiser, event=fair["event"], participant_a=p[a], participant_b=p[b])
    return fair


@pytest.mark.django_db
def test_grid_lists_the_methods_that_ran(triangle, client, monkeypatch):
    event, organiser = triangle["event"], triangle["people"]["organiser"]
    client.force_login(organiser)
    stats = services.schedule_event(actor=organiser, event=event, time_limit=20)  # stops at the proof
    names = [m["name"] for m in stats["methods"]]
    # one break is unavoidable and no participant alone forces it: an exact method has to run
    assert stats["method"] in names and {"cpsat", "sat-ladder"} & set(names)
    assert all(m["seconds"] >= 0 for m in stats["methods"])
    shown = _grid_methods(client, event)
    assert all(name in shown for name in names) and f"final schedule from: {stats['method']}" in shown
    # the same event, too large for CP-SAT: the grid must not claim it ran
    monkeypatch.setattr(solver, "MAX_CPSAT_EXACT_VARIABLES", 0)
    stats = services.schedule_event(actor=organiser, event=event, time_limit=3)
    assert "cpsat" not in [m["name"] for m in stats["methods"]]
    shown = _grid_methods(client, event)
    assert "cpsat" not in shown and shown.startswith("greedy")
