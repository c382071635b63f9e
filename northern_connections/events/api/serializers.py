from datetime import datetime

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from northern_connections.core.api.fields import VisibleSlugRelatedField
from northern_connections.directory.models import Organisation

from ..models import AgendaSession, Event, Meeting, MeetingBlock, MeetingRequest, Participant


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaSession
        fields = ["id", "title", "starts_at", "ends_at", "location", "description"]


class BlockSerializer(serializers.ModelSerializer):
    start_time = serializers.SerializerMethodField(
        help_text="RFC 3339 full-time: the block's start in the event's time zone, with that day's UTC offset.")

    class Meta:
        model = MeetingBlock
        fields = ["id", "name", "date", "start_time", "slot_minutes", "slot_count", "breaks_after", "break_minutes",
                  "tables"]

    @extend_schema_field(OpenApiTypes.TIME)
    def get_start_time(self, block) -> str:
        # OpenAPI's `time` is RFC 3339 `full-time`, which carries an offset: a bare "09:50:00" is no valid value,
        # and with the offset a client places the block in time without a time-zone database.
        start = datetime.combine(block.date, block.start_time, tzinfo=block.event.tz)
        return start.isoformat(timespec="seconds").partition("T")[2]


class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:event-detail", lookup_field="slug")
    organisers = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    verified_organisers = serializers.SerializerMethodField(
        help_text="The organisers whose kind, name and country are verified (slugs).")
    challenges = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    blocks = BlockSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = ["url", "slug", "title", "kind", "status", "summary", "description", "organisers",
                  "verified_organisers", "venue", "city",
                  "country", "online_url", "starts_at", "ends_at", "time_zone", "registration_opens_at",
                  "registration_closes_at", "capacity", "approval_mode", "auto_accept_meetings",
                  "meeting_request_hours", "max_meetings", "challenges", "sessions", "blocks",
                  "schedule_published_at", "created", "updated"]

    def get_verified_organisers(self, obj) -> list[str]:
        return [o.slug for o in obj.organisers.all() if o.is_verified]


class EventListSerializer(EventSerializer):
    """The list leaves out what was not prefetched, keeping the query count constant."""

    class Meta(EventSerializer.Meta):
        fields = [f for f in EventSerializer.Meta.fields if f not in ("description", "challenges", "sessions",
                                                                       "blocks")]


class RegistrationSerializer(serializers.ModelSerializer):
    event = VisibleSlugRelatedField(slug_field="slug", queryset=Event.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    unavailable_blocks = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                            queryset=MeetingBlock.objects.all())

    class Meta:
        model = Participant
        fields = ["id", "event", "organisation", "status", "note", "max_meetings", "unavailable_blocks", "created"]
        read_only_fields = ["status", "created"]
        validators = []  # the service decides: a cancelled registration is re-opened, not duplicated


class MeetingRequestSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requester = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.all(), required=False,
                                                   help_text="Your registration; defaults to your accepted one at "
                                                             "the recipient's event.")
    recipient = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.all())
    requester_organisation = serializers.CharField(source="requester.organisation.name", read_only=True)
    recipient_organisation = serializers.CharField(source="recipient.organisation.name", read_only=True)

    class Meta:
        model = MeetingRequest
        fields = ["id", "event", "requester", "requester_organisation", "recipient", "recipient_organisation",
                  "message", "status", "expires_at", "responded_at", "created"]
        read_only_fields = ["status", "expires_at", "responded_at", "created"]


class AgendaSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    block = serializers.CharField(source="slot.block.name", read_only=True)
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "event", "starts_at", "ends_at", "block", "table", "participants"]

    def get_participants(self, meeting) -> list[dict]:
        return [{"id": p.pk, "organisation": p.organisation.slug, "name": p.organisation.name}
                for p in (meeting.participant_a, meeting.participant_b)]

