import pytest


@pytest.fixture
def people(world, make_user):
    """Owner officer (world.users['member']), an SME editor (outsider), a partner SME and two jurors."""
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    partner_org = OrganisationFactory(kind="sme", country="NO", name="Fjord Heat AS", slug="fjord-heat")
    partner_user = make_user("partner@example.org")
    Membership.objects.create(user=partner_user, organisation=partner_org, role="admin")
    juror_a = make_user("juror.a@example.org")
    juror_b = make_user("juror.b@example.org")
    return {
        "owner": world.users["member"], "owner_org": world.organisation,
        "sme": world.users["outsider"], "sme_org": world.other_organisation,
        "partner": partner_user, "partner_org": partner_org, "juror_a": juror_a, "juror_b": juror_b,
    }
