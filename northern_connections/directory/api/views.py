from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from northern_connections.core.api.viewsets import GateViewSetMixin, ReadOnlyGateViewSet
from northern_connections.core.permissions import can

from .. import services
from ..filtersets import OrganisationFilterSet
from ..models import NutsRegion, Organisation, Partner, Partnership, ValueChain, ValueChainStep, VerificationRequest
from ..permissions import DECIDE
from .serializers import (
    NutsRegionSerializer,
    OrganisationListSerializer,
    OrganisationSerializer,
    PartnershipSerializer,
    VerificationDecisionSerializer,
    VerificationRequestSerializer,
    VocabulariesSerializer,
)


class OrganisationViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Organisations: same filters as the list page; writes go through directory.services."""

    model = Organisation
    lookup_field = "slug"
    filterset_class = OrganisationFilterSet

    def base_queryset(self):
        queryset = Organisation.objects.select_related("nuts_region")
        if self.action == "list":
            return queryset.prefetch_related("value_chains").order_by("name", "pk")
        return queryset.prefetch_related("value_chains", "value_chain_steps", "nace_codes")

    def get_serializer_class(self):
        return OrganisationListSerializer if self.action == "list" else OrganisationSerializer

    def perform_create(self, serializer):
        self.check_add()
        serializer.instance = services.organisation_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            actor=self.request.user, organisation=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.organisation_delete(actor=self.request.user, organisation=instance)


class VerificationRequestViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Verification requests: the organisation's administrators and the deciders read them; `decide` decides."""

    model = VerificationRequest
    serializer_class = VerificationRequestSerializer
    filterset_fields = ["status", "subject"]

    def base_queryset(self):
        return VerificationRequest.objects.select_related("organisation", "requested_by", "decided_by", "similar_to")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.verification_request_create(
            actor=self.request.user, organisation=data["organisation"], website=data.get("website", ""),
            note=data.get("note", ""))

    @extend_schema(request=VerificationDecisionSerializer, responses=VerificationRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None, version=None):
        verification = self.get_object()
        if not can(request.user, DECIDE, verification):
            raise PermissionDenied()
        serializer = VerificationDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        verification = services.verification_request_decide(actor=request.user, request=verification,
                                                            **serializer.validated_data)
        return Response(VerificationRequestSerializer(verification, context={"request": request}).data)


class PartnershipViewSet(ReadOnlyGateViewSet):
    model = Partnership
    lookup_field = "slug"
    serializer_class = PartnershipSerializer

    def base_queryset(self):
        return Partnership.objects.prefetch_related(
            Prefetch("partners", queryset=Partner.objects.select_related("organisation"))
        )


class NutsRegionViewSet(ReadOnlyGateViewSet):
    model = NutsRegion
    lookup_field = "code"
    serializer_class = NutsRegionSerializer
    filterset_fields = ["level", "country"]

    def base_queryset(self):
        return NutsRegion.objects.defer("geometry")


class VocabularyView(APIView):
    """Value chains and their steps: the slugs used by filters and imports.

    One object with a list per vocabulary, not a list: an APIView, because drf-spectacular
    documents a viewset's `list` as an array whatever it returns.
    """

    @extend_schema(responses=VocabulariesSerializer, operation_id="vocabularies_retrieve")
    def get(self, request, version=None):
        data = {
            "value_chains": list(ValueChain.objects.restrict(request.user).values("slug", "name")),
            "value_chain_steps": list(ValueChainStep.objects.restrict(request.user).values("slug", "name")),
        }
        return Response(VocabulariesSerializer(data).data, status=status.HTTP_200_OK)
