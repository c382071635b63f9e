"""The file rules of every batch command (core.batchio) and the BatchCommand base that applies them."""

import io
import json
import os

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError
from northern_connections.core.management.batch import BatchCommand


def refusal(call) -> str:
    with pytest.raises(BatchInputError) as caught:
        call()
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


# ---------------------------------------------------------------------------- reading


@pytest.mark.parametrize(("data", "fragment"), [
    ("Ærø Kommune".encode("latin-1"), "line 1: not UTF-8 text (byte 0xc6)"),
    (b'{"a": 1,\n "b": "\xe6"}', "line 2: not UTF-8"),
    ('{"a": 1}'.encode("utf-16"), "the file is UTF-16"),
    (b"", "the file is empty"),
    (b" \n\n\t", "the file is empty"),
    (b'{"a":\n"x\x00"}', "line 2: contains a NUL character"),
])
def test_text_in_another_encoding_or_empty_is_refused_with_its_line(data, fragment):
    message = refusal(lambda: batchio.decode_text(data, "in.json"))
    assert message.startswith("in.json: ") and fragment in message


def test_a_byte_order_mark_is_allowed():
    assert batchio.decode_text("\ufeff{}".encode(), "in.json") == "{}"


def test_missing_directory_special_and_unreadable_inputs(tmp_path, monkeypatch):
    assert refusal(lambda: batchio.read_text(str(tmp_path / "nope.json"))).endswith("nope.json: no such file")
    assert refusal(lambda: batchio.read_text(str(tmp_path))).endswith(": is a directory, not a file")
    assert refusal(lambda: batchio.read_text("/dev/null")) == "/dev/null: is not a regular file"
    path = tmp_path / "secret.json"
    path.write_text("{}")

    def denied(*args, **kwargs):  # tests run as root, where chmod 000 does not stop reading
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    assert refusal(lambda: batchio.read_text(str(path))) == f"{path}: cannot be read (permission denied)"


@pytest.mark.parametrize(("text", "message"), [
    ('{"a": NaN}', "in.json: a: NaN is not a number in JSON"),
    ('{"a": [1, Infinity]}', "in.json: a[1]: Infinity is not a number in JSON"),
    ('{"a": {"b": -Infinity}}', "in.json: a.b: -Infinity is not a number in JSON"),
    ('{"a": 1e400}', "in.json: a: number 1e400 is too large"),
    ('{"a": 1234567890123456}', "in.json: a: number 1234567890123456... has more than 15 digits"),
    ('{"a": -' + "9" * 5000 + "}", "has more than 15 digits"),
    ('{"id": "a", "id": "b"}', "in.json: key 'id' appears twice"),
    ("[" * 33 + "]" * 33, "nested deeper than 32 levels"),
    ("[" * 100_000 + "]" * 100_000, "in.json: nested deeper than 32 levels"),
    ('{"a": [1, 2,\n', "in.json: line 2: invalid JSON"),
])
def test_strict_json(text, message):
    assert message in refusal(lambda: batchio.loads(text, "in.json"))


def test_strict_json_keeps_ordinary_values():
    value = {"a": [1, -2.5, "x", None, True], "b": {"c": 10**14}}
    assert batchio.loads(json.dumps(value), "in.json") == value


def test_json_lines_name_the_line_and_keep_going():
    lines = list(batchio.json_lines('{"a": 1}\n\n{"a": NaN}\n[\n', "in.jsonl"))
    assert [number for number, _ in lines] == [1, 3, 4]
    assert lines[0][1] == {"a": 1}
    assert lines[1][1].problems == ["in.jsonl: line 3: a: NaN is not a number in JSON"]
    assert lines[2][1].problems[0].startswith("in.jsonl: line 4: invalid JSON")


def test_json_lines_split_only_at_newlines():
    lines = list(batchio.json_lines('{"a": "x\u2028y\u0085z"}\r\n{"a": 2}', "in.jsonl"))
    assert lines == [(1, {"a": "x\u2028y\u0085z"}), (2, {"a": 2})]


def test_a_key_with_a_newline_or_of_any_length_is_quoted_in_the_field_path():
    # Regression: the scheduler's fuzz test found `{"tables": {"x": {"\\n": 10**15}}}` giving a two-line message.
    for key in ("\n", "a b", "x" * 5000):
        with pytest.raises(BatchInputError) as caught:
            batchio.loads(json.dumps({"tables": {"x": {key: 10**15}}}), "i.json")
        (problem,) = caught.value.problems
        assert "\n" not in problem and len(problem) < 400 and "tables.x[" in problem, problem
    with pytest.raises(BatchInputError, match=r"tables\.T1_a-2: number"):
        batchio.loads('{"tables": {"T1_a-2": 1000000000000000}}', "i.json")


