"""Scotland on the map (issue 10, item 6): NUTS 2016 boundaries imported as the ITL 2021 regions, then drawn."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from northern_connections.directory.imports import itl_code
from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory

SCOTLAND = ["TLM5", "TLM6", "TLM7", "TLM8", "TLM9"]


def test_uk_nuts_codes_become_itl_codes():
    assert [itl_code(c) for c in ("UKM", "UKM5", "UKM50", "DK01", "NO0A")] == ["TLM", "TLM5", "TLM50", "DK01", "NO0A"]


@pytest.fixture
def reference(db):
    call_command("load_reference_data", stdout=io.StringIO(), stderr=io.StringIO())


def test_scottish_regions_get_boundaries_and_label_points(reference):
    regions = {r.code: r for r in NutsRegion.objects.filter(code__in=["TLM", *SCOTLAND])}
    assert set(regions) == {"TLM", *SCOTLAND}
    assert all(r.geometry and r.geometry["type"] in ("Polygon", "MultiPolygon") for r in regions.values())
    assert all(regions[code].label_point for code in SCOTLAND)
    assert regions["TLM5"].name == "North Eastern Scotland" and regions["TLM5"].country == "GB"
    assert not NutsRegion.objects.filter(code__startswith="UK").exists()  # no NUTS-coded duplicates


def test_import_nuts_geometry_alone_draws_scotland(db):
    call_command("load_reference_data", "--facts-only", stdout=io.StringIO())
    call_command("import_nuts_geometry", stdout=io.StringIO())
    assert NutsRegion.objects.filter(code__in=SCOTLAND, geometry__isnull=False).count() == 5


def test_map_draws_the_scottish_regions_with_their_partners(reference, client):
    aberdeen = NutsRegion.objects.get(code="TLM50")  # a NUTS 3 region counts for its NUTS 2 parent
    OrganisationFactory(name="Aberdeen City Council", kind="municipality", country="GB", city="Aberdeen",
                        nuts_region=aberdeen)
    response = client.get(reverse("directory:organisation_map"))
    assert response.status_code == 200
    drawn = {r.code: r for r in response.context["regions"]}
    assert set(SCOTLAND) <= set(drawn)
    assert all(drawn[code].path.startswith("M") for code in SCOTLAND)
    assert drawn["TLM5"].count == 1 and drawn["TLM5"].shade > 0 and drawn["TLM6"].count == 0
    html = response.content.decode()
    assert 'aria-label="North Eastern Scotland: 1"' in html and 'aria-label="Southern Scotland: 0"' in html
    assert "<title>North Eastern Scotland (TLM5): 1</title>" in html
