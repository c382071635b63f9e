"""The support map's pages: coverage heatmap, gaps and complements, map, navigator, import and exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from northern_connections.support import spreadsheets
from northern_connections.support.models import SupportMeasure

from .factories import SupportMeasureFactory


@pytest.fixture
def measures(map_people):
    """DK03 covers O&M at TRL 5-6 and 9: TRL 7-8 are a bottleneck; Norway and Sweden offer the rest."""
    region = map_people.region
    home = SupportMeasureFactory(provider=region, name="Syddansk O&M grant", trl_min=5, trl_max=6)
    SupportMeasureFactory(provider=region, name="Syddansk market finance", trl_min=9, trl_max=None, kind="finance")
    abroad = SupportMeasureFactory(provider=map_people.organisation, name="Vestland test bed", areas=["NO0A"],
                                   eligibility="any", trl_min=6, trl_max=8, kind="test_facility")
    closed = SupportMeasureFactory(provider=map_people.organisation, name="Swedish locals only", areas=["SE23"],
                                   eligibility="local", trl_min=7, trl_max=8)
    return {"home": home, "abroad": abroad, "closed": closed}


def test_the_coverage_page_shows_the_heatmap_its_table_and_the_complements(client, measures):
    response = client.get(reverse("support:coverage"), {"scope": "DK03", "value_chain": "offshore-wind"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in text and "chart-table" in text
    assert "Operation and maintenance: TRL 7, 8" in text  # the bottleneck
    assert 'id="gap-operation-maintenance-7"' in text
    assert "Vestland test bed" in text and "open to SMEs from other countries" in text
    assert "Swedish locals only" not in text  # closed to foreign SMEs: never suggested abroad
    assert "navigator/?value_chain=offshore-wind&amp;step=operation-maintenance&amp;trl=7&amp;region=DK03" in text


def test_the_whole_area_and_a_country_are_scopes_too(client, measures):
    whole = client.get(reverse("support:coverage"), {"value_chain": "offshore-wind"})
    assert whole.status_code == 200 and "For the whole area there is nothing abroad" in whole.content.decode()
    assert client.get(reverse("support:coverage"), {"scope": "DK", "value_chain": "offshore-wind"}).status_code == 200


def test_exports_for_policy_makers(client, measures):
    query = {"scope": "DK03", "value_chain": "offshore-wind"}
    xlsx = client.get(reverse("support:coverage_export"), {**query, "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Matrix", "Gaps and complements", "Bottlenecks"]
    gaps = list(book["Gaps and complements"].iter_rows(values_only=True))
    assert any(row[2] == "Vestland test bed" and row[1] == 7 for row in gaps)
    pdf = client.get(reverse("support:coverage_export"), {**query, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_navigator_shows_measures_at_home_abroad_and_the_pathway(client, measures):
    response = client.get(reverse("support:navigator"), {"value_chain": "offshore-wind",
                                                         "step": "operation-maintenance", "trl": 6,
                                                         "region": "DK03", "kind": "sme"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Syddansk O&amp;M grant" in text and "Vestland test bed" in text
    assert "To TRL 7" in text and "To TRL 9" in text and "Syddansk market finance" in text
    assert "Swedish locals only" not in text


def test_the_navigator_refuses_an_incomplete_form(client, measures):
    assert client.get(reverse("support:navigator"), {"trl": 6}).status_code == 400


def test_the_map_lists_regions_even_without_boundaries(client, measures):
    response = client.get(reverse("support:coverage_map"), {"value_chain": "offshore-wind", "trl": 7})
    assert response.status_code == 200


def test_the_import_page_lists_every_problem_with_its_line(client, map_people):
    book = Workbook()
    book.active.title = spreadsheets.SHEET
    book.active.append(spreadsheets.HEADERS)
    book.active.append(["", "region-syddanmark", "Voucher", "", "", "", "lottery", "regional", "DK03", "any"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "measures.xlsx"
    client.force_login(map_people.users["provider"])
    response = client.post(reverse("support:measure_import"), {"file": out})
    assert response.status_code == 400
    assert "line 2: kind: must be one of" in response.content.decode()
    assert not SupportMeasure.objects.exists()


def test_a_provider_adds_edits_and_publishes_a_measure(client, map_people, vocabulary):
    client.force_login(map_people.users["provider"])
    data = {"provider": map_people.region.pk, "name": "New voucher", "summary_en": "Vouchers.",
            "description_language": "en", "kind": "voucher", "scope": "regional",
            "areas": [vocabulary["regions"]["DK03"].pk], "eligibility": "national", "trl_min": "6",
            "continuous": "on", "target_groups": ["sme"]}
    response = client.post(reverse("support:measure_add"), data)
    measure = SupportMeasure.objects.get(name="New voucher")
    assert response.status_code == 302 and measure.is_draft and measure.trl_max is None
    detail = client.get(measure.get_absolute_url()).content.decode()
    assert "Publish" in detail and "Mark as verified today" not in detail  # providers do not verify
    client.post(reverse("support:measure_transition", args=[measure.slug]), {"to_status": "published"})
    measure.refresh_from_db()
    assert measure.is_counted


def test_a_coordinator_sees_the_verify_button(client, measures, map_people):
    client.force_login(map_people.member)
    detail = client.get(measures["home"].get_absolute_url()).content.decode()
    assert "Mark as verified today" in detail


def test_the_list_filters_by_region_and_trl(client, measures):
    response = client.get(reverse("support:measure_list"), {"region": "DK032", "trl": 9})
    text = response.content.decode()
    assert "Syddansk market finance" in text and "Syddansk O&amp;M grant" not in text and "Vestland" not in text


def _queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("url", "params"), [
    ("support:measure_list", {}),
    ("support:coverage", {"scope": "DK03", "value_chain": "offshore-wind"}),
    ("support:navigator", {"value_chain": "offshore-wind", "step": "operation-maintenance", "trl": 5,
                           "region": "DK03", "kind": "sme"}),
])
def test_pages_run_a_constant_number_of_queries(client, map_people, url, params):
    # Given a few measures, when there are three times as many, then the page runs the same queries.
    for n in range(3):
        SupportMeasureFactory(provider=map_people.region, name=f"Few {n}", trl_min=5, trl_max=9)
    few = _queries(client, reverse(url), params)
    for n in range(6):
        SupportMeasureFactory(provider=map_people.organisation, name=f"More {n}", areas=["NO0A"], eligibility="any",
                              trl_min=5, trl_max=9)
        SupportMeasureFactory(provider=map_people.region, name=f"Home {n}", trl_min=5, trl_max=9)
    assert _queries(client, reverse(url), params) == few


def test_the_navigator_starts_from_the_members_organisation(client, map_people, vocabulary):
    sme = map_people.other_organisation
    sme.nuts_region, sme.trl = vocabulary["regions"]["DK032"], 6
    sme.save()
    sme.value_chains.set([vocabulary["chains"]["offshore-wind"]])
    sme.value_chain_steps.set([vocabulary["steps"]["operation-maintenance"]])
    client.force_login(map_people.outsider)
    text = client.get(reverse("support:navigator")).content.decode()
    assert f"Filled in from the profile of {sme.name}" in text
    assert '<option value="DK03" selected>' in text and '<option value="6" selected>' in text
