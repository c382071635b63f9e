import pytest


@pytest.fixture
def people(people, make_user):
    """The root `people` as the board's cast: the owner officer ("member" of the municipality), an SME
    editor ("outsider" of the Danish SME), the platform admin, a partner SME and two jurors."""
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    partner_org = OrganisationFactory(kind="sme", country="NO", name="Fjord Heat AS", slug="fjord-heat")
    partner_user = make_user("partner@example.org")
    Membership.objects.create(user=partner_user, organisation=partner_org, role="admin")
    juror_a = make_user("juror.a@example.org")
    juror_b = make_user("juror.b@example.org")
    return {
        "owner": people.member, "owner_org": people.organisation, "admin": people.admin,
        "sme": people.outsider, "sme_org": people.other_organisation,
        "partner": partner_user, "partner_org": partner_org, "juror_a": juror_a, "juror_b": juror_b,
    }
