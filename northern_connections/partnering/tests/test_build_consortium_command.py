"""``manage.py build_consortium``: the file contract (issue 17 item 5) and hostile input."""

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
    "min_size": 2, "max_size": 5, "max_per_country": 2,
    "competences": ["blades", "cables", "installation"],
    "required_categories": ["transition", "less_developed"], "required_countries": ["DK"],
    "fixed": ["dk-1"],
    "candidates": [
        {"id": "no-1", "country": "NO", "category": None, "competences": ["blades", "cables"], "fit": 0.9},
        {"id": "dk-1", "country": "DK", "category": "more_developed", "competences": ["blades"], "fit": 0.8},
        {"id": "dk-2", "country": "DK", "category": "transition", "competences": ["installation"], "fit": 0.4},
        {"id": "se-1", "country": "SE", "category": "less_developed", "competences": ["cables"], "fit": 0.3},
        {"id": "se-2", "country": "SE", "category": "more_developed", "competences": ["installation"], "fit": 0.7},
    ],
}


def changed(change) -> dict:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def run(tmp_path, data, *options):
    source, out = tmp_path / "r.json", tmp_path / "c.json"
    source.write_text(json.dumps(data))
    call_command("build_consortium", "--input", str(source), "--out", str(out), *options, stdout=io.StringIO())
    return json.loads(out.read_text())


def test_the_output_follows_the_contract(tmp_path):
    result = run(tmp_path, VALID)
    assert set(result) == {"consortia", "infeasible", "optimal"}
    assert result["infeasible"] is None and result["optimal"] is True
    assert len(result["consortia"]) == 3
    first = result["consortia"][0]
    assert set(first) == {"members", "fit", "covers", "why"}
    assert first["members"] == ["dk-1", "no-1", "se-2", "dk-2", "se-1"] and first["fit"] == 3.1
    assert first["covers"]["installation"] == ["se-2", "dk-2"] and set(first["why"]) == set(first["members"])
    fits = [c["fit"] for c in result["consortia"]]
    assert fits == sorted(fits, reverse=True)
    assert len({frozenset(c["members"]) for c in result["consortia"]}) == 3


def test_top_and_optional_fields(tmp_path):
    minimal = {"min_size": 1, "max_size": 2, "competences": [], "candidates": VALID["candidates"]}
    result = run(tmp_path, minimal, "--top", "1")
    assert [c["members"] for c in result["consortia"]] == [["no-1", "dk-1"]]


def test_requirements_no_consortium_meets_are_an_answer(tmp_path):
    result = run(tmp_path, changed(lambda d: d.update(max_size=2, required_countries=["NO", "SE"])))
    assert result == {"consortia": [], "optimal": True, "infeasible": [
        "max_size: at most 2 members", "required_categories: a member from a transition region",
        "required_countries: a member from NO", "required_countries: a member from SE"]}


ATTACKS = [  # (name, content, what the line must say)
    ("not an object", [1, 2], "the input must be a JSON object with min_size"),
    ("no candidates", changed(lambda d: d.update(candidates=[])), "candidates: must be a non-empty list"),
    ("min above max", changed(lambda d: d.update(min_size=6)), "max_size: is 5, below min_size 6"),
    ("size zero", changed(lambda d: d.update(min_size=0)), "min_size: must be a whole number from 1 to 100, not 0"),
    ("size as text", changed(lambda d: d.update(max_size="4")), "max_size: must be a whole number from 1 to 100"),
    ("boolean size", changed(lambda d: d.update(max_size=True)), "not True"),
    ("missing competences", changed(lambda d: d.pop("competences")), "competences: is missing"),
    ("unknown field", changed(lambda d: d.update(max_partners=3)), "'max_partners': unknown field"),
    ("unknown category", changed(lambda d: d.update(required_categories=["developed"])),
     "required_categories[0]: must be one of more_developed, transition, less_developed, not 'developed'"),
    ("bad country", changed(lambda d: d.update(required_countries=["Norway"])),
     "required_countries[0]: must be two capital letters, not 'Norway'"),
    ("fixed not a candidate", changed(lambda d: d.update(fixed=["xx"])), "fixed[0]: 'xx' is not the id of a candidate"),
    ("duplicate candidate", changed(lambda d: d["candidates"].append(copy.deepcopy(d["candidates"][0]))),
     "candidates[5].id: candidate 'no-1' appears twice"),
    ("candidate category", changed(lambda d: d["candidates"][1].update(category="rich")),
     "candidates[1] ('dk-1').category: must be null or one of"),
    ("NaN fit", json.dumps(VALID).replace('"fit": 0.9', '"fit": NaN').encode(), "NaN is not a number in JSON"),
    ("string fit", changed(lambda d: d["candidates"][0].update(fit="0.9")), ".fit: must be a number"),
    ("huge fit", changed(lambda d: d["candidates"][0].update(fit=1e12)), "not 1000000000000.0"),
    ("competence not a string", changed(lambda d: d["candidates"][0].update(competences=[3])),
     "candidates[0] ('no-1').competences[0]: must be a competence name, not 3"),
    ("competences not a list", changed(lambda d: d["candidates"][0].update(competences="blades")),
     "candidates[0] ('no-1').competences: must be a list"),
    ("unknown candidate field", changed(lambda d: d["candidates"][0].update(score=1)), "unknown field 'score'"),
    ("over-long id", changed(lambda d: d["candidates"][0].update(id="x" * 201)), "must be a string of 1 to 200"),
    ("repeated key", json.dumps(VALID).replace('"min_size": 2', '"min_size": 2, "min_size": 3').encode(),
     "key 'min_size' appears twice"),
    ("latin-1", json.dumps(changed(lambda d: d["candidates"][0].update(id="Århus")), ensure_ascii=False)
     .encode("latin-1"), "not UTF-8 text"),
    ("empty file", b"", "the file is empty"),
]


