from rest_framework import serializers

from northern_connections.directory.models import NutsRegion, Organisation

from ..models import (
    ActionPoint,
    Board,
    BoardMeeting,
    Decision,
    MeetingDocument,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)


class PrioritySerializer(serializers.ModelSerializer):
    categories = serializers.SerializerMethodField()
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = StrategyPriority
        fields = ["id", "name", "description", "weight", "categories", "value_chains"]

    def get_categories(self, obj) -> list[dict]:
        return [{"dimension": c.dimension, "code": c.code, "name": c.name} for c in obj.categories.all()]


class StrategySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=NutsRegion.objects.all())
    maintainer = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    priorities = PrioritySerializer(many=True, read_only=True)
    measures = serializers.SerializerMethodField()
    barriers = serializers.SerializerMethodField()

    class Meta:
        model = RegionalStrategy
        fields = ["id", "slug", "region", "maintainer", "title", "period_start", "period_end", "adopting_body",
                  "adopted_on", "language", "document_url", "summary_en", "priorities", "measures", "barriers"]
        read_only_fields = ["id", "slug"]

    def validate(self, attrs):
        return attrs  # the services hold the rules

    def get_measures(self, obj) -> list[dict]:
        return [{"kind": m.kind, "title": m.title, "description": m.description} for m in obj.measures.all()]

    def get_barriers(self, obj) -> list[dict]:
        return [{"kind": b.kind, "description": b.description, "evidence": b.evidence,
                 "evidence_url": b.evidence_url} for b in obj.barriers.all()]


class BoardSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = Board
        fields = ["id", "slug", "kind", "name", "description", "members"]

    def get_members(self, obj) -> list[dict]:
        return [{"organisation": m.organisation.slug, "person": m.person_name, "role": m.role}
                for m in obj.members.all()]


class MeetingSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    agenda = serializers.SerializerMethodField()

    class Meta:
        model = BoardMeeting
        fields = ["id", "board", "title", "starts_at", "location", "agenda"]

    def get_agenda(self, obj) -> list[dict]:
        return [{"order": i.order, "title": i.title, "description": i.description} for i in obj.agenda.all()]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingDocument
        fields = ["id", "meeting", "kind", "title", "text", "internal"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "meeting", "agenda_item", "number", "text"]


class ActionPointSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ActionPoint
        fields = ["id", "decision", "title", "owner", "due_date", "status"]


class BriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyBrief
        fields = ["id", "meeting", "title", *PolicyBrief.SECTIONS, "status", "issued_at"]
        read_only_fields = ["id", "meeting", "status", "issued_at"]


class PlanGoalSerializer(serializers.ModelSerializer):
    actions = serializers.SerializerMethodField()

    class Meta:
        model = PlanGoal
        fields = ["id", "order", "title", "description", "actions"]

    def get_actions(self, obj) -> list[dict]:
        return [{"title": a.title, "owner": a.owner.slug, "deadline": a.deadline, "progress": a.progress,
                 "status": a.status, "decisions": [d.pk for d in a.decisions.all()]} for a in obj.actions.all()]
