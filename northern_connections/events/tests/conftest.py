import pytest


@pytest.fixture
def fair(people, make_user):
    """A published brokerage day organised by people.organisation (its admin: "member"), one meeting
    block, and three accepted SMEs from three countries: people.other_organisation (DK, "outsider"),
    a Norwegian and a German one, each represented by its own administrator."""
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    from .factories import EventFactory, ParticipantFactory, make_block

    event = EventFactory(organisers=[people.organisation], slug="fair")
    block = make_block(event)
    users = {"organiser": people.member, "dk": people.outsider}
    orgs = {"dk": people.other_organisation}
    for key, country in (("no", "NO"), ("de", "DE")):
        orgs[key] = OrganisationFactory(kind="sme", country=country, slug=f"sme-{key}")
        users[key] = make_user(f"{key}@example.org")
        Membership.objects.create(user=users[key], organisation=orgs[key], role="admin")
    participants = {key: ParticipantFactory(event=event, organisation=orgs[key], user=users[key])
                    for key in ("dk", "no", "de")}
    return {"event": event, "block": block, "people": users, "orgs": orgs, "p": participants}
