"""Directory pages: filters, search, map, and a constant number of queries at any page size."""

import csv
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from northern_connections.directory.models import Organisation


def h2020_sample(path, every=4):
    """Every fourth real H2020 organisation (4,158: the file's mix of countries and kinds) and the
    University of Aberdeen: the unfiltered and country-filtered pages still fill 100 rows, at a
    quarter of the import time (the whole file's import is test_imports.py's)."""
    source = settings.SHARED_DATA_DIR / "h2020" / "organisations_2017.csv"
    with open(source, newline="", encoding="utf-8") as infile, open(path, "w", newline="", encoding="utf-8") as out:
        rows, writer = csv.reader(infile), csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(next(rows))
        writer.writerows(row for n, row in enumerate(rows) if n % every == 0 or "ABERDEEN" in "".join(row))
    return path


@pytest.fixture(scope="module")
def h2020(django_db_setup, django_db_blocker, tmp_path_factory):
    """A quarter of the real H2020 organisations, loaded once for this module and flushed afterwards."""
    sample = h2020_sample(tmp_path_factory.mktemp("h2020") / "organisations.csv")
    with django_db_blocker.unblock():
        call_command("load_reference_data", stdout=io.StringIO(), stderr=io.StringIO())
        call_command("import_organisations", str(sample), "--preset", "h2020", stdout=io.StringIO())
        municipality = Organisation.objects.filter(country="DK").first()
        Organisation.objects.filter(pk=municipality.pk).update(kind="municipality")
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


LIST_URLS = [
    "",
    "?q=wind",
    "?country=DK&country=NO",
    "?kind=sme&value_chain=offshore-wind&step=research-design",
    "?region=DK0&trl_min=5&trl_max=9",
    "?nace=35&q=energy",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", LIST_URLS)
def test_list_query_count_does_not_grow_with_page_size(h2020, client, query):
    base = reverse("directory:organisation_list") + (query or "?")
    small, _ = queries(client, base + "&per_page=25")
    large, response = queries(client, base + "&per_page=100")
    assert small == large, f"{query}: {small} queries at 25 rows, {large} at 100"
    api_small, _ = queries(client, reverse("api:v1:organisation-list") + (query or "?") + "&page_size=10")
    api_large, _ = queries(client, reverse("api:v1:organisation-list") + (query or "?") + "&page_size=200")
    assert api_small == api_large


@pytest.mark.django_db
def test_filters_narrow_the_list(h2020, client):
    response = client.get(reverse("api:v1:organisation-list") + "?country=NO&kind=sme&page_size=500")
    results = response.json()["results"]
    assert results and all(r["country"] == "NO" and r["kind"] == "sme" for r in results)
    response = client.get(reverse("api:v1:organisation-list") + "?region=NO0A&page_size=500")
    assert all(r["nuts_region"].startswith("NO0A") for r in response.json()["results"])
    response = client.get(reverse("api:v1:organisation-list") + "?q=university%20aberdeen")
    names = [r["name"] for r in response.json()["results"]]
    assert "THE UNIVERSITY COURT OF THE UNIVERSITY OF ABERDEEN" in names


@pytest.mark.django_db
def test_map_counts_regions_and_links_to_filtered_list(h2020, client):
    response = client.get(reverse("directory:organisation_map") + "?country=DK")
    html = response.content.decode()
    assert "<svg" in html and 'href="/directory/organisations/?region=DK03&amp;country=DK"' in html
    counts = {r.code: r.count for r in response.context["regions"]}
    assert counts["DK01"] > counts["DK02"] > 0 and counts.get("NO08", 0) == 0


@pytest.mark.django_db
def test_invalid_filter_shows_error_not_everything(client):
    response = client.get(reverse("directory:organisation_list") + "?trl_min=12")
    assert response.status_code == 200
    assert response.context["table"].paginator.count == 0


@pytest.mark.django_db
def test_admin_pages_open_for_platform_administrators(client, make_user):
    client.force_login(make_user("root@example.org", superuser=True))
    for url in ["/admin/directory/organisation/", "/admin/directory/nutsregion/", "/admin/accounts/user/",
                "/admin/directory/organisation/add/", "/admin/accounts/membership/"]:
        assert client.get(url).status_code == 200, url
