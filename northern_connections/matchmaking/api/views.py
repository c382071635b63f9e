"""API of matchmaking: the same forms, selectors and services as the pages.

Recommendations are read-only endpoints under the organisation or challenge they are for; their
query parameters are parsed by the very forms of the pages, so the page and the API can never
rank differently. Saved searches are a small CRUD of the user's own searches.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from northern_connections.core.api.viewsets import GateViewSetMixin
from northern_connections.core.permissions import VIEW
from northern_connections.directory.models import Organisation

from .. import selectors, services
from ..forms import ChallengeSearchForm, OrganisationSearchForm
from ..models import SavedSearch
from .serializers import (
    ChallengeRecommendationsSerializer,
    OrganisationRecommendationsSerializer,
    SavedSearchSerializer,
)


def _top(request) -> int:
    value = request.query_params.get("top", "20")
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 100:  # int("²") fails, int("٣") is 3
        raise ValidationError({"top": "A number from 1 to 100."})
    return int(value)


def _filters(form) -> dict:
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form.query_filters()


TOP = OpenApiParameter("top", OpenApiTypes.INT, description="Number of results, 1–100 (default 20).")
MULTI = {"many": True, "explode": True}


@extend_schema(
    parameters=[
        OpenApiParameter("text", str, description="Keywords; empty: the organisation's profile description."),
        OpenApiParameter("value_chains", str, **MULTI, description="Value-chain slugs; none: the profile's."),
        OpenApiParameter("trl_min", int), OpenApiParameter("trl_max", int),
        OpenApiParameter("countries", str, **MULTI, description="Countries of the challenge owners."),
        OpenApiParameter("cross_border", str, enum=["prefer", "neutral", "only"]), TOP,
    ],
    responses=ChallengeRecommendationsSerializer,
)
class ChallengesForOrganisationView(generics.GenericAPIView):
    """Open challenges the organisation may apply to, best first, with "why this match" (its members only)."""

    serializer_class = ChallengeRecommendationsSerializer
    throttle_scope = "matching"  # ranks the whole index: its own, lower rate

    def get(self, request, slug, version=None):
        organisation = Organisation.objects.restrict(request.user, VIEW).filter(slug=slug).first()
        if organisation is None:
            raise Http404
        results = selectors.challenges_for_organisation(actor=request.user, organisation=organisation,
                                                        top_k=_top(request),
                                                        **_filters(ChallengeSearchForm(request.query_params)))
        data = {"organisation": organisation.slug, "results": results}
        return Response(self.get_serializer(data).data)


@extend_schema(
    parameters=[
        OpenApiParameter("text", str, description="Keywords; empty: the challenge's own text."),
        OpenApiParameter("kinds", str, **MULTI, description="Organisation kinds, within those the challenge accepts."),
        OpenApiParameter("countries", str, **MULTI),
        OpenApiParameter("cross_border", str, enum=["prefer", "neutral", "only"]), TOP,
    ],
    responses=OrganisationRecommendationsSerializer,
)
class OrganisationsForChallengeView(generics.GenericAPIView):
    """Eligible organisations that fit the challenge (its owners' members and cluster managers only)."""

    serializer_class = OrganisationRecommendationsSerializer
    throttle_scope = "matching"  # ranks the whole index: its own, lower rate

    def get(self, request, slug, version=None):
        challenge = selectors.challenge_for_matching(actor=request.user, slug=slug)
        if challenge is None:
            raise Http404
        results = selectors.organisations_for_challenge(actor=request.user, challenge=challenge,
                                                        top_k=_top(request),
                                                        **_filters(OrganisationSearchForm(request.query_params)))
        return Response(self.get_serializer({"challenge": challenge.slug, "results": results}).data)


class SavedSearchViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your saved searches: their e-mail digests bring new matching challenges."""

    model = SavedSearch
    serializer_class = SavedSearchSerializer

    def base_queryset(self):
        return SavedSearch.objects.select_related("organisation").prefetch_related("value_chains").order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.check_add(organisation=data["organisation"])
        serializer.instance = services.savedsearch_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("organisation", None)  # a search stays with the organisation it was saved for
        serializer.instance = services.savedsearch_update(actor=self.request.user, saved_search=serializer.instance,
                                                          **data)

    def perform_destroy(self, instance):
        services.savedsearch_delete(actor=self.request.user, saved_search=instance)
