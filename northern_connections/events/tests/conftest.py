import pytest


@pytest.fixture
def fair(world, make_user):
    """A published brokerage day organised by world.organisation (its admin: "member"), one meeting
    block, and three accepted SMEs from three countries: world.other_organisation (DK, "outsider"),
    a Norwegian and a German one, each represented by its own administrator."""
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    from .factories import EventFactory, ParticipantFactory, make_block

    event = EventFactory(organisers=[world.organisation], slug="fair")
    block = make_block(event)
    people = {"organiser": world.users["member"], "dk": world.users["outsider"]}
    orgs = {"dk": world.other_organisation}
    for key, country in (("no", "NO"), ("de", "DE")):
        orgs[key] = OrganisationFactory(kind="sme", country=country, slug=f"sme-{key}")
        people[key] = make_user(f"{key}@example.org")
        Membership.objects.create(user=people[key], organisation=orgs[key], role="admin")
    participants = {key: ParticipantFactory(event=event, organisation=orgs[key], user=people[key])
                    for key in ("dk", "no", "de")}
    return {"event": event, "block": block, "people": people, "orgs": orgs, "p": participants}
