"""API of Living Labs: the same selectors, filters and services as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from northern_connections.core.api.viewsets import GateViewSetMixin
from northern_connections.core.permissions import CHANGE, VIEW

from .. import services
from ..filtersets import CandidateFilterSet, DemonstrationFilterSet
from ..models import Candidate, Demonstration, SelectionRound, ShortlistRun
from ..permissions import EXPORT
from .serializers import CandidateSerializer, DemonstrationSerializer, RoundSerializer


class CandidateViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    """The catalogue of Living Lab candidates; verified regions, cities and clusters propose (POST)."""

    model = Candidate
    lookup_field = "slug"
    filterset_class = CandidateFilterSet
    serializer_class = CandidateSerializer

    def base_queryset(self):
        return Candidate.objects.select_related("region", "proposed_by").prefetch_related(
            "hosts", "value_chains").order_by("region__code", "name", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.check_add(organisation=data["proposed_by"])
        serializer.instance = services.candidate_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("proposed_by", None)
        serializer.instance = services.candidate_update(actor=self.request.user, candidate=serializer.instance,
                                                        **data)


class RoundViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Selection rounds: decided ones are public with their decisions; open ones are their coordinator's."""

    model = SelectionRound
    lookup_field = "slug"
    serializer_class = RoundSerializer

    def base_queryset(self):
        return SelectionRound.objects.select_related("coordinator").prefetch_related(
            "criteria", "decisions__candidate").order_by("-created", "pk")

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get", "post"])
    def shortlist(self, request, slug=None):
        """GET: the latest shortlist run (ranking, selection, sensitivity, reasons). POST: run it again."""
        round = self.get_object()
        if request.method == "POST":
            if not SelectionRound.objects.restrict(request.user, CHANGE).filter(pk=round.pk).exists():
                raise PermissionDenied()
            run = services.round_shortlist(actor=request.user, round=round)
            return Response(run.result, status=201)
        if not SelectionRound.objects.restrict(request.user, EXPORT).filter(pk=round.pk).exists():
            if round.is_decided:
                return Response(round.frozen)
            raise PermissionDenied()
        run = ShortlistRun.objects.restrict(request.user, VIEW).filter(round=round).first()
        return Response(run.result if run else {})


class DemonstrationViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Demonstrations in selected Living Labs, with their TRL before and after."""

    model = Demonstration
    lookup_field = "slug"
    filterset_class = DemonstrationFilterSet
    serializer_class = DemonstrationSerializer

    def base_queryset(self):
        return Demonstration.objects.select_related("lab", "lead", "challenge").prefetch_related(
            "partners").order_by("-start_date", "pk")
