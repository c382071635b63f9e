import pytest


@pytest.fixture
def vocabulary(db):
    from .factories import vocabulary

    return vocabulary()


@pytest.fixture
def map_people(people, vocabulary):
    """The root `people` on the support map: "member" edits a verified Swedish municipality (a provider
    kind) that is also the lead partner of a partnership, so "member" is a coordinator too; "outsider"
    edits a Danish SME; a second provider ("provider") edits a Danish regional authority."""
    from northern_connections.accounts.models import Membership
    from northern_connections.core.testing import create_user
    from northern_connections.directory.tests.factories import OrganisationFactory, PartnerFactory

    PartnerFactory(organisation=people.organisation, role="lead")
    region = OrganisationFactory(kind="regional_authority", country="DK", name="Region Syddanmark",
                                 slug="region-syddanmark")
    provider = create_user("provider@example.org")
    Membership.objects.create(user=provider, organisation=region, role="editor")
    people.users["provider"] = provider
    people.region = region
    return people
