"""API of the support map: the measures (the same services as the pages) and the coverage analysis."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from northern_connections.core.api.viewsets import GateViewSetMixin

from .. import selectors, services
from ..filtersets import MeasureFilterSet
from ..models import SupportMeasure
from .serializers import CoverageQuerySerializer, SupportMeasureSerializer


class SupportMeasureViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                            mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Support measures (published ones, and your organisations' drafts); providers write their own."""

    model = SupportMeasure
    lookup_field = "slug"
    serializer_class = SupportMeasureSerializer
    filterset_class = MeasureFilterSet

    def base_queryset(self):
        return (SupportMeasure.objects.select_related("provider").prefetch_related(*selectors.MEASURE_RELATED)
                .order_by("name", "pk"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        provider = data.pop("provider")
        self.check_add(provider=provider)
        serializer.instance = services.measure_create(actor=self.request.user, provider=provider, **data)

    def perform_update(self, serializer):
        serializer.instance = services.measure_update(actor=self.request.user, measure=serializer.instance,
                                                      **serializer.update_fields())

    def perform_destroy(self, instance):
        services.measure_delete(actor=self.request.user, measure=instance)

    @extend_schema(request=None, responses=SupportMeasureSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, slug=None, version=None):
        """A coordinator marks the measure as verified today."""
        measure = services.measure_verify(actor=request.user, measure=self.get_object())  # 403 unless a coordinator
        return Response(SupportMeasureSerializer(measure).data)


class CoverageView(APIView):
    """The coverage analysis of a scope (a NUTS code or `all`) and value chain, as `gap_analysis` writes it."""

    permission_classes = [AllowAny]  # public figures over published measures only

    @extend_schema(parameters=[OpenApiParameter("scope", str), OpenApiParameter("value_chain", str, required=True)],
                   responses={200: dict})
    def get(self, request, version=None):
        query = CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        analysis = selectors.coverage_index().analyse(scope=data["scope"], value_chain=data["value_chain"].slug)
        return Response(analysis.to_dict())
