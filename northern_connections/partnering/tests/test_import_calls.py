"""``manage.py import_calls``: the real portal file, updates by topic, all or nothing, one-line refusals."""

import gzip
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from northern_connections.core.tests.batch_checks import refused
from northern_connections.partnering import calls
from northern_connections.partnering.models import FundingCall

pytestmark = pytest.mark.django_db

TOPIC = {"topicId": "I3-2026-INV2a", "title": "Interregional Innovation Investments", "programme":
         "Interregional Innovation", "callIdentifier": "I3-2026", "deadline": "2026-11-12", "deadlineModel":
         "two-stage", "callStatus": "open", "budgetMin": None, "budgetMax": 6000000, "expectedGrants": 3,
         "keywords": "I3-2026-INV2a, I3-2026, Business development, Value chains",
         "description": "Creation of new value chains in less developed regions â€œand transition regionsâ€\x9d.",
         "typesOfAction": "I3 Innovation Investments", "portalUrl": "https://ec.europa.eu/x"}


def write(tmp_path, *topics, compress=False):
    text = "".join(json.dumps(t) for t in topics)  # concatenated, no newlines: the portal file's shape
    path = tmp_path / ("calls.jsonl.gz" if compress else "calls.json")
    path.write_bytes(gzip.compress(text.encode()) if compress else text.encode())
    return str(path)


def test_the_real_file_imports_every_call_and_a_second_run_updates():
    out = io.StringIO()
    call_command("import_calls", stdout=out)
    assert out.getvalue().startswith("629 calls created, 0 updated")
    erc = FundingCall.objects.get(topic_identifier="ERC-2026-POC")
    assert erc.programme == "Horizon Europe" and str(erc.deadline) == "2026-03-17"
    assert erc.budget_max_eur == 150000 and erc.expected_grants == 400 and erc.stage == "single-stage"
    assert not any("â€" in d for d in FundingCall.objects.values_list("description", flat=True)[:200])
    out = io.StringIO()
    call_command("import_calls", str(settings.SHARED_DATA_DIR / "cordis/calls_open_2026.jsonl.gz"), stdout=out)
    assert out.getvalue().startswith("0 calls created, 629 updated")
    assert FundingCall.objects.count() == 629


def test_fields_keywords_and_repaired_text(tmp_path):
    call_command("import_calls", write(tmp_path, TOPIC, compress=True), stdout=io.StringIO())
    call = FundingCall.objects.get()
    assert call.keywords == ["Business development", "Value chains"]
    assert call.stage == "two-stage" and call.budget_max_eur == 6_000_000 and call.min_partners is None
    assert "“and transition regions”" in call.description


def test_an_update_replaces_the_fields(tmp_path):
    call_command("import_calls", write(tmp_path, TOPIC), stdout=io.StringIO())
    call_command("import_calls", write(tmp_path, {**TOPIC, "deadline": "2026-12-01"}), stdout=io.StringIO())
    assert str(FundingCall.objects.get().deadline) == "2026-12-01"


def test_horizon_innovation_actions_need_three_partners_from_three_countries():
    fields = calls.call_fields({**TOPIC, "typesOfAction": "HORIZON Innovation Actions"})
    assert (fields["min_partners"], fields["min_countries"]) == (3, 3)


@pytest.mark.parametrize(("topics", "fragment"), [
    ([{**TOPIC, "title": ""}], "line 1: title: must be a text of 1 to 500 characters"),
    ([TOPIC, TOPIC], "topicId: 'I3-2026-INV2a' appears twice"),
    ([{**TOPIC, "deadline": "12/11/2026"}], "deadline: must be a date YYYY-MM-DD"),
    ([[1, 2]], "a call must be a JSON object"),
])
def test_a_bad_topic_imports_nothing(tmp_path, topics, fragment):
    call_command("import_calls", write(tmp_path, {**TOPIC, "topicId": "OTHER"}), stdout=io.StringIO())
    path = write(tmp_path, *topics)
    message = refused("import_calls", path, folder=tmp_path)
    assert fragment in message and message.endswith("(nothing was imported)")
    assert list(FundingCall.objects.values_list("topic_identifier", flat=True)) == ["OTHER"]


def test_unreadable_sources_are_one_line(tmp_path):
    (tmp_path / "broken.json").write_text('{"topicId": ')
    assert "invalid JSON" in refused("import_calls", str(tmp_path / "broken.json"), folder=tmp_path)
    assert "no such file" in refused("import_calls", str(tmp_path / "none.json"), folder=tmp_path)
    (tmp_path / "bad.gz").write_bytes(b"\x1f\x8bnot gzip")
    assert "not a readable gzip file" in refused("import_calls", str(tmp_path / "bad.gz"), folder=tmp_path)
    assert "cannot be downloaded" in refused("import_calls", "http://127.0.0.1:9/calls.json", folder=tmp_path)
