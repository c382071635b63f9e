"""Every view and endpoint, for anonymous, member, outsider and admin (see core/testing.py).

The matrix has its own world (every app's permission objects), built once per module inside a
transaction that is never committed; each case runs inside a savepoint that is rolled back, so every
case starts from the same rows and the ~840 cases do not rebuild them ~840 times. The users are
logged in once, while the world is built; a case only presents its user's session cookie.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

from northern_connections.core.testing import (
    EXEMPT_URL_PREFIXES,
    ROLES,
    all_cases,
    all_private,
    api_ids,
    build_world,
    changed_tables,
    fingerprint,
    is_refusal,
    private_rows_shown,
    reset_between_cases,
    response_text,
    rolled_back,
    write_count,
)

CASES = all_cases()
PRIVATE = all_private()
UNTRUSTED = ("anonymous", "outsider")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The permission world, shared by the module's cases (see the module docstring)."""
    with django_db_blocker.unblock(), rolled_back():
        world = build_world()
        world.sessions = {}
        for role, user in world.users.items():
            if user is not None:
                login = Client()
                login.force_login(user)
                world.sessions[role] = login.cookies[settings.SESSION_COOKIE_NAME].value
        world.fingerprint = fingerprint()
        yield world


@pytest.fixture
def db(world, django_db_blocker):
    """pytest-django's `db`, overridden for this module: a savepoint inside the world's transaction, rolled
    back after the case (the name also tells pytest-django that the module needs the test database)."""
    with django_db_blocker.unblock(), rolled_back():
        reset_between_cases()
        yield
    reset_between_cases()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission(case, role, world, db, client):
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    path = case.path(world)
    data = case.data(world) if case.data else None
    writes_before = write_count()
    if case.json:
        response = getattr(client, case.method)(path, data=data, content_type="application/json")
    else:
        response = getattr(client, case.method)(path, data=data)
    expected = case.expect[role]
    expected = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in expected, f"{case.id} as {role}: {response.status_code}, expected {expected}"
    if case.method != "get" and is_refusal(response):
        assert_nothing_changed(world, writes_before, f"{case.id} as {role} was refused ({response.status_code})")
    if case.method == "get" and role in UNTRUSTED and response.status_code == 200:
        shown = private_rows_shown(case, world, response_text(response))
        assert not shown, f"{case.id} shows {role} private rows: {shown}"


def assert_nothing_changed(world, writes_before, refused):
    """A refused write leaves every project table as the world left it (rows written and rolled back
    inside the request are fine). The cheap counter decides whether the fingerprint is needed."""
    if writes_before is not None and write_count() == writes_before:
        return
    changed = changed_tables(world.fingerprint)
    assert not changed, f"{refused} but changed {changed}"


@pytest.mark.parametrize("private", PRIVATE, ids=[p.label for p in PRIVATE])
def test_private_rows_are_recognised_where_their_organisation_sees_them(private, world, db, client):
    """Otherwise a marker that is never shown would make the check above pass whatever leaks."""
    if callable(private.viewer):
        client.force_login(private.viewer(world))
    else:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[private.viewer]
    response = client.get(private.seen_at(world))
    assert response.status_code == 200
    text = response_text(response)
    missing = [marker for marker in private.markers(world) if marker not in text]
    assert not missing, f"{private.label}: {missing} not found at {private.seen_at(world)}"
    if private.api_list and response["Content-Type"].startswith("application/json"):
        assert str(private.pk(world)) in api_ids(text), f"{private.label}: not listed at {private.seen_at(world)}"


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
