"""API of the knowledge centre: cases (the same services as the pages), toolbox, publications, Q&A,
one's own self-assessments, and the one search."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from northern_connections.core.api.viewsets import GateViewSetMixin, ReadOnlyGateViewSet

from .. import search, selectors
from ..filtersets import CaseFilterSet, PublicationFilterSet, ToolboxFilterSet
from ..models import Assessment, CommunityQuestion, ProcurementCase, Publication, ToolboxItem
from ..services import cases as case_services
from .serializers import (
    AssessmentSerializer,
    CommunityQuestionSerializer,
    ProcurementCaseSerializer,
    PublicationSerializer,
    SearchSectionSerializer,
    ToolboxItemSerializer,
)


class ProcurementCaseViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                             mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Procurement cases (published ones, and your organisations' drafts); buyers write their own."""

    model = ProcurementCase
    lookup_field = "slug"
    serializer_class = ProcurementCaseSerializer
    filterset_class = CaseFilterSet

    def base_queryset(self):
        return (ProcurementCase.objects.select_related("buyer", "advisor")
                .prefetch_related(*selectors.CASE_RELATED).order_by("-published_at", "pk"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        buyer = data.pop("buyer")
        self.check_add(buyer=buyer)
        serializer.instance = case_services.case_create(actor=self.request.user, buyer=buyer, **data)

    def perform_update(self, serializer):
        serializer.instance = case_services.case_update(actor=self.request.user, case=serializer.instance,
                                                        **serializer.update_fields())

    def perform_destroy(self, instance):
        case_services.case_delete(actor=self.request.user, case=instance)


class ToolboxItemViewSet(ReadOnlyGateViewSet):
    """Toolbox items that were published (and your organisations' working copies)."""

    model = ToolboxItem
    lookup_field = "slug"
    serializer_class = ToolboxItemSerializer
    filterset_class = ToolboxFilterSet

    def base_queryset(self):
        return ToolboxItem.objects.select_related("lead_author").prefetch_related("authors").order_by("title", "pk")


class PublicationViewSet(ReadOnlyGateViewSet):
    model = Publication
    lookup_field = "slug"
    serializer_class = PublicationSerializer
    filterset_class = PublicationFilterSet

    def base_queryset(self):
        return Publication.objects.select_related("publisher").prefetch_related("tags").order_by("-published_at",
                                                                                                 "-pk")


class CommunityQuestionViewSet(ReadOnlyGateViewSet):
    model = CommunityQuestion
    lookup_field = "slug"
    serializer_class = CommunityQuestionSerializer

    def base_queryset(self):
        return CommunityQuestion.objects.order_by("-created", "-pk")


class AssessmentViewSet(ReadOnlyGateViewSet):
    """Your companies' self-assessments, and those shared with clusters you manage."""

    model = Assessment
    serializer_class = AssessmentSerializer

    def base_queryset(self):
        return Assessment.objects.select_related("organisation", "questionnaire").order_by("-completed_at", "-pk")


class KnowledgeSearchView(APIView):
    """One search across cases, toolbox items, publications and Q&A, ranked, with highlighted snippets."""

    permission_classes = [AllowAny]  # the results are restricted to what the caller may see

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True)],
                   responses=SearchSectionSerializer(many=True))
    def get(self, request, version=None):
        sections = search.knowledge_search(actor=request.user, query=request.query_params.get("q", ""))
        return Response(SearchSectionSerializer(sections, many=True).data)
