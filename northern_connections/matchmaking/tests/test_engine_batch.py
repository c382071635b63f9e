"""Tests of the batch file contract behind ``manage.py match_batch`` (no Django needed)."""

from __future__ import annotations

import io
import json

import pytest

from northern_connections.matchmaking.engine import batch

PROFILES = [
    {"id": "p1", "text": "We install district heating networks and heat pumps.",
     "tags": {"value_chains": ["heating-cooling"]}, "country": "NO", "kind": "sme", "activity": 3},
    {"id": "p2", "text": "Vi producerer varmepumper og fjernvarme.", "tags": {"value_chains": ["heating-cooling"]},
     "country": "DK", "kind": "sme", "activity": 10},
    {"id": "p3", "text": "Offshore wind turbine foundations and subsea cables.", "country": "GB", "activity": 50},
    {"id": "p4", "text": "Heat pump research and thermal storage.", "kind": "knowledge_institution", "activity": 0},
]
QUERIES = [
    {"id": "q1", "text": "heat pumps for district heating", "tags": {"value_chains": ["heating-cooling"]},
     "country": "NO", "exclude": ["p4"]},
    {"id": "q2", "text": "offshore wind foundations"},
    {"id": "q3", "text": "varmepumperne", "country": "NO", "cross_border": "only"},
]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return str(path)


def run(tmp_path, profiles, queries, top=10):
    p = write_jsonl(tmp_path / "P.jsonl", profiles)
    q = write_jsonl(tmp_path / "Q.jsonl", queries)
    out = tmp_path / "R.jsonl"
    err = io.StringIO()
    status = batch.main(p, q, top, str(out), stderr=err)
    return status, out, err.getvalue()


def test_output_shape_rank_order_and_top_k(tmp_path):
    status, out, err = run(tmp_path, PROFILES, QUERIES, top=2)
    assert status == 0, err
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [rec["query"] for rec in lines] == ["q1", "q2", "q3"]
    for rec in lines:
        assert set(rec) == {"query", "results"}
        assert len(rec["results"]) <= 2
        scores = [r["score"] for r in rec["results"]]
        assert scores == sorted(scores, reverse=True)
        for r in rec["results"]:
            assert set(r) == {"id", "score", "why"} and isinstance(r["score"], float) and r["why"]
    q1 = lines[0]["results"]
    assert q1[0]["id"] == "p1" and "p4" not in [r["id"] for r in q1]  # excluded
    assert "'district heating'" in q1[0]["why"]
    assert lines[1]["results"][0]["id"] == "p3"
    assert [r["id"] for r in lines[2]["results"]] == ["p2"]  # only abroad, Danish inflection matched


def test_blank_lines_ignored_and_cross_border_neutral_by_default(tmp_path):
    status, out, _ = run(tmp_path, [PROFILES[0], "", "   ", PROFILES[1]],
                         [{"id": "q", "text": "heat pumps varmepumper", "country": "NO"}])
    assert status == 0
    res = json.loads(out.read_text())["results"]
    assert all("cross_border" not in r["why"] for r in res)
    assert {r["id"] for r in res} == {"p1", "p2"}


BAD_PROFILES = [
    ("{not json", "invalid JSON"),
    ('["a list"]', "expected a JSON object"),
    ({"text": "no id"}, "id: "),
    ({"id": 7, "text": "numeric id"}, "id: "),
    ({"id": "x1"}, "text: "),
    ({"id": "x2", "text": 5}, "text: "),
    ({"id": "p1", "text": "duplicate of line 1"}, "duplicate profile id 'p1'"),
    ({"id": "x3", "text": "t", "tags": ["heating"]}, "tags: "),
    ({"id": "x4", "text": "t", "tags": {"value_chains": [1, {"a": 2}]}}, "tags.'value_chains': "),
    ({"id": "x5", "text": "t", "activity": "many"}, "activity: "),
    ({"id": "x6", "text": "t", "activity": -3}, "activity: "),
    ({"id": "x7", "text": "t", "country": 47}, "country: "),
]


@pytest.mark.parametrize("bad, message", BAD_PROFILES, ids=[m for _, m in BAD_PROFILES])
def test_each_malformed_profile_line_is_reported_with_its_line_number(tmp_path, bad, message):
    status, out, err = run(tmp_path, [PROFILES[0], "", bad], QUERIES)
    assert status != 0
    assert not out.exists()
    assert "P.jsonl: line 3: " in err and message in err


BAD_QUERIES = [
    ("[1, 2", "invalid JSON"),
    ({"text": "no id"}, "id: "),
    ({"id": "q9"}, "text: "),
    ({"id": "q1", "text": "duplicate"}, "duplicate query id 'q1'"),
    ({"id": "q8", "text": "t", "exclude": "p1"}, "exclude: "),
    ({"id": "q7", "text": "t", "tags": "heating"}, "tags: "),
    ({"id": "q6", "text": "t", "cross_border": "sideways"}, "cross_border: "),
]


@pytest.mark.parametrize("bad, message", BAD_QUERIES, ids=[m for _, m in BAD_QUERIES])
def test_each_malformed_query_line_is_reported_with_its_line_number(tmp_path, bad, message):
    status, out, err = run(tmp_path, PROFILES, [QUERIES[0], bad])
    assert status != 0
    assert not out.exists()
    assert "Q.jsonl: line 2: " in err and message in err


def test_all_errors_of_both_files_are_reported_and_existing_output_is_untouched(tmp_path):
    out = tmp_path / "R.jsonl"
    out.write_text("previous results\n")
    p = write_jsonl(tmp_path / "P.jsonl", ["{bad", PROFILES[0], {"id": "z", "text": "t", "activity": "x"}])
    q = write_jsonl(tmp_path / "Q.jsonl", [{"id": "q"}])
    err = io.StringIO()
    assert batch.main(p, q, 5, str(out), stderr=err) != 0
    text = err.getvalue()
    assert "P.jsonl: line 1:" in text and "P.jsonl: line 3:" in text and "Q.jsonl: line 1:" in text
    assert out.read_text() == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P.jsonl", "Q.jsonl", "R.jsonl"]


def test_missing_file_and_bad_top(tmp_path):
    q = write_jsonl(tmp_path / "Q.jsonl", QUERIES)
    err = io.StringIO()
    assert batch.main(str(tmp_path / "nope.jsonl"), q, 5, str(tmp_path / "R.jsonl"), stderr=err) != 0
    assert "nope.jsonl" in err.getvalue()
    p = write_jsonl(tmp_path / "P.jsonl", PROFILES)
    assert batch.main(p, q, 0, str(tmp_path / "R.jsonl"), stderr=io.StringIO()) != 0
    assert not (tmp_path / "R.jsonl").exists()
