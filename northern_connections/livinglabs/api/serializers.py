from rest_framework import serializers

from northern_connections.core.api.fields import VisibleSlugRelatedField
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain

from ..models import Candidate, Criterion, Decision, Demonstration, SelectionRound


class CandidateSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:candidate-detail", lookup_field="slug")
    proposed_by = VisibleSlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    hosts = VisibleSlugRelatedField(slug_field="slug", many=True, queryset=Organisation.objects.all(), required=False)
    region = serializers.SlugRelatedField(slug_field="code", queryset=NutsRegion.objects.filter(level=2))
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=ValueChain.objects.all(),
                                                required=False)
    facilities = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = Candidate
        fields = ["url", "slug", "name", "description", "status", "proposed_by", "hosts", "region", "site_type",
                  "value_chains", "themes", "trl_min", "trl_max", "facilities", "open_to_foreign_smes", "cost_model",
                  "access_conditions", "capacity", "ready_from", "contact_name", "contact_email", "latitude",
                  "longitude", "created", "updated"]
        read_only_fields = ["slug", "status", "created", "updated"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["code", "name", "description", "weight", "direction"]


class DecisionSerializer(serializers.ModelSerializer):
    candidate = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Decision
        fields = ["candidate", "selected", "score", "rank", "region_rank", "frequency"]


class RoundSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:selectionround-detail", lookup_field="slug")
    coordinator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = SelectionRound
        fields = ["url", "slug", "name", "description", "status", "coordinator", "per_region", "method",
                  "max_per_host", "min_value_chains_per_country", "perturbation", "samples", "seed", "decided_at",
                  "criteria", "decisions"]


class DemonstrationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:demonstration-detail", lookup_field="slug")
    lab = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    challenge = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Demonstration
        fields = ["url", "slug", "title", "lab", "lead", "partners", "challenge", "plan", "start_date", "end_date",
                  "trl_before", "trl_after", "trl_evidence", "results", "lessons_learned", "status"]
