"""Hostile paging, sorting and filter values on every list page and list endpoint: never a server error."""

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from northern_connections.core.paging import page_size
from northern_connections.core.views import ObjectListView

HOSTILE_NUMBERS = ["-5", "0", "100000", "abc", "²", "٣", "25.5", "1e3", "9" * 5000, "", " 50 "]
HOSTILE_SORTS = ["unknown", "-__class__", "name,unknown", "--name", ",", "pk"]
HOSTILE_VALUES = ["not-a-value-¿", "-1", "99999999999999999999", "[]", "1.5"]
# Pages that show a table but are no ObjectListView.
EXTRA_LIST_PAGES = ["challenges:application_list"]


def _named_patterns(resolver=None, prefix=""):
    """(URL name with namespaces, pattern) for every named pattern of the project."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _named_patterns(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, pattern


def list_pages() -> dict[str, type | None]:
    pages = {}
    for name, pattern in _named_patterns():
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class and issubclass(view_class, ObjectListView):
            pages[name] = view_class
    return pages | dict.fromkeys(EXTRA_LIST_PAGES)


def api_list_endpoints() -> list[str]:
    return sorted({name for name, _ in _named_patterns() if name.startswith("api:v1:") and name.endswith("-list")})


class TestPageSizeRule:
    @override_settings(PAGE_SIZES=[25, 50, 100])
    @pytest.mark.parametrize(("requested", "expected"), [
        ("25", 25), ("50", 50), ("100", 100), (" 100 ", 100),
        ("100000", 100), ("101", 100), ("99", 50), ("26", 25),
        ("24", 25), ("0", 25), ("-5", 25),
        ("abc", 50), ("", 50), (None, 50), ("²", 50), ("9" * 5000, 50), ("25.5", 50),
    ])
    def test_clamps_to_the_allowed_sizes(self, requested, expected):
        assert page_size(requested, default=50) == expected

    @override_settings(PAGE_SIZES=[25, 50, 100])
    def test_a_default_outside_the_sizes_is_clamped_too(self):
        assert page_size(None, default=1000) == 100
        assert page_size(None, default=5) == 25


@pytest.fixture
def many_organisations(db):
    from northern_connections.directory.tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(105)


@pytest.mark.django_db
def test_per_page_is_clamped_on_the_list_page(many_organisations, client):
    url = reverse("directory:organisation_list")
    assert client.get(url, {"per_page": "-5"}).context["table"].paginator.per_page == 25
    response = client.get(url, {"per_page": "100000"})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == max(_sizes())


@pytest.mark.django_db
def test_page_size_is_clamped_in_the_api_by_the_same_rule(many_organisations, client):
    url = reverse("api:v1:organisation-list")
    assert len(client.get(url, {"page_size": "100000"}).json()["results"]) == max(_sizes())
    assert len(client.get(url, {"page_size": "-5"}).json()["results"]) == min(_sizes())
    assert len(client.get(url, {"page_size": "abc"}).json()["results"]) == 50


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_page(many_organisations, client):
    response = client.get(reverse("directory:organisation_list"), {"page": "999999", "per_page": "100"})
    assert response.context["table"].page.number == 2


def _sizes():
    from django.conf import settings

    return settings.PAGE_SIZES


def _hostile_queries(view_class) -> list[dict]:
    queries = [{"per_page": value} for value in HOSTILE_NUMBERS]
    queries += [{"page": value} for value in HOSTILE_NUMBERS]
    queries += [{"sort": value} for value in HOSTILE_SORTS]
    filterset_class = getattr(view_class, "filterset_class", None)
    for name in (filterset_class.base_filters if filterset_class else ()):
        queries += [{name: value} for value in HOSTILE_VALUES]
    return queries


@pytest.fixture
def people(db, make_user):
    """Anonymous, a member of an SME and of a municipality, and a platform admin: lists differ for each."""
    from northern_connections.accounts.models import Membership
    from northern_connections.challenges.tests.factories import ChallengeFactory
    from northern_connections.directory.tests.factories import OrganisationFactory

    member = make_user("member@example.org")
    for kind in ("sme", "municipality"):
        Membership.objects.create(user=member, organisation=OrganisationFactory(kind=kind), role="admin")
    ChallengeFactory()
    return [None, member, make_user("admin@example.org", superuser=True)]


@pytest.mark.parametrize("who", [0, 1, 2], ids=["anonymous", "member", "admin"])
@pytest.mark.parametrize("name", sorted(list_pages()))
def test_list_pages_never_fail_on_hostile_query_values(people, client, name, who):
    if people[who]:
        client.force_login(people[who])
    for query in _hostile_queries(list_pages()[name]):
        response = client.get(reverse(name), query)
        assert response.status_code in (200, 302), (people[who], query, response.status_code)


API_FILTERS = ("challenge", "application", "status", "event", "role", "level", "country", "kind", "q", "trl_min",
               "region", "value_chain", "deadline_after")


@pytest.mark.parametrize("who", [0, 1], ids=["anonymous", "member"])
@pytest.mark.parametrize("name", api_list_endpoints())
def test_api_lists_never_fail_on_hostile_query_values(people, client, name, who):
    queries = [{"page_size": value} for value in HOSTILE_NUMBERS]
    queries += [{"page": value} for value in HOSTILE_NUMBERS]
    queries += [{"ordering": value} for value in HOSTILE_SORTS]
    queries += [{name: value} for name in API_FILTERS for value in HOSTILE_VALUES]
    if people[who]:
        client.force_login(people[who])
    for query in queries:
        response = client.get(reverse(name), query)
        assert response.status_code in (200, 400, 401, 403, 404), (people[who], query, response.status_code)
