"""API of strategies and policy: the records (read; strategies and briefs written through the services) and the
synergy analysis and scorecard as JSON."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from northern_connections.core.api.viewsets import GateViewSetMixin, ReadOnlyGateViewSet

from .. import analysis, services
from ..filtersets import StrategyFilterSet
from ..models import (
    ActionPoint,
    Board,
    BoardMeeting,
    Decision,
    MeetingDocument,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
)
from ..selectors import PRIORITY_TAGS
from .serializers import (
    ActionPointSerializer,
    BoardSerializer,
    BriefSerializer,
    DecisionSerializer,
    DocumentSerializer,
    MeetingSerializer,
    PlanGoalSerializer,
    StrategySerializer,
)


class StrategyViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                      viewsets.ReadOnlyModelViewSet):
    """Regional strategies with their tagged priorities, internationalisation measures and barriers."""

    model = RegionalStrategy
    lookup_field = "slug"
    serializer_class = StrategySerializer
    filterset_class = StrategyFilterSet

    def base_queryset(self):
        return RegionalStrategy.objects.select_related("region", "maintainer").prefetch_related(
            PRIORITY_TAGS, "measures", "barriers").order_by("region__code", "-period_start")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        maintainer = data.pop("maintainer")
        self.check_add(maintainer=maintainer)
        serializer.instance = services.strategy_create(actor=self.request.user, maintainer=maintainer, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("maintainer", None)
        data.pop("region", None)
        serializer.instance = services.strategy_update(actor=self.request.user, strategy=serializer.instance, **data)


class BoardViewSet(ReadOnlyGateViewSet):
    model = Board
    lookup_field = "slug"
    serializer_class = BoardSerializer

    def base_queryset(self):
        return Board.objects.prefetch_related("members__organisation")


class MeetingViewSet(ReadOnlyGateViewSet):
    model = BoardMeeting
    serializer_class = MeetingSerializer

    def base_queryset(self):
        return BoardMeeting.objects.select_related("board").prefetch_related("agenda")


class DocumentViewSet(ReadOnlyGateViewSet):
    """Meeting documents: internal ones for the board's members only."""

    model = MeetingDocument
    serializer_class = DocumentSerializer


class DecisionViewSet(ReadOnlyGateViewSet):
    model = Decision
    serializer_class = DecisionSerializer


class ActionPointViewSet(ReadOnlyGateViewSet):
    """Action points (the board's members)."""

    model = ActionPoint
    serializer_class = ActionPointSerializer

    def base_queryset(self):
        return ActionPoint.objects.select_related("owner")


class BriefViewSet(GateViewSetMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Policy briefs: issued ones are public, drafts the board's members'; whoever runs the board edits drafts."""

    model = PolicyBrief
    serializer_class = BriefSerializer

    def perform_update(self, serializer):
        serializer.instance = services.brief_update(actor=self.request.user, brief=serializer.instance,
                                                    **serializer.validated_data)


class PlanViewSet(ReadOnlyGateViewSet):
    model = PlanGoal
    serializer_class = PlanGoalSerializer

    def base_queryset(self):
        return PlanGoal.objects.prefetch_related("actions__owner", "actions__decisions")


class SynergyQuery(serializers.Serializer):
    threshold = serializers.FloatField(min_value=0, max_value=1, default=0.25)


class SynergyView(APIView):
    """The similarity matrix of the regions' current strategies and the untapped pairs."""

    permission_classes = [AllowAny]  # public strategies and aggregates of public activity

    @extend_schema(parameters=[OpenApiParameter("threshold", float)], responses={200: dict})
    def get(self, request, version=None):
        query = SynergyQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = analysis.synergies(threshold=query.validated_data["threshold"])
        regions = [p.region for p in result.profiles]
        return Response({
            "regions": regions,
            "matrix": result.matrix,
            "untapped": [{"a": c.a, "b": c.b, "similarity": c.similarity, "shared": c.shared,
                          "a_complements": c.a_complements, "b_complements": c.b_complements}
                         for c in result.untapped],
            "links": [{"a": a, "b": b, "by_source": dict(counts)} for (a, b), counts in
                      sorted(result.links.by_pair.items())],
        })


class ScorecardView(APIView):
    """The internationalisation scorecard of every region with a strategy."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request, version=None):
        cards = analysis.scorecards()
        return Response({code: {"periods": card.periods, "index": card.index,
                                "indicators": {row.indicator: {"values": row.values, "change": row.change,
                                                               "trend": row.trend} for row in card.rows}}
                         for code, card in cards.items()})
