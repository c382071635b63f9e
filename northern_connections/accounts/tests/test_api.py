"""The memberships API."""

from django.urls import reverse


def test_a_patch_without_role_keeps_the_role(client, make_user):
    # Regression (schemathesis): PATCH/PUT without `role` was a KeyError, a 500.
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    admin, member = make_user("admin.org@example.org"), make_user("member.org@example.org")
    Membership.objects.create(user=admin, organisation=organisation, role="admin")
    membership = Membership.objects.create(user=member, organisation=organisation, role="member")
    client.force_login(admin)
    url = reverse("api:v1:membership-detail", args=[membership.pk])
    for method in (client.patch, client.put):
        response = method(url, {}, content_type="application/json")
        assert response.status_code == 200 and response.json()["role"] == "member"
    assert client.patch(url, {"role": "editor"}, content_type="application/json").json()["role"] == "editor"
