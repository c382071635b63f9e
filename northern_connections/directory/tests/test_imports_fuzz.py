"""Fuzzing the organisation-file parser: any bytes or cells give valid rows or ImportError_, nothing else."""

from hypothesis import given, settings
from hypothesis import strategies as st

from northern_connections.core.batchio import BatchInputError, decode_text
from northern_connections.directory import imports
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import Organisation

FUZZ = settings(max_examples=200, deadline=None)
MAPPING = dict(imports.H2020_PRESET["mapping"], trl="trl", description_language="lang")
KINDS = imports.H2020_PRESET["kinds"]
COLUMNS = list(MAPPING.values())

cells = st.one_of(st.text(max_size=12), st.sampled_from(
    ["DK", "UK", "PRC", "PUB", "7", "²", "٣", "inf", "nan", "1e400", "2.5", "-1", "99999999999", "", " ", "x" * 70,
     "M√ºnster", '"', "\r\n", ",", "www.example.dk"]))


def check(parse) -> None:
    """Either every returned row is valid as the model would store it, or ImportError_ with one-line problems."""
    try:
        rows = parse()
    except imports.ImportError_ as error:
        assert error.problems and all("\n" not in problem for problem in error.problems)
    else:
        assert_valid(rows)


def assert_valid(rows: list[imports.OrganisationRow]) -> None:
    for row in rows:
        assert not row.errors and row.values["kind"] in OrganisationKind.values and row.values["name"]
        assert 0 <= row.values["past_projects"] <= imports.MAX_PAST_PROJECTS
        assert row.values["trl"] is None or 1 <= row.values["trl"] <= 9
        for name in imports.LIMITED_FIELDS:
            assert len(row.values[name] or "") <= Organisation._meta.get_field(name).max_length


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_after_a_valid_header(data):
    header = ",".join(COLUMNS).encode() + b"\n"
    try:
        text = decode_text(header + data, "orgs.csv")
    except BatchInputError as error:  # the file rules refuse it with their own clean line
        assert len(error.problems) == 1
    else:
        check(lambda: imports.parse_organisations(text, mapping=MAPPING, kinds=KINDS, cut=("short_name",)))


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    check(lambda: imports.parse_organisations(text, mapping=MAPPING, kinds=KINDS))


@FUZZ
@given(st.lists(st.fixed_dictionaries({column: cells for column in COLUMNS}), min_size=1, max_size=3),
       st.sampled_from([",", ";", "\t", "|"]))
def test_arbitrary_cells(rows, delimiter):
    lines = [delimiter.join(COLUMNS)] + [delimiter.join(quoted(row[c]) for c in COLUMNS) for row in rows]
    check(lambda: imports.parse_organisations("\n".join(lines) + "\n", mapping=MAPPING, kinds=KINDS,
                                              delimiter=delimiter))


@FUZZ
@given(st.dictionaries(st.sampled_from(COLUMNS + ["other"]), st.none() | cells),
       st.none() | st.lists(cells, max_size=2))
def test_arbitrary_row_values(raw, extra):
    """What csv.DictReader gives: a string or None (a short line) per column, extra cells as a list under None."""
    row = imports._validate_row(2, {**raw, None: extra} if extra is not None else raw, MAPPING, KINDS)
    if row.errors:
        assert all("\n" not in problem and len(problem) < 400 for problem in row.errors)
    else:
        assert_valid([row])
