"""API of project monitoring: the same selectors, filters and services as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from northern_connections.core.api.viewsets import GateViewSetMixin

from .. import services
from ..filtersets import PartnerReportFilterSet
from ..models import ExchangeRate, ExpenditureItem, JointReport, PartnerReport, Project
from ..permissions import FULL
from .serializers import (
    ExchangeRateSerializer,
    ExpenditureItemSerializer,
    ItemControlSerializer,
    JointReportSerializer,
    PartnerReportSerializer,
    ProjectSerializer,
    ReportCreateSerializer,
    TransitionSerializer,
)


def validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ProjectViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The public work plan of each project."""

    model = Project
    lookup_field = "slug"
    serializer_class = ProjectSerializer

    def base_queryset(self):
        return Project.objects.prefetch_related("partners__partner__organisation", "periods")


class PartnerReportViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Partner reports the user may see (own partner; assigned or led partners once submitted)."""

    model = PartnerReport
    filterset_class = PartnerReportFilterSet

    def base_queryset(self):
        return PartnerReport.objects.select_related("project_partner__project", "period").order_by("pk")

    def get_serializer_class(self):
        if self.action == "create":
            return ReportCreateSerializer
        return TransitionSerializer if self.action == "transition" else PartnerReportSerializer

    def create(self, request, *args, **kwargs):
        data = validated(ReportCreateSerializer, request)
        self.check_add(project_partner=data["project_partner"])
        report = services.report_create(actor=request.user, **data)
        return Response(PartnerReportSerializer(report, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=TransitionSerializer, responses=PartnerReportSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None, version=None):
        report = services.report_transition(actor=request.user, report=self.get_object(),
                                            **validated(TransitionSerializer, request))
        return Response(PartnerReportSerializer(report, context={"request": request}).data)


class ExpenditureItemViewSet(GateViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                             mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Items of the reports the user may see; the partner writes them, the controller controls them."""

    model = ExpenditureItem
    serializer_class = ExpenditureItemSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self):
        return ExpenditureItem.objects.order_by("report_id", "number")

    def get_serializer_class(self):
        return ItemControlSerializer if self.action == "control" else ExpenditureItemSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.item_create(actor=self.request.user, report=data.pop("report"), **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("report", None)
        serializer.instance = services.item_update(actor=self.request.user, item=serializer.instance, **data)

    def perform_destroy(self, instance):
        services.item_delete(actor=self.request.user, item=instance)

    @extend_schema(request=ItemControlSerializer, responses=ExpenditureItemSerializer)
    @action(detail=True, methods=["post"])
    def control(self, request, pk=None, version=None):
        item = services.item_control_save(actor=request.user, item=self.get_object(),
                                          **validated(ItemControlSerializer, request))
        return Response(ExpenditureItemSerializer(item, context={"request": request}).data)


class JointReportViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Joint reports of the partnerships the user belongs to (published ones: see the public summary page)."""

    model = JointReport

    def get_queryset(self):
        return JointReport.objects.restrict(self.request.user, FULL).select_related("project", "period").order_by("pk")

    def get_serializer_class(self):
        return TransitionSerializer if self.action == "transition" else JointReportSerializer

    @extend_schema(request=TransitionSerializer, responses=JointReportSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None, version=None):
        joint = services.joint_report_transition(actor=request.user, joint_report=self.get_object(),
                                                 **validated(TransitionSerializer, request))
        return Response(JointReportSerializer(joint, context={"request": request}).data)


class ExchangeRateViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The EU's monthly accounting rates; platform administrators record them."""

    model = ExchangeRate
    serializer_class = ExchangeRateSerializer

    def perform_create(self, serializer):
        self.check_add()
        serializer.instance = services.exchange_rate_save(actor=self.request.user, **serializer.validated_data)
