import pytest


@pytest.fixture
def vocabulary(db):
    from .factories import vocabulary

    return vocabulary()


@pytest.fixture
def knowledge_people(people, vocabulary):
    """The root `people`: "member" administers a verified Swedish municipality (a buyer) that is also the lead
    partner of a partnership, so "member" reviews and moderates too; "outsider" administers a Danish SME.
    Added: "sme" (editor of a Danish SME in a cluster) and "manager" (editor of that cluster)."""
    from northern_connections.accounts.models import Membership
    from northern_connections.core.testing import create_user
    from northern_connections.directory.models import ClusterMembership
    from northern_connections.directory.tests.factories import OrganisationFactory, PartnerFactory

    PartnerFactory(organisation=people.organisation, role="lead")
    cluster = OrganisationFactory(kind="cluster", country="DK", name="Energy Cluster Denmark", slug="ecd")
    sme = OrganisationFactory(kind="sme", country="DK", name="Fjordvarme ApS", slug="fjordvarme",
                              staff_headcount=20)
    ClusterMembership.objects.create(cluster=cluster, member=sme)
    people.users["sme"] = create_user("sme@example.org")
    people.users["manager"] = create_user("manager@example.org")
    Membership.objects.create(user=people.users["sme"], organisation=sme, role="editor")
    Membership.objects.create(user=people.users["manager"], organisation=cluster, role="editor")
    people.cluster, people.sme = cluster, sme
    return people
