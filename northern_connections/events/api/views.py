"""API of events and B2B meetings: the same selectors, filters and services as the pages."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from northern_connections.core.api.viewsets import GateViewSetMixin

from .. import selectors, services
from ..choices import ParticipantStatus
from ..filtersets import EventFilterSet
from ..models import Event, Meeting, MeetingRequest, Participant
from ..permissions import own_participant_ids
from .serializers import (
    AgendaSerializer,
    EventListSerializer,
    EventSerializer,
    MeetingRequestSerializer,
    RegistrationSerializer,
)


class EventViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Published events (and your organisations' drafts), with the list page's filters."""

    model = Event
    lookup_field = "slug"
    filterset_class = EventFilterSet

    def base_queryset(self):
        queryset = Event.objects.prefetch_related("organisers")
        if self.action == "list":
            return queryset.order_by("starts_at", "pk")
        return queryset.prefetch_related("challenges", "sessions", "blocks")

    def get_serializer_class(self):
        return EventListSerializer if self.action == "list" else EventSerializer


class RegistrationViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your organisations' registrations for events; POST registers one (the registration rules apply)."""

    model = Participant
    serializer_class = RegistrationSerializer

    def get_queryset(self):
        return selectors.registration_list(actor=self.request.user)

    def perform_create(self, serializer):
        self.check_add()
        data = dict(serializer.validated_data)
        serializer.instance = services.participant_register(
            actor=self.request.user, event=data["event"], organisation=data["organisation"],
            note=data.get("note", ""), max_meetings=data.get("max_meetings"),
            unavailable_blocks=data.get("unavailable_blocks", []))


class MeetingRequestViewSet(GateViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meeting requests your registrations sent or received; create, accept, decline or withdraw them."""

    model = MeetingRequest
    serializer_class = MeetingRequestSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.meeting_request_list(actor=self.request.user)
        return super().get_queryset()

    def base_queryset(self):
        return MeetingRequest.objects.select_related("event", "requester__organisation", "recipient__organisation")

    def perform_create(self, serializer):
        self.check_add()
        data = serializer.validated_data
        recipient = data["recipient"]
        requester = data.get("requester") or (
            Participant.objects.filter(event_id=recipient.event_id, status=ParticipantStatus.ACCEPTED,
                                       pk__in=own_participant_ids(self.request.user, write=True)).first())
        if requester is None:
            raise PermissionDenied("You have no accepted registration at this event.")
        serializer.instance = services.meeting_request_create(actor=self.request.user, requester=requester,
                                                              recipient=recipient, message=data.get("message", ""))

    def _act(self, service):
        meeting_request = self.get_object()
        service(actor=self.request.user, request=meeting_request)
        meeting_request.refresh_from_db()
        return Response(MeetingRequestSerializer(meeting_request).data)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None, version=None):
        return self._act(services.meeting_request_accept)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None, version=None):
        return self._act(services.meeting_request_decline)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None, version=None):
        return self._act(services.meeting_request_cancel)


class AgendaViewSet(GateViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your published meetings across events, in time order (filter with ?event=<slug>)."""

    model = Meeting
    serializer_class = AgendaSerializer

    def get_queryset(self):
        queryset = selectors.agenda_list(actor=self.request.user)
        event = self.request.query_params.get("event")
        return queryset.filter(event__slug=event) if event else queryset
