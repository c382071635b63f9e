from rest_framework import serializers

from northern_connections.directory.models import NutsRegion, Organisation, ValueChain, ValueChainStep

from ..choices import TargetGroup
from ..models import SupportMeasure


class SupportMeasureSerializer(serializers.ModelSerializer):
    provider = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    areas = serializers.SlugRelatedField(slug_field="code", many=True, queryset=NutsRegion.objects.all())
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                queryset=ValueChain.objects.all())
    value_chain_steps = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                     queryset=ValueChainStep.objects.all())
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)

    class Meta:
        model = SupportMeasure
        fields = ["id", "slug", "provider", "name", "summary_en", "description", "description_language", "kind",
                  "scope", "areas", "eligibility", "value_chains", "value_chain_steps", "trl_min", "trl_max",
                  "target_groups", "budget_eur", "aid_intensity", "funding_source", "continuous", "deadline",
                  "website", "status", "last_verified"]
        read_only_fields = ["id", "slug", "status", "last_verified"]

    def validate(self, attrs):
        return attrs  # the services hold the rules (scope and areas, TRL range, verified provider)

    def update_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("provider", None)  # a measure stays with its provider
        return data


class CoverageQuerySerializer(serializers.Serializer):
    scope = serializers.CharField(default="all", max_length=8)
    value_chain = serializers.SlugRelatedField(slug_field="slug", queryset=ValueChain.objects.all())
