"""Import commands: real reference files, and all-or-nothing organisation imports."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from northern_connections.core.models import SearchEntry
from northern_connections.directory.models import CpvCode, EformsCode, NutsRegion, Organisation

HEADER = "orgId,name,shortName,activityType,country,city,street,postCode,organizationUrl,numProjects\n"


@pytest.fixture
def reference(db):
    call_command("load_reference_data", stdout=io.StringIO(), stderr=io.StringIO())


def write(tmp_path, text):
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return str(path)


def test_reference_data_is_idempotent_and_complete(reference):
    counts = (NutsRegion.objects.count(), CpvCode.objects.count(), EformsCode.objects.count())
    call_command("load_reference_data", stdout=io.StringIO(), stderr=io.StringIO())
    assert (NutsRegion.objects.count(), CpvCode.objects.count(), EformsCode.objects.count()) == counts
    assert CpvCode.objects.count() == 9454
    assert NutsRegion.objects.get(code="NO0A1").name == "Rogaland"
    assert NutsRegion.objects.get(code="NO0A1").parent.code == "NO0A"
    scotland = NutsRegion.objects.get(code="TLM5")
    assert scotland.country == "GB" and scotland.parent.code == "TLM"
    assert NutsRegion.objects.get(code="DK03").geometry["type"] in ("Polygon", "MultiPolygon")
    assert EformsCode.objects.filter(list_name="procurement-procedure-type", code="innovation").exists()


def test_bad_file_reports_every_bad_line_and_imports_nothing(reference, tmp_path):
    path = write(tmp_path, (
        "1,Good Wind ApS,GW,PRC,DK,ESBJERG,,,,2\n"
        "2,,NoName,PRC,DK,AARHUS,,,,1\n"
        "3,Bad Country Ltd,BC,PRC,QQ,NOWHERE,,,,1\n"
        "4,Odd Kind BV,OK,XYZ,NL,DELFT,,,,1\n"
        "1,Duplicate ApS,DUP,PRC,DK,ODENSE,,,,minus\n"
    ))
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"4 problems in the input \(nothing was imported\)"):
        call_command("import_organisations", path, "--preset", "h2020", stderr=err, stdout=io.StringIO())
    lines = [line.removeprefix(f"{path}: ") for line in err.getvalue().splitlines()]
    assert lines[0] == "line 3: name: empty"
    assert lines[1] == "line 4: country: unknown country 'QQ'"
    assert lines[2] == "line 5: kind: unknown kind 'XYZ'"
    assert lines[3].startswith("line 6: past_projects: 'minus'") and "repeats line 2" in lines[3]
    assert Organisation.objects.count() == 0
    assert SearchEntry.objects.count() == 0


def test_good_file_imports_places_and_updates(reference, tmp_path):
    path = write(tmp_path, "10,Havvind ApS,HV,PRC,DK,ESBJERG,Havnen 1,6700,www.example.dk,3\n"
                           "11,Aberdeen Subsea Ltd,,PRC,UK,ABERDEEN,,,,0\n")
    call_command("import_organisations", path, "--preset", "h2020", stdout=io.StringIO())
    havvind = Organisation.objects.get(external_id="10")
    assert (havvind.kind, havvind.country, havvind.nuts_region.code, havvind.past_projects) == ("sme", "DK", "DK032", 3)
    assert havvind.website == "https://www.example.dk"
    assert Organisation.objects.get(external_id="11").nuts_region.code == "TLM5"
    path = write(tmp_path, "10,Havvind Service ApS,HV,PRC,DK,ESBJERG,,,,4\n")
    call_command("import_organisations", path, "--preset", "h2020", stdout=io.StringIO())
    havvind.refresh_from_db()
    assert (havvind.name, havvind.past_projects, Organisation.objects.count()) == ("Havvind Service ApS", 4, 2)


def test_custom_mapping_and_missing_column(reference, tmp_path):
    path = tmp_path / "custom.csv"
    path.write_text("legal;cc;town\nFjordkraft Test AS;NO;Bergen\n", encoding="utf-8")
    call_command("import_organisations", str(path), "--mapping", "name=legal,country=cc,city=town",
                 "--delimiter", ";", stdout=io.StringIO())
    assert Organisation.objects.get(name="Fjordkraft Test AS").nuts_region.code == "NO0A2"
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), "--mapping", "name=legal,country=nation",
                     "--delimiter", ";", stdout=io.StringIO(), stderr=io.StringIO())


def test_real_h2020_file_imports_completely(reference):
    source = settings.SHARED_DATA_DIR / "h2020" / "organisations_2017.csv"
    call_command("import_organisations", str(source), "--preset", "h2020", stdout=io.StringIO())
    assert Organisation.objects.count() == 16592
    assert SearchEntry.objects.count() == 16592


def test_bad_cpv_file_changes_nothing(db, tmp_path):
    path = tmp_path / "cpv.json"
    path.write_text('{"03000000-1": "Agricultural products", "bad": "x"}', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_cpv", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert CpvCode.objects.count() == 0


def test_mojibake_in_source_files_is_repaired(reference, tmp_path):
    path = write(tmp_path, "20,Bundesanstalt f√ºr Landwirtschaft,BLE,PUB,DE,M√ºnster,,,,1\n")
    call_command("import_organisations", path, "--preset", "h2020", stdout=io.StringIO())
    organisation = Organisation.objects.get(external_id="20")
    assert (organisation.name, organisation.city) == ("Bundesanstalt für Landwirtschaft", "Münster")
