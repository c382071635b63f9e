"""Fuzzing the match_batch line parsers: any bytes or JSON give a document or query, or one clean error line."""

import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError
from northern_connections.matchmaking.engine import batch
from northern_connections.matchmaking.engine.documents import Document, Query
from northern_connections.matchmaking.engine.engine import MatchingEngine

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats()
           | st.text(max_size=12) | st.sampled_from(["prefer", "only", "NO", "sme", "6-8", "²", "٣", "TRL7"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=20)
small_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=4)
KEYS = ["id", "text", "name", "tags", "country", "kind", "activity", "trl", "language", "exclude", "cross_border",
        "kinds", "countries", "sme_only", "trl_min", "trl_max", "top"]
tags = st.dictionaries(st.sampled_from(["value_chains", "trl", "nace", "kind", "country", "x"]),
                       small_values | st.lists(scalars, max_size=3), max_size=3)
lines = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=8) | small_values, "text": st.text(max_size=60) | small_values},
    optional={key: (tags if key == "tags" else small_values) for key in KEYS[2:]},
)


def parsed_or_refused(parse, value):
    """The parser's result, or None when it refused with its own error type in one line."""
    try:
        result = parse(value)
    except batch.InputError as error:
        assert "\n" not in str(error) and len(str(error)) < 400
        return None
    return result


def check_profile(value):
    doc = parsed_or_refused(batch.parse_profile, value)
    assert doc is None or (isinstance(doc, Document) and 0 < len(doc.id) <= batch.MAX_ID_LENGTH
                           and 0 <= doc.activity <= batch.MAX_ACTIVITY)
    return doc


def check_query(value):
    result = parsed_or_refused(lambda v: batch.parse_query(v, 10), value)
    assert result is None or (isinstance(result[1], Query) and 1 <= result[1].top_k <= batch.MAX_TOP)
    return result


@FUZZ
@given(json_values)
def test_arbitrary_json_as_a_line(value):
    check_profile(value)
    check_query(value)


@FUZZ
@given(lines)
def test_arbitrary_values_in_the_line_shape(value):
    check_profile(value)
    check_query(value)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_file(data):
    errors: list[str] = []
    try:
        text = batchio.decode_text(data, "P.jsonl")
    except BatchInputError as error:
        errors.extend(error.problems)
    else:
        for _, doc in batch.parse_lines(text, "P.jsonl", batch.parse_profile, errors):
            assert isinstance(doc, Document)
    assert all("\n" not in e and e.startswith("P.jsonl: ") for e in errors)


short_text = st.text(max_size=10)
well_typed_profiles = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8).filter(str.strip),
                                             "text": st.text(max_size=80)}, optional={
    "name": short_text, "tags": st.dictionaries(st.sampled_from(["value_chains", "trl", "nace", "cpv", "x"]),
                                                st.lists(short_text, min_size=1, max_size=3), max_size=3),
    "country": short_text, "kind": short_text, "language": short_text,
    "activity": st.integers(0, batch.MAX_ACTIVITY) | st.floats(0, batch.MAX_ACTIVITY), "trl": st.integers(1, 9)})
well_typed_queries = st.fixed_dictionaries({"id": st.just("q"), "text": st.text(max_size=80)}, optional={
    "country": short_text, "exclude": st.lists(short_text, max_size=3), "language": short_text,
    "cross_border": st.sampled_from(["prefer", "neutral", "only"]), "kinds": st.lists(short_text, max_size=2),
    "countries": st.lists(short_text, max_size=2), "sme_only": st.booleans(), "trl_min": st.integers(1, 5),
    "trl_max": st.integers(5, 9), "top": st.integers(1, batch.MAX_TOP)})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(well_typed_profiles, min_size=1, max_size=4), well_typed_queries)
def test_whatever_the_parsers_accept_the_engine_ranks(profiles, query):
    docs = [doc for doc in map(check_profile, profiles) if doc is not None]
    parsed = check_query(query)
    assume(docs and parsed is not None)  # a TRL tag of random text is refused; the rest is accepted
    results = list(batch.run(docs, [parsed], engine=MatchingEngine.build(docs)))
    assert len(results) == 1 and json.dumps(results, allow_nan=False)