@pytest.mark.parametrize(("content", "fragment"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_bad_input_is_refused_in_one_line(tmp_path, content, fragment):
    source = tmp_path / "r.json"
    source.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    message = refused("build_consortium", "--input", str(source), "--out", str(tmp_path / "c.json"), folder=tmp_path)
    assert fragment in message and message.endswith("(nothing was written)")


@pytest.mark.parametrize(("options", "fragment"), [
    (("--top", "0"), "--top must be from 1 to 20, not 0"),
    (("--time-limit", "0"), "--time-limit must be above 0 and at most 3600 seconds, not 0"),
])
def test_options_outside_their_bounds(tmp_path, options, fragment):
    source = tmp_path / "r.json"
    source.write_text(json.dumps(VALID))
    message = refused("build_consortium", "--input", str(source), "--out", str(tmp_path / "c.json"), *options,
                      folder=tmp_path)
    assert fragment in message


def test_missing_input_and_bad_output_are_one_line(tmp_path):
    assert "no such file" in refused("build_consortium", "--input", str(tmp_path / "none.json"), "--out",
                                     str(tmp_path / "c.json"), folder=tmp_path)
    source = tmp_path / "r.json"
    source.write_text(json.dumps(VALID))
    assert "is a directory" in refused("build_consortium", "--input", str(source), "--out", str(tmp_path),
                                       folder=tmp_path)


def test_several_problems_are_one_line_each(tmp_path):
    source = tmp_path / "r.json"
    source.write_text(json.dumps(changed(lambda d: [c.pop("fit") for c in d["candidates"]])))
    err = io.StringIO()
    with pytest.raises(Exception, match="5 problems in the input"):
        call_command("build_consortium", "--input", str(source), "--out", str(tmp_path / "c.json"),
                     stdout=io.StringIO(), stderr=err)
    assert len(err.getvalue().strip().splitlines()) == 5
    assert not (tmp_path / "c.json").exists()


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False) | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=12)
CANDIDATE = st.fixed_dictionaries({"id": st.text(max_size=3), "country": JSON, "category": JSON, "fit": JSON,
                                   "competences": st.lists(JSON, max_size=3)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON, st.fixed_dictionaries({"min_size": JSON, "max_size": JSON, "competences": JSON,
                                              "candidates": JSON}),
                 st.fixed_dictionaries({"min_size": st.integers(0, 3), "max_size": st.integers(0, 3),
                                        "competences": st.lists(st.text(max_size=2), max_size=3),
                                        "fixed": st.lists(st.text(max_size=3), max_size=2),
                                        "candidates": st.lists(CANDIDATE, max_size=4)})))
def test_any_json_is_parsed_or_refused_cleanly(data):
    from northern_connections.partnering.builder import contract

    try:
        contract.parse(data, "r.json")
    except BatchInputError as error:
        assert error.problems and all("\n" not in p and p.startswith("r.json") for p in error.problems)
