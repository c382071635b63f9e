import pytest


@pytest.fixture
def vocabulary(db):
    from .factories import vocabulary

    return vocabulary()


@pytest.fixture
def policy_people(people, vocabulary):
    """The root `people` with a board: "member" administers a verified Swedish municipality that is the lead
    partner of a partnership, so "member" is a coordinator (the secretariat); "seat" is the person on a seat of
    the board (a Danish region) and not a coordinator; "chair" chairs it; "outsider" has nothing to do with it."""
    from northern_connections.accounts.models import Membership
    from northern_connections.core.testing import create_user
    from northern_connections.directory.tests.factories import OrganisationFactory, PartnerFactory

    from .factories import BoardFactory, BoardMeetingFactory, BoardMemberFactory

    PartnerFactory(organisation=people.organisation, role="lead")
    region = OrganisationFactory(kind="regional_authority", country="DK", name="Region Syddanmark",
                                 slug="region-syddanmark")
    seat, chair = create_user("seat@example.org"), create_user("chair@example.org")
    Membership.objects.create(user=seat, organisation=region, role="editor")
    people.users.update(seat=seat, chair=chair)
    people.region = region
    people.board = BoardFactory(name="Political Board", slug="political-board")
    BoardMemberFactory(board=people.board, organisation=region, person=seat)
    BoardMemberFactory(board=people.board, organisation=region, person=chair, role="chair")
    people.meeting = BoardMeetingFactory(board=people.board, title="Spring meeting")
    return people
