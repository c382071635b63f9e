"""`manage.py gap_analysis`: the JSON contract of issue 13, the spreadsheet, and one-line refusals."""

import io
import json

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from northern_connections.core.tests.batch_checks import refused
from northern_connections.directory.vocabularies import VALUE_CHAIN_STEPS

from .factories import SupportMeasureFactory


@pytest.fixture
def measures(map_people):
    home = SupportMeasureFactory(provider=map_people.region, trl_min=5, trl_max=6)
    late = SupportMeasureFactory(provider=map_people.region, trl_min=9, trl_max=None, areas=["DK"], scope="national")
    abroad = SupportMeasureFactory(provider=map_people.organisation, areas=["NO0A"], eligibility="any", trl_min=7,
                                   trl_max=8)
    closed = SupportMeasureFactory(provider=map_people.organisation, areas=["SE23"], eligibility="local", trl_min=7,
                                   trl_max=8)
    SupportMeasureFactory(provider=map_people.region, status="draft", trl_min=7, trl_max=8)  # not counted
    return {"home": home, "late": late, "abroad": abroad, "closed": closed}


def run(tmp_path, *args):
    out = tmp_path / "gaps.json"
    call_command("gap_analysis", *args, "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_json_contract(tmp_path, measures):
    data = run(tmp_path, "--scope", "DK03", "--value-chain", "offshore-wind")
    assert set(data) == {"scope", "value_chain", "cells", "gaps", "bottlenecks", "complements"}
    assert (data["scope"], data["value_chain"]) == ("DK03", "offshore-wind")
    steps = [slug for slug, _ in VALUE_CHAIN_STEPS]
    assert [(c["step"], c["trl"]) for c in data["cells"]] == [(s, t) for s in steps for t in range(5, 10)]
    om = {c["trl"]: c["measures"] for c in data["cells"] if c["step"] == "operation-maintenance"}
    assert om == {5: [measures["home"].pk], 6: [measures["home"].pk], 7: [], 8: [], 9: [measures["late"].pk]}
    assert {"step": "operation-maintenance", "trl": 7} in data["gaps"]
    assert data["bottlenecks"] == [{"step": "operation-maintenance", "trls": [7, 8]}]
    found = {(c["step"], c["trl"], c["measure"], c["region"]) for c in data["complements"]}
    assert found == {("operation-maintenance", t, measures["abroad"].pk, "NO0A") for t in (7, 8)}
    assert all(c["why"] for c in data["complements"])


def test_a_country_and_the_whole_area(tmp_path, measures):
    country = run(tmp_path, "--scope", "dk", "--value-chain", "offshore-wind")
    assert country["scope"] == "DK" and country["bottlenecks"] == [{"step": "operation-maintenance", "trls": [7, 8]}]
    whole = run(tmp_path, "--value-chain", "offshore-wind")
    assert whole["scope"] == "all" and whole["bottlenecks"] == [] and whole["complements"] == []
    om7 = next(c for c in whole["cells"] if (c["step"], c["trl"]) == ("operation-maintenance", 7))
    assert om7["measures"] == sorted([measures["abroad"].pk, measures["closed"].pk])


def test_stdout_and_xlsx(tmp_path, measures, capsys):
    stdout = io.StringIO()
    call_command("gap_analysis", "--scope", "DK03", "--value-chain", "offshore-wind", "--out", "-", stdout=stdout)
    assert json.loads(stdout.getvalue())["scope"] == "DK03"
    out = tmp_path / "gaps.xlsx"
    call_command("gap_analysis", "--scope", "DK03", "--value-chain", "offshore-wind", "--format", "xlsx",
                 "--out", str(out), stderr=io.StringIO())
    book = load_workbook(out)
    assert len(list(book.worksheets[0].iter_rows())) == 1 + len(VALUE_CHAIN_STEPS)


@pytest.mark.parametrize(("args", "message"), [
    (["--scope", "XX99", "--value-chain", "offshore-wind"], "--scope: no NUTS region or country has the code"),
    (["--scope", "DK٠٣", "--value-chain", "offshore-wind"], "--scope: no NUTS region"),
    (["--scope", "D" * 100, "--value-chain", "offshore-wind"], "--scope: longer than 64"),
    (["--value-chain", "tidal-kites"], "--value-chain: no value chain has the slug 'tidal-kites'"),
])
def test_bad_options_are_one_line_and_nothing_is_written(tmp_path, measures, args, message):
    line = refused("gap_analysis", *args, "--out", str(tmp_path / "gaps.json"), folder=tmp_path)
    assert message in line and line.endswith("(nothing was written)")


def test_an_unusable_out_is_refused_before_any_work(tmp_path, vocabulary):
    line = refused("gap_analysis", "--value-chain", "offshore-wind", "--out", str(tmp_path), folder=tmp_path)
    assert "is a directory" in line
    line = refused("gap_analysis", "--value-chain", "offshore-wind", "--format", "xlsx", "--out", "-",
                   folder=tmp_path)
    assert "cannot go to stdout" in line


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scope=st.text(max_size=80), chain=st.text(max_size=80))
def test_any_option_text_is_answered_or_refused_in_one_line(tmp_path, vocabulary, scope, chain):
    target = tmp_path / "fuzz.json"
    target.unlink(missing_ok=True)
    try:
        call_command("gap_analysis", "--scope", scope, "--value-chain", chain, "--out", str(target),
                     stdout=io.StringIO(), stderr=io.StringIO())
    except Exception as error:  # noqa: BLE001 - the point: only a one-line CommandError may come out
        from django.core.management import CommandError

        assert isinstance(error, CommandError) and "\n" not in str(error)
        assert not target.exists()
    else:
        assert len(json.loads(target.read_text(encoding="utf-8"))["cells"]) == 5 * len(VALUE_CHAIN_STEPS)
