"""Hostile files to ``manage.py import_organisations`` (issue 9, item 3): one line, non-zero exit, nothing imported."""

import io

import pytest
from django.core.management import call_command

from northern_connections.core.models import SearchEntry
from northern_connections.core.tests.batch_checks import refused
from northern_connections.directory.models import Organisation

HEADER = "orgId,name,shortName,activityType,country,city,street,postCode,organizationUrl,numProjects\n"
GOOD = "1,Good Wind ApS,GW,PRC,DK,ESBJERG,,,,2\n"
CUSTOM = ("--mapping", "name=name,country=country,trl=trl,external_id=id,short_name=short,city=city,postcode=pc,"
          "website=web,description_language=lang,past_projects=projects")
CUSTOM_HEADER = "id,name,country,trl,short,city,pc,web,lang,projects\n"


def run(tmp_path, content: bytes | str, *options: str) -> str:
    path = tmp_path / "orgs.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    message = refused("import_organisations", str(path), *(options or ("--preset", "h2020")), folder=tmp_path)
    assert Organisation.objects.count() == 0 and SearchEntry.objects.count() == 0
    return message


def custom(row: str) -> str:
    return CUSTOM_HEADER + row + "\n"


ATTACKS = [  # (name, file content, options, what the line must say)
    ("latin-1", (HEADER + "2,Ærø Kommune,ÆK,PUB,DK,ÆRØSKØBING,,,,1\n").encode("latin-1"), (),
     "orgs.csv: line 2: not UTF-8 text"),
    ("utf-16", (HEADER + GOOD).encode("utf-16"), (), "the file is UTF-16"),
    ("empty file", b"", (), "orgs.csv: the file is empty"),
    ("header only", HEADER, (), "the file has a header but no organisation lines"),
    ("NUL byte", HEADER + "2,Nul\x00 Ltd,NL,PRC,DK,AARHUS,,,,1\n", (), "line 2: contains a NUL character"),
    ("inf past projects", HEADER + "2,Inf Ltd,IL,PRC,DK,AARHUS,,,,inf\n", (),
     "line 2: past_projects: 'inf' is not a whole number from 0 to 100,000"),
    ("1e400 past projects", HEADER + "2,Big Ltd,BL,PRC,DK,AARHUS,,,,1e400\n", (), "past_projects: '1e400' is not"),
    ("huge past projects", HEADER + "2,Big Ltd,BL,PRC,DK,AARHUS,,,,99999999999\n", (), "past_projects: '99999999999'"),
    ("Arabic-Indic digit", HEADER + "2,Digit Ltd,DL,PRC,DK,AARHUS,,,,٣\n", (), "past_projects: '٣' is not"),
    ("decimal past projects", HEADER + "2,Half Ltd,HL,PRC,DK,AARHUS,,,,2.5\n", (), "past_projects: '2.5' is not"),
    ("superscript trl", custom("7,Super Ltd,DK,²,,,,,,"), CUSTOM, "line 2: trl: '²' is not a TRL from 1 to 9"),
    ("Arabic-Indic trl", custom("7,Arab Ltd,DK,٣,,,,,,"), CUSTOM, "line 2: trl: '٣' is not a TRL from 1 to 9"),
    ("over-long name", HEADER + "2," + "N" * 100_000 + ",X,PRC,DK,AARHUS,,,,1\n", (),
     "line 2: name: longer than 300 characters (100,000)"),
    ("over-long external id", custom("x" * 65 + ",Long Id Ltd,DK,,,,,,,"), CUSTOM,
     "line 2: external_id: longer than 64 characters (65)"),
    ("over-long website", custom("8,Web Ltd,DK,,,,,https://" + "w" * 200 + ".dk,,"), CUSTOM,
     "line 2: website: longer than 200 characters"),
    ("over-long postcode", custom("8,Post Ltd,DK,,,,1234567890123456789012,,,"), CUSTOM,
     "line 2: postcode: longer than 20 characters (22)"),
    ("over-long city", custom("8,City Ltd,DK,,," + "c" * 121 + ",,,,"), CUSTOM, "line 2: city: longer than 120"),
    ("over-long short name", custom("8,Short Ltd,DK,," + "s" * 101 + ",,,,,"), CUSTOM,
     "line 2: short_name: longer than 100 characters (101)"),
    ("over-long language", custom("8,Lang Ltd,DK,,,,,,norwegian,"), CUSTOM,
     "line 2: description_language: longer than 8 characters (9)"),
    ("cell beyond the CSV field limit", HEADER + '2,"' + "x" * 140_000 + '",X,PRC,DK,AARHUS,,,,1\n', (),
     "line 2: a cell is longer than 131,072 characters"),
    ("duplicated external id", HEADER + GOOD + GOOD, (), "line 3: external_id: '1' repeats line 2"),
    ("duplicated column", HEADER.replace("\n", ",name\n") + GOOD.replace("\n", ",Other Name\n"), (),
     "line 1: column 'name' appears twice"),
    ("unknown country", HEADER + "2,Q Ltd,Q,PRC,QQ,X,,,,1\n", (), "line 2: country: unknown country 'QQ'"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "options", "fragment"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_hostile_file_is_refused_in_one_line(tmp_path, content, options, fragment):
    assert fragment in run(tmp_path, content, *options)


@pytest.mark.django_db
@pytest.mark.parametrize("delimiter", [";;", '"', "\n"])
def test_unusable_delimiter_is_refused(tmp_path, delimiter):
    assert "--delimiter: must be one character" in run(tmp_path, HEADER + GOOD, "--preset", "h2020",
                                                       "--delimiter", delimiter)


@pytest.mark.django_db
def test_directory_special_and_unreadable_sources(tmp_path, monkeypatch):
    assert refused("import_organisations", str(tmp_path), "--preset", "h2020",
                   folder=tmp_path).startswith(f"{tmp_path}: is a directory, not a file")
    assert refused("import_organisations", "/dev/null", "--preset", "h2020",
                   folder=tmp_path).startswith("/dev/null: is not a regular file")
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + GOOD)
    real_open = open

    def denied(file, *args, **kwargs):  # tests run as root, where chmod 000 does not stop reading
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    assert "orgs.csv: cannot be read (permission denied)" in refused(
        "import_organisations", str(path), "--preset", "h2020", folder=tmp_path)
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_several_bad_lines_are_one_line_each_then_the_count(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + GOOD + "2,,X,PRC,DK,AARHUS,,,,inf\n" + "3,T Ltd,T,PRC,DK,AARHUS,,,,٣\n")
    err = io.StringIO()
    with pytest.raises(Exception, match=r"^2 problems in the input \(nothing was imported\)$"):
        call_command("import_organisations", str(path), "--preset", "h2020", stderr=err, stdout=io.StringIO())
    assert [problem.removeprefix(str(tmp_path) + "/") for problem in err.getvalue().splitlines()] == [
        "orgs.csv: line 3: name: empty; past_projects: 'inf' is not a whole number from 0 to 100,000",
        "orgs.csv: line 4: past_projects: '٣' is not a whole number from 0 to 100,000"]
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_the_h2020_preset_cuts_an_over_long_short_name_and_says_so(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "9,Notice Ltd," + "s" * 185 + ",PRC,DK,AARHUS,,,,1\n")
    out = io.StringIO()
    call_command("import_organisations", str(path), "--preset", "h2020", stdout=out)
    assert Organisation.objects.get(external_id="9").short_name == "s" * 100
    assert out.getvalue().strip() == "1 organisations created, 0 updated; 1 over-long value(s) cut to fit"
