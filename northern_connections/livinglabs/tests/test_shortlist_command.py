"""``manage.py shortlist_living_labs``: the file contract (issue 12 item 6) and hostile input."""

import copy
import io
import json

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from northern_connections.core.batchio import BatchInputError
from northern_connections.core.tests.batch_checks import refused

VALID = {
    "criteria": [{"id": "fit", "weight": 3, "direction": "benefit"}, {"id": "cost", "weight": 1, "direction": "cost"}],
    "candidates": [
        {"id": "a1", "region": "NO08", "host": "h1", "value_chain": "offshore-wind", "scores": {"fit": 5, "cost": 2}},
        {"id": "a2", "region": "NO08", "host": "h2", "value_chain": "hydrogen", "scores": {"fit": 3, "cost": 1}},
        {"id": "a3", "region": "NO08", "host": "h1", "value_chain": "solar", "scores": {"fit": 4, "cost": 3}},
        {"id": "b1", "region": "DK01", "host": "h1", "value_chain": "offshore-wind", "scores": {"fit": 5, "cost": 1}},
        {"id": "b2", "region": "DK01", "host": ["h3", "h4"], "value_chain": "solar", "scores": {"fit": 2, "cost": 2}},
        {"id": "b3", "region": "DK01", "host": "h5", "value_chain": "hydrogen", "scores": {"fit": 1, "cost": 5}},
    ],
}


def changed(change) -> dict:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def run(tmp_path, data, *options):
    source, out = tmp_path / "c.json", tmp_path / "s.json"
    source.write_text(json.dumps(data))
    call_command("shortlist_living_labs", "--input", str(source), "--out", str(out), *options, stdout=io.StringIO())
    return json.loads(out.read_text())


@pytest.mark.parametrize("method", ["topsis", "weighted-sum"])
def test_selected_ids_with_score_rank_and_frequency(tmp_path, method):
    result = run(tmp_path, VALID, "--method", method, "--per-region", "2", "--perturb", "0.2", "--samples", "300")
    assert len(result["selected"]) == 4
    assert {c["region"] for c in result["selected"]} == {"NO08", "DK01"}
    assert [c["rank"] for c in result["selected"]] == sorted(c["rank"] for c in result["selected"])
    for candidate in result["candidates"]:
        assert 0 <= candidate["selection_frequency"] <= 1 and candidate["explanation"]
    assert sum(c["selection_frequency"] for c in result["candidates"]) == pytest.approx(4)
    assert result["sensitivity"] == {"perturb": 0.2, "samples": 300, "seed": 0, "exact_solves": 0}


def test_weighted_sum_values_in_the_file(tmp_path):
    result = run(tmp_path, VALID, "--method", "weighted-sum", "--per-region", "1")
    scores = {c["id"]: c["score"] for c in result["candidates"]}
    # fit: (x - 1) / 4, cost: (5 - x) / 4; weights 0.75, 0.25 -> b1 = 0.75 + 0.25 = 1.0, a1 = 0.75 + 0.1875
    assert scores["b1"] == 1.0 and scores["a1"] == pytest.approx(0.9375)
    assert [c["id"] for c in result["selected"]] == ["b1", "a1"]
    assert result["candidates"][0]["selection_frequency"] is None and result["sensitivity"] is None


def test_rules_are_kept_and_the_same_seed_gives_the_same_file(tmp_path):
    options = ("--per-region", "1", "--max-per-host", "1", "--samples", "200", "--seed", "5")
    first = run(tmp_path, VALID, *options)
    assert [c["id"] for c in first["selected"]] != ["b1", "a1"]  # both are hosted by h1
    assert first["solver"] == "cp-sat" and first["rules"]["max_per_host"] == 1
    assert run(tmp_path, VALID, *options) == first


