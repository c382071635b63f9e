"""Hostile input to ``manage.py schedule_meetings`` (issue 9, item 3): one line, non-zero exit, nothing written."""

import copy
import io
import json

import pytest
from django.core.management import call_command

from northern_connections.core.tests.batch_checks import refused

VALID = {"slots": [{"id": "a", "block": "x"}, {"id": "b", "block": "x"}], "tables": {"x": 2},
         "participants": [{"id": "p"}, {"id": "q"}], "meetings": [{"id": "m", "participants": ["p", "q"]}]}


def changed(change) -> dict:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


ATTACKS = [  # (name, file content, what the line must say)
    ("latin-1", json.dumps(changed(lambda d: d["participants"][0].update(id="Århus")), ensure_ascii=False)
     .encode("latin-1"), "line 1: not UTF-8 text"),
    ("utf-16", json.dumps(VALID).encode("utf-16"), "UTF-16"),
    ("empty file", b"", "the file is empty"),
    ("not an object", b"[1, 2]", "instance must be a JSON object"),
    ("nesting beyond the recursion limit", ('{"slots": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
     "nested deeper than 32 levels"),
    ("nesting where an id belongs", changed(lambda d: d["meetings"][0].update(participants=["p", nested(40)])),
     "nested deeper than 32 levels"),
    ("NaN priority", json.dumps(VALID).replace('"q"]}', '"q"], "priority": NaN}').encode(),
     "meetings[0].priority: NaN is not a number in JSON"),
    ("Infinity tables", json.dumps(VALID).replace('"x": 2', '"x": Infinity').encode(),
     "tables.x: Infinity is not a number in JSON"),
    ("1e400 max_meetings", json.dumps(VALID).replace('{"id": "p"}', '{"id": "p", "max_meetings": 1e400}').encode(),
     "participants[0].max_meetings: number 1e400 is too large"),
    ("30-digit priority", changed(lambda d: d["meetings"][0].update(priority=10**30)), "more than 15 digits"),
    ("priority beyond the bound", changed(lambda d: d["meetings"][0].update(priority=1001)),
     "priority must be a positive integer from 1 to 1,000, not 1001"),
    ("priority 0", changed(lambda d: d["meetings"][0].update(priority=0)), "not 0"),
    ("boolean priority", changed(lambda d: d["meetings"][0].update(priority=True)), "not True"),
    ("string priority", changed(lambda d: d["meetings"][0].update(priority="5")), "not '5'"),
    ("superscript digit", changed(lambda d: d["meetings"][0].update(priority="²")), "not '²'"),
    ("float priority", changed(lambda d: d["meetings"][0].update(priority=2.0)), "not 2.0"),
    ("tables beyond the bound", changed(lambda d: d["tables"].update(x=10**6)),
     "tables for block 'x' must be an integer from 0 to 10,000, not 1000000"),
    ("max_meetings beyond the bound", changed(lambda d: d["participants"][0].update(max_meetings=10**6)),
     "max_meetings must be a non-negative integer up to 2,000"),
    ("list as participant id", changed(lambda d: d["meetings"][0].update(participants=["p", ["q"]])),
     "meeting 'm' refers to unknown participant ['q']"),
    ("list as fixed meeting", changed(lambda d: d.update(fixed=[{"meeting": ["m"], "slot": "a", "table": 1}])),
     "instance 'fixed' entry #1: meeting: must be an id (a string), not ['m']"),
    ("fixed table beyond the bound", changed(lambda d: d.update(tables={}, fixed=[
        {"meeting": "m", "slot": "a", "table": 10**6}])), "table: must be an integer from 1 to 10,000"),
    ("boolean fixed table", changed(lambda d: d.update(fixed=[{"meeting": "m", "slot": "a", "table": True}])),
     "table: must be an integer from 1 to 10,000, not True"),
    ("over-long id", changed(lambda d: d["participants"].append({"id": "p" * 201})),
     "participant #3 id 'pppp"),
    ("over-long unknown id", changed(lambda d: d["meetings"][0].update(participants=["p", "x" * 100_000])),
     "refers to unknown participant 'xxxx"),
    ("duplicated id", changed(lambda d: d["meetings"].append({"id": "m", "participants": ["q", "p"]})),
     "duplicated meeting id 'm'"),
    ("repeated key", json.dumps(VALID).replace('"id": "m"', '"id": "m", "id": "n"').encode(),
     "meetings[0]: key 'id' appears twice"),
    ("too many slots", changed(lambda d: d.update(slots=[{"id": f"s{i}", "block": "x"} for i in range(2001)])),
     "instance has 2,001 slots; at most 2,000 are allowed"),
]


@pytest.mark.parametrize(("content", "fragment"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_hostile_instance_is_refused_in_one_line(tmp_path, content, fragment):
    instance = tmp_path / "i.json"
    instance.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    message = refused("schedule_meetings", "--instance", str(instance), "--out", str(tmp_path / "s.json"),
                      "--time-limit", "5", folder=tmp_path)
    assert fragment in message


@pytest.mark.parametrize(("limit", "fragment"), [
    ("inf", "must be a number written with the digits 0-9, not 'inf'"),
    ("nan", "must be a number written with the digits 0-9, not 'nan'"),
    ("٣", "must be a number written with the digits 0-9, not '٣'"),
    ("0", "must be a number of seconds from 0.1 to 3600, not 0.0"),
    ("-1", "must be a number of seconds from 0.1 to 3600, not -1.0"),
    ("1e9", "must be a number of seconds from 0.1 to 3600, not 1000000000.0"),
])
def test_time_limit_outside_its_range_is_refused(tmp_path, limit, fragment):
    instance = tmp_path / "i.json"
    instance.write_text(json.dumps(VALID))
    message = refused("schedule_meetings", "--instance", str(instance), "--out", str(tmp_path / "s.json"),
                      "--time-limit", limit, folder=tmp_path)
    assert "--time-limit" in message and fragment in message


def test_out_that_is_a_directory_is_refused(tmp_path):
    instance = tmp_path / "i.json"
    instance.write_text(json.dumps(VALID))
    (tmp_path / "out").mkdir()
    message = refused("schedule_meetings", "--instance", str(instance), "--out", str(tmp_path / "out"),
                      folder=tmp_path)
    assert message.endswith("is a directory; give the name of a file (nothing was written)")


@pytest.mark.parametrize("out", ["missing/s.json", "/sys/s.json"])
def test_unusable_out_is_refused_before_the_instance_is_read(tmp_path, out):
    instance = tmp_path / "i.json"
    instance.write_text("{not json")  # never reached: the output path is checked first
    target = out if out.startswith("/") else str(tmp_path / out)
    message = refused("schedule_meetings", "--instance", str(instance), "--out", target, folder=tmp_path)
    assert message.startswith(f"--out {target}: ") and ("does not exist" in message or "cannot write" in message)


def test_unreadable_missing_and_directory_instances(tmp_path, monkeypatch):
    out = str(tmp_path / "s.json")
    assert refused("schedule_meetings", "--instance", str(tmp_path), "--out", out,
                   folder=tmp_path).endswith("is a directory, not a file (nothing was written)")
    assert "no such file" in refused("schedule_meetings", "--instance", str(tmp_path / "nope.json"), "--out", out,
                                     folder=tmp_path)
    instance = tmp_path / "i.json"
    instance.write_text(json.dumps(VALID))
    real_open = open

    def denied(path, *args, **kwargs):  # tests run as root, where chmod 000 does not stop reading
        if str(path) == str(instance):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    assert "cannot be read (permission denied)" in refused(
        "schedule_meetings", "--instance", str(instance), "--out", out, folder=tmp_path)


def test_previous_schedule_with_a_list_as_meeting_id_is_refused(tmp_path):
    instance, previous = tmp_path / "i.json", tmp_path / "prev.json"
    instance.write_text(json.dumps(VALID))
    previous.write_text(json.dumps({"assignments": [{"meeting": {"id": "m"}, "slot": "a", "table": 1}]}))
    message = refused("schedule_meetings", "--instance", str(instance), "--previous", str(previous),
                      "--out", str(tmp_path / "s.json"), folder=tmp_path)
    assert "previous 'assignments' entry #1: meeting: must be an id (a string)" in message


def test_a_refused_run_leaves_the_published_schedule_untouched_and_a_good_run_replaces_it(tmp_path):
    instance, out = tmp_path / "i.json", tmp_path / "s.json"
    out.write_text("published")
    instance.write_text(json.dumps(changed(lambda d: d["meetings"][0].update(priority=5000))))
    refused("schedule_meetings", "--instance", str(instance), "--out", str(out), folder=tmp_path)
    instance.write_text(json.dumps(VALID))
    call_command("schedule_meetings", "--instance", str(instance), "--out", str(out), "--time-limit", "5",
                 stdout=io.StringIO())
    assert json.loads(out.read_text())["assignments"][0]["meeting"] == "m"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["i.json", "s.json"]
