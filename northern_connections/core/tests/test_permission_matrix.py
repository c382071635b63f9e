"""Every view and endpoint, for anonymous, member, outsider and admin (see core/testing.py)."""

import pytest
from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

from northern_connections.core.testing import EXEMPT_URL_PREFIXES, ROLES, all_cases

CASES = all_cases()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission(case, role, world, client):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    path = case.path(world)
    data = case.data(world) if case.data else None
    if case.json:
        response = getattr(client, case.method)(path, data=data, content_type="application/json")
    else:
        response = getattr(client, case.method)(path, data=data)
    expected = case.expect[role]
    expected = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in expected, f"{case.id} as {role}: {response.status_code}, expected {expected}"


def _url_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_url_has_a_permission_case():
    covered = {case.url_name for case in CASES}
    names = {name for name in _url_names(get_resolver()) if not name.startswith(EXEMPT_URL_PREFIXES)}
    missing = sorted(names - covered)
    assert not missing, f"views or endpoints without a permission case: {missing}"
