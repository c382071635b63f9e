"""Directory search in order of relevance, the same on SQLite and PostgreSQL (issue 10, item 7)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from northern_connections.core import search
from northern_connections.directory.tests.factories import OrganisationFactory

# (name, description): the expected order for "wind turbine" is the order of this list.
PROFILES = [
    ("Wind Turbine Service", "Wind turbine service: wind turbine blades, wind turbine towers."),
    ("Turbine Blade Repair", "Wind turbine blade repair."),
    ("Aalborg Engineering", "Engineering for wind turbine foundations, bridges, harbours, roads, tunnels, "
                            "railways, hospitals, schools, water works, district heating and offices."),
    ("Aarhus Consulting", "Consultancy for construction, retail, logistics, agriculture, tourism, shipping, "
                          "healthcare, education, banking, insurance and public administration; one wind "
                          "farm owner asked us about a turbine once."),
]


@pytest.fixture
def directory(db):
    organisations = [OrganisationFactory(name=name, description=text, city="Esbjerg") for name, text in PROFILES]
    OrganisationFactory(name="Solar Panels ApS", description="Solar panels on roofs.")  # no match
    search.bulk_index((o, o.search_text(), "en") for o in organisations + [OrganisationFactory(name="Other")])
    return organisations


def names(response):
    return [row.record.name for row in response.context["table"].page.object_list]


def test_list_page_is_in_order_of_relevance_not_of_name(directory, client):
    response = client.get(reverse("directory:organisation_list") + "?q=wind+turbine")
    assert names(response) == [name for name, _ in PROFILES]
    assert names(client.get(reverse("directory:organisation_list") + "?q=wind+turbine&sort=name")) == sorted(
        name for name, _ in PROFILES
    )  # sorting by a column still wins


def test_api_is_in_order_of_relevance(directory, client):
    response = client.get(reverse("api:v1:organisation-list") + "?q=wind%20turbine")
    assert [r["name"] for r in response.json()["results"]] == [name for name, _ in PROFILES]


def test_matches_beyond_the_ranked_ones_follow_by_name(directory, client, monkeypatch):
    monkeypatch.setattr(search, "RANKED_LIMIT", 2)
    response = client.get(reverse("directory:organisation_list") + "?q=wind+turbine")
    assert names(response) == [PROFILES[0][0], PROFILES[1][0], "Aalborg Engineering", "Aarhus Consulting"]
    assert response.context["table"].paginator.count == 4


def test_ranking_is_restricted_to_the_filtered_rows(directory):
    from northern_connections.directory.models import Organisation

    last_two = Organisation.objects.filter(name__in=[PROFILES[2][0], PROFILES[3][0]])
    ids = search.ranked_ids(search.search_filter(last_two, "wind turbine"), "wind turbine")
    assert ids == [directory[2].pk, directory[3].pk]
    assert search.ranked_ids(last_two, "the") == []  # stop words only: searched as they are
    assert search.ranked_ids(last_two, "  ") is None


def test_ranking_costs_one_query_whatever_the_page_size(directory, client):
    counts = []
    for size in (25, 100):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("directory:organisation_list") + f"?q=wind+turbine&per_page={size}")
        counts.append(len(queries))
    assert counts[0] == counts[1]
    ranked = [q["sql"] for q in queries.captured_queries if "bm25(" in q["sql"] or "ts_rank(" in q["sql"]]
    assert len(ranked) == 1
    # every match was ranked, so the count and the rows are read by id: the index is searched once
    searching = [q["sql"] for q in queries.captured_queries if " MATCH " in q["sql"] or " @@ " in q["sql"]]
    assert searching == ranked
