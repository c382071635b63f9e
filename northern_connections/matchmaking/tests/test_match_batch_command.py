"""Hostile input to ``manage.py match_batch`` (issue 9, item 3): one line, non-zero exit, nothing written."""

import io
import json

import pytest
from django.core.management import call_command

from northern_connections.core.tests.batch_checks import refused

PROFILE = {"id": "p1", "text": "Heat pumps and district heating.", "tags": {"value_chains": ["heating-cooling"]},
           "country": "NO", "kind": "sme", "activity": 3}
QUERY = {"id": "q1", "text": "heat pumps"}


def line(value) -> bytes:
    return (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).encode()


def run(tmp_path, profiles: bytes, queries: bytes, *options: str) -> str:
    (tmp_path / "P.jsonl").write_bytes(profiles)
    (tmp_path / "Q.jsonl").write_bytes(queries)
    return refused("match_batch", "--profiles", str(tmp_path / "P.jsonl"), "--queries", str(tmp_path / "Q.jsonl"),
                   "--out", str(tmp_path / "R.jsonl"), *options, folder=tmp_path)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


PROFILE_ATTACKS = [  # (name, second line of the profiles file, what the error line must say)
    ("latin-1", json.dumps({**PROFILE, "id": "p2", "text": "Ærø"}, ensure_ascii=False).encode("latin-1"),
     "P.jsonl: line 2: not UTF-8 text"),
    ("nesting beyond the recursion limit", nested(100_000).encode(), "P.jsonl: line 2: nested deeper than 32"),
    ("nesting where a tag belongs", line('{"id": "p2", "text": "t", "tags": {"x": ' + nested(40) + "}}"),
     "P.jsonl: line 2: tags.x"),
    ("NaN activity", line('{"id": "p2", "text": "t", "activity": NaN}'),
     "P.jsonl: line 2: activity: NaN is not a number in JSON"),
    ("Infinity activity", line('{"id": "p2", "text": "t", "activity": Infinity}'), "activity: Infinity"),
    ("1e400 activity", line('{"id": "p2", "text": "t", "activity": 1e400}'), "activity: number 1e400 is too large"),
    ("20-digit activity", line({"id": "p2", "text": "t", "activity": 10**20}), "more than 15 digits"),
    ("activity beyond the bound", line({"id": "p2", "text": "t", "activity": 10**7}),
     "activity: must be a number from 0 to 1,000,000, not 10000000"),
    ("boolean activity", line({"id": "p2", "text": "t", "activity": True}), "activity: must be a number"),
    ("string trl", line({"id": "p2", "text": "t", "trl": "7"}), "trl: must be an integer from 1 to 9, not '7'"),
    ("boolean trl", line({"id": "p2", "text": "t", "trl": True}), "trl: must be an integer from 1 to 9, not True"),
    ("superscript trl tag", line({"id": "p2", "text": "t", "tags": {"trl": ["²"]}}), "tags.'trl': not a TRL"),
    ("list as id", line({"id": ["p2"], "text": "t"}), "P.jsonl: line 2: id: missing or not a non-empty string"),
    ("over-long id", line({"id": "p" * 201, "text": "t"}), "id: longer than 200 characters (201)"),
    ("over-long text", line({"id": "p2", "text": "t" * 100_001}), "text: longer than 100,000 characters"),
    ("over-long tag", line({"id": "p2", "text": "t", "tags": {"x": ["v" * 201]}}), "tags.'x': longer than 200"),
    ("too many facets", line({"id": "p2", "text": "t", "tags": {f"f{i}": ["v"] for i in range(51)}}),
     "tags: more than 50 facets"),
    ("duplicated id", line(PROFILE), "P.jsonl: line 2: id: duplicate profile id 'p1' (first on line 1)"),
    ("repeated key", line('{"id": "p2", "id": "p3", "text": "t"}'), "P.jsonl: line 2: key 'id' appears twice"),
]


@pytest.mark.parametrize(("second", "fragment"), [a[1:] for a in PROFILE_ATTACKS], ids=[a[0] for a in PROFILE_ATTACKS])
def test_hostile_profile_line_is_refused_in_one_line(tmp_path, second, fragment):
    assert fragment in run(tmp_path, line(PROFILE) + b"\n" + second + b"\n", line(QUERY))


QUERY_ATTACKS = [
    ("string top", {"id": "q2", "text": "t", "top": "5"}, "Q.jsonl: line 2: top: must be an integer from 1 to 1,000"),
    ("boolean top", {"id": "q2", "text": "t", "top": True}, "top: must be an integer from 1 to 1,000, not True"),
    ("top beyond the bound", {"id": "q2", "text": "t", "top": 10**6}, "top: must be an integer from 1 to 1,000"),
    ("list in exclude", {"id": "q2", "text": "t", "exclude": [["p1"]]}, "exclude: must be a string, not ['p1']"),
    ("list as cross_border", {"id": "q2", "text": "t", "cross_border": ["only"]}, "cross_border: must be one of"),
    ("number as sme_only", {"id": "q2", "text": "t", "sme_only": 1}, "sme_only: must be true or false, not 1"),
    ("trl range upside down", {"id": "q2", "text": "t", "trl_min": 8, "trl_max": 6}, "trl_min: 8 is above trl_max 6"),
    ("duplicated id", QUERY, "Q.jsonl: line 2: id: duplicate query id 'q1'"),
]


