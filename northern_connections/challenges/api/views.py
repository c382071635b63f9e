"""API of the challenge board: the same selectors, filters and services as the pages."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from northern_connections.core.api.viewsets import GateViewSetMixin

from .. import selectors, services
from ..filtersets import ChallengeFilterSet
from ..models import Application, Challenge, Clarification, Score
from .serializers import (
    AnswerSerializer,
    ApplicationSerializer,
    ChallengeListSerializer,
    ChallengeSerializer,
    ClarificationSerializer,
    ScoreSerializer,
    TransitionSerializer,
    VersionSerializer,
)


class ChallengeViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    """Challenges with the board's filters; owners create, edit and move them along their life cycle."""

    model = Challenge
    lookup_field = "slug"
    filterset_class = ChallengeFilterSet

    def base_queryset(self):
        queryset = Challenge.objects.select_related("owner", "nuts_region")
        if self.action == "list":
            return queryset.prefetch_related("value_chains").order_by("application_deadline", "pk")
        return queryset.prefetch_related("co_owners", "value_chains", "value_chain_steps", "cpv_codes", "nace_codes",
                                         "criteria")

    def get_serializer_class(self):
        if self.action == "transition":
            return TransitionSerializer
        return ChallengeListSerializer if self.action == "list" else ChallengeSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.check_add(organisation=data["owner"])
        criteria = data.pop("criteria", None)
        serializer.instance = services.challenge_create(actor=self.request.user, criteria=criteria, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("owner", None)
        criteria = data.pop("criteria", None)
        challenge = services.challenge_update(actor=self.request.user, challenge=serializer.instance, **data)
        if criteria is not None:
            services.challenge_criteria_set(actor=self.request.user, challenge=challenge, criteria=criteria)
        serializer.instance = Challenge.objects.get(pk=challenge.pk)

    @extend_schema(request=TransitionSerializer, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, slug=None, version=None):
        challenge = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["to_status"] not in dict(Challenge._meta.get_field("status").choices):
            raise ValidationError("Unknown status.")
        challenge = services.challenge_transition(actor=request.user, challenge=challenge, **serializer.validated_data)
        return Response(ChallengeSerializer(challenge, context={"request": request}).data)


class ClarificationViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published clarifications for everyone; your own questions; owners answer."""

    model = Clarification
    serializer_class = ClarificationSerializer
    filterset_fields = ["challenge"]

    def base_queryset(self):
        return Clarification.objects.select_related("challenge").order_by("pk")

    def perform_create(self, serializer):
        self.check_add()
        data = serializer.validated_data
        serializer.instance = services.clarification_ask(actor=self.request.user, challenge=data["challenge"],
                                                         organisation=data["organisation"], question=data["question"])

    @extend_schema(request=AnswerSerializer, responses=ClarificationSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None, version=None):
        clarification = self.get_object()
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        clarification = services.clarification_answer(actor=request.user, clarification=clarification,
                                                      answer=serializer.validated_data["answer"])
        return Response(ClarificationSerializer(clarification).data)


class ApplicationViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """Your organisations' applications. Updates must send the `version` they read (optimistic locking)."""

    model = Application
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.application_list(actor=self.request.user).prefetch_related("partners__organisation")
        return super().get_queryset()

    def base_queryset(self):
        return Application.objects.select_related("challenge", "applicant").prefetch_related("partners__organisation")

    def perform_create(self, serializer):
        self.check_add()
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.application_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        for name in ("challenge", "applicant"):
            data.pop(name, None)
        if "version" not in data:
            raise ValidationError({"version": "Send the version you read."})
        serializer.instance = services.application_update(actor=self.request.user, application=serializer.instance,
                                                          **data)

    def _act(self, request, service):
        application = self.get_object()
        serializer = VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = service(actor=request.user, application=application,
                              version=serializer.validated_data.get("version"))
        return Response(ApplicationSerializer(application).data, status=status.HTTP_200_OK)

    @extend_schema(request=VersionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None, version=None):
        return self._act(request, services.application_submit)

    @extend_schema(request=VersionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, version=None):
        return self._act(request, services.application_withdraw)


class ScoreViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A juror's own scores (owners see all scores of their challenges); POST saves one score."""

    model = Score
    serializer_class = ScoreSerializer
    filterset_fields = ["application"]

    def base_queryset(self):
        return Score.objects.order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        [score] = services.scores_save(actor=self.request.user, application=data["application"],
                                       scores={data["criterion"].pk: (data["value"], data.get("comment", ""))})
        serializer.instance = score
