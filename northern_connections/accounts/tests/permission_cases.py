"""Who may use each accounts page and endpoint (run by core/tests/test_permission_matrix.py)."""

from django.urls import reverse

from northern_connections.accounts.models import Invitation, Membership, MembershipRequest
from northern_connections.core.models import Job
from northern_connections.core.testing import PermissionCase, Private, expect


def build(world):
    colleague_user = type(world.users["member"]).objects.create_user(email="colleague@example.org", password="x" * 12)
    world.objects["colleague"] = Membership.objects.create(user=colleague_user, organisation=world.organisation)
    world.objects["invitation"] = Invitation.objects.create(organisation=world.organisation, email="new@example.org")
    world.objects["request"] = MembershipRequest.objects.create(
        user=colleague_user, organisation=world.other_organisation
    )
    world.objects["job"] = Job.objects.create(kind="test", owner=world.users["member"])


# Rows that no outsider nor anonymous visitor may see (core/tests/test_permission_matrix.py).
PRIVATE = [
    Private("an invitation", lambda w: reverse("accounts:organisation_people", args=[w.organisation.slug]),
            markers=lambda w: ["new@example.org"], shown_by=("accounts:invitation_accept",)),
]


def people(w):
    return reverse("accounts:organisation_people", args=[w.organisation.slug])


LOGIN = 302
CASES = [
    PermissionCase("accounts:profile", "get", lambda w: reverse("accounts:profile"), expect(LOGIN, 200, 200, 200)),
    PermissionCase(
        "accounts:profile",
        "post",
        lambda w: reverse("accounts:profile"),
        expect(LOGIN, 302, 302, 302),
        data=lambda w: {"full_name": "A Person", "preferred_language": "da"},
    ),
    PermissionCase("accounts:api_token", "post", lambda w: reverse("accounts:api_token"), expect(LOGIN, 200, 200, 200)),
    PermissionCase(
        "accounts:api_token_revoke", "post", lambda w: reverse("accounts:api_token_revoke"),
        expect(LOGIN, 302, 302, 302),
    ),
    PermissionCase("accounts:privacy", "get", lambda w: reverse("accounts:privacy"), expect(LOGIN, 200, 200, 200)),
    # A wrong password: the form again, nothing deleted (a successful deletion is in test_privacy.py).
    PermissionCase("accounts:privacy", "post", lambda w: reverse("accounts:privacy"), expect(LOGIN, 400, 400, 400),
                   data=lambda w: {"password": "not-the-password"}),
    PermissionCase("accounts:personal_data", "get", lambda w: reverse("accounts:personal_data"),
                   expect(LOGIN, 200, 200, 200)),
    PermissionCase("accounts:organisation_people", "get", people, expect(LOGIN, 200, 403, 200)),
    PermissionCase(
        "accounts:organisation_people",
        "post",
        people,
        expect(LOGIN, 302, 403, 302),
        data=lambda w: {"email": "x@example.org", "role": "member"},
    ),
    PermissionCase(
        "accounts:membership_role",
        "post",
        lambda w: reverse("accounts:membership_role", args=[w.objects["colleague"].pk]),
        expect(LOGIN, 302, 404, 302),
        data=lambda w: {"role": "editor"},
    ),
    PermissionCase(
        "accounts:membership_remove",
        "post",
        lambda w: reverse("accounts:membership_remove", args=[w.objects["colleague"].pk]),
        expect(LOGIN, 302, 404, 302),
    ),
    PermissionCase(
        "accounts:membershiprequest_decide",
        "post",
        lambda w: reverse("accounts:membershiprequest_decide", args=[w.objects["request"].pk]),
        # The request is for the outsider's organisation: they decide it.
        expect(LOGIN, 404, 302, 302),
        data=lambda w: {"decision": "approve"},
    ),
    PermissionCase(
        "accounts:invitation_revoke",
        "post",
        lambda w: reverse("accounts:invitation_revoke", args=[w.objects["invitation"].pk]),
        expect(LOGIN, 302, 404, 302),
    ),
    PermissionCase(
        "accounts:invitation_accept",
        "get",
        lambda w: reverse("accounts:invitation_accept", args=[w.objects["invitation"].token]),
        expect(LOGIN, 200, 200, 200),
    ),
    PermissionCase(
        "core:job_progress",
        "get",
        lambda w: reverse("core:job_progress", args=[w.objects["job"].pk]),
        expect(404, 200, 404, 200),
    ),
    PermissionCase(
        "api:v1:membership-list", "get", lambda w: reverse("api:v1:membership-list"), expect(200, 200, 200, 200)
    ),
    PermissionCase(
        "api:v1:membership-detail",
        "get",
        lambda w: reverse("api:v1:membership-detail", args=[w.objects["colleague"].pk]),
        expect(404, 200, 404, 200),
    ),
    PermissionCase(
        "api:v1:membership-detail",
        "patch",
        lambda w: reverse("api:v1:membership-detail", args=[w.objects["colleague"].pk]),
        expect(403, 200, 404, 200),
        json=True,
        data=lambda w: {"role": "editor"},
    ),
]