ATTACKS = [  # (name, content, what the line must say)
    ("missing score", changed(lambda d: d["candidates"][2]["scores"].pop("cost")),
     "candidates[2] ('a3').scores: no score for criterion 'cost'"),
    ("region with fewer than k", changed(lambda d: d["candidates"].__setitem__(5, {**d["candidates"][5],
                                                                                   "region": "SE11"})),
     "region 'SE11' has 1 candidate(s); --per-region asks for 2"),
    ("not an object", [1, 2], "must be a JSON object with 'criteria' and 'candidates'"),
    ("no candidates", changed(lambda d: d.update(candidates=[])), "candidates: must be a non-empty list"),
    ("NaN score", json.dumps(VALID).replace('"fit": 5, "cost": 2', '"fit": NaN, "cost": 2').encode(),
     "NaN is not a number in JSON"),
    ("string score", changed(lambda d: d["candidates"][0]["scores"].update(fit="5")), "not '5'"),
    ("boolean score", changed(lambda d: d["candidates"][0]["scores"].update(fit=True)), "not True"),
    ("negative score for TOPSIS", changed(lambda d: d["candidates"][0]["scores"].update(fit=-1)),
     "must be a number from 0 to 1e+09, not -1"),
    ("huge score", changed(lambda d: d["candidates"][0]["scores"].update(fit=1e12)), "not 1000000000000.0"),
    ("zero weight", changed(lambda d: d["criteria"][0].update(weight=0)), "criteria[0].weight: must be a number"),
    ("bad direction", changed(lambda d: d["criteria"][0].update(direction="up")), "must be 'benefit' or 'cost'"),
    ("duplicate criterion", changed(lambda d: d["criteria"].append({"id": "fit", "weight": 1})), "appears twice"),
    ("duplicate candidate", changed(lambda d: d["candidates"].append(copy.deepcopy(d["candidates"][0]))),
     "candidate 'a1' appears twice"),
    ("unknown criterion", changed(lambda d: d["candidates"][0]["scores"].update(reach=3)),
     "criterion 'reach' is not in 'criteria'"),
    ("list as region", changed(lambda d: d["candidates"][0].update(region=["NO08"])), "must be a region code"),
    ("over-long id", changed(lambda d: d["candidates"][0].update(id="x" * 201)), "must be a string of 1 to 200"),
    ("repeated key", json.dumps(VALID).replace('"id": "a1"', '"id": "a1", "id": "a9"').encode(),
     "key 'id' appears twice"),
    ("latin-1", json.dumps(changed(lambda d: d["candidates"][0].update(id="Århus")), ensure_ascii=False)
     .encode("latin-1"), "not UTF-8 text"),
]


@pytest.mark.parametrize(("content", "fragment"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_bad_input_is_refused_in_one_line(tmp_path, content, fragment):
    source = tmp_path / "c.json"
    source.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    message = refused("shortlist_living_labs", "--input", str(source), "--out", str(tmp_path / "s.json"),
                      folder=tmp_path)
    assert fragment in message


@pytest.mark.parametrize(("options", "fragment"), [
    (("--per-region", "0"), "--per-region must be from 1 to 100, not 0"),
    (("--samples", "1000000"), "--samples must be from 1 to 100,000"),
    (("--perturb", "1.5"), "--perturb must be above 0 and at most 0.9, not 1.5"),
    (("--max-per-host", "0"), "--max-per-host must be from 1 to 100"),
])
def test_options_outside_their_bounds(tmp_path, options, fragment):
    source = tmp_path / "c.json"
    source.write_text(json.dumps(VALID))
    message = refused("shortlist_living_labs", "--input", str(source), "--out", str(tmp_path / "s.json"), *options,
                      folder=tmp_path)
    assert fragment in message


def test_rules_no_selection_can_keep(tmp_path):
    source = tmp_path / "c.json"
    source.write_text(json.dumps(VALID))
    message = refused("shortlist_living_labs", "--input", str(source), "--out", str(tmp_path / "s.json"),
                      "--min-value-chains-per-country", "3", "--per-region", "1", folder=tmp_path)
    assert "country NO has candidates in only 3" not in message and "value chain" in message


def test_several_problems_are_one_line_each(tmp_path):
    source = tmp_path / "c.json"
    source.write_text(json.dumps(changed(lambda d: [c["scores"].pop("fit") for c in d["candidates"]])))
    err = io.StringIO()
    with pytest.raises(Exception, match="6 problems in the input"):
        call_command("shortlist_living_labs", "--input", str(source), "--out", str(tmp_path / "s.json"),
                     stdout=io.StringIO(), stderr=err)
    assert len(err.getvalue().strip().splitlines()) == 6
    assert not (tmp_path / "s.json").exists()


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False) | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON, st.fixed_dictionaries({"criteria": JSON, "candidates": JSON}),
                 st.fixed_dictionaries({"criteria": st.just(VALID["criteria"]),
                                        "candidates": st.lists(st.fixed_dictionaries(
                                            {"id": st.text(max_size=3), "region": JSON,
                                             "scores": st.dictionaries(st.sampled_from(["fit", "cost", "x"]), JSON)}),
                                            max_size=4)})))
def test_any_json_is_parsed_or_refused_cleanly(data):
    from northern_connections.livinglabs.shortlist import contract

    try:
        contract.parse(data, "c.json", method="topsis", per_region=1)
    except BatchInputError as error:
        assert error.problems and all("\n" not in p and p.startswith("c.json") for p in error.problems)
