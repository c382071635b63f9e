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


# ---------------------------------------------------------------------------- keep improving (issue 11)


@pytest.mark.django_db
def test_keep_improving_resumes_from_the_current_schedule_and_keeps_locked_meetings(
        triangle, client, django_capture_on_commit_callbacks):
    from northern_connections.events.models import Meeting

    event, organiser = triangle["event"], triangle["people"]["organiser"]
    client.force_login(organiser)
    first = services.schedule_event(actor=organiser, event=event, time_limit=20)
    locked = Meeting.objects.filter(event=event).order_by("pk").first()
    services.meeting_set_locked(actor=organiser, meeting=locked, locked=True)
    slot, table = Meeting.objects.values_list("slot_id", "table").get(pk=locked.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:schedule_improve", args=[event.slug]), {"improve-time_limit": 20})
    assert response.status_code == 302
    event.refresh_from_db()
    stats = event.schedule_stats
    assert stats["resumed"] is True and stats["breaks"] <= first["breaks"]
    assert Meeting.objects.values_list("slot_id", "table").get(pk=locked.pk) == (slot, table)
    assert Meeting.objects.filter(event=event, slot__isnull=True).count() == 0


@pytest.mark.django_db
def test_grid_compares_each_participants_breaks_with_its_proven_bound(triangle, client):
    event, organiser = triangle["event"], triangle["people"]["organiser"]
    client.force_login(organiser)
    stats = services.schedule_event(actor=organiser, event=event, time_limit=20)
    assert set(stats["participant_bounds"].values()) == {0}  # alone, each of them could meet without a break
    grid = client.get(reverse("events:schedule_grid", args=[event.slug])).content.decode()
    assert "Breaks per participant" in grid and "Keep improving" in grid
    summary = re.search(r'<p id="breaks-summary">(.*?)</p>', grid, re.S).group(1)
    if stats["breaks"] == 1:  # the one unavoidable break, one slot long when the schedule is optimal
        assert "No participant waits more than one slot." in summary or "The longest wait is" in summary
    assert "0 of the 1 participants with breaks" in summary or stats["breaks"] != 1
