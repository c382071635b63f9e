"""Fuzzing the schedule_meetings input: any bytes or JSON give an instance or one clean error, nothing else."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError
from northern_connections.events.scheduling import cli
from northern_connections.events.scheduling.instance import MAX_PRIORITY, MAX_TABLES, Instance

FUZZ = settings(max_examples=200, deadline=None)

scalars = (st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats()
           | st.text(max_size=8) | st.sampled_from(["a", "b", "p", "q", "m", "x", "²", "٣"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=20)
ids = st.sampled_from(["a", "b", "p", "q", "m", "x"]) | json_values


def record(keys: list[str]):
    """Objects with the contract's keys, holding arbitrary values, so fuzzing reaches past the first check."""
    return st.fixed_dictionaries({}, optional={key: (ids if key in ("id", "block") else json_values) for key in keys})


instances = st.fixed_dictionaries({}, optional={
    "slots": st.lists(record(["id", "block"]), max_size=4) | json_values,
    "tables": st.dictionaries(st.sampled_from(["x", "y"]), json_values, max_size=2) | json_values,
    "participants": st.lists(record(["id", "available", "max_meetings"]), max_size=4) | json_values,
    "meetings": st.lists(record(["id", "participants", "priority", "locked_slot", "slots"]), max_size=4)
    | json_values,
    "fixed": st.lists(record(["meeting", "slot", "table"]), max_size=2) | json_values,
})


def assert_one_line(error: BatchInputError) -> None:
    assert len(error.problems) == 1 and "\n" not in error.problems[0] and len(error.problems[0]) < 400


def parse_or_refuse(data) -> Instance | None:
    """The parser's result, or None when it refused with its own clean error of one line."""
    try:
        instance = cli.parse(data)
    except BatchInputError as error:  # CliError, which wraps every InstanceError
        assert_one_line(error)
        return None
    assert isinstance(instance, Instance)
    for meeting in instance.meetings:
        assert 1 <= meeting.priority <= MAX_PRIORITY
        assert all(0 <= s < len(instance.slots) for s in meeting.allowed)
    assert all(block.tables is None or 0 <= block.tables <= MAX_TABLES for block in instance.blocks)
    return instance


def load_and_parse(data: bytes) -> None:
    try:
        value = batchio.loads(batchio.decode_text(data, "i.json"), "i.json")
    except BatchInputError as error:
        assert_one_line(error)
    else:
        parse_or_refuse(value)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    load_and_parse(data)


@FUZZ
@given(json_values)
def test_arbitrary_json(value):
    parse_or_refuse(value)


@FUZZ
@given(instances)
def test_arbitrary_values_in_the_instance_shape(data):
    parse_or_refuse(data)
    load_and_parse(json.dumps(data).encode())  # the same through the file rules (NaN refused there)


@FUZZ
@given(st.lists(st.sampled_from(['{"slots": [', '{"id": "a", "block": "x"}', '], "participants": [',
                                 '{"id": "p"}', '{"id": "q"}', '], "meetings": [', '{"id": "m", ',
                                 '"participants": ["p", "q"]', ', "priority": ', "NaN", "1e400", "7", "]", "}",
                                 ",", '"', "[", "\\u0000", "²"]), max_size=25))
def test_fragments_of_a_valid_file(parts):
    load_and_parse("".join(parts).encode())
