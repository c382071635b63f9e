import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.accounts import services
from northern_connections.accounts.models import Invitation, Membership, MembershipRequest
from northern_connections.directory.tests.factories import OrganisationFactory


@pytest.fixture
def organisation_with_admin(make_user):
    organisation = OrganisationFactory()
    admin = make_user("boss@example.org")
    Membership.objects.create(user=admin, organisation=organisation, role="admin")
    return organisation, admin


def test_last_administrator_cannot_leave_while_colleagues_remain(organisation_with_admin, make_user):
    organisation, admin = organisation_with_admin
    colleague = make_user("colleague@example.org")
    Membership.objects.create(user=colleague, organisation=organisation)
    own = Membership.objects.get(user=admin)
    with pytest.raises(ValidationError, match="last administrator"):
        services.membership_remove(actor=admin, membership=own)
    services.membership_set_role(actor=admin, membership=Membership.objects.get(user=colleague), role="admin")
    services.membership_remove(actor=admin, membership=own)
    assert not Membership.objects.filter(user=admin).exists()


def test_sole_member_may_leave(organisation_with_admin):
    organisation, admin = organisation_with_admin
    services.membership_remove(actor=admin, membership=Membership.objects.get(user=admin))
    assert not organisation.memberships.exists()


def test_members_cannot_promote_themselves(organisation_with_admin, make_user):
    organisation, _ = organisation_with_admin
    member = make_user("member@example.org")
    membership = Membership.objects.create(user=member, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.membership_set_role(actor=member, membership=membership, role="admin")
    assert Membership.objects.get(pk=membership.pk).role == "member"


def test_demoting_the_only_admin_is_refused(organisation_with_admin):
    _, admin = organisation_with_admin
    with pytest.raises(ValidationError):
        services.membership_set_role(actor=admin, membership=Membership.objects.get(user=admin), role="member")


def test_invitation_is_mailed_and_accepted_only_by_its_addressee(organisation_with_admin, make_user,
                                                                 django_capture_on_commit_callbacks):
    organisation, admin = organisation_with_admin
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(actor=admin, organisation=organisation, email="New@Example.org",
                                                role="editor", accept_url_base="https://nc.example")
    assert mail.outbox[-1].to == ["new@example.org"]
    assert f"https://nc.example/account/invitations/{invitation.token}/" in mail.outbox[-1].body
    stranger = make_user("stranger@example.org")
    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=stranger, token=invitation.token)
    invited = make_user("new@example.org")
    membership = services.invitation_accept(actor=invited, token=invitation.token)
    assert membership.role == "editor"
    with pytest.raises(ValidationError):
        services.invitation_accept(actor=invited, token=invitation.token)


def test_only_admins_invite(organisation_with_admin, make_user):
    organisation, _ = organisation_with_admin
    member = make_user("plain@example.org")
    Membership.objects.create(user=member, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=member, organisation=organisation, email="x@example.org", role="admin",
                                   accept_url_base="")
    assert not Invitation.objects.exists()


def test_join_request_notifies_admins_and_approval_makes_member(organisation_with_admin, make_user,
                                                                django_capture_on_commit_callbacks):
    organisation, admin = organisation_with_admin
    applicant = make_user("applicant@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.membership_request_create(actor=applicant, organisation=organisation, message="Hi")
    assert mail.outbox[-1].to == ["boss@example.org"]
    with pytest.raises(ValidationError):
        services.membership_request_create(actor=applicant, organisation=organisation)
    services.membership_request_decide(actor=admin, request=request, approve=True)
    assert Membership.objects.filter(user=applicant, organisation=organisation, role="member").exists()
    assert MembershipRequest.objects.get(pk=request.pk).status == "approved"


def test_outsider_cannot_decide_join_requests(organisation_with_admin, make_user):
    organisation, _ = organisation_with_admin
    applicant = make_user("a@example.org")
    request = services.membership_request_create(actor=applicant, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.membership_request_decide(actor=make_user("o@example.org"), request=request, approve=True)