@pytest.mark.parametrize(("second", "fragment"), [a[1:] for a in QUERY_ATTACKS], ids=[a[0] for a in QUERY_ATTACKS])
def test_hostile_query_line_is_refused_in_one_line(tmp_path, second, fragment):
    assert fragment in run(tmp_path, line(PROFILE), line(QUERY) + b"\n" + line(second))


@pytest.mark.parametrize(("profiles", "queries", "fragment"), [
    (b"", line(QUERY), "P.jsonl: the file is empty"),
    (line(PROFILE), b"\n\n", "Q.jsonl: the file is empty"),
    (line(PROFILE).decode().encode("utf-16"), line(QUERY), "P.jsonl: line 1: the file is UTF-16"),
])
def test_empty_or_utf16_files_are_refused(tmp_path, profiles, queries, fragment):
    assert fragment in run(tmp_path, profiles, queries)


@pytest.mark.parametrize("top", ["٣", "²", "inf", "0", "5000", "1e3"])
def test_top_outside_its_range_or_in_other_digits_is_refused(tmp_path, top):
    message = run(tmp_path, line(PROFILE), line(QUERY), "--top", top)
    assert "--top" in message and "must be" in message


def test_out_that_is_a_directory_or_unwritable_is_refused_before_reading(tmp_path):
    (tmp_path / "R.jsonl").mkdir()
    assert run(tmp_path, line(PROFILE), line(QUERY)).endswith("is a directory; give the name of a file "
                                                              "(nothing was written)")
    (tmp_path / "P.jsonl").write_text("{bad")  # never read: the output path is checked first
    for out in (str(tmp_path / "missing" / "R.jsonl"), "/sys/R.jsonl"):
        message = refused("match_batch", "--profiles", str(tmp_path / "P.jsonl"), "--queries",
                          str(tmp_path / "Q.jsonl"), "--out", out, folder=tmp_path)
        assert message.startswith(f"--out {out}: ")


def test_unreadable_and_directory_inputs(tmp_path, monkeypatch):
    (tmp_path / "Q.jsonl").write_bytes(line(QUERY))
    (tmp_path / "dir").mkdir()
    assert "dir: is a directory, not a file" in refused(
        "match_batch", "--profiles", str(tmp_path / "dir"), "--queries", str(tmp_path / "Q.jsonl"),
        "--out", str(tmp_path / "R.jsonl"), folder=tmp_path)
    real_open, profiles = open, tmp_path / "P.jsonl"
    profiles.write_bytes(line(PROFILE))

    def denied(path, *args, **kwargs):  # tests run as root, where chmod 000 does not stop reading
        if str(path) == str(profiles):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    assert "P.jsonl: cannot be read (permission denied)" in refused(
        "match_batch", "--profiles", str(profiles), "--queries", str(tmp_path / "Q.jsonl"),
        "--out", str(tmp_path / "R.jsonl"), folder=tmp_path)


def test_every_bad_line_of_both_files_on_its_own_line_then_the_count(tmp_path):
    (tmp_path / "P.jsonl").write_bytes(line(PROFILE) + b'\n{"id": "p2", "text": "t", "activity": NaN}\n')
    (tmp_path / "Q.jsonl").write_bytes(line({"id": "q", "text": "t", "top": 0}))
    err = io.StringIO()
    with pytest.raises(Exception, match=r"^2 problems in the input \(nothing was written\)$"):
        call_command("match_batch", "--profiles", str(tmp_path / "P.jsonl"), "--queries", str(tmp_path / "Q.jsonl"),
                     "--out", str(tmp_path / "R.jsonl"), stderr=err)
    assert [text.split(": ", 1)[1] for text in err.getvalue().splitlines()] == [
        "line 2: activity: NaN is not a number in JSON", "line 1: top: must be an integer from 1 to 1,000, not 0"]
    assert not (tmp_path / "R.jsonl").exists()


def test_valid_files_are_matched(tmp_path):
    (tmp_path / "P.jsonl").write_bytes(line(PROFILE))
    (tmp_path / "Q.jsonl").write_bytes(line(QUERY))
    call_command("match_batch", "--profiles", str(tmp_path / "P.jsonl"), "--queries", str(tmp_path / "Q.jsonl"),
                 "--out", str(tmp_path / "R.jsonl"), "--top", "3", stdout=io.StringIO())
    assert json.loads((tmp_path / "R.jsonl").read_text())["results"][0]["id"] == "p1"
