from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from northern_connections.directory.models import NutsRegion, Organisation, ValueChain, ValueChainStep

from ..choices import TargetGroup
from ..coverage import ALL
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
    scope = serializers.CharField(default=ALL, max_length=8, help_text=_("A NUTS code (DK03, DK) or 'all'."))
    value_chain = serializers.SlugRelatedField(slug_field="slug", queryset=ValueChain.objects.all())

    def validate_scope(self, value: str) -> str:
        """The same rule as `gap_analysis --scope`: 'all' or an existing NUTS code, any case."""
        if value.strip().lower() == ALL:
            return ALL
        code = value.strip().upper()
        if not NutsRegion.objects.filter(code=code).exists():
            raise serializers.ValidationError(_("No NUTS region or country has this code."))
        return code
