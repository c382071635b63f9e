"""API of partnering: the call catalogue, partner requests (the same services as the pages), consortia."""

from rest_framework import mixins, viewsets

from northern_connections.core.api.viewsets import GateViewSetMixin

from .. import services
from ..filtersets import FundingCallFilterSet, PartnerRequestFilterSet
from ..models import Consortium, FundingCall, PartnerRequest
from .serializers import ConsortiumSerializer, FundingCallSerializer, PartnerRequestSerializer


class FundingCallViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Funding calls (public)."""

    model = FundingCall
    lookup_field = "slug"
    serializer_class = FundingCallSerializer
    filterset_class = FundingCallFilterSet

    def base_queryset(self):
        return FundingCall.objects.order_by("deadline", "topic_identifier")


class PartnerRequestViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                            mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Partner requests (published ones, and your organisations' others); owners write their own."""

    model = PartnerRequest
    serializer_class = PartnerRequestSerializer
    filterset_class = PartnerRequestFilterSet

    def base_queryset(self):
        return (PartnerRequest.objects.select_related("owner", "call").prefetch_related("value_chain_steps")
                .order_by("-published_on", "-pk"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        owner = data.pop("owner")
        self.check_add(owner=owner)
        serializer.instance = services.partner_request_create(actor=self.request.user, owner=owner, **data)

    def perform_update(self, serializer):
        serializer.instance = services.partner_request_update(
            actor=self.request.user, partner_request=serializer.instance, **serializer.update_fields())

    def perform_destroy(self, instance):
        services.partner_request_delete(actor=self.request.user, partner_request=instance)


class ConsortiumViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Consortia your organisations are members of, with their members and region categories."""

    model = Consortium
    lookup_field = "slug"
    serializer_class = ConsortiumSerializer

    def base_queryset(self):
        return (Consortium.objects.select_related("call")
                .prefetch_related("members__organisation__nuts_region").order_by("name", "pk"))
