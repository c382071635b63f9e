"""The schedule_meetings file contract, exercised through scheduling.cli (no Django needed)."""

from __future__ import annotations

import io
import json

import pytest

from northern_connections.events.scheduling import cli, generate_instance


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_round_trip_writes_a_valid_schedule(tmp_path):
    data = generate_instance(12, 30, seed=1)
    out = tmp_path / "s.json"
    assert cli.main(write(tmp_path, "i.json", data), str(out), 5) == 0
    result = json.loads(out.read_text())
    assert result["stats"]["requested"] == 30
    assert result["stats"]["scheduled"] == len(result["assignments"])
    assert len(result["assignments"]) + len(result["unscheduled"]) == 30
    assert {a["meeting"] for a in result["assignments"]}.isdisjoint(result["unscheduled"])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "invalid JSON"),
        ({"slots": [], "participants": [], "meetings": []}, "instance has no slots"),
        ({"slots": [{"id": "a", "block": "x"}], "tables": {"x": 1}, "participants": [{"id": "p"}, {"id": "q"}],
          "meetings": [{"id": "m", "participants": ["p", "r"]}]}, "unknown participant 'r'"),
        ({"slots": [{"id": "a", "block": "x"}], "tables": {"x": 1},
          "participants": [{"id": "p"}, {"id": "q"}, {"id": "r"}, {"id": "s"}],
          "meetings": [{"id": "m", "participants": ["p", "q"], "locked_slot": "a"},
                       {"id": "n", "participants": ["r", "s"], "locked_slot": "a"}]}, "only 1 tables"),
    ],
)
def test_errors_exit_non_zero_with_one_line_and_write_nothing(tmp_path, content, fragment):
    out = tmp_path / "s.json"
    err = io.StringIO()
    assert cli.main(write(tmp_path, "i.json", content), str(out), 5, stderr=err) != 0
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["i.json"]  # no temporary files left behind


def test_missing_instance_file(tmp_path):
    err = io.StringIO()
    assert cli.main(str(tmp_path / "nope.json"), str(tmp_path / "s.json"), 5, stderr=err) == 2
    assert "nope.json: no such file" in err.getvalue()


def test_previous_schedule_is_kept_when_rescheduling(tmp_path):
    data = generate_instance(10, 20, blocks=1, slots_per_block=(6, 6), seed=2, locked_fraction=0)
    first = tmp_path / "s1.json"
    assert cli.main(write(tmp_path, "i.json", data), str(first), 5) == 0
    published = json.loads(first.read_text())["assignments"]
    data["meetings"].append({"id": "late", "participants": ["p1", "p2"]})
    second = tmp_path / "s2.json"
    assert cli.main(write(tmp_path, "i2.json", data), str(second), 5, previous_path=str(first)) == 0
    placed = {a["meeting"]: (a["slot"], a["table"]) for a in json.loads(second.read_text())["assignments"]}
    for a in published:
        assert placed[a["meeting"]] == (a["slot"], a["table"])


def test_fixed_key_in_instance(tmp_path):
    data = {"slots": [{"id": "a", "block": "x"}, {"id": "b", "block": "x"}], "tables": {"x": 2},
            "participants": [{"id": "p"}, {"id": "q"}],
            "meetings": [{"id": "m", "participants": ["p", "q"]}],
            "fixed": [{"meeting": "m", "slot": "b", "table": 2}]}
    out = tmp_path / "s.json"
    assert cli.main(write(tmp_path, "i.json", data), str(out), 5) == 0
    assert json.loads(out.read_text())["assignments"] == [{"meeting": "m", "slot": "b", "table": 2}]
