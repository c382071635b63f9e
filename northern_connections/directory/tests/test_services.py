import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.accounts.models import Membership
from northern_connections.core.search import search_filter
from northern_connections.directory import services
from northern_connections.directory.models import ClusterMembership, Organisation, ValueChain
from northern_connections.directory.models.organisations import eu_size_class

from .factories import OrganisationFactory


@pytest.fixture
def chains(db):
    from northern_connections.directory.imports import reference_data_load

    reference_data_load()
    return {c.slug: c for c in ValueChain.objects.all()}


def test_creator_becomes_administrator_and_profile_is_searchable(make_user, chains):
    user = make_user("founder@example.org")
    organisation = services.organisation_create(
        actor=user,
        name="Vindmølleservice ApS",
        kind="sme",
        country="DK",
        city="Esbjerg",
        description="Vi servicerer vindmøller og havvindmølleparker i Nordsøen.",
        value_chains=[chains["offshore-wind"]],
    )
    assert Membership.objects.get(user=user, organisation=organisation).role == "admin"
    assert organisation.description_language == "da"
    # A Danish query in another inflection finds the Danish text (Snowball stems both).
    assert search_filter(Organisation.objects.all(), "vindmølle").filter(pk=organisation.pk).exists()
    assert list(organisation.value_chains.all()) == [chains["offshore-wind"]]


def test_outsider_cannot_update_and_nothing_changes(make_user, db):
    organisation = OrganisationFactory(name="Original")
    outsider = make_user("outsider@example.org")
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=outsider, organisation=organisation, name="Hijacked")
    organisation.refresh_from_db()
    assert organisation.name == "Original"


def test_region_must_lie_in_country(make_user, chains):
    from northern_connections.directory.models import NutsRegion

    user = make_user("u@example.org")
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=user, name="X", kind="sme", country="NO", nuts_region=NutsRegion.objects.get(code="DK032")
        )
    assert "nuts_region" in error.value.message_dict
    assert not Organisation.objects.filter(name="X").exists()


@pytest.mark.parametrize(
    ("headcount", "turnover", "expected"),
    [
        (5, 1_000_000, "micro"),
        (9, 2_000_001, "small"),
        (49, 10_000_000, "small"),
        (50, 1, "medium"),
        (249, 50_000_000, "medium"),
        (250, 1, "large"),
        (10, 60_000_000, "large"),
        (None, None, ""),
    ],
)
def test_eu_size_class(headcount, turnover, expected):
    assert eu_size_class(headcount, turnover) == expected


def test_only_clusters_have_members(make_user, db):
    user = make_user("c@example.org")
    municipality = OrganisationFactory(kind="municipality")
    Membership.objects.create(user=user, organisation=municipality, role="admin")
    with pytest.raises(ValidationError):
        services.cluster_membership_add(actor=user, cluster=municipality, member=OrganisationFactory())
    cluster = OrganisationFactory(kind="cluster")
    Membership.objects.create(user=user, organisation=cluster, role="editor")
    link = services.cluster_membership_add(actor=user, cluster=cluster, member=municipality)
    assert ClusterMembership.objects.filter(pk=link.pk).exists()


def test_contact_consent_is_time_stamped_and_cleared(make_user, db):
    user = make_user("e@example.org")
    organisation = OrganisationFactory()
    Membership.objects.create(user=user, organisation=organisation, role="editor")
    contact = services.contact_person_save(actor=user, organisation=organisation, name="Press", gdpr_consent=True)
    assert contact.consent_date is not None
    contact = services.contact_person_save(actor=user, organisation=organisation, contact=contact, gdpr_consent=False)
    assert contact.consent_date is None


def test_member_without_editing_role_cannot_edit(make_user, db):
    user = make_user("m@example.org")
    organisation = OrganisationFactory()
    Membership.objects.create(user=user, organisation=organisation, role="member")
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=user, organisation=organisation, city="Ribe")


def test_organisation_with_challenge_applications_is_not_deleted(make_user, db):
    from northern_connections.challenges.tests.factories import ApplicationFactory

    user = make_user("admin-of-sme@example.org")
    application = ApplicationFactory()
    Membership.objects.create(user=user, organisation=application.applicant, role="admin")
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.organisation_delete(actor=user, organisation=application.applicant)
    assert Organisation.objects.filter(pk=application.applicant_id).exists()
