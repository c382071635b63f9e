"""API of the challenge board: the same selectors, filters and services as the pages."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from northern_connections.core.api.viewsets import GateViewSetMixin
from northern_connections.core.permissions import CHANGE, can

from .. import selectors, services
from ..filtersets import ChallengeFilterSet
from ..models import (
    Application,
    ApplicationPartner,
    Attachment,
    Challenge,
    Clarification,
    ConflictDeclaration,
    JuryAssignment,
    Recommendation,
    Score,
)
from .serializers import (
    AnswerSerializer,
    ApplicationPartnerSerializer,
    ApplicationSerializer,
    AttachmentSerializer,
    ChallengeListSerializer,
    ChallengeSerializer,
    ClarificationSerializer,
    ConflictDeclarationSerializer,
    ConflictExceptionSerializer,
    JuryAssignmentSerializer,
    PartnerResponseSerializer,
    RankingRowSerializer,
    RecommendationSerializer,
    RecommendSerializer,
    ScoreSerializer,
    TransitionSerializer,
    VersionSerializer,
)


def validated(serializer_class, request) -> dict:
    """The request's input checked by `serializer_class` (a 400 with the field errors otherwise)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ChallengeViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    """Challenges with the board's filters; owners create, edit and move them along their life cycle."""

    model = Challenge
    lookup_field = "slug"
    filterset_class = ChallengeFilterSet

    def base_queryset(self):
        if self.action == "list":
            # Prefetched, not joined: with the join SQLite sorted the whole board for every page (selectors).
            return (Challenge.objects.prefetch_related("owner", "nuts_region", "value_chains")
                    .order_by("application_deadline", "pk"))
        return Challenge.objects.select_related("owner", "nuts_region").prefetch_related(
            "co_owners", "value_chains", "value_chain_steps", "cpv_codes", "nace_codes", "criteria")

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
        # One service, one transaction: a refused criteria change must not leave the other edits saved.
        challenge = services.challenge_update(actor=self.request.user, challenge=serializer.instance, **data)
        serializer.instance = Challenge.objects.get(pk=challenge.pk)

    @extend_schema(request=TransitionSerializer, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, slug=None, version=None):
        challenge = services.challenge_transition(actor=request.user, challenge=self.get_object(),
                                                  **validated(TransitionSerializer, request))
        return Response(ChallengeSerializer(challenge, context={"request": request}).data)

    @extend_schema(responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # the whole ranking, one list
    def ranking(self, request, slug=None, version=None):
        """The owner's ranking: means and disagreement of the counted scores, the excluded ones and why."""
        challenge = self.get_object()
        if not can(request.user, CHANGE, challenge):
            raise exceptions.PermissionDenied()
        return Response(RankingRowSerializer(selectors.challenge_ranking(challenge=challenge), many=True).data)


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
        clarification = services.clarification_answer(actor=request.user, clarification=self.get_object(),
                                                      **validated(AnswerSerializer, request))
        return Response(ClarificationSerializer(clarification).data)


class ApplicationViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """Your organisations' applications. Updates must send the `version` they read (optimistic locking)."""

    model = Application
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        if self.action == "list":
            queryset = selectors.application_list(actor=self.request.user).prefetch_related("partners__organisation")
        else:
            queryset = super().get_queryset()
        return selectors.with_identity(queryset, actor=self.request.user)

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
        application = service(actor=request.user, application=self.get_object(),
                              version=validated(VersionSerializer, request).get("version"))
        return Response(ApplicationSerializer(application, context=self.get_serializer_context()).data,
                        status=status.HTTP_200_OK)

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


class ApplicationPartnerViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                               viewsets.ReadOnlyModelViewSet):
    """Consortium partners: the lead's editors invite (POST) and remove (DELETE); the partner answers."""

    model = ApplicationPartner
    serializer_class = ApplicationPartnerSerializer
    filterset_fields = ["application", "status"]

    def get_serializer_class(self):
        return PartnerResponseSerializer if self.action == "respond" else ApplicationPartnerSerializer

    def base_queryset(self):
        return ApplicationPartner.objects.select_related("organisation").order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.partner_invite(actor=self.request.user, application=data["application"],
                                                      organisation=data["organisation"], role=data.get("role", ""))

    def perform_destroy(self, instance):
        services.partner_remove(actor=self.request.user, partner=instance)

    @extend_schema(request=PartnerResponseSerializer, responses=ApplicationPartnerSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None, version=None):
        partner = services.partner_respond(actor=request.user, partner=self.get_object(),
                                           **validated(PartnerResponseSerializer, request))
        return Response(ApplicationPartnerSerializer(partner).data)


class AttachmentViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Files of an application (metadata; `download` is the file). Upload as multipart/form-data."""

    model = Attachment
    serializer_class = AttachmentSerializer
    filterset_fields = ["application"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def base_queryset(self):
        return Attachment.objects.select_related("application").order_by("pk")

    def get_queryset(self):
        return selectors.with_identity(super().get_queryset(), actor=self.request.user, path="application")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.attachment_add(actor=self.request.user, application=data["application"],
                                                      title=data.get("title", ""), file=data["file"])

    def perform_destroy(self, instance):
        services.attachment_delete(actor=self.request.user, attachment=instance)


class JuryAssignmentViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                            viewsets.ReadOnlyModelViewSet):
    """The jury of the challenges you own (jurors see their own assignments); owners add and remove jurors."""

    model = JuryAssignment
    serializer_class = JuryAssignmentSerializer
    filterset_fields = ["challenge"]

    def base_queryset(self):
        return JuryAssignment.objects.select_related("challenge", "user").order_by("pk")

    def get_serializer_class(self):
        return ConflictExceptionSerializer if self.action == "exception" else JuryAssignmentSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.jury_assign_by_email(
            actor=self.request.user, challenge=data["challenge"], email=data["user"]["email"],
            exception_reason=data.get("exception_reason", ""))

    @extend_schema(request=ConflictExceptionSerializer, responses=JuryAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def exception(self, request, pk=None, version=None):
        """The owner records why a juror tied to the competition may score the competitors."""
        assignment = self.get_object()
        services.conflict_exception_grant(actor=request.user, assignment=assignment,
                                          reason=validated(ConflictExceptionSerializer, request)["reason"])
        return Response(JuryAssignmentSerializer(JuryAssignment.objects.get(pk=assignment.pk)).data)

    def perform_destroy(self, instance):
        services.jury_remove(actor=self.request.user, assignment=instance)


class ConflictDeclarationViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A juror's declared conflicts of interest (owners see those of their challenges)."""

    model = ConflictDeclaration
    serializer_class = ConflictDeclarationSerializer
    filterset_fields = ["application"]

    def base_queryset(self):
        return ConflictDeclaration.objects.select_related("assignment__challenge").order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        application = data["application"]
        serializer.instance = services.conflict_declare(actor=self.request.user, challenge=application.challenge,
                                                        application=application, reason=data.get("reason", ""))


class RecommendationViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Recommendations made by your clusters or received by your organisations; POST recommends to several SMEs."""

    model = Recommendation
    serializer_class = RecommendationSerializer
    filterset_fields = ["challenge"]

    def base_queryset(self):
        return Recommendation.objects.select_related("challenge", "cluster", "organisation").order_by("pk")

    @extend_schema(request=RecommendSerializer, responses=RecommendationSerializer(many=True))
    def create(self, request, *args, **kwargs):
        data = validated(RecommendSerializer, request)
        self.check_add(cluster=data["cluster"])
        created = services.recommendation_create(actor=request.user, cluster=data["cluster"],
                                                 challenge=data["challenge"], organisations=data["organisations"],
                                                 message=data.get("message", ""))
        return Response(RecommendationSerializer(created, many=True).data, status=status.HTTP_201_CREATED)
