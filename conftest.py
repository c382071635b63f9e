"""Fixtures shared by every app's tests (imports inside fixtures: plain-Python tests also run without Django).

Ordinary tests start from `people` (two organisations and their administrators) and build the objects
they use themselves. The permission matrix has its own world with every app's objects
(`core/tests/test_permission_matrix.py`); no other test should depend on those.
"""

import pytest


@pytest.fixture
def make_user(db):
    """`make_user(email, superuser=False, **extra)`: a user with a verified address who can log in."""
    from northern_connections.core.testing import create_user

    return create_user


@pytest.fixture
def people(db):
    """Anonymous, "member" (admin of `organisation`, a Swedish municipality), "outsider" (admin of
    `other_organisation`, a Danish SME) and a platform "admin" (see core.testing.People)."""
    from northern_connections.core.testing import build_people

    return build_people()


@pytest.fixture
def frozen(monkeypatch):
    """Set the platform's clock: `frozen(datetime)` makes `core.clock.now()` return it."""
    from northern_connections.core import clock

    def freeze(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)

    return freeze


@pytest.fixture(autouse=True)
def _reset_language():
    """A view or service that activates a user's language must not leak it into the next test."""
    yield
    try:
        from django.utils import translation

        translation.deactivate()
    except Exception:  # plain-Python test runs have no Django settings; nothing to reset then
        pass
