"""Fixtures shared by every app's tests (imports inside fixtures: plain-Python tests also run without Django)."""

import pytest


@pytest.fixture
def make_user(db):
    from allauth.account.models import EmailAddress

    from northern_connections.accounts.models import User

    def make(email: str, *, superuser: bool = False, password: str = "correct-horse-battery", **extra):
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email=email, password=password, **extra)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def world(db, make_user):
    """Anonymous, a member (admin) of `organisation`, an outsider with an organisation, a platform admin."""
    from northern_connections.accounts.models import Membership
    from northern_connections.core.testing import World, build_world
    from northern_connections.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(kind="municipality", country="SE")
    other = OrganisationFactory(kind="sme", country="DK")
    member = make_user("member@example.org")
    outsider = make_user("outsider@example.org")
    admin = make_user("admin@example.org", superuser=True)
    Membership.objects.create(user=member, organisation=organisation, role="admin")
    Membership.objects.create(user=outsider, organisation=other, role="admin")
    users = {"anonymous": None, "member": member, "outsider": outsider, "admin": admin}
    return build_world(World(organisation=organisation, other_organisation=other, users=users))


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
