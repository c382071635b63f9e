"""Reads of the directory, already restricted to the actor."""

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import Substr

from northern_connections.accounts.models import Membership
from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, VIEW, can, can_add, is_platform_admin

from .choices import VerificationRequestStatus, VerificationStatus, VerificationSubject
from .models import (
    ClusterMembership,
    ContactPerson,
    NutsRegion,
    Organisation,
    Partner,
    Partnership,
    VerificationRequest,
)
from .permissions import DECIDE


def organisation_list(*, actor) -> QuerySet[Organisation]:
    """Organisations for list pages and the API: related rows fetched in a fixed number of queries."""
    return (
        Organisation.objects.restrict(actor, VIEW)
        .select_related("nuts_region")
        .prefetch_related("value_chains")
        .order_by("name", "pk")
    )


def organisations_acting_for(*, actor, roles=None, kinds=None, all_for_admins: bool = False) -> QuerySet[Organisation]:
    """Organisations the actor may act for (as owner, applicant, organiser): the choices of such forms.

    `roles` limits to membership roles (e.g. EDITING_ROLES); `all_for_admins` offers platform
    administrators every organisation, for acting on a partner's behalf.
    """
    if all_for_admins and is_platform_admin(actor):
        queryset = Organisation.objects.all()
    else:
        memberships = Membership.objects.filter(user=actor)
        if roles:
            memberships = memberships.filter(role__in=roles)
        queryset = Organisation.objects.filter(pk__in=memberships.values("organisation_id"))
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    return queryset.order_by("name")


def organisation_get(*, actor, slug: str) -> Organisation | None:
    return (
        Organisation.objects.restrict(actor, VIEW)
        .select_related("nuts_region", "nuts_region__parent")
        .prefetch_related("value_chains", "value_chain_steps", "nace_codes")
        .filter(slug=slug)
        .first()
    )


def organisation_detail_context(*, actor, organisation: Organisation) -> dict:
    """What an organisation page shows besides the profile, each list through the gate."""
    return {
        "is_member": bool(actor and actor.is_authenticated and organisation.memberships.filter(user=actor).exists()),
        "can_see_history": may_see_history(actor, organisation),
        "contacts": ContactPerson.objects.restrict(actor, VIEW).filter(organisation=organisation),
        "cluster_members": ClusterMembership.objects.restrict(actor, VIEW)
        .filter(cluster=organisation)
        .select_related("member")
        .order_by("member__name")[:200],
        "clusters": ClusterMembership.objects.restrict(actor, VIEW)
        .filter(member=organisation)
        .select_related("cluster"),
        **organisation_verification_context(actor=actor, organisation=organisation),
        "partner_roles": Partner.objects.restrict(actor, VIEW)
        .filter(organisation=organisation)
        .select_related("partnership"),
    }


def organisation_verification_context(*, actor, organisation: Organisation) -> dict:
    """The verification part of an organisation's page: its record of requests and decisions (for its
    administrators and the deciders) and whether the actor may ask for verification now."""
    requests = (VerificationRequest.objects.restrict(actor, VIEW).filter(organisation=organisation)
                .select_related("decided_by", "requested_by", "similar_to"))
    pending = organisation.verification_requests.filter(subject=VerificationSubject.IDENTITY,
                                                        status=VerificationRequestStatus.PENDING).exists()
    may_request = (organisation.verification_status != VerificationStatus.VERIFIED and not pending
                   and can_add(actor, VerificationRequest, organisation=organisation))
    return {"verification_requests": list(requests), "can_request_verification": may_request,
            "verification_pending": pending}


def verification_queue(*, actor) -> QuerySet[VerificationRequest]:
    """Pending requests the actor may decide, oldest first (the deciders' queue)."""
    return (VerificationRequest.objects.restrict(actor, DECIDE)
            .filter(status=VerificationRequestStatus.PENDING)
            .select_related("organisation", "requested_by", "similar_to")
            .order_by("created", "pk"))


def verification_request_get(*, actor, pk: int) -> VerificationRequest | None:
    return (VerificationRequest.objects.restrict(actor, VIEW)
            .select_related("organisation", "requested_by", "decided_by", "similar_to").filter(pk=pk).first())


def verification_request_context(*, actor, request: VerificationRequest) -> dict:
    """What the decider compares: the claims of the request against the organisation as it is now."""
    organisation = request.organisation
    return {
        "may_decide": request.is_pending and can(actor, DECIDE, request),
        "claims_changed": (request.claimed_kind, request.claimed_name, request.claimed_country)
        != (organisation.kind, organisation.name, organisation.country),
        "can_edit_organisation": can(actor, CHANGE, organisation),
    }


def partnership_get(*, actor, slug: str) -> Partnership | None:
    partners = Partner.objects.select_related("organisation", "organisation__nuts_region").order_by(
        "role", "organisation__country", "organisation__name"
    )
    return (
        Partnership.objects.restrict(actor, VIEW)
        .prefetch_related(Prefetch("partners", queryset=partners))
        .filter(slug=slug)
        .first()
    )


def organisations_per_nuts2(*, actor, queryset: QuerySet[Organisation] | None = None) -> dict[str, int]:
    """Number of organisations per NUTS 2 code (a NUTS 3 region counts for its NUTS 2 parent)."""
    queryset = queryset if queryset is not None else Organisation.objects.restrict(actor, VIEW)
    rows = (
        queryset.filter(nuts_region__isnull=False, nuts_region__level__gte=2)
        .annotate(nuts2=Substr("nuts_region__code", 1, 4))
        .values("nuts2")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["nuts2"]: row["n"] for row in rows}


def nuts2_regions_with_geometry(*, countries: list[str] | None = None) -> QuerySet[NutsRegion]:
    queryset = NutsRegion.objects.filter(level=2, geometry__isnull=False)
    if countries:
        queryset = queryset.filter(country__in=countries)
    return queryset.only("code", "name", "country", "geometry")
