"""Partnering services: references, validity and expiry, expressions of interest, consortia and their gate."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.accounts.models import Membership
from northern_connections.core.permissions import VIEW
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.partnering import services
from northern_connections.partnering.choices import InterestStatus, MemberStatus, RequestStatus
from northern_connections.partnering.models import Consortium, ConsortiumTask, ExpressionOfInterest, PartnerRequest

from .factories import FundingCallFactory, PartnerRequestFactory

pytestmark = pytest.mark.django_db
DAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def published(actor, **fields):
    request = PartnerRequestFactory(**fields)
    return services.partner_request_transition(actor=actor, partner_request=request, to_status=RequestStatus.PUBLISHED)


def test_references_are_type_country_date_and_number_of_the_day(people, frozen):
    frozen(DAY)
    member, owner = people.users["member"], OrganisationFactory(country="DK")
    Membership.objects.create(user=member, organisation=owner, role="editor")
    first = published(member, owner=owner)
    second = published(member, owner=owner)
    other_kind = published(member, owner=owner, kind="RDR")
    assert (first.reference, second.reference, other_kind.reference) == (
        "TODK20261201001", "TODK20261201002", "RDRDK20261201001")
    services.partner_request_update(actor=member, partner_request=first, title="New title")
    first.refresh_from_db()
    assert first.reference == "TODK20261201001"
    with pytest.raises(ValidationError, match="part of the public reference"):
        services.partner_request_update(actor=member, partner_request=first, kind="BO")


def test_publication_needs_a_summary_and_the_partner_sought(people, frozen):
    frozen(DAY)
    request = PartnerRequestFactory(owner=people.organisation, partner_sought="")
    with pytest.raises(ValidationError, match="which partner"):
        services.partner_request_transition(actor=people.users["member"], partner_request=request,
                                            to_status=RequestStatus.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.partner_request_transition(actor=people.users["outsider"], partner_request=request,
                                            to_status=RequestStatus.PUBLISHED)


def test_a_request_is_valid_a_year_expires_and_can_be_extended_once(people, frozen):
    # Given a request published on 1 December 2026
    member = people.users["member"]
    frozen(DAY)
    request = published(member, owner=people.organisation)
    assert request.valid_until == date(2027, 12, 1) and request.published_on == DAY.date()
    # When the validity has passed, the task expires it (and only it)
    frozen(DAY + timedelta(days=365))
    assert services.partner_requests_expire() == 0
    frozen(DAY + timedelta(days=366))
    assert services.partner_requests_expire() == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED and not request.is_public
    assert not PartnerRequest.objects.restrict(people.users["outsider"], VIEW).filter(pk=request.pk).exists()
    # Then the one extension publishes it again for a year from today, keeping the reference
    reference = request.reference
    request = services.partner_request_extend(actor=member, partner_request=request)
    assert request.status == RequestStatus.PUBLISHED and request.extended
    assert request.valid_until == (DAY + timedelta(days=366)).date() + timedelta(days=365)
    assert request.reference == reference
    with pytest.raises(ValidationError, match="extended once"):
        services.partner_request_extend(actor=member, partner_request=request)


def test_extension_while_published_adds_a_year_to_the_end(people, frozen):
    frozen(DAY)
    request = published(people.users["member"], owner=people.organisation)
    request = services.partner_request_extend(actor=people.users["member"], partner_request=request)
    assert request.valid_until == date(2028, 11, 30) and request.status == RequestStatus.PUBLISHED


def test_interest_is_answered_by_the_owner_and_withdrawn_by_the_sender(people, frozen):
    frozen(DAY)
    member, outsider = people.users["member"], people.users["outsider"]
    request = published(member, owner=people.organisation)
    interest = services.interest_send(actor=outsider, partner_request=request, organisation=people.other_organisation,
                                      message="We run three wind farms.")
    with pytest.raises(ValidationError, match="already expressed"):
        services.interest_send(actor=outsider, partner_request=request, organisation=people.other_organisation,
                               message="Again")
    with pytest.raises(ValidationError, match="may not make this change"):
        services.interest_transition(actor=outsider, interest=interest, to_status=InterestStatus.ACCEPTED)
    interest = services.interest_transition(actor=member, interest=interest, to_status=InterestStatus.ACCEPTED,
                                            answer="Welcome!")
    assert interest.status == InterestStatus.ACCEPTED and interest.answer == "Welcome!"
    assert interest.transitions.get().by == member


def test_no_interest_in_ones_own_or_an_unpublished_request(people):
    member = people.users["member"]
    draft = PartnerRequestFactory(owner=people.other_organisation)
    with pytest.raises(PermissionDenied):
        services.interest_send(actor=member, partner_request=draft, organisation=people.organisation, message="Hi")
    assert not ExpressionOfInterest.objects.exists()


def test_interest_after_the_deadline_is_refused(people, frozen):
    frozen(DAY)
    request = published(people.users["member"], owner=people.organisation, interest_deadline=date(2026, 12, 10))
    frozen(DAY + timedelta(days=10))
    with pytest.raises(ValidationError, match="deadline"):
        services.interest_send(actor=people.users["outsider"], partner_request=request,
                               organisation=people.other_organisation, message="Late")


def test_a_consortium_is_seen_by_its_members_only(people):
    member, outsider = people.users["member"], people.users["outsider"]
    call = FundingCallFactory()
    consortium = services.consortium_create(actor=member, funding_call=call, coordinator=people.organisation,
                                            name="North Sea Blades")
    visible = Consortium.objects.restrict(outsider, VIEW)
    assert not visible.filter(pk=consortium.pk).exists()
    member_row = services.member_invite(actor=member, consortium=consortium, organisation=people.other_organisation,
                                        budget_eur=500_000)
    assert visible.filter(pk=consortium.pk).exists()  # invited: sees the workspace to decide
    with pytest.raises(PermissionDenied):
        services.member_invite(actor=outsider, consortium=consortium, organisation=OrganisationFactory())
    services.member_respond(actor=outsider, member=member_row, accept=False)
    assert not Consortium.objects.restrict(outsider, VIEW).filter(pk=consortium.pk).exists()


def test_members_add_tasks_outsiders_do_not(people):
    member, outsider = people.users["member"], people.users["outsider"]
    consortium = services.consortium_create(actor=member, funding_call=FundingCallFactory(),
                                            coordinator=people.organisation, name="Hydrogen Valleys")
    with pytest.raises(PermissionDenied):
        services.task_add(actor=outsider, consortium=consortium, title="Draft WP2")
    invited = services.member_invite(actor=member, consortium=consortium, organisation=people.other_organisation)
    services.member_respond(actor=outsider, member=invited, accept=True)
    task = services.task_add(actor=outsider, consortium=consortium, title="Draft WP2", owner=invited)
    assert services.task_toggle(actor=member, consortium_task=task).done
    assert ConsortiumTask.objects.get().owner.status == MemberStatus.JOINED


def test_only_a_verified_organisation_opens_a_consortium(people):
    unverified = OrganisationFactory(verification_status="unverified")
    Membership.objects.create(user=people.users["member"], organisation=unverified, role="admin")
    with pytest.raises(PermissionDenied):
        services.consortium_create(actor=people.users["member"], funding_call=FundingCallFactory(),
                                   coordinator=unverified, name="X")


def test_adopting_a_proposal_invites_the_new_members_once(people):
    member = people.users["member"]
    consortium = services.consortium_create(actor=member, funding_call=FundingCallFactory(),
                                            coordinator=people.organisation, name="Tides")
    others = [OrganisationFactory(), OrganisationFactory()]
    proposal = [(people.organisation, "core"), (others[0], "covers blades"), (others[1], "transition region")]
    assert services.proposal_adopt(actor=member, consortium=consortium, members=proposal) == 2
    assert services.proposal_adopt(actor=member, consortium=consortium, members=proposal) == 0
    assert consortium.members.get(organisation=others[0]).why == "covers blades"