def test_a_long_or_deep_value_is_shown_short():
    assert len(batchio.shown("x" * 1_000_000)) <= 42
    assert batchio.shown([[[[["deep"]]]]]) == "[[[...]]]"
    assert len(batchio.shown({chr(0x18D09) * 30 + str(i): {str(j): None for j in range(9)} for i in range(9)})) == 80


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_value_or_one_clean_error(data):
    try:
        batchio.loads(batchio.decode_text(data, "in.json"), "in.json")
    except BatchInputError as error:
        assert len(error.problems) == 1 and "\n" not in error.problems[0]


# ---------------------------------------------------------------------------- writing


def test_unusable_output_paths_are_refused_before_any_work(tmp_path):
    assert refusal(lambda: batchio.check_output(str(tmp_path))).endswith("is a directory; give the name of a file")
    assert "does not exist" in refusal(lambda: batchio.check_output(str(tmp_path / "no" / "out.json")))
    assert "exists and is not a regular file" in refusal(lambda: batchio.check_output("/dev/null"))
    assert "cannot write in /sys" in refusal(lambda: batchio.check_output("/sys/out.json"))  # read-only even for root
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old")

    def half_then_crash(fh):
        fh.write("partial")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        batchio.write_atomic(str(out), half_then_crash)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.json"]
    batchio.write_atomic(str(out), "new")
    assert out.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert os.stat(out).st_mode & 0o777 == 0o644


def test_output_json_never_holds_nan():
    with pytest.raises(ValueError):
        batchio.dumps({"score": float("nan")})


# ---------------------------------------------------------------------------- the command base


class EchoCommand(BatchCommand):
    """Copies a JSON file, as the smallest batch command."""

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--out", required=True)
        parser.add_argument("--lines", action="store_true", help="read JSON Lines")

    def handle(self, *args, source, out, lines, **options):
        self.check_output(out)
        value = [v for _, v in self.read_json_lines(source)] if lines else self.read_json(source)
        self.write_output(out, batchio.dumps(value))


def test_the_base_turns_a_problem_into_one_line_and_writes_nothing(tmp_path):
    source = tmp_path / "in.json"
    source.write_text('{"a": NaN}')
    with pytest.raises(CommandError) as caught:
        call_command(EchoCommand(), str(source), "--out", str(tmp_path / "out.json"))
    assert str(caught.value) == f"{source}: a: NaN is not a number in JSON (nothing was written)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]
    source.write_text('{"a": 1}')
    call_command(EchoCommand(), str(source), "--out", str(tmp_path / "out.json"))
    assert json.loads((tmp_path / "out.json").read_text()) == {"a": 1}


def test_several_problems_are_one_line_each_then_a_count(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"a": 1}\n{"a": NaN}\n{"a": 1, "a": 2}\n')
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^2 problems in the input \(nothing was written\)$"):
        call_command(EchoCommand(), str(source), "--lines", "--out", str(tmp_path / "out.json"), stderr=err)
    assert err.getvalue().splitlines() == [f"{source}: line 2: a: NaN is not a number in JSON",
                                           f"{source}: line 3: key 'a' appears twice"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


@pytest.mark.parametrize("text", ["٣", "²", "1_000", "inf", "nan", "-inf", "1e400", " 5", "0x10"])
def test_numbers_on_the_command_line_use_the_digits_0_to_9(text):
    with pytest.raises(ValueError, match="written with the digits 0-9"):
        batchio.ascii_number(text)
    with pytest.raises(ValueError, match="written with the digits 0-9"):
        batchio.ascii_int(text)


def test_ordinary_numbers_on_the_command_line():
    assert [batchio.ascii_int(t) for t in ("7", "-3", "+12")] == [7, -3, 12]
    with pytest.raises(ValueError):
        batchio.ascii_int("1" * 16)
    assert [batchio.ascii_number(t) for t in ("7", "0.5", ".5", "2.", "1e3")] == [7.0, 0.5, 0.5, 2.0, 1000.0]


def test_a_bad_option_on_the_command_line_is_one_line(capsys):
    parser = EchoCommand().create_parser("manage.py", "echo")
    parser.called_from_command_line = True
    with pytest.raises(SystemExit) as exited:
        parser.parse_args(["in.json"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == ("manage.py echo: error: the following arguments are required: --out "
                                       "(see --help)\n")
