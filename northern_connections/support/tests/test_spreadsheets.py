"""The Excel template, its import (all or nothing, line-numbered problems) and the export."""

import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from northern_connections.support import services, spreadsheets
from northern_connections.support.models import SupportMeasure

from .factories import SupportMeasureFactory

GOOD = {"provider": "region-syddanmark", "name": "Blue voucher", "summary_en": "Vouchers.", "kind": "voucher",
        "scope": "regional", "areas": "DK03, DK032", "eligibility": "any", "value_chains": "offshore-wind",
        "value_chain_steps": "operation-maintenance", "trl_min": 6, "trl_max": "", "target_groups": "sme, startup",
        "budget_eur": 250000, "aid_intensity": 50, "funding_source": "erdf", "continuous": "yes", "deadline": None,
        "website": "https://example.org/voucher"}


def workbook(*rows, headers=spreadsheets.HEADERS, sheet=spreadsheets.SHEET) -> bytes:
    book = Workbook()
    book.active.title = sheet
    book.active.append(headers)
    for row in rows:
        book.active.append([row.get(name) for name in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        spreadsheets.parse_measures(data)
    return error.value.messages


def test_the_template_documents_every_column(vocabulary):
    book = load_workbook(io.BytesIO(spreadsheets.template_workbook()))
    assert [c.value for c in book[spreadsheets.SHEET][1]] == spreadsheets.HEADERS
    documented = {row[0] for row in book[spreadsheets.README_SHEET].iter_rows(min_row=2, values_only=True)}
    assert set(spreadsheets.HEADERS) <= documented
    kinds = next(row for row in book[spreadsheets.README_SHEET].iter_rows(values_only=True) if row[0] == "kind")
    assert "test_facility" in kinds[3]


def test_a_good_sheet_is_imported(map_people):
    rows = spreadsheets.parse_measures(workbook(GOOD, {**GOOD, "name": "Second voucher"}))
    assert services.measures_import(actor=map_people.users["provider"], rows=rows) == {"created": 2, "updated": 0}
    measure = SupportMeasure.objects.get(name="Blue voucher")
    assert measure.is_draft and measure.trl_max is None and measure.target_groups == ["sme", "startup"]
    assert sorted(measure.areas.values_list("code", flat=True)) == ["DK03", "DK032"]


def test_every_bad_row_is_reported_with_its_line(map_people):
    bad = [GOOD, {**GOOD, "kind": "lottery", "trl_min": 11}, {**GOOD, "areas": "XX99", "continuous": "maybe"},
           {**GOOD, "provider": "nobody", "deadline": "31/12/2026"}, {**GOOD, "name": "", "trl_max": "٣"}]
    found = problems(workbook(*bad))
    assert [p.split(":")[0] for p in found] == ["line 3", "line 3", "line 4", "line 4", "line 5", "line 5",
                                                "line 6", "line 6"]
    assert "line 3: kind: must be one of" in found[0] and "line 3: trl_min: must be between 1 and 9" in found[1]
    assert "line 4: areas: unknown NUTS codes: 'XX99'" in found[2]
    assert found[4].startswith("line 5: provider: no organisation has the slug 'nobody'")
    assert "digits 0-9" in found[7]


def test_a_refusal_by_the_services_rolls_back_every_row(map_people):
    rows = spreadsheets.parse_measures(workbook(GOOD, {**GOOD, "scope": "national"}, {**GOOD, "trl_min": 8,
                                                                                      "trl_max": 6}))
    with pytest.raises(ValidationError) as error:
        services.measures_import(actor=map_people.users["provider"], rows=rows)
    assert [m.split(":")[0] for m in error.value.messages] == ["line 3", "line 4"]
    assert "areas" in error.value.messages[0] and "trl_max" in error.value.messages[1]
    assert not SupportMeasure.objects.exists()


def test_rows_for_a_provider_the_actor_does_not_edit_are_refused(map_people):
    rows = spreadsheets.parse_measures(workbook(GOOD))
    with pytest.raises(ValidationError, match="line 2: you may not add measures"):
        services.measures_import(actor=map_people.outsider, rows=rows)
    assert not SupportMeasure.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    (b"not a workbook", "not an Excel workbook"),
    (workbook(GOOD, sheet="Sheet1"), "no sheet named"),
    (workbook(headers=["name", "kind"]), "line 1: missing columns"),
    (workbook(), "has no measures"),
])
def test_unusable_files_are_one_clear_problem(vocabulary, data, message):
    assert message in problems(data)[0]


def test_an_export_imports_again_as_updates(map_people):
    measure = SupportMeasureFactory(provider=map_people.region, areas=["DK03"], trl_max=None)
    exported = spreadsheets.measures_workbook([measure])
    sheet = load_workbook(io.BytesIO(exported))[spreadsheets.SHEET]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["status", "last_verified"]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["slug"] == measure.slug and row["trl_max"] is None and row["continuous"] == "yes"
    row["name"] = "Renamed by spreadsheet"
    rows = spreadsheets.parse_measures(workbook(row))
    assert services.measures_import(actor=map_people.users["provider"], rows=rows) == {"created": 0, "updated": 1}
    measure.refresh_from_db()
    assert measure.name == "Renamed by spreadsheet"


def test_updating_someone_elses_measure_is_refused(map_people):
    measure = SupportMeasureFactory(provider=map_people.region)
    rows = spreadsheets.parse_measures(workbook({**GOOD, "slug": measure.slug, "name": "Hijacked"}))
    with pytest.raises(ValidationError, match="line 2"):
        services.measures_import(actor=map_people.outsider, rows=rows)
    measure.refresh_from_db()
    assert measure.name != "Hijacked"


# Text a worksheet can hold (openpyxl refuses control characters in cells).
CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
CELL = st.one_of(st.none(), CELL_TEXT, st.integers(-10**16, 10**16), st.floats(allow_nan=False),
                 st.booleans(), st.dates())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_any_bytes_are_refused_in_one_message(vocabulary, data):
    with pytest.raises(ValidationError) as error:
        spreadsheets.parse_measures(data)
    assert len(error.value.messages) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # shrinking a workbook takes minutes
@given(rows=st.lists(st.fixed_dictionaries({name: CELL for name in spreadsheets.HEADERS}), min_size=1, max_size=4))
def test_any_cells_are_parsed_or_refused_line_by_line(map_people, rows):
    try:
        parsed = spreadsheets.parse_measures(workbook(*rows))
    except ValidationError as error:
        assert all(message.startswith(("line ", "The sheet")) for message in error.messages)
    else:
        assert all(row["fields"]["areas"] for row in parsed)
