"""API rate limits: anonymous per address, per user, and per scope for matching; 429 with Retry-After."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse


def rates(**overrides) -> dict:
    """The suite's generous rates with some lowered, for one test."""
    return {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **overrides}}


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_the_throttles_are_on_for_every_endpoint():
    from rest_framework.views import APIView

    from northern_connections.directory.api.views import OrganisationViewSet

    names = [cls.__name__ for cls in OrganisationViewSet.throttle_classes]
    assert names == ["AnonThrottle", "UserThrottle", "ScopeThrottle"]
    assert APIView.throttle_classes == OrganisationViewSet.throttle_classes


def test_production_rates_come_from_the_environment():
    import subprocess
    import sys

    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev'; django.setup();"
            "from django.conf import settings; print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'])")
    env = {"PATH": "/usr/bin:/bin", "NC_API_RATE_ANON": "7/hour", "NC_API_RATE_MATCHING": "3/min"}
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True,
                            text=True, check=True)
    assert "'anon': '7/hour'" in result.stdout and "'matching': '3/min'" in result.stdout
    assert "'user': '600/min'" in result.stdout and "'scheduling': '10/min'" in result.stdout


@pytest.mark.django_db
def test_anonymous_clients_get_429_with_retry_after(client):
    url = reverse("api:v1:organisation-list")
    with override_settings(REST_FRAMEWORK=rates(anon="3/min")):
        statuses = [client.get(url).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = client.get(url)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"]
    # Another address has its own allowance.
    with override_settings(REST_FRAMEWORK=rates(anon="3/min")):
        assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.django_db
def test_users_are_counted_per_user_not_per_address(client, make_user):
    from northern_connections.accounts.services import api_token_create

    url = reverse("api:v1:organisation-list")
    first, second = make_user("first@example.org"), make_user("second@example.org")
    with override_settings(REST_FRAMEWORK=rates(anon="1000/min", user="2/min")):
        headers = {"HTTP_AUTHORIZATION": f"Token {api_token_create(actor=first)}"}
        assert [client.get(url, **headers).status_code for _ in range(3)] == [200, 200, 429]
        other = {"HTTP_AUTHORIZATION": f"Token {api_token_create(actor=second)}"}
        assert client.get(url, **other).status_code == 200  # same address, another user


@pytest.mark.django_db
def test_matching_has_its_own_lower_rate(client, make_user):
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    user = make_user("sme@example.org")
    organisation = OrganisationFactory(kind="sme")
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    client.force_login(user)
    matching = reverse("api:v1:matchmaking-challenges-for-organisation", args=[organisation.slug])
    listing = reverse("api:v1:organisation-list")
    with override_settings(REST_FRAMEWORK=rates(matching="2/min", user="1000/min")):
        assert [client.get(matching).status_code for _ in range(3)] == [200, 200, 429]
        assert client.get(listing).status_code == 200  # the scope limits matching only
